package lab.deadrelu.engine;

/**
 * Test helper: a TrainingSpec with the post's defaults (3-2-2-1, ReLU, no biases, per-sample SGD in
 * a fixed order, He-normal weights, n = 8 samples of the sin target in [0,1)^3), changed one field
 * at a time.
 */
final class SpecBuilder {
    int[] layers = {3, 2, 2, 1};
    Activation act = Activation.RELU;
    double alpha = 0.01;
    boolean bias = false;
    double lr = 0.05;
    int batch = 1;
    boolean shuffle = false;
    long seed = 7;
    Initializer init = Initializer.HE;
    double initScale = 1.0;
    double[] weights = new double[0];
    Target data = Target.SIN;
    int n = 8;
    double noise = 0.0;
    boolean centred = false;
    long dataSeed = 1;

    static SpecBuilder post() {
        return new SpecBuilder();
    }

    SpecBuilder layers(int... v) { layers = v; return this; }
    SpecBuilder act(Activation v) { act = v; alpha = v.defaultAlpha(); return this; }
    SpecBuilder act(Activation v, double a) { act = v; alpha = a; return this; }
    SpecBuilder bias(boolean v) { bias = v; return this; }
    SpecBuilder lr(double v) { lr = v; return this; }
    SpecBuilder batch(int v) { batch = v; return this; }
    SpecBuilder shuffle(boolean v) { shuffle = v; return this; }
    SpecBuilder seed(long v) { seed = v; return this; }
    SpecBuilder init(Initializer v) { init = v; return this; }
    SpecBuilder initScale(double v) { initScale = v; return this; }
    SpecBuilder data(Target v) { data = v; return this; }
    SpecBuilder n(int v) { n = v; return this; }
    SpecBuilder noise(double v) { noise = v; return this; }
    SpecBuilder centred(boolean v) { centred = v; return this; }
    SpecBuilder dataSeed(long v) { dataSeed = v; return this; }

    /** init = explicit with these weights, flattened by layer, neuron, input. */
    SpecBuilder weights(double... v) { init = Initializer.EXPLICIT; weights = v; return this; }

    TrainingSpec build() {
        return new TrainingSpec(layers, act, alpha, bias, lr, batch, shuffle, seed, init, initScale, weights,
                data, n, noise, centred, dataSeed);
    }
}
