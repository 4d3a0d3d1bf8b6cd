package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics of the initializers and of the Gaussian. Every stream is seeded, so these tests are
 * deterministic; the tolerances are 5 standard errors, so they check the distribution and would
 * still hold for any other seed.
 */
class InitializerTest {
    static final int N = 200_000;

    /** Mean and variance of N draws, and the tolerance for each (5 standard errors). */
    record Moments(double mean, double variance, double meanTolerance, double varianceTolerance) {
        static Moments of(double[] v, double expectedVariance, double expectedFourthMoment) {
            double sum = 0;
            for (double x : v) sum += x;
            double mean = sum / v.length, ss = 0;
            for (double x : v) ss += (x - mean) * (x - mean);
            double variance = ss / (v.length - 1);
            // SE of the mean: sigma / sqrt(N); SE of the sample variance: sqrt((mu4 - sigma^4) / N)
            double seMean = Math.sqrt(expectedVariance / v.length);
            double seVar = Math.sqrt((expectedFourthMoment - expectedVariance * expectedVariance) / v.length);
            return new Moments(mean, variance, 5 * seMean, 5 * seVar);
        }

        void assertMatches(double expectedVariance, String what) {
            assertEquals(0.0, mean, meanTolerance, what + " mean");
            assertEquals(expectedVariance, variance, varianceTolerance, what + " variance");
        }
    }

    static double[] draws(Initializer init, int fanIn, int fanOut, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) v[i] = init.draw(rng, fanIn, fanOut, scale);
        return v;
    }

    @ParameterizedTest(name = "fanIn {0}")
    @ValueSource(ints = {1, 3, 32})
    void heNormalHasVarianceTwoOverFanIn(int fanIn) {
        double variance = 2.0 / fanIn;
        double[] v = draws(Initializer.HE, fanIn, 1, 1.0, 17 + fanIn);
        Moments.of(v, variance, 3 * variance * variance).assertMatches(variance, "He normal");   // normal: mu4 = 3 sigma^4
    }

    @ParameterizedTest(name = "fanIn {0}")
    @ValueSource(ints = {1, 3, 32})
    void heUniformStaysWithinItsBoundWithVarianceTwoOverFanIn(int fanIn) {
        double bound = Math.sqrt(6.0 / fanIn);
        assertUniform(draws(Initializer.HE_UNIFORM, fanIn, 2, 1.0, 5), bound, "He uniform");
        assertEquals(2.0 / fanIn, bound * bound / 3, 1e-15);
    }

    @Test
    void xavierStaysWithinSqrtSixOverFanInPlusFanOut() {
        assertUniform(draws(Initializer.XAVIER, 3, 2, 1.0, 6), Math.sqrt(6.0 / 5), "Xavier");
    }

    @ParameterizedTest(name = "a = {0}")
    @ValueSource(doubles = {0.01, 1.0, 3.5})
    void uniformStaysWithinPlusMinusA(double a) {
        assertUniform(draws(Initializer.UNIFORM, 3, 2, a, 7), a, "uniform");
    }

    @Test
    void zerosAreZeroAndExplicitWeightsAreNotDrawn() {
        for (double v : draws(Initializer.ZEROS, 3, 2, 1.0, 8)) assertEquals(0L, Double.doubleToRawLongBits(v));
        assertThrows(IllegalStateException.class, () -> Initializer.EXPLICIT.draw(new SplittableRandom(1), 3, 2, 1.0));
    }

    /** Network.initialize hands each layer its own fan-in (and Xavier its fan-out) and zeroes the biases. */
    @Test
    void networkInitializationUsesEachLayersFans() {
        int[] sizes = {3, 40, 20, 1};
        Network xavier = new Network(sizes, Activation.RELU, 0.01, true);
        for (double[] b : xavier.b) java.util.Arrays.fill(b, 0.7);
        xavier.initialize(Initializer.XAVIER, 1.0, new SplittableRandom(3));
        for (double[] b : xavier.b) for (double v : b) assertEquals(0.0, v);
        for (int l = 0; l < 3; l++) {
            int fanIn = sizes[l], fanOut = l + 2 < sizes.length ? sizes[l + 2] : 1;
            double bound = Math.sqrt(6.0 / (fanIn + fanOut)), largest = 0;
            for (double[] row : xavier.w[l]) for (double v : row) largest = Math.max(largest, Math.abs(v));
            assertTrue(largest <= bound, "layer " + l + ": " + largest + " > " + bound);
            if (l < 2) assertTrue(largest > 0.8 * bound, "layer " + l + " uses the whole range: " + largest + " of " + bound);
        }

        Network he = new Network(new int[] {8, 64, 64, 1}, Activation.RELU, 0.01, false);
        he.initialize(Initializer.HE, 1.0, new SplittableRandom(4));
        for (int l = 0; l < 2; l++) {
            double[] v = java.util.Arrays.stream(he.w[l]).flatMapToDouble(java.util.Arrays::stream).toArray();
            double variance = 2.0 / he.sizes[l];
            double ss = 0;
            for (double x : v) ss += x * x;
            double se = variance * Math.sqrt(2.0 / v.length);
            assertEquals(variance, ss / v.length, 5 * se, "layer " + l);
        }
    }

    @Test
    void gaussianHasMeanZeroVarianceOneAndNormalTails() {
        SplittableRandom rng = new SplittableRandom(2024);
        double[] v = new double[N];
        int withinOne = 0, withinTwo = 0, positive = 0;
        for (int i = 0; i < N; i++) {
            double g = Seeds.gaussian(rng);
            v[i] = g;
            if (Math.abs(g) < 1) withinOne++;
            if (Math.abs(g) < 2) withinTwo++;
            if (g > 0) positive++;
        }
        Moments.of(v, 1.0, 3.0).assertMatches(1.0, "N(0,1)");
        assertFraction(0.682689492, withinOne, "P(|g| < 1)");
        assertFraction(0.954499736, withinTwo, "P(|g| < 2)");
        assertFraction(0.5, positive, "P(g > 0)");
    }

    @Test
    void derivedStreamsAreReproducibleAndSeparatedByPurposeAndKeys() {
        long a = Seeds.derive(7, Seeds.INIT).nextLong();
        assertEquals(a, Seeds.derive(7, Seeds.INIT).nextLong());
        assertNotEquals(a, Seeds.derive(8, Seeds.INIT).nextLong());
        assertNotEquals(a, Seeds.derive(7, Seeds.DATA).nextLong());
        assertNotEquals(a, Seeds.derive(7, Seeds.INIT, 0).nextLong());
        assertNotEquals(Seeds.derive(7, Seeds.SHUFFLE, 1).nextLong(), Seeds.derive(7, Seeds.SHUFFLE, 2).nextLong());
        assertNotEquals(Seeds.derive(7, Seeds.REINIT, 5, 0).nextLong(), Seeds.derive(7, Seeds.REINIT, 5, 1).nextLong());
        assertNotEquals(Seeds.derive(7, Seeds.REINIT, 5, 0).nextLong(), Seeds.derive(7, Seeds.REINIT, 0, 5).nextLong());
    }

    /**
     * With non-negative inputs and no bias, a first-layer neuron whose three weights come
     * from a symmetric distribution is born dead with probability at least 1/8 (all three negative).
     */
    @Test
    void aFirstLayerNeuronIsBornDeadWithProbabilityAtLeastOneEighth() {
        int runs = 4000, bornDead = 0, allNegative = 0;
        Dataset data = SpecBuilder.post().build().dataset();
        for (long seed = 1; seed <= runs; seed++) {
            Network net = SpecBuilder.post().seed(seed).build().initialNetwork();
            Census census = new Census(net, data);
            census.count(net);
            if (census.state(0, 0).isDead()) bornDead++;
            double[] w = net.w[0][0];
            if (w[0] < 0 && w[1] < 0 && w[2] < 0) {
                allNegative++;
                assertEquals(NeuronState.PERMANENTLY_DEAD, census.state(0, 0), "all three negative: dead for sure");
            }
        }
        assertFraction(0.125, allNegative, runs, "P(three negative weights)");
        assertTrue(bornDead >= allNegative);
    }

    static void assertUniform(double[] v, double bound, String what) {
        double largest = 0;
        for (double x : v) {
            assertTrue(x >= -bound && x < bound, what + ": " + x + " outside [-" + bound + ", " + bound + ")");
            largest = Math.max(largest, Math.abs(x));
        }
        assertTrue(largest > 0.999 * bound, what + " reaches its bound");
        double variance = bound * bound / 3;
        Moments.of(v, variance, Math.pow(bound, 4) / 5).assertMatches(variance, what);   // U(-b, b): mu4 = b^4 / 5
    }

    static void assertFraction(double p, int count, String what) {
        assertFraction(p, count, N, what);
    }

    static void assertFraction(double p, int count, int n, String what) {
        double se = Math.sqrt(p * (1 - p) / n);
        assertEquals(p, (double) count / n, 5 * se, what);
    }
}
