package lab.deadrelu.engine;

import java.util.SplittableRandom;

/**
 * Stochastic gradient descent on 1/2 (y-hat - y)^2: one step is w <- w - lambda * (mean over the
 * mini-batch of dL/dw), or with momentum or Adam the change their rule makes of that mean (see
 * Optimizer; their state is in Moments, null for plain SGD). Sample k of step t is
 * i = (t * batch + k) mod n, or that position of the epoch's seeded shuffle.
 * Batch 1 takes a scalar path that updates each layer as soon as its gradient is known; larger
 * batches keep one row per sample and run their loops over a layer's units (SIMD, see Kernels).
 * Every sum runs in the order the formulas are written (z_i = b_i + w_i0 a_0 + w_i1 a_1 + ...,
 * dL/da_j = 0 + sum over i ascending, batch gradients 0 + sum over samples ascending, then / batch),
 * so the results are those of the plain loops, bit for bit (BitExactnessTest).
 */
public final class Sgd {
    final Network net;
    final Dataset data;
    final int batch;
    private final boolean shuffle;
    private final long seed;
    /** Momentum's or Adam's memory; null for plain SGD, whose update stays w - lambda g. */
    final Moments moments;

    // per-sample buffers: z, a, f'(z) and delta of layers 1..L; the parameters before the step (to undo a refused update)
    private final double[][] z1, a1, slope1, d1, bOld;
    private final double[][][] wOld;
    // mini-batch buffers, [layer][sample][unit]: one row per sample, so the loops run over units
    // (32 wide in the deep net) rather than over the few samples. aB[0][k] is sample k's input row
    // in the data set (read only).
    private final double[][][] zB, aB, dB;
    /** wT[l][j][i] = net.w[l][i][j] as of the start of the current mini-batch step (the forward pass reads columns). */
    private final double[][][] wT;
    /** The biases as of the start of the current mini-batch step (with wT: what a refused update restores). */
    private final double[][] bBefore;
    /** gT[l][j][i] = the gradient sum of w_ij, for the layers summed column by column (fewer inputs than units); else null. */
    private final double[][][] gT;
    /**
     * coef[k]: one unit's delta (or input) on sample k; nonFinite[j] turns NaN when an update makes a
     * weight inf or NaN; zeros and ones: constant rows (a sum's start value, unit coefficients).
     */
    private final double[] coef, nonFinite, zeros, ones;
    /** The last step's gradient (mean over the batch), kept for explanations. */
    final double[][][] grad;
    final double[][] gradB;
    private final int[] batchIndex;
    private int[] order;
    private long orderEpoch = -1;
    /** Where the step after the last one starts: position = step * batch = nextEpoch * n + nextR. */
    private long nextPosition = -1, nextEpoch;
    private int nextR;
    private double lastBatchLoss;

    public Sgd(Network net, Dataset data, int batch, boolean shuffle, long seed) {
        this(net, data, batch, shuffle, seed, Optimizer.SGD);
    }

    public Sgd(Network net, Dataset data, int batch, boolean shuffle, long seed, Optimizer opt) {
        if (batch < 1 || batch > data.size()) throw new IllegalArgumentException("batch must be 1.." + data.size());
        if (data.inputs() != net.sizes[0]) throw new IllegalArgumentException("data has " + data.inputs() + " inputs, network " + net.sizes[0]);
        this.net = net;
        this.data = data;
        this.batch = batch;
        this.shuffle = shuffle;
        this.seed = seed;
        this.moments = opt.isSgd() ? null : new Moments(opt, net);
        z1 = net.unitBuffers();
        a1 = net.unitBuffers();
        slope1 = net.unitBuffers();
        d1 = net.unitBuffers();
        bOld = batch == 1 ? net.unitBuffers() : null;
        wOld = batch == 1 ? new double[net.layers()][][] : null;
        for (int l = 0; batch == 1 && l < net.layers(); l++) wOld[l] = new double[net.sizes[l + 1]][net.sizes[l]];
        int layers = net.layers();
        grad = new double[layers][][];
        gradB = new double[layers][];
        for (int l = 0; l < layers; l++) {
            grad[l] = new double[net.sizes[l + 1]][net.sizes[l]];
            gradB[l] = new double[net.sizes[l + 1]];
        }
        int mini = batch > 1 ? batch : 0;   // batch 1 takes the per-sample path and needs none of these
        zB = new double[layers][mini][];
        dB = new double[layers][mini][];
        aB = new double[layers + 1][mini][];
        wT = new double[layers][][];
        gT = new double[layers][][];
        bBefore = new double[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < mini; k++) {
                zB[l][k] = new double[net.sizes[l + 1]];
                dB[l][k] = new double[net.sizes[l + 1]];
                aB[l + 1][k] = new double[net.sizes[l + 1]];
            }
            wT[l] = new double[mini > 0 ? net.sizes[l] : 0][net.sizes[l + 1]];
            if (mini > 0 && net.sizes[l] < net.sizes[l + 1]) gT[l] = new double[net.sizes[l]][net.sizes[l + 1]];
            bBefore[l] = new double[net.sizes[l + 1]];
            widest = Math.max(widest, Math.max(net.sizes[l], net.sizes[l + 1]));
        }
        coef = new double[batch];
        nonFinite = new double[widest];
        zeros = new double[widest];
        ones = new double[batch];
        java.util.Arrays.fill(ones, 1.0);
        batchIndex = new int[batch];
    }

    /** Index of the k-th sample of step t. */
    public int sampleIndex(long step, int k) {
        long position = step * batch + k;
        int n = data.size();
        int r = (int) (position % n);
        return shuffle ? orderOf(position / n)[r] : r;
    }

    /** The sample order of an epoch (its seeded shuffle); the last one is kept. */
    private int[] orderOf(long epoch) {
        if (epoch != orderEpoch) {
            order = permutation(data.size(), Seeds.derive(seed, Seeds.SHUFFLE, epoch));
            orderEpoch = epoch;
        }
        return order;
    }

    /**
     * batchIndex[k] = sampleIndex(step, k). When steps come in order, walks on from where the
     * previous step stopped instead of dividing (two long divisions were 5% of a 3-2-2-1 step).
     */
    private void findBatch(long step) {
        long position = step * batch;
        int n = data.size();
        boolean inOrder = position == nextPosition;
        long epoch = inOrder ? nextEpoch : position / n;
        int r = inOrder ? nextR : (int) (position % n);
        for (int k = 0; k < batch; k++) {
            batchIndex[k] = shuffle ? orderOf(epoch)[r] : r;    // position = epoch * n + r
            if (++r == n) {
                r = 0;
                epoch++;
            }
        }
        nextPosition = position + batch;
        nextEpoch = epoch;
        nextR = r;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {   // Fisher-Yates
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    /** Epochs completed after `step` steps. */
    public long epochOf(long step) {
        return step * batch / data.size();
    }

    /**
     * Performs step number `step` (0-based) with step size lr. Returns false, leaving every weight
     * as it was, when the update would make a weight non-finite (the run has diverged).
     */
    public boolean step(long step, double lr) {
        findBatch(step);
        if (moments != null) moments.begin();
        boolean taken;
        if (batch > 1) {
            computeBatchGradient();
            taken = applyMeanUpdate(lr);
        } else {
            taken = stepOneSample(batchIndex[0], lr);
        }
        if (moments != null) {
            if (taken) moments.commit();
            else moments.abandon();
        }
        return taken;
    }

    /** 1/2 mean (y-hat - y)^2 over the last step's batch, before its update. */
    public double lastBatchLoss() {
        return lastBatchLoss;
    }

    /**
     * Per-sample SGD (batch 1): forward, then from the top layer down, the deltas below (with the
     * layer's old weights) and the layer's own update w_ij = w_ij - lambda delta_i a_j. Every
     * gradient is computed from the weights before the step, as if all were computed first; the
     * old values are kept so that a non-finite update can be undone whole.
     */
    private boolean stepOneSample(int s, double lr) {
        double[] x = data.x[s];
        int top = net.layers() - 1;
        double r = forwardSample(x, top) - data.y[s];
        lastBatchLoss = 0.5 * r * r;
        d1[top][0] = r;                                               // dL/dz_out = y-hat - y
        boolean finite = true;
        for (int l = top; l >= 0; l--) {
            if (l > 0) propagateSampleDelta(l);
            finite &= updateLayer(l, l == 0 ? x : a1[l - 1], lr);
        }
        if (finite) return true;
        for (int l = 0; l <= top; l++) {                              // refused: put the old parameters back
            for (int i = 0; i < wOld[l].length; i++) System.arraycopy(wOld[l][i], 0, net.w[l][i], 0, wOld[l][i].length);
            System.arraycopy(bOld[l], 0, net.b[l], 0, bOld[l].length);
        }
        return false;
    }

    /**
     * z_i = b_i + sum_j w_ij a_j (j ascending); in hidden layers a_i = f(z_i) and slope_i = f'(z_i).
     * Returns y-hat (the linear output).
     */
    private double forwardSample(double[] x, int top) {
        double[] in = x;
        Activation f = net.activation;
        double alpha = net.alpha;
        for (int l = 0; l <= top; l++) {
            double[][] wl = net.w[l];
            double[] bl = net.b[l], z = z1[l], a = a1[l], slope = slope1[l];
            for (int i = 0; i < wl.length; i++) {
                double[] row = wl[i];
                double zi = bl[i];
                for (int j = 0; j < row.length; j++) zi += row[j] * in[j];
                z[i] = zi;
                if (l == top) return zi;
                a[i] = f.apply(zi, alpha);
                slope[i] = f.derivative(zi, alpha);
            }
            in = a;
        }
        throw new AssertionError("unreachable: the top layer returns");
    }

    /** delta of layer l-1: dL/da_j = 0 + sum_i w_ij delta_i (i ascending), delta_j = dL/da_j f'(z_j). */
    private void propagateSampleDelta(int l) {
        double[][] wl = net.w[l];
        double[] d = d1[l], below = d1[l - 1], slope = slope1[l - 1];
        for (int j = 0; j < below.length; j++) {
            double e = 0;
            for (int i = 0; i < wl.length; i++) e += wl[i][j] * d[i];
            below[j] = e * slope[j];
        }
    }

    /**
     * grad_ij = delta_i a_j, gradB_i = delta_i; w_ij = w_ij - lambda grad_ij (and the bias, when
     * on), keeping the old values. Returns false if a new value is inf or NaN.
     */
    private boolean updateLayer(int l, double[] in, double lr) {
        double[][] wl = net.w[l], gl = grad[l], old = wOld[l];
        double[] d = d1[l], bl = net.b[l];
        boolean finite = true;
        for (int i = 0; i < wl.length; i++) {
            double di = d[i];
            double[] wi = wl[i], gi = gl[i], oi = old[i];
            if (moments == null) {
                for (int j = 0; j < wi.length; j++) {
                    double g = di * in[j];                             // dL/dw_ij = delta_i a_j
                    gi[j] = g;
                    double w = wi[j];
                    oi[j] = w;
                    double v = w - lr * g;                             // w <- w - lambda dL/dw
                    wi[j] = v;
                    finite &= Math.abs(v) <= Double.MAX_VALUE;         // false for inf and NaN
                }
            } else {
                for (int j = 0; j < wi.length; j++) gi[j] = di * in[j];
                System.arraycopy(wi, 0, oi, 0, wi.length);
                finite &= moments.updateRow(l, i, wi, gi, lr);         // momentum's or Adam's rule
            }
            gradB[l][i] = di;                                          // dL/db_i = delta_i
            bOld[l][i] = bl[i];
            if (net.biased) {
                double v = moments == null ? bl[i] - lr * di : bl[i] - moments.biasStep(l, i, di, lr);
                bl[i] = v;
                finite &= Math.abs(v) <= Double.MAX_VALUE;
            }
        }
        return finite;
    }

    /**
     * Forward and backward over the mini-batch, one sample row at a time. Leaves the sums over the
     * batch in grad/gradB (applyMeanUpdate turns them into means) and the old parameters in wT/bBefore.
     */
    private void computeBatchGradient() {
        int top = net.layers() - 1;
        for (int l = 0; l <= top; l++) {
            Kernels.transpose(net.w[l], wT[l]);
            System.arraycopy(net.b[l], 0, bBefore[l], 0, net.b[l].length);
        }
        for (int k = 0; k < batch; k++) aB[0][k] = data.x[batchIndex[k]];
        forwardBatch(top);
        double loss = 0;
        for (int k = 0; k < batch; k++) {
            double r = zB[top][k][0] - data.y[batchIndex[k]];
            dB[top][k][0] = r;                                         // dL/dz_out = y-hat - y
            loss += 0.5 * r * r;
        }
        lastBatchLoss = loss / batch;
        for (int l = top; l >= 0; l--) {
            sumGradients(l);
            if (l > 0) propagateDeltas(l);
        }
    }

    /**
     * z_k = b + W a_k (each z_ki summed over j ascending), then a_k = f(z_k) in hidden layers; the
     * output is linear. ReLU is first taken as max(z, 0) (SIMD; see Passes.forward): where that
     * makes y-hat NaN, the sample is computed again with the exact (z > 0 ? z : 0).
     */
    private void forwardBatch(int top) {
        boolean relu = net.activation == Activation.RELU;
        forwardBatch(top, 0, batch, relu);
        if (!relu) return;
        for (int k = 0; k < batch; k++) if (Double.isNaN(zB[top][k][0])) forwardBatch(top, k, k + 1, false);
    }

    private void forwardBatch(int top, int from, int to, boolean reluByMax) {
        for (int l = 0; l < top; l++) {
            double[] b = net.b[l];
            for (int k = from; k < to; k++) {
                double[] z = zB[l][k];
                Kernels.combine(z, 1.0, b, wT[l], aB[l][k], b.length);  // z_i = b_i + w_i0 a_0 + w_i1 a_1 + ..., all i at once
                activate(z, aB[l + 1][k], reluByMax);
            }
        }
        double[] row = net.w[top][0];
        for (int k = from; k < to; k++) {
            double[] in = aB[top][k];
            double y = net.b[top][0];                                 // y-hat = b + sum_j w_j a_j
            for (int j = 0; j < row.length; j++) y += row[j] * in[j];
            zB[top][k][0] = y;
            aB[top + 1][k][0] = y;
        }
    }

    /** a = f(z) for one sample row of a hidden layer. */
    private void activate(double[] z, double[] a, boolean reluByMax) {
        double alpha = net.alpha;
        switch (net.activation) {
            case RELU -> {
                if (reluByMax) for (int i = 0; i < z.length; i++) a[i] = Math.max(z[i], 0.0);
                else for (int i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : 0.0;
            }
            case LEAKY -> { for (int i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i]; }
            case ELU -> { for (int i = 0; i < z.length; i++) a[i] = Activation.ELU.apply(z[i], alpha); }
        }
    }

    /**
     * grad_ij = 0 + sum_k delta_ki a_kj and gradB_i = 0 + sum_k 1 delta_ki, over the batch's samples
     * k ascending. Row by row (i) when rows are long enough; a layer with fewer inputs than units
     * (the first: 3 inputs, 32 units) is summed column by column (j) into gT, then transposed.
     */
    private void sumGradients(int l) {
        double[][] g = grad[l], delta = dB[l], in = aB[l];
        Kernels.combine(gradB[l], 1.0, zeros, delta, ones, g.length);        // 0 + 1 d_0 + 1 d_1 + ...
        if (gT[l] == null) {
            for (int i = 0; i < g.length; i++) {
                for (int k = 0; k < batch; k++) coef[k] = delta[k][i];
                Kernels.combine(g[i], 1.0, zeros, in, coef, g[i].length);       // 0 + d_0i a_0 + d_1i a_1 + ...
            }
        } else {
            for (int j = 0; j < gT[l].length; j++) {
                for (int k = 0; k < batch; k++) coef[k] = in[k][j];
                Kernels.combine(gT[l][j], 1.0, zeros, delta, coef, g.length);   // 0 + a_0j d_0 + a_1j d_1 + ...
            }
            Kernels.transpose(gT[l], g);
        }
    }

    /** delta of layer l-1: dL/da_kj = 0 + sum_i w_ij delta_ki (i ascending), delta_kj = dL/da_kj f'(z_kj). */
    private void propagateDeltas(int l) {
        double[][] wl = net.w[l];
        double alpha = net.alpha;
        for (int k = 0; k < batch; k++) {
            double[] e = dB[l - 1][k], z = zB[l - 1][k], a = aB[l][k];
            Kernels.combine(e, 1.0, zeros, wl, dB[l][k], e.length);
            switch (net.activation) {
                case RELU -> { for (int j = 0; j < e.length; j++) e[j] = e[j] * Kernels.reluSlope(a[j]); }
                case LEAKY -> { for (int j = 0; j < e.length; j++) e[j] = z[j] > 0 ? e[j] : e[j] * alpha; }
                case ELU -> { for (int j = 0; j < e.length; j++) e[j] = e[j] * Activation.ELU.derivative(z[j], alpha); }
            }
        }
    }

    /**
     * Turns the batch sums into means (g = g / batch, kept in grad/gradB) and updates in place,
     * w = w - lambda g. If any new weight (or bias, when biases are on) is inf or NaN, restores
     * the parameters from wT/bBefore and returns false.
     */
    private boolean applyMeanUpdate(double lr) {
        java.util.Arrays.fill(nonFinite, 0.0);
        boolean biasesFinite = true;
        for (int l = 0; l < grad.length; l++) {
            for (int i = 0; i < grad[l].length; i++) {
                double[] wi = net.w[l][i], gi = grad[l][i];
                if (moments == null) {
                    for (int j = 0; j < gi.length; j++) {
                        double g = gi[j] / batch;                      // mean over the batch
                        gi[j] = g;
                        double v = wi[j] - lr * g;                     // w <- w - lambda dL/dw
                        wi[j] = v;
                        nonFinite[j] = nonFinite[j] + v * 0.0;         // 0 * inf and 0 * NaN are NaN
                    }
                } else {
                    for (int j = 0; j < gi.length; j++) gi[j] /= batch;
                    if (!moments.updateRow(l, i, wi, gi, lr)) nonFinite[0] = Double.NaN;
                }
                double gb = gradB[l][i] / batch;
                gradB[l][i] = gb;
                if (net.biased) {
                    double v = moments == null ? net.b[l][i] - lr * gb : net.b[l][i] - moments.biasStep(l, i, gb, lr);
                    net.b[l][i] = v;
                    biasesFinite &= Math.abs(v) <= Double.MAX_VALUE;
                }
            }
        }
        boolean finite = biasesFinite;
        for (double check : nonFinite) finite &= check == 0;
        if (finite) return true;
        for (int l = 0; l < grad.length; l++) {                        // refused: put the old parameters back
            Kernels.transpose(wT[l], net.w[l]);
            System.arraycopy(bBefore[l], 0, net.b[l], 0, net.b[l].length);
        }
        return false;
    }
}
