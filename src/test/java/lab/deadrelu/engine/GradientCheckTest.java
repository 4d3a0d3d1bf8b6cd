package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient the engine applies, checked against central differences of the loss computed with
 * Network.predict alone. ReLU and Leaky ReLU have a kink at z = 0, so a configuration is only used
 * when every hidden z on the checked samples is at least MARGIN away from 0 (otherwise the next seed
 * is drawn); a perturbation of H then cannot cross a kink.
 */
class GradientCheckTest {
    static final double H = 1e-5;
    static final double MARGIN = 1e-3;
    static final double TOLERANCE = 1e-6;
    /**
     * Denominator floor of the relative error: central differences carry a rounding error of about
     * 1e-16 * L / H ~ 1e-11, so gradients far below 1e-4 are compared with an absolute error of 1e-10.
     */
    static final double FLOOR = 1e-4;
    static final int WARMUP_STEPS = 3;

    static Stream<Arguments> sgdConfigurations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : Activation.values())
            for (boolean bias : new boolean[] {false, true})
                for (String shape : new String[] {"3-2-2-1", "2-5-1", "3-4-3-2-1", "1-3-1"})
                    for (int batch : new int[] {1, 4, 8})   // 8 = n: full batch
                        out.add(Arguments.of(act, bias, shape, batch));
        return out.stream();
    }

    static Stream<Arguments> decomposeConfigurations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : Activation.values())
            for (boolean bias : new boolean[] {false, true})
                for (String shape : new String[] {"3-2-2-1", "2-5-1", "3-4-3-2-1", "1-3-1"})
                    out.add(Arguments.of(act, bias, shape));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, biases {1}, {2}, batch {3}")
    @MethodSource("sgdConfigurations")
    void sgdAppliesTheFiniteDifferenceGradientOfTheMeanBatchLoss(Activation act, boolean bias, String shape, int batch) {
        for (long seed = 1; seed <= 200; seed++) {
            TrainingSpec spec = SpecBuilder.post().layers(parse(shape)).act(act, alphaFor(act)).bias(bias)
                    .batch(batch).shuffle(batch == 4).seed(seed).build();
            Network net = spec.initialNetwork();
            if (bias) randomBiases(net, seed);
            Dataset data = spec.dataset();
            Sgd sgd = new Sgd(net, data, batch, spec.shuffle(), seed);
            for (int t = 0; t < WARMUP_STEPS; t++) assertTrue(sgd.step(t, 0.05));  // check away from the initial point
            int[] samples = new int[batch];
            for (int k = 0; k < batch; k++) samples[k] = sgd.sampleIndex(WARMUP_STEPS, k);
            if (!awayFromKinks(net, data, samples)) continue;
            Network at = net.copy();
            assertTrue(sgd.step(WARMUP_STEPS, 0.05));

            double largest = 0;
            for (int l = 0; l < at.layers(); l++) {
                for (int i = 0; i < at.sizes[l + 1]; i++) {
                    for (int j = 0; j < at.sizes[l]; j++) {
                        double fd = finiteDifference(at, data, samples, new WeightRef(l, i, j));
                        assertClose(fd, sgd.grad[l][i][j], "dL/dw[" + l + "][" + i + "][" + j + "] seed " + seed);
                        largest = Math.max(largest, Math.abs(sgd.grad[l][i][j]));
                    }
                    if (bias) {
                        double fd = finiteDifference(at, data, samples, new WeightRef(l, i, WeightRef.BIAS));
                        assertClose(fd, sgd.gradB[l][i], "dL/db[" + l + "][" + i + "] seed " + seed);
                    }
                }
            }
            if (largest < 1e-3) continue;   // everything dead: a vacuous check, draw again
            return;
        }
        fail("no seed in 1..200 gave a configuration away from the kinks with a non-zero gradient");
    }

    @ParameterizedTest(name = "{0}, biases {1}, {2}")
    @MethodSource("decomposeConfigurations")
    void decomposedGradientIsTheFiniteDifferenceGradientOnOneSample(Activation act, boolean bias, String shape) {
        TrainingSpec spec = SpecBuilder.post().layers(parse(shape)).act(act, alphaFor(act)).bias(bias).seed(3).build();
        Network net = spec.initialNetwork();
        if (bias) randomBiases(net, 3);
        Dataset data = spec.dataset();
        double lr = 0.05;
        int checkedSamples = 0;
        for (int s = 0; s < data.size(); s++) {
            if (!awayFromKinks(net, data, new int[] {s})) continue;
            checkedSamples++;
            for (int l = 0; l < net.layers(); l++) {
                for (int i = 0; i < net.sizes[l + 1]; i++) {
                    for (int j = bias ? WeightRef.BIAS : 0; j < net.sizes[l]; j++) {
                        WeightRef ref = new WeightRef(l, i, j);
                        GradientFactors f = Gradients.decompose(net, data, s, ref, lr);
                        assertClose(finiteDifference(net, data, new int[] {s}, ref), f.gradient(), ref + " sample " + s);
                        assertEquals(f.error() * f.downstream() * f.derivative() * f.upstream(), f.gradient(), 0.0);
                        assertEquals(bits(lr * f.gradient()), bits(f.change()));
                        assertEquals(bits(f.weightBefore() - lr * f.gradient()), bits(f.weightAfter()));
                        double weight = ref.isBias() ? net.b[l][i] : net.w[l][i][j];
                        assertEquals(bits(weight), bits(f.weightBefore()));
                        assertEquals(s, f.sample());
                    }
                }
            }
        }
        assertTrue(checkedSamples >= 4, "only " + checkedSamples + " samples were away from the kinks");
    }

    /** The post's network with h1^(1), h2^(1) and h1^(2) active on the sample: the post's formula for dL/dw2j. */
    @Test
    void weightIntoH12FactorsAsThePostWritesThem() {
        double[] w = {
                0.5, 0.4, 0.3,    // w11 w12 w13 into h1^(1)
                0.2, 0.6, 0.1,    // into h2^(1)
                0.7, 0.8,         // w21 w22 into h1^(2)
                -0.3, 0.5,        // into h2^(2)
                1.2, -0.4};       // w31 (from h1^(2)), w32
        TrainingSpec spec = SpecBuilder.post().weights(w).build();
        Network net = spec.initialNetwork();
        Dataset data = spec.dataset();
        double lr = 0.05;
        double[][] z = net.unitBuffers(), a = net.unitBuffers();
        for (int s = 0; s < data.size(); s++) {
            double yHat = net.predict(data.x[s], z, a);
            assertTrue(z[0][0] > 0 && z[0][1] > 0 && z[1][0] > 0, "the example should keep h1^(1), h2^(1), h1^(2) active");
            for (int j = 0; j < 2; j++) {
                GradientFactors f = Gradients.decompose(net, data, s, new WeightRef(1, 0, j), lr);
                assertEquals(bits(yHat - data.y[s]), bits(f.error()));
                assertEquals(bits(net.w[2][0][0]), bits(f.downstream()), "downstream factor is w31");
                assertEquals(1.0, f.derivative(), "ReLU'(h1^(2)) = 1 when active");
                assertEquals(bits(a[0][j]), bits(f.upstream()), "upstream factor is h_ja^(1)");
                // dL/dw2j = (y-hat - y) * w31 * ReLU'(h1^(2)) * h_ja^(1)
                assertEquals(bits((yHat - data.y[s]) * net.w[2][0][0] * 1.0 * a[0][j]), bits(f.gradient()));
                assertEquals(bits(f.weightBefore() - lr * f.gradient()), bits(f.weightAfter()));
                assertEquals(bits(net.w[1][0][j]), bits(f.weightBefore()));
            }
        }
        assertEquals("w21", new WeightRef(1, 0, 0).name());
        assertEquals("w22", new WeightRef(1, 0, 1).name());
        assertEquals("w31", new WeightRef(2, 0, 0).name());
        assertEquals("h1^(2)", Event.neuronName(1, 0));
    }

    /** The post: if h1a^(1) = h2a^(1) = 0, w21 and w22 are not updated at all. */
    @Test
    void weightsIntoH12GetNoGradientWhenBothUpstreamNeuronsAreInactive() {
        double[] w = {-0.5, -0.4, -0.3, -0.2, -0.6, -0.1, 0.7, 0.8, -0.3, 0.5, 1.2, -0.4};
        TrainingSpec spec = SpecBuilder.post().weights(w).build();
        Network net = spec.initialNetwork();
        Dataset data = spec.dataset();
        for (int s = 0; s < data.size(); s++) {
            for (int j = 0; j < 2; j++) {
                GradientFactors f = Gradients.decompose(net, data, s, new WeightRef(1, 0, j), 0.05);
                assertEquals(0.0, f.upstream());
                assertEquals(0.0, f.gradient(), 0.0);   // +0 or -0: no update
                assertEquals(bits(f.weightBefore()), bits(f.weightAfter()));
            }
        }
    }

    /** The inspector's "weight after" for w21, w22 is, bit for bit, what the next per-sample step writes. */
    @Test
    void explainPredictsTheNextUpdateOfW21AndW22Exactly() {
        Training t = new Training(SpecBuilder.post().seed(2).lr(0.05).build());
        for (int step = 0; step < 200; step++) {
            GradientFactors f21 = t.explain(new WeightRef(1, 0, 0)), f22 = t.explain(new WeightRef(1, 0, 1));
            GradientFactors f11 = t.explain(new WeightRef(0, 0, 0));
            assertTrue(t.advance());
            assertEquals(bits(f21.weightAfter()), bits(t.network().w[1][0][0]), "w21 at step " + step);
            assertEquals(bits(f22.weightAfter()), bits(t.network().w[1][0][1]), "w22 at step " + step);
            // deeper weights sum the chain rule in another order: equal up to rounding
            assertEquals(f11.weightAfter(), t.network().w[0][0][0], 1e-12);
        }
    }

    // ---- helpers ----

    static double alphaFor(Activation act) {
        return act == Activation.LEAKY ? 0.1 : act.defaultAlpha();   // a visible leak makes the check sharper
    }

    static int[] parse(String shape) {
        String[] parts = shape.split("-");
        int[] layers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) layers[i] = Integer.parseInt(parts[i]);
        return layers;
    }

    static void randomBiases(Network net, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 31 + 5);
        for (double[] layer : net.b) for (int i = 0; i < layer.length; i++) layer[i] = rng.nextDouble() - 0.5;
    }

    static boolean awayFromKinks(Network net, Dataset data, int[] samples) {
        double[][] z = net.unitBuffers(), a = net.unitBuffers();
        for (int s : samples) {
            net.predict(data.x[s], z, a);
            for (int l = 0; l < net.hiddenLayers(); l++)
                for (double zi : z[l]) if (Math.abs(zi) < MARGIN) return false;
        }
        return true;
    }

    /** Mean over the samples of 1/2 (y-hat - y)^2, with Network.predict only. */
    static double meanLoss(Network net, Dataset data, int[] samples) {
        double[][] z = net.unitBuffers(), a = net.unitBuffers();
        double sum = 0;
        for (int s : samples) {
            double r = net.predict(data.x[s], z, a) - data.y[s];
            sum += 0.5 * r * r;
        }
        return sum / samples.length;
    }

    /** (L(w + H) - L(w - H)) / 2H for one parameter; the parameter is restored exactly. */
    static double finiteDifference(Network net, Dataset data, int[] samples, WeightRef ref) {
        double[] holder = ref.isBias() ? net.b[ref.layer()] : net.w[ref.layer()][ref.to()];
        int index = ref.isBias() ? ref.to() : ref.from();
        double original = holder[index];
        holder[index] = original + H;
        double plus = meanLoss(net, data, samples);
        holder[index] = original - H;
        double minus = meanLoss(net, data, samples);
        holder[index] = original;
        return (plus - minus) / (2 * H);
    }

    static void assertClose(double expected, double actual, String what) {
        double error = Math.abs(expected - actual) / Math.max(FLOOR, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(error < TOLERANCE, what + ": engine " + actual + ", finite difference " + expected + ", relative error " + error);
    }

    static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
