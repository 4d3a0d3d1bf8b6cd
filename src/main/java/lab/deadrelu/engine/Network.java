package lab.deadrelu.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A multi-layer perceptron's parameters: sizes[0] inputs, hidden layers, one linear output.
 * w[l][i][j] is the weight from unit j of layer l into unit i of layer l+1 (layer 0 = the inputs);
 * b[l][i] the bias of that unit (kept at 0 when biases are off). Hidden units use `activation`.
 */
public final class Network {
    public final int[] sizes;
    public final double[][][] w;
    public final double[][] b;
    public final boolean biased;
    Activation activation;
    double alpha;

    public Network(int[] sizes, Activation activation, double alpha, boolean biased) {
        if (sizes.length < 3 || sizes[sizes.length - 1] != 1)
            throw new IllegalArgumentException("need inputs, at least one hidden layer and one output");
        this.sizes = sizes.clone();
        this.activation = activation;
        this.alpha = alpha;
        this.biased = biased;
        int layers = sizes.length - 1;
        w = new double[layers][][];
        b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l + 1]][sizes[l]];
            b[l] = new double[sizes[l + 1]];
        }
    }

    /** Number of weight layers (hidden layers + 1). */
    public int layers() {
        return w.length;
    }

    public int hiddenLayers() {
        return w.length - 1;
    }

    public int hiddenNeurons() {
        int count = 0;
        for (int l = 1; l < sizes.length - 1; l++) count += sizes[l];
        return count;
    }

    public Activation activation() {
        return activation;
    }

    public double alpha() {
        return alpha;
    }

    public void setActivation(Activation activation, double alpha) {
        this.activation = activation;
        this.alpha = alpha;
    }

    /** Draws every weight from `init` (in the order layer, neuron, input); biases back to 0. */
    public void initialize(Initializer init, double scale, SplittableRandom rng) {
        for (int l = 0; l < w.length; l++) {
            for (int i = 0; i < w[l].length; i++) drawNeuron(l, i, init, scale, rng);
        }
    }

    /** Re-draws the incoming weights of unit i of layer l+1 and zeroes its bias. */
    public void drawNeuron(int l, int i, Initializer init, double scale, SplittableRandom rng) {
        int fanIn = sizes[l], fanOut = sizes[l + 2 < sizes.length ? l + 2 : l + 1];
        for (int j = 0; j < fanIn; j++) w[l][i][j] = init.draw(rng, fanIn, fanOut, scale);
        b[l][i] = 0.0;
    }

    public Network copy() {
        Network n = new Network(sizes, activation, alpha, biased);
        n.copyFrom(this);
        return n;
    }

    /** Copies the parameters (and activation) of a network of the same shape. */
    public void copyFrom(Network other) {
        for (int l = 0; l < w.length; l++) {
            for (int i = 0; i < w[l].length; i++) System.arraycopy(other.w[l][i], 0, w[l][i], 0, w[l][i].length);
            System.arraycopy(other.b[l], 0, b[l], 0, b[l].length);
        }
        activation = other.activation;
        alpha = other.alpha;
    }

    /** y-hat for one input vector, with each layer's z and a written to the given buffers. */
    public double predict(double[] x, double[][] z, double[][] a) {
        double[] in = x;
        for (int l = 0; l < w.length; l++) {
            boolean hidden = l < w.length - 1;
            for (int i = 0; i < w[l].length; i++) {
                double zi = b[l][i];                                 // z_i = b_i + sum_j w_ij a_j
                double[] row = w[l][i];
                for (int j = 0; j < row.length; j++) zi += row[j] * in[j];
                z[l][i] = zi;
                a[l][i] = hidden ? activation.apply(zi, alpha) : zi; // a_i = f(z_i); the output is linear
            }
            in = a[l];
        }
        return a[w.length - 1][0];
    }

    /** Buffers shaped like the units of layers 1..L, for predict(). */
    public double[][] unitBuffers() {
        double[][] buf = new double[w.length][];
        for (int l = 0; l < w.length; l++) buf[l] = new double[sizes[l + 1]];
        return buf;
    }

    public boolean sameParameters(Network other) {
        return Arrays.deepEquals(w, other.w) && Arrays.deepEquals(b, other.b);
    }
}
