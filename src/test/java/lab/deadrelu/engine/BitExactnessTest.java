package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden digests of whole training runs, recorded with the straightforward engine of commit
 * fdb3b2c. Every speed-up of Passes / Sgd / Census / Network must keep each digest: same sums
 * in the same order, so the same raw bits of every weight, bias, gradient and loss.
 *
 * A digest folds Double.doubleToRawLongBits of: the census loss after every step, and at the end
 * every weight and bias, the last step's gradient (Sgd.grad / gradB) and batch loss, the active
 * counts, the divergence step, every event (kind, step, neuron, and for an update its lr,
 * gradient and weights before/after) and the pre-activations of the first hidden neuron.
 * <p>
 * Three digests were recorded again when permanent death began to pass up the layers (a neuron fed only
 * by permanently dead neurons is permanently dead too): their states and PERMANENT events changed;
 * their losses, weights, biases, gradients and every other event were checked to be the same bits.
 */
class BitExactnessTest {

    private static TrainingSpec spec(int[] layers, Activation act, boolean bias, double lr, int batch, boolean shuffle,
                                     long seed, int n, boolean centred) {
        return new TrainingSpec(layers, act, act.defaultAlpha(), bias, lr, batch, shuffle, seed, Initializer.HE, 1.0,
                new double[0], Target.SIN, n, 0.0, centred, 1);
    }

    private static final int[] POST = {3, 2, 2, 1}, DEEP = {3, 32, 32, 32, 1};

    @Test
    void perSampleReluWithoutBiasMatchesGolden() {   // the article's case 1 (born dead)
        check(spec(POST, Activation.RELU, false, 0.05, 1, false, 11, 8, false), 500, 0xf1ac00d7d6125664L);
    }

    @Test
    void perSampleReluWithBiasMatchesGolden() {      // workload W1
        check(spec(POST, Activation.RELU, true, 0.01, 1, false, 7, 64, false), 500, 0x37a673313a81b2f4L);
    }

    @Test
    void perSampleLeakyLargeStepMatchesGolden() {    // the article's case 2, with Leaky ReLU
        check(spec(POST, Activation.LEAKY, false, 0.9, 1, false, 3, 8, false), 500, 0x42670a460c064470L);
    }

    @Test
    void perSampleEluShuffledMatchesGolden() {
        check(spec(POST, Activation.ELU, true, 0.05, 1, true, 5, 16, true), 500, 0x0527b174bb4fdec8L);
    }

    @Test
    void deepBatchTenReluMatchesGolden() {           // workload W2, census W3 after every step
        check(spec(DEEP, Activation.RELU, true, 0.01, 10, false, 1, 512, false), 500, 0x22f689000768dc05L);
    }

    @Test
    void deepBatchTenLeakyShuffledWithoutBiasMatchesGolden() {
        check(spec(DEEP, Activation.LEAKY, false, 0.02, 10, true, 2, 100, false), 500, 0x50996143ca7d4ad7L);
    }

    @Test
    void deepPerSampleEluMatchesGolden() {           // like the "deep net works anyway" scenario, with ELU
        check(spec(DEEP, Activation.ELU, true, 0.05, 1, false, 1, 64, false), 500, 0x56650f071e5631bfL);
    }

    @Test
    void deepPerSampleReluLargeStepMatchesGolden() { // many neurons die
        check(spec(DEEP, Activation.RELU, true, 0.05, 1, false, 1, 64, false), 500, 0x6e9f565569d97752L);
    }

    @Test
    void oddShapesAndChunkedCensusMatchGolden() {    // batch 7 of 300 samples: census in chunks of 128 + 44
        check(spec(new int[] {3, 5, 7, 4, 1}, Activation.RELU, true, 0.03, 7, true, 9, 300, true), 500, 0xccc18a3eeac1f221L);
    }

    @Test
    void fullBatchEluMatchesGolden() {
        check(spec(new int[] {2, 9, 1}, Activation.ELU, true, 0.1, 40, false, 4, 40, false), 500, 0xf516223ef15b7051L);
    }

    @Test
    void divergingPerSampleRunMatchesGolden() {
        check(spec(POST, Activation.RELU, true, 1e6, 1, false, 2, 8, false), 50, 0x7600c53be7d2b3b8L);
    }

    @Test
    void divergingBatchRunMatchesGolden() {
        check(spec(DEEP, Activation.RELU, true, 1e6, 10, false, 2, 64, false), 50, 0xce7eac51ab7406faL);
    }

    @Test
    void explicitWeightsMatchGolden() {
        double[] w = {0.5, -0.25, 0.125, 1.0, -1.0, 0.75, -0.5, 0.3, 0.2, -0.1, 0.9, -0.6, 0.4, -0.35};
        TrainingSpec s = new TrainingSpec(new int[] {2, 3, 2, 1}, Activation.RELU, 0.01, true, 0.05, 2, false, 1,
                Initializer.EXPLICIT, 1.0, w, Target.LINEAR, 12, 0.1, true, 8);
        check(s, 500, 0xe1017bcd459177f7L);
    }

    /** Interventions change the weights from outside Sgd: re-initialize, re-draw the dead, new lr and activation. */
    @Test
    void perSampleInterventionsMatchGolden() {
        checkInterventions(1, 0xee0cf491dde2874aL);
    }

    @Test
    void batchInterventionsMatchGolden() {
        checkInterventions(10, 0x6c18f4e8f85e393aL);
    }

    private static void checkInterventions(int batch, long expected) {
        Training t = new Training(spec(DEEP, Activation.RELU, true, 0.05, batch, false, 1, 64, false));
        List<Long> trace = new ArrayList<>();
        run(t, 100, trace);
        t.setLearningRate(0.2);
        run(t, 200, trace);
        t.redrawDead();
        run(t, 300, trace);
        t.setActivation(Activation.LEAKY, 0.05);
        run(t, 400, trace);
        t.reinitialize();
        t.setActivation(Activation.ELU, 1.0);
        t.setLearningRate(0.01);
        run(t, 500, trace);
        assertDigest(expected, digest(t, trace), "interventions, batch " + batch);
    }

    /**
     * Finite weights whose forward pass overflows: z = inf in the first hidden layer, inf - inf =
     * NaN in the second (where ReLU must give 0, not NaN), on some samples only. Direct Sgd and
     * Census use; NaNs are compared as NaN (their payload bits are not reproducible even in the
     * original code, C2 swaps operands of products).
     */
    @Test
    void overflowingForwardPassMatchesGolden() {
        int n = 300;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int s = 0; s < n; s++) {
            x[s][0] = rng.nextDouble();
            x[s][1] = rng.nextDouble();
            y[s] = x[s][0] - x[s][1];
        }
        Dataset data = new Dataset(x, y);
        Digest d = new Digest();
        d.canonicalNaN = true;
        for (Activation act : Activation.values()) {
            for (int batch : new int[] {1, 4, 10}) {
                Network net = new Network(new int[] {2, 5, 4, 1}, act, act.defaultAlpha(), true);
                for (int i = 0; i < 5; i++) {          // overflows to +inf when x0 + x1 > ~0.8 (neurons 0-2)
                    net.w[0][i][0] = i < 3 ? 1e308 : 0.5 - i;
                    net.w[0][i][1] = i < 3 ? 1e308 : 0.25 * i;
                    net.b[0][i] = i < 3 ? 1e308 : 0.1;
                }
                for (int i = 0; i < 4; i++) {          // neuron 0: a_0 - a_1 = inf - inf = NaN
                    for (int j = 0; j < 5; j++) net.w[1][i][j] = i == 0 ? (j == 0 ? 1 : j == 1 ? -1 : 0) : 0.1 * (i - j);
                    net.b[1][i] = -0.05 * i;
                }
                for (int j = 0; j < 4; j++) net.w[2][0][j] = 0.3 - 0.2 * j;
                Sgd sgd = new Sgd(net, data, batch, true, 3);
                Census census = new Census(net, data);
                for (int step = 0; step < 40; step++) {
                    d.add(sgd.step(step, 0.01) ? 1 : 0);
                    d.add(sgd.lastBatchLoss());
                    for (double[][] layer : sgd.grad) for (double[] row : layer) d.add(row);
                    for (double[] row : sgd.gradB) d.add(row);
                    for (double[][] layer : net.w) for (double[] row : layer) d.add(row);
                    for (double[] row : net.b) d.add(row);
                    census.count(net);
                    d.add(census.loss());
                    for (int h = 0; h < census.hiddenLayers(); h++)
                        for (int i = 0; i < census.width(h); i++) d.add(census.activeCount(h, i));
                }
            }
        }
        assertDigest(0xe94ce9f4e82f0d9fL, d.value, "overflowing forward pass");
    }

    private static void run(Training t, long to, List<Long> trace) {
        while (t.step() < to && t.advance()) trace.add(Double.doubleToRawLongBits(t.loss()));
    }

    private static void check(TrainingSpec spec, long steps, long expected) {
        Training t = new Training(spec);
        List<Long> trace = new ArrayList<>();
        run(t, steps, trace);
        if (System.getProperty("golden.describe") != null)
            System.out.println(spec + " step=" + t.step() + " diverged=" + t.divergedAt() + " dead=" + t.census().deadTotal()
                    + " loss=" + t.loss() + " events=" + t.events().size());
        assertDigest(expected, digest(t, trace), spec.toString());
    }

    private static void assertDigest(long expected, long actual, String what) {
        assertEquals(Long.toHexString(expected), Long.toHexString(actual), what + ": bits differ from the golden run");
    }

    private static long digest(Training t, List<Long> trace) {
        Digest d = new Digest();
        for (long bits : trace) d.add(bits);
        Network net = t.network();
        for (double[][] layer : net.w) for (double[] row : layer) d.add(row);
        for (double[] row : net.b) d.add(row);
        Sgd sgd = sgdOf(t);
        for (double[][] layer : sgd.grad) for (double[] row : layer) d.add(row);
        for (double[] row : sgd.gradB) d.add(row);
        d.add(sgd.lastBatchLoss());
        d.add(t.step());
        d.add(t.divergedAt());
        Census c = t.census();
        for (int h = 0; h < c.hiddenLayers(); h++) {
            for (int i = 0; i < c.width(h); i++) {
                d.add(c.activeCount(h, i));
                d.add(c.state(h, i).ordinal());
            }
        }
        for (Event e : t.events()) {
            d.add(e.step());
            d.add(e.layer());
            d.add(e.neuron());
            d.add(e.kind().ordinal());
            d.add(e.by().hashCode());
            if (e.cause() != null) {
                Event.Update u = e.cause();
                d.add(u.lr());
                d.add(u.gradient());
                d.add(u.weightsBefore());
                d.add(u.weightsAfter());
                d.add(u.biasGradient());
                d.add(u.biasBefore());
                d.add(u.biasAfter());
            }
        }
        d.add(t.preActivations(0, 0));
        return d.value;
    }

    private static Sgd sgdOf(Training t) {
        try {
            java.lang.reflect.Field f = Training.class.getDeclaredField("sgd");
            f.setAccessible(true);
            return (Sgd) f.get(t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** SplitMix64's finalizer folded over 64-bit words: any changed bit changes the digest. */
    private static final class Digest {
        long value = 0x9E3779B97F4A7C15L;
        boolean canonicalNaN;

        void add(long word) {
            value = Seeds.mix(value ^ (word + 0x632BE59BD9B4E019L));
        }

        void add(double v) {
            add(canonicalNaN ? Double.doubleToLongBits(v) : Double.doubleToRawLongBits(v));
        }

        void add(double[] row) {
            add(row.length);
            for (double v : row) add(v);
        }
    }
}
