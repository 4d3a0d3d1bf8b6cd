package lab.deadrelu.engine;

import java.util.Arrays;

/**
 * Everything that determines a training run, validated. Two runs with equal specs produce the
 * same numbers bit for bit: `seed` draws the weights and the shuffles, `dataSeed` the data set.
 *
 * @param layers       units per layer: inputs (1-8), hidden layers (1-8 of 1-64), then 1 output
 * @param batch        mini-batch size, 1..n (n = full batch)
 * @param initScale    `a` of the uniform(-a, a) initializer (ignored by the others)
 * @param weights      the weights for init = explicit, flattened by layer, neuron, input; else empty
 * @param opt          how a gradient becomes a step: plain SGD, momentum or Adam
 * @param redo         ReDo's periodic recycling of dormant neurons, or Recycling.OFF
 * @param shift        a moving target: the targets change every `shift` updates (see {@link Shift}); 0 = never
 */
public record TrainingSpec(int[] layers, Activation act, double alpha, boolean bias, double lr, int batch,
                           boolean shuffle, long seed, Initializer init, double initScale, double[] weights,
                           Target data, int n, double noise, boolean centred, long dataSeed, Optimizer opt, Recycling redo,
                           long shift) {

    /** A fixed target. */
    public TrainingSpec(int[] layers, Activation act, double alpha, boolean bias, double lr, int batch, boolean shuffle, long seed,
                        Initializer init, double initScale, double[] weights, Target data, int n, double noise, boolean centred, long dataSeed,
                        Optimizer opt, Recycling redo) {
        this(layers, act, alpha, bias, lr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, opt, redo, 0);
    }

    /** No recycling. */
    public TrainingSpec(int[] layers, Activation act, double alpha, boolean bias, double lr, int batch, boolean shuffle, long seed,
                        Initializer init, double initScale, double[] weights, Target data, int n, double noise, boolean centred, long dataSeed,
                        Optimizer opt) {
        this(layers, act, alpha, bias, lr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, opt, Recycling.OFF);
    }

    /** Plain SGD. */
    public TrainingSpec(int[] layers, Activation act, double alpha, boolean bias, double lr, int batch, boolean shuffle, long seed,
                        Initializer init, double initScale, double[] weights, Target data, int n, double noise, boolean centred, long dataSeed) {
        this(layers, act, alpha, bias, lr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, Optimizer.SGD);
    }

    public static final int MAX_HIDDEN_LAYERS = 8, MAX_WIDTH = 64, MAX_INPUTS = 8, MAX_SAMPLES = 10_000;
    public static final double MAX_LR = 1e6;

    public TrainingSpec {
        if (act == null) throw new InvalidParameter("act", "", "relu, leaky or elu");
        if (init == null) throw new InvalidParameter("init", "", "he, he-uniform, xavier, uniform, zeros or explicit");
        if (data == null) throw new InvalidParameter("data", "", "sin, linear, sum, quad or const");
        if (opt == null) opt = Optimizer.SGD;
        if (redo == null) redo = Recycling.OFF;
        Shift.check(shift);
        layers = layers.clone();
        weights = weights.clone();
        String shape = Arrays.toString(layers);
        if (layers.length < 3 || layers.length > MAX_HIDDEN_LAYERS + 2)
            throw new InvalidParameter("layers", shape, "inputs, 1 to 8 hidden layers and 1 output, e.g. 3-2-2-1");
        if (layers[0] < 1 || layers[0] > MAX_INPUTS)
            throw new InvalidParameter("layers", shape, "a first number (inputs) from 1 to 8");
        for (int l = 1; l < layers.length - 1; l++)
            if (layers[l] < 1 || layers[l] > MAX_WIDTH)
                throw new InvalidParameter("layers", shape, "hidden layers of 1 to 64 neurons");
        if (layers[layers.length - 1] != 1) throw new InvalidParameter("layers", shape, "ending in one output, e.g. 3-2-2-1");
        if (!(alpha > 0 && alpha <= 10)) throw new InvalidParameter("alpha", Double.toString(alpha), "a number in (0, 10]");
        if (!(lr > 0 && lr <= MAX_LR)) throw new InvalidParameter("lr", Double.toString(lr), "a number in (0, 1e6]");
        if (n < 1 || n > MAX_SAMPLES) throw new InvalidParameter("n", Integer.toString(n), "a whole number from 1 to 10000");
        if (batch < 1 || batch > n) throw new InvalidParameter("batch", Integer.toString(batch), "a whole number from 1 to n (" + n + ")");
        if (!(initScale > 0 && initScale <= 100)) throw new InvalidParameter("scale", Double.toString(initScale), "a number in (0, 100]");
        if (!(noise >= 0 && noise <= 10)) throw new InvalidParameter("noise", Double.toString(noise), "a number in [0, 10]");
        int count = weightCount(layers);
        if (init == Initializer.EXPLICIT && weights.length != count)
            throw new InvalidParameter("w", weights.length + " numbers", "exactly " + count + " numbers for layers " + shape);
        if (init != Initializer.EXPLICIT && weights.length != 0)
            throw new InvalidParameter("w", weights.length + " numbers", "given only with init=explicit");
        for (double v : weights)
            if (!(Math.abs(v) <= 1e6)) throw new InvalidParameter("w", Double.toString(v), "finite numbers in [-1e6, 1e6]");
    }

    public static int weightCount(int[] layers) {
        int count = 0;
        for (int l = 0; l + 1 < layers.length; l++) count += layers[l] * layers[l + 1];
        return count;
    }

    public int hiddenLayers() {
        return layers.length - 2;
    }

    /** "3-2-2-1" */
    public String shape() {
        StringBuilder s = new StringBuilder();
        for (int l = 0; l < layers.length; l++) s.append(l == 0 ? "" : "-").append(layers[l]);
        return s.toString();
    }

    public Dataset dataset() {
        return Dataset.generate(n, layers[0], data, noise, centred, dataSeed);
    }

    /** The network at step 0. */
    public Network initialNetwork() {
        Network net = new Network(layers, act, alpha, bias);
        if (init == Initializer.EXPLICIT) {
            int k = 0;
            for (double[][] layer : net.w) for (double[] row : layer) for (int j = 0; j < row.length; j++) row[j] = weights[k++];
        } else {
            net.initialize(init, initScale, Seeds.derive(seed, Seeds.INIT));
        }
        return net;
    }

    public TrainingSpec withLr(double newLr) {
        return new TrainingSpec(layers, act, alpha, bias, newLr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, opt, redo, shift);
    }

    public TrainingSpec withSeed(long newSeed) {
        return new TrainingSpec(layers, act, alpha, bias, lr, batch, shuffle, newSeed, init, initScale, weights, data, n, noise, centred, dataSeed, opt, redo, shift);
    }

    public TrainingSpec withActivation(Activation newAct, double newAlpha) {
        return new TrainingSpec(layers, newAct, newAlpha, bias, lr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, opt, redo, shift);
    }

    public TrainingSpec withOptimizer(Optimizer newOpt) {
        return new TrainingSpec(layers, act, alpha, bias, lr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, newOpt, redo, shift);
    }

    public TrainingSpec withRecycling(Recycling newRedo) {
        return new TrainingSpec(layers, act, alpha, bias, lr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, opt, newRedo, shift);
    }

    public TrainingSpec withShift(long newShift) {
        return new TrainingSpec(layers, act, alpha, bias, lr, batch, shuffle, seed, init, initScale, weights, data, n, noise, centred, dataSeed, opt, redo, newShift);
    }

    /** The phase of the targets after `updates` updates (see {@link Shift}). */
    public long phase(long updates) {
        return Shift.phase(updates, shift);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingSpec t && Arrays.equals(layers, t.layers) && act == t.act
                && Double.compare(alpha, t.alpha) == 0 && bias == t.bias && Double.compare(lr, t.lr) == 0
                && batch == t.batch && shuffle == t.shuffle && seed == t.seed && init == t.init
                && Double.compare(initScale, t.initScale) == 0 && Arrays.equals(weights, t.weights)
                && data == t.data && n == t.n && Double.compare(noise, t.noise) == 0 && centred == t.centred
                && dataSeed == t.dataSeed && opt.equals(t.opt) && redo.equals(t.redo) && shift == t.shift;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layers) * 31 + Arrays.hashCode(weights) * 17
                + java.util.Objects.hash(act, alpha, bias, lr, batch, shuffle, seed, init, initScale, data, n, noise, centred, dataSeed, opt, redo, shift);
    }

    @Override
    public String toString() {
        return "TrainingSpec[" + shape() + " " + act.code + " lr=" + lr + " seed=" + seed + (opt.isSgd() ? "" : " opt=" + opt.kind().code)
                + (redo.on() ? " redo=" + redo.tau() + "/" + redo.every() : "") + (shift > 0 ? " shift=" + shift : "") + "]";
    }
}
