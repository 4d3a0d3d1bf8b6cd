package lab.deadrelu.engine;

import java.util.SplittableRandom;

/**
 * Stochastic gradient descent on L = 1/2 (y-hat - y)^2: one step is w <- w - lambda * (mean over the
 * mini-batch of dL/dw), or with momentum or Adam the change their rule makes of that mean (see
 * Optimizer; their state is in Moments, null for plain SGD). Sample k of step t is
 * i = (t * batch + k) mod n, or that position of the epoch's seeded shuffle.
 * <p>
 * This class picks the samples; the arithmetic is in two files. Batch 1 takes {@link PerSampleSgd},
 * a scalar path that updates each layer as soon as its gradient is known; larger batches take
 * {@link MiniBatchSgd}, which keeps one row per sample and runs its loops over a layer's units (SIMD,
 * see Kernels). Both sum in the order the formulas are written (z_i = b_i + w_i0 a_0 + w_i1 a_1 + ...,
 * dL/da_j = 0 + sum over i ascending, batch gradients 0 + sum over samples ascending, then / batch),
 * so the results are those of the plain loops of {@link Reference}, bit for bit (BitExactnessTest,
 * ReferenceTest).
 */
public final class Sgd {
    final Network net;
    final Dataset data;
    final int batch;
    private final boolean shuffle;
    private final long seed;
    /** Momentum's or Adam's memory; null for plain SGD, whose update stays w - lambda g. */
    final Moments moments;
    /** The last step's gradient (mean over the batch), kept for explanations. */
    final double[][][] grad;
    final double[][] gradB;
    /** Exactly one of the two is set, by the batch size. */
    private final PerSampleSgd perSample;
    private final MiniBatchSgd miniBatch;
    private final int[] batchIndex;
    private int[] order;
    private long orderEpoch = -1;
    /** Where the step after the last one starts: position = step * batch = nextEpoch * n + nextR. */
    private long nextPosition = -1, nextEpoch;
    private int nextR;

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
        int layers = net.layers();
        grad = new double[layers][][];
        gradB = new double[layers][];
        for (int l = 0; l < layers; l++) {
            grad[l] = new double[net.sizes[l + 1]][net.sizes[l]];
            gradB[l] = new double[net.sizes[l + 1]];
        }
        perSample = batch == 1 ? new PerSampleSgd(net, data, grad, gradB, moments) : null;
        miniBatch = batch > 1 ? new MiniBatchSgd(net, data, batch, grad, gradB, moments) : null;
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
        boolean taken = perSample != null ? perSample.step(batchIndex[0], lr) : miniBatch.step(batchIndex, lr);
        if (moments != null) {
            if (taken) moments.commit();
            else moments.abandon();
        }
        return taken;
    }

    /** 1/2 mean (y-hat - y)^2 over the last step's batch, before its update. */
    public double lastBatchLoss() {
        return perSample != null ? perSample.loss() : miniBatch.loss();
    }
}
