package lab.deadrelu.engine;

/**
 * What momentum and Adam remember between steps, one number (momentum: v) or two (Adam: m and v)
 * per parameter, shaped like the network's weights and biases, and Adam's update count t. Plain SGD
 * remembers nothing and has no Moments. A step that is refused (a weight would become inf or NaN)
 * puts the moments back as they were.
 */
final class Moments {
    final Optimizer opt;
    /** Momentum's velocity, or Adam's first moment, as of the last step. */
    double[][][] mW;
    double[][] mB;
    /** Adam's second moment (null for momentum). */
    double[][][] vW;
    double[][] vB;
    long t;
    /**
     * A step writes the new moments here, reading the current ones; commit() swaps the two, so a refused
     * step, or one undone right after, costs no copy: the moments before it are still in the other set.
     */
    private double[][][] nextMW, nextVW;
    private double[][] nextMB, nextVB;
    /** Adam's bias corrections for the current step: 1 - beta1^t and 1 - beta2^t. */
    private double c1, c2;

    Moments(Optimizer opt, Network net) {
        if (opt.isSgd()) throw new IllegalArgumentException("plain SGD keeps no moments");
        this.opt = opt;
        boolean adam = opt.kind() == Optimizer.Kind.ADAM;
        mW = weightsLike(net);
        mB = net.unitBuffers();
        nextMW = weightsLike(net);
        nextMB = net.unitBuffers();
        vW = adam ? weightsLike(net) : null;
        vB = adam ? net.unitBuffers() : null;
        nextVW = adam ? weightsLike(net) : null;
        nextVB = adam ? net.unitBuffers() : null;
    }

    private static double[][][] weightsLike(Network net) {
        double[][][] a = new double[net.layers()][][];
        for (int l = 0; l < a.length; l++) a[l] = new double[net.sizes[l + 1]][net.sizes[l]];
        return a;
    }

    /** Before a step's updates (which must update every weight, and every bias when there are biases): t <- t + 1 and the bias corrections. */
    void begin() {
        t++;
        if (vW != null) {
            c1 = 1 - StrictMath.pow(opt.beta1(), t);
            c2 = 1 - StrictMath.pow(opt.beta2(), t);
        }
    }

    /** The step was taken: its moments become the current ones. */
    void commit() {
        double[][][] w = mW; mW = nextMW; nextMW = w;
        double[][] b = mB; mB = nextMB; nextMB = b;
        if (vW != null) {
            w = vW; vW = nextVW; nextVW = w;
            b = vB; vB = nextVB; nextVB = b;
        }
    }

    /** The step was refused: the moments stay as they were, t too. */
    void abandon() {
        t--;
    }

    /** The last committed step is undone (its outputs overflowed): the moments and t as before it. */
    void undo() {
        commit();   // swapping back
        t--;
    }

    /**
     * Updates the incoming weights w of unit i of layer l+1 from their mean gradients g, by the rule;
     * returns false if a new weight is inf or NaN. One loop per rule over the row, which the JIT turns
     * into vector instructions (sqrt and division included): Adam's memory costs little next to the gradient.
     */
    boolean updateRow(int l, int i, double[] w, double[] g, double lr) {
        double[] m = mW[l][i], mNext = nextMW[l][i];
        if (vW == null) {
            double beta = opt.beta();
            for (int j = 0; j < w.length; j++) {
                double vj = flush(beta * m[j] + g[j]);                       // v <- beta v + g
                mNext[j] = vj;
                w[j] = w[j] - lr * vj;                                      // w <- w - lambda v
            }
            return finite(w);
        }
        double[] v = vW[l][i], vNext = nextVW[l][i];
        double b1 = opt.beta1(), b2 = opt.beta2(), eps = opt.eps(), c1 = this.c1, c2 = this.c2;
        for (int j = 0; j < w.length; j++) {
            double gj = g[j];
            double mj = flush(b1 * m[j] + (1 - b1) * gj);                    // m <- beta1 m + (1 - beta1) g
            double vj = flush(b2 * v[j] + (1 - b2) * (gj * gj));             // v <- beta2 v + (1 - beta2) g^2
            mNext[j] = mj;
            vNext[j] = vj;
            w[j] = w[j] - lr * (mj / c1) / (Math.sqrt(vj / c2) + eps);      // w <- w - lambda m^ / (sqrt(v^) + eps)
        }
        return finite(w);
    }

    /**
     * A moment below the smallest normal double (2^-1022) is kept as 0. Without it a parameter whose gradient
     * stays 0 (a dead neuron's) has its moment shrink by beta every step into subnormal numbers and stick at the
     * smallest one (beta times it rounds back to it), and arithmetic on subnormals is many times slower: Adam
     * on the deep benchmark ran at a seventh of SGD's speed. Such a moment could move a weight by less than
     * lr * 1e-300. NaN stays NaN (the step is then refused).
     */
    static double flush(double moment) {
        return Math.abs(moment) < Double.MIN_NORMAL ? 0.0 : moment;
    }

    /** No inf or NaN in the row (a loop of its own: a running check in the update loop would keep it from vectorizing). */
    private static boolean finite(double[] w) {
        boolean ok = true;
        for (double x : w) ok &= Math.abs(x) <= Double.MAX_VALUE;
        return ok;
    }

    /** What the bias's update subtracts, given its gradient g, by the same arithmetic as updateRow. */
    double biasStep(int l, int i, double g, double lr) {
        if (vW == null) {
            double vk = flush(opt.beta() * mB[l][i] + g);                    // v <- beta v + g
            nextMB[l][i] = vk;
            return lr * vk;
        }
        double mk = flush(opt.beta1() * mB[l][i] + (1 - opt.beta1()) * g);
        double vk = flush(opt.beta2() * vB[l][i] + (1 - opt.beta2()) * (g * g));
        nextMB[l][i] = mk;
        nextVB[l][i] = vk;
        return lr * (mk / c1) / (Math.sqrt(vk / c2) + opt.eps());
    }

    /** The update the rule made of parameter (l, i, j) (j = -1: the bias) at the last step, from what it remembers now. */
    OptimizerStep last(int l, int i, int j, double lr) {
        double m = j < 0 ? mB[l][i] : mW[l][i][j];
        if (vW == null) return new OptimizerStep(opt.kind(), m, Double.NaN, Double.NaN, Double.NaN, lr * m);
        double v = j < 0 ? vB[l][i] : vW[l][i][j];
        double mHat = m / (1 - StrictMath.pow(opt.beta1(), t)), vHat = v / (1 - StrictMath.pow(opt.beta2(), t));
        return new OptimizerStep(opt.kind(), m, v, mHat, vHat, lr * mHat / (Math.sqrt(vHat) + opt.eps()));
    }

    /** The update the rule will make of parameter (l, i, j) at the next step if its mean gradient is g; changes nothing. */
    OptimizerStep next(int l, int i, int j, double g, double lr) {
        double m0 = j < 0 ? mB[l][i] : mW[l][i][j];
        if (vW == null) {
            double v = flush(opt.beta() * m0 + g);
            return new OptimizerStep(opt.kind(), v, Double.NaN, Double.NaN, Double.NaN, lr * v);
        }
        double v0 = j < 0 ? vB[l][i] : vW[l][i][j];
        double m = flush(opt.beta1() * m0 + (1 - opt.beta1()) * g), v = flush(opt.beta2() * v0 + (1 - opt.beta2()) * (g * g));
        double mHat = m / (1 - StrictMath.pow(opt.beta1(), t + 1)), vHat = v / (1 - StrictMath.pow(opt.beta2(), t + 1));
        return new OptimizerStep(opt.kind(), m, v, mHat, vHat, lr * mHat / (Math.sqrt(vHat) + opt.eps()));
    }

    /** Re-initializing: every moment 0 and t = 0, as at the start of a run. */
    void reset() {
        for (int l = 0; l < mW.length; l++) {
            for (int i = 0; i < mW[l].length; i++) resetUnit(l, i);
        }
        t = 0;
    }

    /** New incoming weights for unit i of layer l+1: their moments (and its bias's) start again at 0. */
    void resetUnit(int l, int i) {
        java.util.Arrays.fill(mW[l][i], 0.0);
        mB[l][i] = 0;
        if (vW != null) {
            java.util.Arrays.fill(vW[l][i], 0.0);
            vB[l][i] = 0;
        }
    }

    /** Unit j of layer l got new outgoing weights: the moments of w_ij of layer l+1, for every unit i, start again at 0. */
    void resetOutgoing(int l, int j) {
        for (int i = 0; i < mW[l].length; i++) {
            mW[l][i][j] = 0;
            if (vW != null) vW[l][i][j] = 0;
        }
    }

    /**
     * How far, at most, the memory alone can still move weight j into unit i of layer l+1 (or its
     * bias, j = -1), if every gradient from now on is 0, as it is for a dead neuron's parameters, at
     * step size lr. Momentum: the steps are lr beta^k v, k = 1, 2, ...: in all lr |v| beta / (1 - beta).
     * Adam: with r = beta1 / sqrt(beta2) < 1, step k is at most lr |m| / sqrt(v) r^k / (1 - beta1^(t+1)),
     * so in all lr |m| / sqrt(v) r / (1 - r) / (1 - beta1^(t+1)); with r >= 1 no bound is known (infinity).
     * 0 when the moment is 0; else a margin for rounding is added (the sums above are exact arithmetic).
     */
    double reach(int l, int i, int j, double lr) {
        double m = j < 0 ? mB[l][i] : mW[l][i][j];
        if (m == 0) return 0;
        double bound;
        if (vW == null) {
            bound = lr * Math.abs(m) * opt.beta() / (1 - opt.beta());
        } else {
            double v = j < 0 ? vB[l][i] : vW[l][i][j];
            double r = opt.beta1() / Math.sqrt(opt.beta2());
            if (!(v > 0) || r >= 1) return Double.POSITIVE_INFINITY;
            bound = lr * Math.abs(m) / Math.sqrt(v) * r / (1 - r) / (1 - StrictMath.pow(opt.beta1(), t + 1));
        }
        return bound * (1 + 1e-6) + 1e-12;   // each of the updates rounds: far less than this for parameters of size up to 1e3
    }

    /** Every moment in one array (m of weights, m of biases, then v of each for Adam), for a kept state. */
    double[] flatten() {
        int n = count(mW, mB) * (vW == null ? 1 : 2);
        double[] out = new double[n];
        int k = put(mW, mB, out, 0);
        if (vW != null) put(vW, vB, out, k);
        return out;
    }

    /** Puts moments flattened by {@link #flatten} back, with their t. */
    void unflatten(double[] from, long t) {
        int k = take(from, 0, mW, mB);
        if (vW != null) take(from, k, vW, vB);
        this.t = t;
    }

    private static int count(double[][][] w, double[][] b) {
        int n = 0;
        for (int l = 0; l < w.length; l++) n += w[l].length * (w[l][0].length + 1);
        return n;
    }

    private static int put(double[][][] w, double[][] b, double[] out, int k) {
        for (double[][] layer : w) for (double[] row : layer) { System.arraycopy(row, 0, out, k, row.length); k += row.length; }
        for (double[] layer : b) { System.arraycopy(layer, 0, out, k, layer.length); k += layer.length; }
        return k;
    }

    private static int take(double[] from, int k, double[][][] w, double[][] b) {
        for (double[][] layer : w) for (double[] row : layer) { System.arraycopy(from, k, row, 0, row.length); k += row.length; }
        for (double[] layer : b) { System.arraycopy(from, k, layer, 0, layer.length); k += layer.length; }
        return k;
    }
}
