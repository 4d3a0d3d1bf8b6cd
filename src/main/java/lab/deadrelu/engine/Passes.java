package lab.deadrelu.engine;

/**
 * Forward and backward passes over a block of samples, samples as the inner loop (so HotSpot can
 * vectorise them). Sums run over j (or i) in ascending order, exactly as Network.predict and the
 * per-sample path do, so every path gives bit-identical z, gradients and weights.
 */
final class Passes {
    private Passes() {}

    /**
     * z[l][i][s] = b_i + sum_j w_ij a[l][j][s];  a[l+1][i][s] = f(z) (hidden) or z (output).
     * a[0] holds the inputs by column; s runs over [0, count).
     */
    static void forward(Network net, double[][][] a, double[][][] z, int count) {
        int layers = net.w.length;
        for (int l = 0; l < layers; l++) {
            double[][] in = a[l];
            double[][] wl = net.w[l];
            for (int i = 0; i < wl.length; i++) {
                double[] zi = z[l][i];
                double[] row = wl[i];
                java.util.Arrays.fill(zi, 0, count, net.b[l][i]);
                int j = 0;
                for (; j + 3 < row.length; j += 4) {                   // four inputs per sweep, same order
                    double w0 = row[j], w1 = row[j + 1], w2 = row[j + 2], w3 = row[j + 3];
                    double[] a0 = in[j], a1 = in[j + 1], a2 = in[j + 2], a3 = in[j + 3];
                    for (int s = 0; s < count; s++) zi[s] = zi[s] + w0 * a0[s] + w1 * a1[s] + w2 * a2[s] + w3 * a3[s];
                }
                for (; j < row.length; j++) {
                    double wj = row[j];
                    double[] aj = in[j];
                    for (int s = 0; s < count; s++) zi[s] += wj * aj[s];
                }
                activate(net, l < layers - 1, zi, a[l + 1][i], count);
            }
        }
    }

    private static void activate(Network net, boolean hidden, double[] z, double[] out, int count) {
        if (!hidden) {
            System.arraycopy(z, 0, out, 0, count);
            return;
        }
        double alpha = net.alpha;
        switch (net.activation) {
            case RELU -> { for (int s = 0; s < count; s++) out[s] = z[s] > 0 ? z[s] : 0.0; }
            case LEAKY -> { for (int s = 0; s < count; s++) out[s] = z[s] > 0 ? z[s] : alpha * z[s]; }
            case ELU -> { for (int s = 0; s < count; s++) out[s] = Activation.ELU.apply(z[s], alpha); }
        }
    }

    /**
     * Given delta[L-1][0][s] = dL/dz of the output, fills grad[l][i][j] = sum_s delta_i a_j and
     * gradB[l][i] = sum_s delta_i (sums, not means), back-propagating
     * delta[l-1][j][s] = f'(z_j) * sum_i w_ij delta_i.
     */
    static void backward(Network net, double[][][] a, double[][][] z, double[][][] delta,
                         double[][][] grad, double[][] gradB, int count) {
        for (int l = net.w.length - 1; l >= 0; l--) {
            double[][] wl = net.w[l];
            double[][] dl = delta[l];
            double[][] in = a[l];
            for (int i = 0; i < wl.length; i++) {
                double[] di = dl[i];
                double[] gi = grad[l][i];
                for (int j = 0; j < gi.length; j++) {
                    double[] aj = in[j];
                    double g = 0;
                    for (int s = 0; s < count; s++) g += di[s] * aj[s];  // dL/dw_ij = sum_s delta_i a_j
                    gi[j] = g;
                }
                double gb = 0;
                for (int s = 0; s < count; s++) gb += di[s];            // dL/db_i = sum_s delta_i
                gradB[l][i] = gb;
            }
            if (l == 0) break;
            double[][] below = delta[l - 1];
            double[][] zBelow = z[l - 1];
            for (int j = 0; j < below.length; j++) java.util.Arrays.fill(below[j], 0, count, 0.0);
            for (int i = 0; i < wl.length; i++) {
                double[] row = wl[i];
                double[] di = dl[i];
                for (int j = 0; j < row.length; j++) {
                    double wij = row[j];
                    double[] e = below[j];
                    for (int s = 0; s < count; s++) e[s] += wij * di[s];  // dL/da_j = sum_i w_ij delta_i
                }
            }
            for (int j = 0; j < below.length; j++) derive(net, below[j], zBelow[j], count);
        }
    }

    /** delta_j = dL/da_j * f'(z_j), in place. */
    private static void derive(Network net, double[] e, double[] z, int count) {
        double alpha = net.alpha;
        switch (net.activation) {
            case RELU -> { for (int s = 0; s < count; s++) e[s] = z[s] > 0 ? e[s] : e[s] * 0.0; }
            case LEAKY -> { for (int s = 0; s < count; s++) e[s] = z[s] > 0 ? e[s] : e[s] * alpha; }
            case ELU -> { for (int s = 0; s < count; s++) e[s] = e[s] * Activation.ELU.derivative(z[s], alpha); }
        }
    }
}
