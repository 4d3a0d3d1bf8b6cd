package lab.deadrelu.engine;

/**
 * The forward pass over a block of samples, samples as the inner loop (so HotSpot can vectorise
 * them), for the census. Each z is summed exactly as Network.predict sums it, z_i = b_i + w_i0 a_0
 * + w_i1 a_1 + ... (j ascending), so every path gives bit-identical z.
 */
final class Passes {
    private Passes() {}

    /**
     * z[l][i][s] = b_i + sum_j w_ij a[l][j][s];  a[l+1][i][s] = f(z) for hidden units (the output's
     * z is not copied to a). a[0] holds the inputs by column; s runs over [0, count); `ones` is a
     * row of at least `count` ones.
     * <p>
     * ReLU is first computed as max(z, 0), which compiles to SIMD code but differs from
     * (z > 0 ? z : 0) when z is NaN (NaN instead of 0). A NaN activation makes every later z NaN
     * (w * NaN is NaN for every finite w), so the output shows it: if any output is NaN the block
     * is computed again with the exact ReLU.
     */
    static void forward(Network net, double[][][] a, double[][][] z, double[] ones, int count) {
        boolean fast = net.activation.hasFastRow();
        forward(net, a, z, ones, count, fast);
        if (fast && anyNaN(z[net.layers() - 1][0], count)) forward(net, a, z, ones, count, false);
    }

    private static void forward(Network net, double[][][] a, double[][][] z, double[] ones, int count, boolean fast) {
        int top = net.layers() - 1;
        for (int l = 0; l <= top; l++) {
            double[][] wl = net.w[l];
            for (int i = 0; i < wl.length; i++) {
                double[] zi = z[l][i];
                Kernels.combineOverSamples(zi, net.b[l][i], ones, a[l], wl[i], count);   // z_i = b_i 1 + w_i0 a_0 + w_i1 a_1 + ...
                if (l < top) net.activation.applyRow(zi, a[l + 1][i], count, net.alpha, fast);   // a_i = f(z_i)
            }
        }
    }

    private static boolean anyNaN(double[] v, int count) {
        for (int s = 0; s < count; s++) if (Double.isNaN(v[s])) return true;
        return false;
    }
}
