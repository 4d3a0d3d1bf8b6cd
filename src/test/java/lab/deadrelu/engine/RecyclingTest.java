package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ReDo: the dormancy score, what recycling changes (and what it leaves exactly as it was). */
class RecyclingTest {

    /** 1-4-1 without biases, inputs x in [0, 1): a = x, 3x, ReLU(-x) = 0 and ReLU(0 x) = 0; output weights 0.5, -0.25, 2, 1. */
    static TrainingSpec tiny() {
        return SpecBuilder.post().layers(1, 4, 1).weights(1, 3, -1, 0, 0.5, -0.25, 2, 1).lr(0.01).n(8).build();
    }

    @Test
    void aNeuronsScoreIsItsMeanAbsoluteActivationOverItsLayersMean() {
        Training t = new Training(tiny());
        double m = 0;
        for (double[] x : t.data().x) m += x[0];
        m /= t.data().size();                                     // E|a_1| = E x
        Census c = t.census();
        assertEquals(m, c.meanAbsActivation(0, 0), 1e-15);
        assertEquals(3 * m, c.meanAbsActivation(0, 1), 1e-15);
        assertEquals(0.0, c.meanAbsActivation(0, 2));
        // layer mean (m + 3m + 0 + 0) / 4 = m: scores 1, 3, 0, 0
        Dormancy d = c.dormancy();
        assertEquals(1.0, d.score(0, 0), 1e-12);
        assertEquals(3.0, d.score(0, 1), 1e-12);
        assertEquals(0.0, d.score(0, 2));
        assertEquals(0.0, d.score(0, 3));
        assertEquals(0.5, d.fraction(0, Dormancy.LOW));
        assertEquals(0.5, d.fraction(0, 0.999), "s = 1 is above τ = 0.999");
        assertEquals(0.75, d.fraction(0, 1.0), "and at most τ = 1: s ≤ τ");
    }

    @Test
    void negativeActivationsCountByTheirSizeAndASilentLayerIsAllDormant() {
        // Leaky ReLU, alpha 0.5: a = 0.5 · (-x) for w = -1, so E|a| = 0.5 E x
        Training leaky = new Training(SpecBuilder.post().layers(1, 2, 1).act(Activation.LEAKY, 0.5).weights(1, -1, 1, 1).n(8).build());
        assertEquals(0.5 * leaky.census().meanAbsActivation(0, 0), leaky.census().meanAbsActivation(0, 1), 1e-15);
        assertEquals(2.0 / 3, leaky.census().dormancy().score(0, 1), 1e-12);   // 0.5m / (1.5m / 2)
        Training silent = new Training(SpecBuilder.post().layers(1, 2, 1).weights(-1, -2, 1, 1).n(8).build());
        assertEquals(0.0, silent.census().dormancy().score(0, 0));
        assertEquals(1.0, silent.census().dormancy().fraction(0, Dormancy.LOW));
    }

    @Test
    void recyclingLeavesTheOutputBitForBitAndDrawsTheIncomingWeightsFromTheSeededInitializer() {
        TrainingSpec spec = tiny();
        Training t = new Training(spec);
        double[] before = outputs(t);
        assertEquals(2, t.recycleDormant(0.1));
        assertArrayEquals(before, outputs(t), "silent neurons with outgoing weights 0: every y-hat the same bits");
        // explicit weights re-draw from He: stream (seed, RECYCLE, step 0, interventions 0), neuron 3 then neuron 4
        SplittableRandom rng = Seeds.derive(spec.seed(), Seeds.RECYCLE, 0, 0);
        Network net = t.network();
        assertEquals(Initializer.HE.draw(rng, 1, 1, 1.0), net.w[0][2][0]);
        assertEquals(Initializer.HE.draw(rng, 1, 1, 1.0), net.w[0][3][0]);
        assertEquals(0.0, net.w[1][0][2]);
        assertEquals(0.0, net.w[1][0][3]);
        assertEquals(1.0, net.w[0][0][0], "the others keep their weights");
        assertEquals(3.0, net.w[0][1][0]);
        assertEquals(0.5, net.w[1][0][0]);
        assertEquals(-0.25, net.w[1][0][1]);
        long recycled = t.events().stream().filter(e -> e.kind() == Event.Kind.RECYCLED).count();
        assertEquals(2, recycled);
        assertEquals("redo", t.events().stream().filter(e -> e.kind() == Event.Kind.RECYCLED).findFirst().orElseThrow().by());
    }

    @Test
    void aRecycledNeuronWithSomeActivityTakesItsSmallContributionOutOfTheOutput() {
        // τ = 1 also recycles h1 (score 1): its a = x leaves y-hat, the others' contributions stay
        Training t = new Training(tiny());
        t.recycleDormant(1.0);
        for (double[] x : t.data().x) {
            double[][] z = t.network().unitBuffers(), a = t.network().unitBuffers();
            assertEquals(-0.25 * 3 * x[0], t.network().predict(x, z, a), 1e-15);
        }
    }

    @Test
    void periodicRecyclingActsAfterEveryKthUpdateOnly() {
        TrainingSpec spec = tiny().withRecycling(Recycling.every(5, 0.1));
        Training t = new Training(spec);
        t.runTo(4);
        assertEquals(0, t.events().stream().filter(e -> e.kind() == Event.Kind.RECYCLED).count());
        t.runTo(5);
        assertTrue(t.events().stream().anyMatch(e -> e.kind() == Event.Kind.RECYCLED && e.step() == 5));
        t.runTo(12);
        assertTrue(t.events().stream().filter(e -> e.kind() == Event.Kind.RECYCLED).allMatch(e -> e.step() % 5 == 0));
    }

    @Test
    void recyclingResetsTheOptimizersMemoryOfExactlyTheReplacedWeights() {
        TrainingSpec spec = SpecBuilder.post().layers(3, 5, 4, 1).bias(true).lr(0.01).n(16).seed(9).build()
                .withOptimizer(Optimizer.adam(0.9, 0.999, 1e-8));
        Training t = new Training(spec);
        t.runTo(30);
        double[] m0 = t.keep().moments;
        Dormancy d = t.census().dormancy();
        boolean[][] gone = new boolean[2][];
        int count = 0;
        for (int h = 0; h < 2; h++) {
            gone[h] = new boolean[spec.layers()[h + 1]];
            for (int i = 0; i < gone[h].length; i++) count += (gone[h][i] = d.dormant(h, i, 1.0)) ? 1 : 0;
        }
        assertTrue(count > 0 && count < 9, "τ = 1 recycles those at or below their layer's mean, not all: " + count);
        assertEquals(count, t.recycleDormant(1.0));
        double[] m1 = t.keep().moments;
        int[] z = spec.layers();
        int k = 0;
        for (int part = 0; part < 2; part++) {                          // m, then v (Adam)
            for (int l = 0; l < 3; l++)                                 // weights: w[l][i][j]
                for (int i = 0; i < z[l + 1]; i++)
                    for (int j = 0; j < z[l]; j++, k++) {
                        boolean reset = l < 2 && gone[l][i] || l > 0 && gone[l - 1][j];   // incoming of a recycled i, or outgoing of a recycled j
                        if (reset) assertEquals(0.0, m1[k], "moment of w[" + l + "][" + i + "][" + j + "]");
                        else assertEquals(m0[k], m1[k], "moment of w[" + l + "][" + i + "][" + j + "] kept");
                    }
            for (int l = 0; l < 3; l++)                                 // biases
                for (int i = 0; i < z[l + 1]; i++, k++) {
                    if (l < 2 && gone[l][i]) assertEquals(0.0, m1[k]);
                    else assertEquals(m0[k], m1[k]);
                }
        }
        assertEquals(m1.length, k);
        assertTrue(java.util.Arrays.stream(m0).filter(v -> v != 0).count() > m1.length / 2, "the memory was not empty before");
    }

    @Test
    void theSameSpecGivesTheSameNumbersAndAnotherSeedOtherDraws() {
        TrainingSpec spec = SpecBuilder.post().layers(3, 8, 8, 1).lr(0.3).n(16).seed(2).build().withRecycling(Recycling.every(7, 0.1));
        Training a = new Training(spec), b = new Training(spec), c = new Training(spec.withSeed(3));
        a.runTo(200);
        b.runTo(200);
        c.runTo(200);
        PathAgreementTest.assertSameBits(a.network(), b.network(), "step 200");
        assertEquals(told(a), told(b));
        assertTrue(a.events().stream().anyMatch(e -> e.kind() == Event.Kind.RECYCLED), "something was recycled");
        assertNotEquals(a.network().w[0][0][0], c.network().w[0][0][0]);
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        Training t = new Training(tiny());
        for (double tau : new double[] {0, -0.1, 1.5, Double.NaN})
            assertEquals("redo", assertThrows(InvalidParameter.class, () -> t.recycleDormant(tau)).parameter);
        assertEquals("redoEvery", assertThrows(InvalidParameter.class, () -> Recycling.every(0, 0.1)).parameter);
    }

    /** The events without their updates' arrays (which a record compares by reference). */
    private static java.util.List<String> told(Training t) {
        return t.events().stream().map(e -> e.step() + " " + e.name() + " " + e.kind() + " " + e.by()).toList();
    }

    private static double[] outputs(Training t) {
        double[] y = new double[t.data().size()];
        for (int s = 0; s < y.length; s++) {
            Network net = t.network();
            y[s] = net.predict(t.data().x[s], net.unitBuffers(), net.unitBuffers());
        }
        return y;
    }
}
