package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Momentum and Adam against a trainer written here from the formulas alone (plain loops, no engine
 * code but the initial weights, the data and the sample order): the engine's weights must be the
 * same bits after every step. The same trainer under plain SGD matching the engine shows the
 * reference itself sums in the engine's order.
 */
class OptimizerReferenceTest {

    /** The formulas, with sums in the order they are written. */
    static final class Reference {
        final double[][][] w;
        final double[][] b;
        final double[][][] mW, vW;
        final double[][] mB, vB;
        final Optimizer opt;
        final Activation act;
        final double alpha;
        final boolean biased;
        long t;

        Reference(Network start, Optimizer opt) {
            Network copy = start.copy();
            w = copy.w;
            b = copy.b;
            act = start.activation();
            alpha = start.alpha();
            biased = start.biased;
            this.opt = opt;
            mW = zerosLike(w);
            vW = zerosLike(w);
            mB = new double[b.length][];
            vB = new double[b.length][];
            for (int l = 0; l < b.length; l++) { mB[l] = new double[b[l].length]; vB[l] = new double[b[l].length]; }
        }

        static double[][][] zerosLike(double[][][] w) {
            double[][][] z = new double[w.length][][];
            for (int l = 0; l < w.length; l++) z[l] = new double[w[l].length][w[l][0].length];
            return z;
        }

        /** One step on these samples: mean gradient over them, then the optimizer's update. */
        void step(double[][] xs, double[] ys, double lr) {
            int L = w.length;
            double[][][] g = zerosLike(w);
            double[][] gb = new double[L][];
            for (int l = 0; l < L; l++) gb[l] = new double[b[l].length];
            for (int k = 0; k < xs.length; k++) {
                double[][] z = new double[L][], a = new double[L + 1][];
                a[0] = xs[k];
                for (int l = 0; l < L; l++) {
                    z[l] = new double[w[l].length];
                    a[l + 1] = new double[w[l].length];
                    for (int i = 0; i < w[l].length; i++) {
                        double zi = b[l][i];                                    // z_i = b_i + sum_j w_ij a_j
                        for (int j = 0; j < w[l][i].length; j++) zi += w[l][i][j] * a[l][j];
                        z[l][i] = zi;
                        a[l + 1][i] = l == L - 1 ? zi : act.apply(zi, alpha);
                    }
                }
                double[][] delta = new double[L][];
                delta[L - 1] = new double[] {z[L - 1][0] - ys[k]};              // dL/dy-hat = y-hat - y
                for (int l = L - 1; l > 0; l--) {
                    delta[l - 1] = new double[w[l - 1].length];
                    for (int j = 0; j < delta[l - 1].length; j++) {
                        double e = 0;                                           // dL/da_j = sum_i w_ij delta_i
                        for (int i = 0; i < w[l].length; i++) e += w[l][i][j] * delta[l][i];
                        delta[l - 1][j] = e * act.derivative(z[l - 1][j], alpha);
                    }
                }
                for (int l = 0; l < L; l++) {
                    for (int i = 0; i < w[l].length; i++) {
                        for (int j = 0; j < w[l][i].length; j++) g[l][i][j] += delta[l][i] * a[l][j];
                        gb[l][i] += delta[l][i];
                    }
                }
            }
            t++;
            for (int l = 0; l < L; l++) {
                for (int i = 0; i < w[l].length; i++) {
                    for (int j = 0; j < w[l][i].length; j++) {
                        double mean = xs.length == 1 ? g[l][i][j] : g[l][i][j] / xs.length;
                        w[l][i][j] -= change(mW[l][i], vW[l][i], j, mean, lr);
                    }
                    if (biased) {
                        double mean = xs.length == 1 ? gb[l][i] : gb[l][i] / xs.length;
                        b[l][i] -= change(mB[l], vB[l], i, mean, lr);
                    }
                }
            }
        }

        double change(double[] m, double[] v, int k, double g, double lr) {
            switch (opt.kind()) {
                case SGD:
                    return lr * g;
                case MOMENTUM:
                    m[k] = normalOrZero(opt.beta() * m[k] + g);
                    return lr * m[k];
                default:
                    m[k] = normalOrZero(opt.beta1() * m[k] + (1 - opt.beta1()) * g);
                    v[k] = normalOrZero(opt.beta2() * v[k] + (1 - opt.beta2()) * (g * g));
                    double mHat = m[k] / (1 - StrictMath.pow(opt.beta1(), t));
                    double vHat = v[k] / (1 - StrictMath.pow(opt.beta2(), t));
                    return lr * mHat / (Math.sqrt(vHat) + opt.eps());
            }
        }
    }

    /** The engine keeps a moment below the smallest normal double as 0 (a subnormal one would stick and slow every step). */
    static double normalOrZero(double moment) {
        return Math.abs(moment) < Double.MIN_NORMAL ? 0.0 : moment;
    }

    static void agree(SpecBuilder builder, Optimizer opt, int steps) {
        TrainingSpec spec = builder.build().withOptimizer(opt);
        Training engine = new Training(spec);
        Reference ref = new Reference(engine.network(), opt);
        Sgd order = new Sgd(spec.initialNetwork(), engine.data(), spec.batch(), spec.shuffle(), spec.seed());
        for (int s = 0; s < steps; s++) {
            double[][] xs = new double[spec.batch()][];
            double[] ys = new double[spec.batch()];
            for (int k = 0; k < xs.length; k++) {
                int i = order.sampleIndex(s, k);
                xs[k] = engine.data().x[i];
                ys[k] = engine.data().y[i];
            }
            ref.step(xs, ys, spec.lr());
            assertTrue(engine.advance(), "step " + s);
            for (int l = 0; l < ref.w.length; l++) {
                for (int i = 0; i < ref.w[l].length; i++) {
                    for (int j = 0; j < ref.w[l][i].length; j++) {
                        final int step = s, layer = l, to = i, from = j;
                        assertEquals(Double.doubleToRawLongBits(ref.w[l][i][j]), Double.doubleToRawLongBits(engine.network().w[l][i][j]),
                                () -> opt.kind() + " " + spec + ": w[" + layer + "][" + to + "][" + from + "] after step " + step);
                    }
                    assertEquals(Double.doubleToRawLongBits(ref.b[l][i]), Double.doubleToRawLongBits(engine.network().b[l][i]));
                }
            }
        }
    }

    static final Optimizer[] ALL = {Optimizer.SGD, Optimizer.momentum(0.9), Optimizer.momentum(0.5),
            Optimizer.adam(0.9, 0.999, 1e-8), Optimizer.adam(0.8, 0.99, 1e-3)};

    @Test
    void perSampleStepsAreTheFormulasBitForBit() {
        for (Optimizer opt : ALL) {
            agree(SpecBuilder.post().lr(0.05), opt, 300);
            agree(SpecBuilder.post().layers(3, 8, 5, 1).bias(true).act(Activation.LEAKY).n(20).shuffle(true).lr(0.01), opt, 200);
        }
    }

    @Test
    void miniBatchStepsAreTheFormulasBitForBit() {
        for (Optimizer opt : ALL) {
            agree(SpecBuilder.post().layers(3, 6, 4, 1).bias(true).n(24).batch(5).shuffle(true).lr(0.02), opt, 200);
            agree(SpecBuilder.post().layers(2, 5, 1).bias(true).act(Activation.ELU).n(16).batch(16).lr(0.05), opt, 100);
        }
    }

    @Test
    void aDeadNeuronsMomentsDecayToExactlyZeroAndNeverStayAtASubnormalNumber() {
        // h1 of 3-2-1 gets only negative weights from inputs >= 0: its incoming weights' gradients are 0 at every step
        TrainingSpec spec = SpecBuilder.post().layers(3, 2, 1).weights(-0.5, -0.4, -0.3, 0.6, 0.7, 0.8, 0.9, 1.1).build();
        for (Optimizer opt : new Optimizer[] {Optimizer.momentum(0.9), Optimizer.adam(0.9, 0.999, 1e-8)}) {
            Network net = spec.initialNetwork();
            Sgd sgd = new Sgd(net, spec.dataset(), 1, false, spec.seed(), opt);
            assertTrue(sgd.step(0, 0.05));
            for (long t = 1; t < 8_000; t++) {   // 0.9^t falls below 2^-1022 after about 6,700 steps
                assertTrue(sgd.step(t, 0.05));
                for (double m : sgd.moments.mW[0][0]) assertFalse(m != 0 && Math.abs(m) < Double.MIN_NORMAL, opt.kind() + " step " + t + ": m = " + m);
            }
            for (double m : sgd.moments.mW[0][0]) assertEquals(0.0, m, opt.kind() + ": the dead neuron's moments are 0");
            assertTrue(sgd.moments.mW[0][1][0] != 0, "the live neuron's are not");
        }
    }

    @Test
    void optimizerSettingsOutsideTheirRangeAreRefusedNamingTheParameter() {
        assertEquals("beta", assertThrows(InvalidParameter.class, () -> Optimizer.momentum(1.0)).parameter);
        assertEquals("beta1", assertThrows(InvalidParameter.class, () -> Optimizer.adam(-0.1, 0.999, 1e-8)).parameter);
        assertEquals("beta2", assertThrows(InvalidParameter.class, () -> Optimizer.adam(0.9, 1, 1e-8)).parameter);
        assertEquals("eps", assertThrows(InvalidParameter.class, () -> Optimizer.adam(0.9, 0.999, 0)).parameter);
        assertEquals("opt", assertThrows(InvalidParameter.class, () -> Optimizer.Kind.fromCode("rmsprop")).parameter);
    }
}
