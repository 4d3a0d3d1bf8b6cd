package lab.deadrelu.engine;

/**
 * The network's arithmetic written as plainly as the post writes it, to read next to the post's
 * formulas: a forward pass, a backward pass (the chain rule, layer by layer), a plain SGD step.
 * Nothing here is fast; the engine's fast paths (PerSampleSgd, MiniBatchSgd, Passes) compute the
 * same numbers, bit for bit, because they add the same terms in the same order (ReferenceTest).
 * <p>
 * Notation: layer 0 is the input x; w[l][i][j] is the weight from unit j of layer l into unit i of
 * layer l+1, b[l][i] that unit's bias; hidden units apply f (ReLU, Leaky ReLU or ELU), the output is
 * linear; the loss on one sample is L = 1/2 (y-hat - y)^2.
 */
public final class Reference {
    private Reference() {}

    /** z[l][i] and a[l][i] of every unit of layers 1..L (index l-1), for one input. */
    public record Pass(double[][] z, double[][] a) {
        /** y-hat: the output unit's a (= its z, the output is linear). */
        public double yHat() {
            return a[a.length - 1][0];
        }
    }

    /** dL/dw[l][i][j] and dL/db[l][i] on one sample, or their mean over a batch. */
    public record Gradient(double[][][] w, double[][] b) {}

    /** Forward: z_i = b_i + w_i1 a_1 + w_i2 a_2 + ... (in that order), a_i = f(z_i) in hidden layers, y-hat = z_out. */
    public static Pass forward(Network net, double[] x) {
        int layers = net.layers();
        double[][] z = new double[layers][], a = new double[layers][];
        double[] in = x;
        for (int l = 0; l < layers; l++) {
            int units = net.sizes[l + 1];
            z[l] = new double[units];
            a[l] = new double[units];
            for (int i = 0; i < units; i++) {
                double zi = net.b[l][i];
                for (int j = 0; j < in.length; j++) zi = zi + net.w[l][i][j] * in[j];    // z = w·x + b
                z[l][i] = zi;
                boolean output = l == layers - 1;
                a[l][i] = output ? zi : net.activation.apply(zi, net.alpha);             // a = f(z); y-hat = z
            }
            in = a[l];
        }
        return new Pass(z, a);
    }

    /**
     * Backward, for one sample (x, y): delta = dL/dz of every unit, from the output down.
     * <pre>
     *   delta_out = dL/dy-hat = y-hat - y
     *   delta_j   = f'(z_j) · (w_1j delta_1 + w_2j delta_2 + ...)     (the layer above, i ascending)
     *   dL/dw_ij  = delta_i · a_j        dL/db_i = delta_i
     * </pre>
     * A neuron with z_j ≤ 0 has f'(z_j) = 0 under ReLU: its delta is 0, and so is the gradient of
     * every weight into it. On a sample where that holds for all of them, it learns nothing.
     */
    public static Gradient backward(Network net, double[] x, double y) {
        Pass p = forward(net, x);
        int layers = net.layers(), top = layers - 1;
        double[][] delta = new double[layers][];
        delta[top] = new double[] {p.yHat() - y};                                            // dL/dy-hat = y-hat - y
        for (int l = top; l > 0; l--) {
            delta[l - 1] = new double[net.sizes[l]];
            for (int j = 0; j < net.sizes[l]; j++) {
                double dLda = 0;
                for (int i = 0; i < net.sizes[l + 1]; i++) dLda = dLda + net.w[l][i][j] * delta[l][i];   // dL/da_j = sum_i w_ij delta_i
                delta[l - 1][j] = dLda * net.activation.derivative(p.z()[l - 1][j], net.alpha);       // delta_j = dL/da_j f'(z_j)
            }
        }
        double[][][] gw = new double[layers][][];
        double[][] gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            double[] in = l == 0 ? x : p.a()[l - 1];
            gw[l] = new double[net.sizes[l + 1]][net.sizes[l]];
            gb[l] = new double[net.sizes[l + 1]];
            for (int i = 0; i < net.sizes[l + 1]; i++) {
                for (int j = 0; j < net.sizes[l]; j++) gw[l][i][j] = delta[l][i] * in[j];    // dL/dw_ij = delta_i a_j
                gb[l][i] = delta[l][i];                                                       // dL/db_i = delta_i
            }
        }
        return new Gradient(gw, gb);
    }

    /**
     * The mean gradient over the samples: g = (0 + g_1 + g_2 + ... + g_B) / B (samples in the given
     * order); with one sample, that sample's gradient as it is.
     */
    public static Gradient meanGradient(Network net, Dataset data, int[] samples) {
        if (samples.length == 1) return backward(net, data.x[samples[0]], data.y[samples[0]]);
        Gradient sum = null;
        for (int s : samples) {
            Gradient g = backward(net, data.x[s], data.y[s]);
            if (sum == null) sum = zerosLike(g);
            for (int l = 0; l < g.w().length; l++) {
                for (int i = 0; i < g.w()[l].length; i++) {
                    for (int j = 0; j < g.w()[l][i].length; j++) sum.w()[l][i][j] = sum.w()[l][i][j] + g.w()[l][i][j];
                    sum.b()[l][i] = sum.b()[l][i] + g.b()[l][i];
                }
            }
        }
        for (int l = 0; l < sum.w().length; l++) {
            for (int i = 0; i < sum.w()[l].length; i++) {
                for (int j = 0; j < sum.w()[l][i].length; j++) sum.w()[l][i][j] = sum.w()[l][i][j] / samples.length;
                sum.b()[l][i] = sum.b()[l][i] / samples.length;
            }
        }
        return sum;
    }

    /**
     * One step of plain SGD on these samples: w <- w - lambda g and b <- b - lambda g_b (biases only
     * when the network has them), every gradient taken from the weights before the step.
     */
    public static void step(Network net, Dataset data, int[] samples, double lr) {
        Gradient g = meanGradient(net, data, samples);
        for (int l = 0; l < net.layers(); l++) {
            for (int i = 0; i < net.sizes[l + 1]; i++) {
                for (int j = 0; j < net.sizes[l]; j++) net.w[l][i][j] = net.w[l][i][j] - lr * g.w()[l][i][j];   // w <- w - λ ∂L/∂w
                if (net.biased) net.b[l][i] = net.b[l][i] - lr * g.b()[l][i];                                // b <- b - λ ∂L/∂b
            }
        }
    }

    /** Dead on the data set: z ≤ 0 on every sample, so a = 0 and every incoming gradient is 0 (hidden layer h, 0-based). */
    public static boolean deadOnData(Network net, Dataset data, int h, int i) {
        for (double[] x : data.x) if (forward(net, x).z()[h][i] > 0) return false;
        return true;
    }

    private static Gradient zerosLike(Gradient g) {
        double[][][] w = new double[g.w().length][][];
        double[][] b = new double[g.b().length][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[g.w()[l].length][g.w()[l][0].length];
            b[l] = new double[g.b()[l].length];
        }
        return new Gradient(w, b);
    }
}
