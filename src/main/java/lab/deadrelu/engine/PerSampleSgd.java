package lab.deadrelu.engine;

/**
 * SGD on one sample per step (batch 1), the post's own algorithm: forward, then from the top layer
 * down, the deltas of the layer below (with this layer's old weights) and this layer's update
 * w_ij <- w_ij - lambda delta_i a_j, each layer updated as soon as its gradient is known. Every
 * gradient is computed from the weights before the step, as if all were computed first; the old
 * values are kept so that a non-finite update can be undone whole. Sums run in the order they are
 * written (see Sgd), so the numbers are those of {@link Reference}, bit for bit.
 */
final class PerSampleSgd {
    private final Network net;
    private final Dataset data;
    /** The step's gradient, written for explanations (Sgd's). */
    private final double[][][] grad;
    private final double[][] gradB;
    /** Momentum's or Adam's memory; null for plain SGD. */
    private final Moments moments;
    // z, a, f'(z) and delta of layers 1..L; the parameters before the step (to undo a refused update)
    private final double[][] z, a, slope, delta, bOld;
    private final double[][][] wOld;
    private double loss;

    PerSampleSgd(Network net, Dataset data, double[][][] grad, double[][] gradB, Moments moments) {
        this.net = net;
        this.data = data;
        this.grad = grad;
        this.gradB = gradB;
        this.moments = moments;
        z = net.unitBuffers();
        a = net.unitBuffers();
        slope = net.unitBuffers();
        delta = net.unitBuffers();
        bOld = net.unitBuffers();
        wOld = new double[net.layers()][][];
        for (int l = 0; l < net.layers(); l++) wOld[l] = new double[net.sizes[l + 1]][net.sizes[l]];
    }

    /** 1/2 (y-hat - y)^2 on the last step's sample, before its update. */
    double loss() {
        return loss;
    }

    /** One step on sample s. Returns false, with every parameter as it was, when a new one would be inf or NaN. */
    boolean step(int s, double lr) {
        double[] x = data.x[s];
        int top = net.layers() - 1;
        double r = forward(x, top) - data.y[s];
        loss = 0.5 * r * r;                                           // L = 1/2 (y-hat - y)^2
        delta[top][0] = r;                                            // dL/dz_out = y-hat - y
        boolean finite = true;
        for (int l = top; l >= 0; l--) {
            if (l > 0) propagateDelta(l);
            finite &= updateLayer(l, l == 0 ? x : a[l - 1], lr);
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
    private double forward(double[] x, int top) {
        double[] in = x;
        Activation f = net.activation;
        double alpha = net.alpha;
        for (int l = 0; l <= top; l++) {
            double[][] wl = net.w[l];
            double[] bl = net.b[l], zl = z[l], al = a[l], sl = slope[l];
            for (int i = 0; i < wl.length; i++) {
                double[] row = wl[i];
                double zi = bl[i];
                for (int j = 0; j < row.length; j++) zi += row[j] * in[j];   // z_i = b_i + w_i0 a_0 + w_i1 a_1 + ...
                zl[i] = zi;
                if (l == top) return zi;                                     // y-hat = z_out (linear)
                al[i] = f.apply(zi, alpha);                                  // a_i = f(z_i)
                sl[i] = f.derivative(zi, alpha);                             // f'(z_i)
            }
            in = al;
        }
        throw new AssertionError("unreachable: the top layer returns");
    }

    /** delta of layer l-1: dL/da_j = 0 + sum_i w_ij delta_i (i ascending), delta_j = dL/da_j f'(z_j). */
    private void propagateDelta(int l) {
        double[][] wl = net.w[l];
        double[] d = delta[l], below = delta[l - 1], sl = slope[l - 1];
        for (int j = 0; j < below.length; j++) {
            double e = 0;
            for (int i = 0; i < wl.length; i++) e += wl[i][j] * d[i];
            below[j] = e * sl[j];
        }
    }

    /**
     * grad_ij = delta_i a_j, gradB_i = delta_i; w_ij = w_ij - lambda grad_ij (and the bias, when
     * on), keeping the old values. Returns false if a new value is inf or NaN.
     */
    private boolean updateLayer(int l, double[] in, double lr) {
        double[][] wl = net.w[l], gl = grad[l], old = wOld[l];
        double[] d = delta[l], bl = net.b[l];
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
                double v = moments == null ? bl[i] - lr * di : bl[i] - moments.biasStep(l, i, di, lr);   // b <- b - lambda dL/db
                bl[i] = v;
                finite &= Math.abs(v) <= Double.MAX_VALUE;
            }
        }
        return finite;
    }
}
