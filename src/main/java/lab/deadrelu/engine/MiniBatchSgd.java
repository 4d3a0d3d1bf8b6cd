package lab.deadrelu.engine;

/**
 * SGD on a mini-batch of samples per step (batch > 1): forward and backward over the batch, one row
 * per sample ([layer][sample][unit]), so the loops run over a layer's units (32 wide in the deep net)
 * rather than over the few samples and compile to SIMD code (see Kernels); then the mean gradient
 * g = (1/B) sum_k dL_k/dw and one update w <- w - lambda g. Sums run in the order they are written
 * (see Sgd), so the numbers are those of {@link Reference}, bit for bit.
 */
final class MiniBatchSgd {
    private final Network net;
    private final Dataset data;
    private final int batch;
    /** The step's mean gradient, written for explanations (Sgd's). */
    private final double[][][] grad;
    private final double[][] gradB;
    /** Momentum's or Adam's memory; null for plain SGD. */
    private final Moments moments;
    /** [layer][sample][unit]; aB[0][k] is sample k's input row in the data set (read only). */
    private final double[][][] zB, aB, dB;
    /** wT[l][j][i] = net.w[l][i][j] as of the start of the current step (the forward pass reads columns). */
    private final double[][][] wT;
    /** The biases as of the start of the current step (with wT: what a refused update restores). */
    private final double[][] bBefore;
    /** gT[l][j][i] = the gradient sum of w_ij, for the layers summed column by column (fewer inputs than units); else null. */
    private final double[][][] gT;
    /**
     * coef[k]: one unit's delta (or input) on sample k; nonFinite[j] turns NaN when an update makes a
     * weight inf or NaN; zeros and ones: constant rows (a sum's start value, unit coefficients).
     */
    private final double[] coef, nonFinite, zeros, ones;
    private double loss;

    MiniBatchSgd(Network net, Dataset data, int batch, double[][][] grad, double[][] gradB, Moments moments) {
        this.net = net;
        this.data = data;
        this.batch = batch;
        this.grad = grad;
        this.gradB = gradB;
        this.moments = moments;
        int layers = net.layers();
        zB = new double[layers][batch][];
        dB = new double[layers][batch][];
        aB = new double[layers + 1][batch][];
        wT = new double[layers][][];
        gT = new double[layers][][];
        bBefore = new double[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < batch; k++) {
                zB[l][k] = new double[net.sizes[l + 1]];
                dB[l][k] = new double[net.sizes[l + 1]];
                aB[l + 1][k] = new double[net.sizes[l + 1]];
            }
            wT[l] = new double[net.sizes[l]][net.sizes[l + 1]];
            if (net.sizes[l] < net.sizes[l + 1]) gT[l] = new double[net.sizes[l]][net.sizes[l + 1]];
            bBefore[l] = new double[net.sizes[l + 1]];
            widest = Math.max(widest, Math.max(net.sizes[l], net.sizes[l + 1]));
        }
        coef = new double[batch];
        nonFinite = new double[widest];
        zeros = new double[widest];
        ones = new double[batch];
        java.util.Arrays.fill(ones, 1.0);
    }

    /** 1/2 mean (y-hat - y)^2 over the last step's batch, before its update. */
    double loss() {
        return loss;
    }

    /** One step on the samples `batchIndex`. Returns false, with every parameter as it was, when a new one would be inf or NaN. */
    boolean step(int[] batchIndex, double lr) {
        computeGradient(batchIndex);
        return applyMeanUpdate(lr);
    }

    /**
     * Forward and backward over the mini-batch, one sample row at a time. Leaves the sums over the
     * batch in grad/gradB (applyMeanUpdate turns them into means) and the old parameters in wT/bBefore.
     */
    private void computeGradient(int[] batchIndex) {
        int top = net.layers() - 1;
        for (int l = 0; l <= top; l++) {
            Kernels.transpose(net.w[l], wT[l]);
            System.arraycopy(net.b[l], 0, bBefore[l], 0, net.b[l].length);
        }
        for (int k = 0; k < batch; k++) aB[0][k] = data.x[batchIndex[k]];
        forward(top);
        double sum = 0;
        for (int k = 0; k < batch; k++) {
            double r = zB[top][k][0] - data.y[batchIndex[k]];
            dB[top][k][0] = r;                                         // dL/dz_out = y-hat - y
            sum += 0.5 * r * r;                                        // L = 1/2 (y-hat - y)^2
        }
        loss = sum / batch;
        for (int l = top; l >= 0; l--) {
            sumGradients(l);
            if (l > 0) propagateDeltas(l);
        }
    }

    /**
     * z_k = b + W a_k (each z_ki summed over j ascending), then a_k = f(z_k) in hidden layers; the
     * output is linear. An activation's fast row (ReLU as max(z, 0)) is used first: where that makes
     * y-hat NaN, the sample is computed again with the exact form.
     */
    private void forward(int top) {
        boolean fast = net.activation.hasFastRow();
        forward(top, 0, batch, fast);
        if (!fast) return;
        for (int k = 0; k < batch; k++) if (Double.isNaN(zB[top][k][0])) forward(top, k, k + 1, false);
    }

    private void forward(int top, int from, int to, boolean fast) {
        for (int l = 0; l < top; l++) {
            double[] b = net.b[l];
            for (int k = from; k < to; k++) {
                double[] z = zB[l][k];
                Kernels.combine(z, 1.0, b, wT[l], aB[l][k], b.length);  // z_i = b_i + w_i0 a_0 + w_i1 a_1 + ..., all i at once
                net.activation.applyRow(z, aB[l + 1][k], z.length, net.alpha, fast);   // a_i = f(z_i)
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
        for (int k = 0; k < batch; k++) {
            double[] e = dB[l - 1][k];
            Kernels.combine(e, 1.0, zeros, wl, dB[l][k], e.length);
            net.activation.multiplyBySlope(e, zB[l - 1][k], aB[l][k], e.length, net.alpha);
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
                    double v = moments == null ? net.b[l][i] - lr * gb : net.b[l][i] - moments.biasStep(l, i, gb, lr);   // b <- b - lambda dL/db
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
