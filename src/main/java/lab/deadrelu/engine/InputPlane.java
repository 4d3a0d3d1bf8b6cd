package lab.deadrelu.engine;

/**
 * Every hidden neuron's activation over a square of two inputs, the other inputs held fixed: the
 * picture of a neuron over its inputs. Input u runs left to right, input v bottom to top, each over
 * [lo, hi]; the grid's cells are sampled at their centres, row 0 at the top.
 *
 * @param size   cells per side
 * @param u      the input along the horizontal axis (0-based)
 * @param v      the input along the vertical axis (0-based)
 * @param base   the inputs the plane passes through: u and v vary, the others stay at these values
 * @param a      a[h][i][row * size + col]: the activation of hidden neuron i of hidden layer h at that cell, for
 *               the first hidden layers asked for
 */
public record InputPlane(int size, double lo, double hi, int u, int v, double[] base, double[][][] a) {

    /**
     * The plane through `base` along inputs u and v, drawn from the weights of `snap`, for its first `hidden`
     * hidden layers (the layers above would cost work and not be drawn).
     */
    public static InputPlane of(Snapshot snap, int u, int v, double[] base, double lo, double hi, int size, int hidden) {
        if (u == v || u < 0 || v < 0 || u >= base.length || v >= base.length) throw new IllegalArgumentException("two different inputs of " + base.length);
        double[][][] w = snap.weights();
        if (hidden < 1 || hidden > w.length - 1) throw new IllegalArgumentException("1 to " + (w.length - 1) + " hidden layers");
        double[][][] a = new double[hidden][][];
        for (int h = 0; h < hidden; h++) a[h] = new double[w[h].length][size * size];
        double[] x = base.clone();
        double[][] units = new double[hidden][];
        for (int h = 0; h < hidden; h++) units[h] = new double[w[h].length];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                x[u] = lo + (col + 0.5) / size * (hi - lo);
                x[v] = hi - (row + 0.5) / size * (hi - lo);
                forward(snap, x, units);
                for (int h = 0; h < hidden; h++) for (int i = 0; i < units[h].length; i++) a[h][i][row * size + col] = units[h][i];
            }
        }
        return new InputPlane(size, lo, hi, u, v, base.clone(), a);
    }

    /** The hidden layers' activations at one input vector x, [hidden layer][neuron]. */
    public static double[][] activations(Snapshot snap, double[] x) {
        double[][] units = new double[snap.weights().length - 1][];
        for (int h = 0; h < units.length; h++) units[h] = new double[snap.weights()[h].length];
        forward(snap, x, units);
        return units;
    }

    /** The hidden layers' activations at input x: z_i = b_i + sum_j w_ij a_j, a_i = f(z_i). */
    static void forward(Snapshot snap, double[] x, double[][] units) {
        double[] in = x;
        for (int h = 0; h < units.length; h++) {
            double[][] w = snap.weights()[h];
            double[] b = snap.biases()[h];
            for (int i = 0; i < w.length; i++) {
                double z = b[i];
                for (int j = 0; j < w[i].length; j++) z += w[i][j] * in[j];
                units[h][i] = snap.activation().apply(z, snap.alpha());
            }
            in = units[h];
        }
    }

    /** The largest activation of neuron (h, i) anywhere on the grid (0 when it is off everywhere). */
    public double max(int h, int i) {
        double m = 0;
        for (double value : a[h][i]) if (value > m) m = value;
        return m;
    }
}
