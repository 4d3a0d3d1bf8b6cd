package lab.deadrelu.engine;

import java.util.SplittableRandom;

/**
 * Plain stochastic gradient descent on 1/2 (y-hat - y)^2: one step is
 * w <- w - lambda * (mean over the mini-batch of dL/dw). Sample k of step t is
 * i = (t * batch + k) mod n, or that position of the epoch's seeded shuffle.
 * Batch 1 takes a scalar path; larger batches run samples as the inner loop. Both sum in the
 * same order, so they agree bit for bit.
 */
public final class Sgd {
    final Network net;
    final Dataset data;
    final int batch;
    private final boolean shuffle;
    private final long seed;

    // per-sample buffers
    private final double[][] z1, a1, d1;
    // mini-batch buffers, [layer][unit][sample]; a[0] = the batch's inputs by column
    private final double[][][] zB, aB, dB;
    /** The last step's gradient (mean over the batch), kept for explanations. */
    final double[][][] grad;
    final double[][] gradB;
    private final int[] batchIndex;
    private int[] order;
    private long orderEpoch = -1;
    private double lastBatchLoss;

    public Sgd(Network net, Dataset data, int batch, boolean shuffle, long seed) {
        if (batch < 1 || batch > data.size()) throw new IllegalArgumentException("batch must be 1.." + data.size());
        if (data.inputs() != net.sizes[0]) throw new IllegalArgumentException("data has " + data.inputs() + " inputs, network " + net.sizes[0]);
        this.net = net;
        this.data = data;
        this.batch = batch;
        this.shuffle = shuffle;
        this.seed = seed;
        z1 = net.unitBuffers();
        a1 = net.unitBuffers();
        d1 = net.unitBuffers();
        int layers = net.layers();
        zB = new double[layers][][];
        dB = new double[layers][][];
        aB = new double[layers + 1][][];
        grad = new double[layers][][];
        gradB = new double[layers][];
        aB[0] = new double[net.sizes[0]][batch];
        for (int l = 0; l < layers; l++) {
            zB[l] = new double[net.sizes[l + 1]][batch];
            dB[l] = new double[net.sizes[l + 1]][batch];
            aB[l + 1] = new double[net.sizes[l + 1]][batch];
            grad[l] = new double[net.sizes[l + 1]][net.sizes[l]];
            gradB[l] = new double[net.sizes[l + 1]];
        }
        batchIndex = new int[batch];
    }

    /** Index of the k-th sample of step t. */
    public int sampleIndex(long step, int k) {
        long position = step * batch + k;
        int n = data.size();
        int r = (int) (position % n);
        if (!shuffle) return r;
        long epoch = position / n;
        if (epoch != orderEpoch) {
            order = permutation(n, Seeds.derive(seed, Seeds.SHUFFLE, epoch));
            orderEpoch = epoch;
        }
        return order[r];
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
        for (int k = 0; k < batch; k++) batchIndex[k] = sampleIndex(step, k);
        if (batch == 1) computeSampleGradient(batchIndex[0]);
        else computeBatchGradient();
        if (!updateIsFinite(lr)) return false;
        applyUpdate(lr);
        return true;
    }

    /** 1/2 mean (y-hat - y)^2 over the last step's batch, before its update. */
    public double lastBatchLoss() {
        return lastBatchLoss;
    }

    private void computeSampleGradient(int s) {
        double[] x = data.x[s];
        double yHat = net.predict(x, z1, a1);
        double r = yHat - data.y[s];
        lastBatchLoss = 0.5 * r * r;
        int top = net.layers() - 1;
        d1[top][0] = r;                                               // dL/dz_out = y-hat - y
        for (int l = top; l >= 0; l--) {
            double[] in = l == 0 ? x : a1[l - 1];
            double[][] wl = net.w[l];
            for (int i = 0; i < wl.length; i++) {
                double di = d1[l][i];
                double[] gi = grad[l][i];
                for (int j = 0; j < gi.length; j++) gi[j] = di * in[j]; // dL/dw_ij = delta_i a_j
                gradB[l][i] = di;                                      // dL/db_i = delta_i
            }
            if (l == 0) break;
            double[] below = d1[l - 1];
            double[] zBelow = z1[l - 1];
            for (int j = 0; j < below.length; j++) {
                double e = 0;
                for (int i = 0; i < wl.length; i++) e += wl[i][j] * d1[l][i];        // dL/da_j
                below[j] = e * net.activation.derivative(zBelow[j], net.alpha);    // delta_j = dL/da_j f'(z_j)
            }
        }
    }

    private void computeBatchGradient() {
        double[][] in = aB[0];
        for (int k = 0; k < batch; k++) {
            double[] x = data.x[batchIndex[k]];
            for (int j = 0; j < x.length; j++) in[j][k] = x[j];
        }
        Passes.forward(net, aB, zB, batch);
        int top = net.layers() - 1;
        double[] yHat = zB[top][0], dOut = dB[top][0];
        double loss = 0;
        for (int k = 0; k < batch; k++) {
            double r = yHat[k] - data.y[batchIndex[k]];
            dOut[k] = r;
            loss += 0.5 * r * r;
        }
        lastBatchLoss = loss / batch;
        Passes.backward(net, aB, zB, dB, grad, gradB, batch);
        if (batch > 1) {
            for (int l = 0; l <= top; l++) {
                for (int i = 0; i < grad[l].length; i++) {
                    double[] gi = grad[l][i];
                    for (int j = 0; j < gi.length; j++) gi[j] = gi[j] / batch;   // mean over the batch
                    gradB[l][i] = gradB[l][i] / batch;
                }
            }
        }
    }

    private boolean updateIsFinite(double lr) {
        double largest = 0;
        for (int l = 0; l < grad.length; l++) {
            for (int i = 0; i < grad[l].length; i++) {
                double[] wi = net.w[l][i], gi = grad[l][i];
                for (int j = 0; j < gi.length; j++) largest = Math.max(largest, Math.abs(wi[j] - lr * gi[j]));
                if (net.biased) largest = Math.max(largest, Math.abs(net.b[l][i] - lr * gradB[l][i]));
            }
        }
        return largest <= Double.MAX_VALUE; // false for infinity and NaN
    }

    private void applyUpdate(double lr) {
        for (int l = 0; l < grad.length; l++) {
            for (int i = 0; i < grad[l].length; i++) {
                double[] wi = net.w[l][i], gi = grad[l][i];
                for (int j = 0; j < gi.length; j++) wi[j] = wi[j] - lr * gi[j];     // w <- w - lambda dL/dw
                if (net.biased) net.b[l][i] = net.b[l][i] - lr * gradB[l][i];
            }
        }
    }
}
