package lab.deadrelu.engine;

/**
 * Counts, for every hidden neuron, the samples on which it is active (z > 0), classifies it
 * (active / dead on the data set / permanently dead / saturated), sums its |a| over the data set (for
 * ReDo's dormancy, see {@link Dormancy}) and measures the loss, in one forward pass over the data set.
 * Buffers are reused: read the results before the next count().
 */
public final class Census {
    private static final int CHUNK = 128;

    private final Dataset data;
    private final int chunk;
    private final double[][][] a, z;
    /** ones: a row of 1.0 (the bias's "input"); activeLanes[h][i][s]: samples active so far at chunk position s. */
    private final double[] ones;
    private final double[][][] activeLanes;
    /** absLanes[h][i][s]: sum of |a| so far at chunk position s; meanAbs[h][i]: mean |a| over the data set. */
    private final double[][][] absLanes;
    private final double[][] meanAbs;
    private Dormancy dormancy;
    private final int[][] activeCount;
    private final NeuronState[][] states;
    private double loss;
    /** The network of the last count() (its weights stay until the next one: see Training) and maxZ() under it, once asked. */
    private Network counted;
    private double[][] maxZ;
    private Reach reach;
    /** max over samples of |x_j|, per input: how much a first-layer weight's drift can move z. */
    private final double[] largestInput;

    public Census(Network net, Dataset data) {
        this.data = data;
        this.chunk = Math.min(CHUNK, data.size());
        largestInput = new double[data.inputs()];
        for (double[] x : data.x) for (int j = 0; j < x.length; j++) largestInput[j] = Math.max(largestInput[j], Math.abs(x[j]));
        int layers = net.layers();
        a = new double[layers + 1][][];
        z = new double[layers][][];
        a[0] = new double[net.sizes[0]][chunk];
        for (int l = 0; l < layers; l++) {
            z[l] = new double[net.sizes[l + 1]][chunk];
            a[l + 1] = new double[net.sizes[l + 1]][chunk];
        }
        ones = new double[chunk];
        java.util.Arrays.fill(ones, 1.0);
        activeCount = new int[layers - 1][];
        activeLanes = new double[layers - 1][][];
        absLanes = new double[layers - 1][][];
        meanAbs = new double[layers - 1][];
        states = new NeuronState[layers - 1][];
        for (int h = 0; h < layers - 1; h++) {
            activeCount[h] = new int[net.sizes[h + 1]];
            activeLanes[h] = new double[net.sizes[h + 1]][chunk];
            absLanes[h] = new double[net.sizes[h + 1]][chunk];
            meanAbs[h] = new double[net.sizes[h + 1]];
            states[h] = new NeuronState[net.sizes[h + 1]];
        }
    }

    /**
     * How far momentum's or Adam's memory alone can still move a parameter: weight j into unit i of
     * weight layer l, or its bias (j = -1). See Moments.reach.
     */
    public interface Reach {
        double of(int layer, int unit, int input);
    }

    /** One pass over the data set under the network's current weights, trained by plain SGD. */
    public void count(Network net) {
        count(net, null);
    }

    /**
     * One pass over the data set under the network's current weights. `reach`: with momentum or Adam,
     * how far their memory may still move each parameter without a gradient (null for plain SGD:
     * nowhere). The proof of permanent death then holds for every parameter within that reach.
     */
    public void count(Network net, Reach reach) {
        this.reach = reach;
        counted = net;
        maxZ = null;
        dormancy = null;
        int n = data.size(), hidden = activeCount.length;
        boolean relu = net.activation == Activation.RELU;
        for (double[][] lanes : activeLanes) for (double[] lane : lanes) java.util.Arrays.fill(lane, 0.0);
        for (double[][] lanes : absLanes) for (double[] lane : lanes) java.util.Arrays.fill(lane, 0.0);
        for (int[] c : activeCount) java.util.Arrays.fill(c, 0);
        double sumLoss = 0;
        for (int start = 0; start < n; start += chunk) {
            int count = block(net, start);
            for (int h = 0; h < hidden; h++) {
                for (int i = 0; i < activeCount[h].length; i++) {
                    if (relu) {
                        countActive(a[h + 1][i], activeLanes[h][i], absLanes[h][i], count);
                    } else {
                        activeCount[h][i] += countPositive(z[h][i], count);
                        addAbs(a[h + 1][i], absLanes[h][i], count);
                    }
                }
            }
            double[] yHat = z[hidden][0];
            for (int s = 0; s < count; s++) {
                double r = yHat[s] - data.y[start + s];
                sumLoss += 0.5 * r * r;                                  // L = 1/2 (y-hat - y)^2
            }
        }
        if (relu) {
            for (int h = 0; h < hidden; h++) {
                for (int i = 0; i < activeCount[h].length; i++) activeCount[h][i] = total(activeLanes[h][i]);
            }
        }
        for (int h = 0; h < hidden; h++) {
            for (int i = 0; i < meanAbs[h].length; i++) meanAbs[h][i] = sumOf(absLanes[h][i]) / n;   // mean over the data set of |a|
        }
        loss = sumLoss / n;
        for (int h = 0; h < hidden; h++) {
            for (int i = 0; i < states[h].length; i++) states[h][i] = classify(net, h, i, activeCount[h][i]);
        }
    }

    /**
     * lanes[s] += 1 where the ReLU output a[s] > 0 (that is, z > 0): a SIMD-friendly count, summed up
     * by total(); abs[s] += a[s] (= |a|: ReLU's a is never negative).
     */
    private static void countActive(double[] a, double[] lanes, double[] abs, int count) {
        for (int s = 0; s < count; s++) {
            lanes[s] += Kernels.reluSlope(a[s]);
            abs[s] += a[s];
        }
    }

    /** abs[s] += |a[s]|. */
    private static void addAbs(double[] a, double[] abs, int count) {
        for (int s = 0; s < count; s++) abs[s] += Math.abs(a[s]);
    }

    /** The lanes' sum, lane 0 first: a fixed order, so the same bits every time. */
    private static double sumOf(double[] lanes) {
        double sum = 0;
        for (double v : lanes) sum += v;
        return sum;
    }

    /** Samples with z > 0. */
    private static int countPositive(double[] z, int count) {
        int active = 0;
        for (int s = 0; s < count; s++) active += z[s] > 0 ? 1 : 0;
        return active;
    }

    /** The sum of per-lane counts (whole numbers, so exact in any order). */
    private static int total(double[] lanes) {
        double sum = 0;
        for (double v : lanes) sum += v;
        return (int) sum;
    }

    /** Layers are classified bottom up, so a neuron's rule can read the states of the layer below. */
    private NeuronState classify(Network net, int h, int i, int active) {
        if (active > 0) return NeuronState.ACTIVE;
        if (!net.activation.canDie()) return NeuronState.SATURATED;
        boolean proof = reach == null ? provablyPermanent(net, h, i, h == 0 ? null : states[h - 1])
                : provablyPermanentWithin(net, h, i);
        return proof ? NeuronState.PERMANENTLY_DEAD : NeuronState.DEAD;
    }

    /**
     * A dead neuron gets no gradient on any sample, so its weights stay; it can only revive if its
     * inputs change. In the first hidden layer they are the fixed data. Deeper, z = sum_j w_ij a_j + b_i
     * with every a_j = ReLU(...) >= 0, and a_j = 0 for good when neuron j below is permanently dead
     * (its weights get no gradient either). So if every positive w_ij comes from a permanently dead j
     * (or there is none) and b_i <= 0, then z <= 0 whatever training does: death passed up the layers.
     * (Under plain SGD; with momentum or Adam only once the neuron's moments are 0, see count.)
     */
    static boolean provablyPermanent(Network net, int h, int i, NeuronState[] below) {
        if (h == 0) return true;
        double[] w = net.w[h][i];
        for (int j = 0; j < w.length; j++) if (w[j] > 0 && below[j] != NeuronState.PERMANENTLY_DEAD) return false;
        return net.b[h][i] <= 0;
    }

    /**
     * The same proof for every parameter within its reach (momentum, Adam). First layer: z can rise by
     * at most sum_j reach_j max|x_j| + reach_b above its largest value on the data. Deeper: a weight
     * that is or may become positive must come from a permanently dead neuron, and b + reach_b <= 0.
     */
    private boolean provablyPermanentWithin(Network net, int h, int i) {
        double[] w = net.w[h][i];
        double rise = reach.of(h, i, -1);
        if (h == 0) {
            for (int j = 0; j < w.length; j++) rise += reach.of(h, i, j) * largestInput[j];
            return maxZ()[0][i] + rise <= 0;
        }
        for (int j = 0; j < w.length; j++)
            if (w[j] + reach.of(h, i, j) > 0 && states[h - 1][j] != NeuronState.PERMANENTLY_DEAD) return false;
        return net.b[h][i] + rise <= 0;
    }

    /**
     * The largest z over the data set of every hidden neuron, [hidden layer][neuron], under the weights
     * of the last count() (z <= 0 on every sample exactly when it is <= 0; NaN if any z is NaN). One
     * blocked pass, the first time it is asked after a count(); the same array until the next count(): read it, never change it.
     */
    public double[][] maxZ() {
        if (maxZ == null) measure(-1, -1, null, null);
        return maxZ;
    }

    /**
     * z of hidden neuron (h, i) on every sample under the weights of the last count(), and y-hat of
     * every sample into `yHat` (of length n) unless it is null: the same numbers, bit for bit, as
     * Network.predict sample by sample, in one blocked pass (which measures maxZ() too if not yet done).
     */
    public double[] preActivations(int h, int i, double[] yHat) {
        double[] out = new double[data.size()];
        measure(h, i, out, yHat);
        return out;
    }

    /** One blocked pass: z of (h, i) into `out` and y-hat into `yHat` when they are not null, and maxZ if it is not known yet. */
    private void measure(int h, int i, double[] out, double[] yHat) {
        int hidden = activeCount.length, top = z.length - 1;
        double[][] max = null;
        if (maxZ == null) {
            max = new double[hidden][];
            for (int l = 0; l < hidden; l++) {
                max[l] = new double[activeCount[l].length];
                java.util.Arrays.fill(max[l], Double.NEGATIVE_INFINITY);
            }
        }
        for (int start = 0; start < data.size(); start += chunk) {
            int count = block(counted, start);
            if (out != null) System.arraycopy(z[h][i], 0, out, start, count);
            if (yHat != null) System.arraycopy(z[top][0], 0, yHat, start, count);
            for (int l = 0; max != null && l < hidden; l++) {
                double[] m = max[l];
                for (int k = 0; k < m.length; k++) {
                    double[] zk = z[l][k];
                    double largest = m[k];
                    for (int s = 0; s < count; s++) if (zk[s] > largest || Double.isNaN(zk[s])) largest = zk[s];
                    m[k] = largest;
                }
            }
        }
        if (max != null) maxZ = max;
    }

    /** The forward pass over the samples [start, start + chunk) into the buffers; returns how many there were. */
    private int block(Network net, int start) {
        int count = Math.min(chunk, data.size() - start);
        for (int j = 0; j < a[0].length; j++) System.arraycopy(data.columns[j], start, a[0][j], 0, count);
        Passes.forward(net, a, z, ones, count);
        return count;
    }

    /** Mean over the data set of |a| of hidden neuron (h, i), under the weights of the last count(). */
    public double meanAbsActivation(int hiddenLayer, int neuron) {
        return meanAbs[hiddenLayer][neuron];
    }

    /** ReDo's dormancy scores under the weights of the last count() (made once, when first asked). */
    public Dormancy dormancy() {
        if (dormancy == null) dormancy = Dormancy.of(meanAbs);
        return dormancy;
    }

    /** Mean 1/2 (y-hat - y)^2 over the data set. */
    public double loss() {
        return loss;
    }

    public int activeCount(int hiddenLayer, int neuron) {
        return activeCount[hiddenLayer][neuron];
    }

    public NeuronState state(int hiddenLayer, int neuron) {
        return states[hiddenLayer][neuron];
    }

    public int hiddenLayers() {
        return states.length;
    }

    public int width(int hiddenLayer) {
        return states[hiddenLayer].length;
    }

    public int samples() {
        return data.size();
    }

    /** Dead (on the data set or permanently) neurons in one hidden layer. */
    public int deadIn(int hiddenLayer) {
        return NeuronState.countDead(states[hiddenLayer]);
    }

    public int deadTotal() {
        return NeuronState.countDead(states);
    }

    /** A copy of the states, [hidden layer][neuron]. */
    public NeuronState[][] states() {
        NeuronState[][] copy = new NeuronState[states.length][];
        for (int h = 0; h < states.length; h++) copy[h] = states[h].clone();
        return copy;
    }
}
