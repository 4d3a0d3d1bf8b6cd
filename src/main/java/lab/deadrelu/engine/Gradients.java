package lab.deadrelu.engine;

/** Splits dL/dw for one weight on one sample into the chain-rule factors of the post. */
public final class Gradients {
    private Gradients() {}

    public static GradientFactors decompose(Network net, Dataset data, int sample, WeightRef ref, double lr) {
        int layers = net.layers();
        check(net, ref);
        double[][] z = net.unitBuffers(), a = net.unitBuffers();
        double[] x = data.x[sample];
        double yHat = net.predict(x, z, a);
        double error = yHat - data.y[sample];                            // y-hat - y

        // d(y-hat)/d(a) for every unit, back from the output: dy/da_j = sum_i w_ij f'(z_i) dy/da_i
        double[][] dyda = net.unitBuffers();
        dyda[layers - 1][0] = 1.0;
        for (int l = layers - 1; l > ref.layer(); l--) {
            for (int j = 0; j < net.sizes[l]; j++) {
                double sum = 0;
                for (int i = 0; i < net.sizes[l + 1]; i++) sum += net.w[l][i][j] * slope(net, l, z[l][i]) * dyda[l][i];
                dyda[l - 1][j] = sum;
            }
        }
        int l = ref.layer(), i = ref.to();
        double downstream = dyda[l][i];
        double derivative = slope(net, l, z[l][i]);                      // f'(z_i)
        double upstream = ref.isBias() ? 1.0 : (l == 0 ? x[ref.from()] : a[l - 1][ref.from()]);
        double gradient = error * downstream * derivative * upstream;    // dL/dw = (y-hat - y) dy/da f'(z) a_j
        double before = ref.isBias() ? net.b[l][i] : net.w[l][i][ref.from()];
        double change = lr * gradient;
        return new GradientFactors(sample, upstream, error, downstream, derivative, gradient, lr, change, before, before - change);
    }

    /** Refuses a parameter the network does not have (a bias when biases are off included). */
    static void check(Network net, WeightRef ref) {
        if (ref.layer() < 0 || ref.layer() >= net.layers() || ref.to() < 0 || ref.to() >= net.sizes[ref.layer() + 1]
                || ref.from() < WeightRef.BIAS || ref.from() >= net.sizes[ref.layer()])
            throw new IllegalArgumentException("no weight " + ref + " in a network of shape " + java.util.Arrays.toString(net.sizes));
        if (ref.isBias() && !net.biased) throw new IllegalArgumentException("biases are off: there is no " + ref.name());
    }

    /** f'(z) of a unit of layer l+1: the hidden activation's slope, or 1 for the linear output. */
    private static double slope(Network net, int l, double z) {
        return l == net.layers() - 1 ? 1.0 : net.activation.derivative(z, net.alpha);
    }
}
