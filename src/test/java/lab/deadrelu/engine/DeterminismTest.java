package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A link is a spec: the same spec must give the same numbers, bit for bit, every time and on every JVM. */
class DeterminismTest {

    static Stream<Arguments> activationsAndShuffle() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : Activation.values())
            for (boolean shuffle : new boolean[] {false, true}) out.add(Arguments.of(act, shuffle));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, shuffle {1}")
    @MethodSource("activationsAndShuffle")
    void twoRunsOfTheSameSpecGiveBitIdenticalWeightsAfter1000Steps(Activation act, boolean shuffle) {
        TrainingSpec spec = SpecBuilder.post().layers(3, 6, 4, 1).act(act).bias(true).shuffle(shuffle)
                .n(20).noise(0.1).lr(0.05).seed(99).build();
        Training first = new Training(spec), second = new Training(spec);
        first.runTo(1000);
        second.runTo(1000);
        assertEquals(1000, first.step());
        assertFalse(first.diverged());
        assertEquals(rawBits(first.network()), rawBits(second.network()));
        assertEquals(Double.doubleToRawLongBits(first.loss()), Double.doubleToRawLongBits(second.loss()));
        assertEquals(describe(first.events()), describe(second.events()));
        // and the run really moved: a test of "nothing happened twice" would prove nothing
        assertFalse(rawBits(first.network()).equals(rawBits(spec.initialNetwork())));
    }

    /** The same, with the mini-batch path and interventions in the timeline. */
    @Test
    void sameTimelineOfInterventionsGivesBitIdenticalRuns() {
        TrainingSpec spec = SpecBuilder.post().layers(3, 8, 8, 1).bias(true).batch(4).shuffle(true).n(16).seed(5).build();
        List<List<Long>> results = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Training t = new Training(spec);
            t.runTo(200);
            t.setLearningRate(0.2);
            t.runTo(400);
            t.reinitialize();
            t.runTo(600);
            t.redrawDead();
            t.setActivation(Activation.LEAKY, 0.05);
            t.runTo(800);
            results.add(rawBits(t.network()));
        }
        assertEquals(results.get(0), results.get(1));
    }

    @Test
    void aDifferentSeedGivesDifferentWeightsOnTheSameData() {
        TrainingSpec spec = SpecBuilder.post().seed(7).build();
        TrainingSpec other = spec.withSeed(8);
        Training a = new Training(spec), b = new Training(other);
        assertDataEquals(a.data(), b.data());
        assertFalse(rawBits(a.network()).equals(rawBits(b.network())), "initial weights differ");
        a.runTo(100);
        b.runTo(100);
        assertFalse(rawBits(a.network()).equals(rawBits(b.network())), "trained weights differ");
    }

    @Test
    void aDifferentDataSeedGivesDifferentDataButTheSameInitialWeights() {
        TrainingSpec spec = SpecBuilder.post().dataSeed(1).build();
        TrainingSpec other = SpecBuilder.post().dataSeed(2).build();
        Dataset a = spec.dataset(), b = other.dataset();
        for (int s = 0; s < a.size(); s++) {
            for (int j = 0; j < a.inputs(); j++) assertFalse(a.x[s][j] == b.x[s][j], "x[" + s + "][" + j + "]");
            assertFalse(a.y[s] == b.y[s]);
        }
        assertEquals(rawBits(spec.initialNetwork()), rawBits(other.initialNetwork()));
        assertDataEquals(a, SpecBuilder.post().dataSeed(1).seed(1234).build().dataset());
    }

    @Test
    void noiseComesFromItsOwnStreamAndLeavesTheInputsAlone() {
        Dataset clean = Dataset.generate(50, 3, Target.SIN, 0.0, false, 3);
        Dataset noisy = Dataset.generate(50, 3, Target.SIN, 0.2, false, 3);
        int differing = 0;
        for (int s = 0; s < 50; s++) {
            assertArrayEquals(clean.x[s], noisy.x[s]);
            assertEquals(Target.SIN.of(clean.x[s]), clean.y[s], 0.0);
            if (clean.y[s] != noisy.y[s]) differing++;
            for (double v : clean.x[s]) assertTrue(v >= 0 && v < 1);
        }
        assertEquals(50, differing);
        Dataset centred = Dataset.generate(200, 2, Target.LINEAR, 0.0, true, 3);
        boolean negative = false;
        for (double[] row : centred.x) for (double v : row) { assertTrue(v >= -1 && v < 1); negative |= v < 0; }
        assertTrue(negative);
    }

    /**
     * Golden values. The post's network (3-2-2-1, ReLU, no biases, He-normal init, per-sample SGD
     * in a fixed order, lr 0.05, seed 7, dataSeed 1, n = 8 samples of the sin target), computed once
     * by running the engine and pasted here as raw IEEE-754 bits. They pin the arithmetic: the seed
     * derivation and SplittableRandom's SplitMix64 stream, the polar Gaussian through StrictMath, the
     * order of every sum and the update formula. Java's double arithmetic (strict since Java 17) and
     * StrictMath give the same results on every JVM, so any JVM must reproduce these bits; that is
     * what keeps a shared link opening the exact same run for everybody. If this test fails, links made before the change no longer reproduce:
     * change these numbers only on purpose, never to make the test pass.
     */
    @Test
    void thePostsNetworkReproducesItsGoldenBitsAfter100Steps() {
        TrainingSpec spec = new TrainingSpec(new int[] {3, 2, 2, 1}, Activation.RELU, 0.01, false, 0.05, 1, false, 7,
                Initializer.HE, 1.0, new double[0], Target.SIN, 8, 0.0, false, 1);
        Training t = new Training(spec);
        assertBits(0x3FDDE2C6AA70A6F2L, t.data().x[0][0], "x_11 (data stream)");
        assertBits(0x3FEF96FB2B6811DFL, t.data().y[0], "y_1 = sin(3 x_11) + x_12 x_13");
        assertBits(0x3FF585CEF6F91049L, t.network().w[0][0][0], "w11 at step 0 (He-normal draw)");
        assertBits(0xBFF0351C08691DEEL, t.network().w[1][0][1], "w22 at step 0");

        t.runTo(100);
        assertBits(0x3FF7A8EFBF328CB9L, t.network().w[0][0][0], "w11 after 100 steps");
        assertBits(0xBF84760B0E6FD077L, t.network().w[0][1][0], "w^(1)_2,1 after 100 steps");
        assertBits(0x3FF187A25C02DE8BL, t.network().w[1][0][0], "w21 after 100 steps");
        assertBits(0xBFEAF376DD63AB8EL, t.network().w[1][0][1], "w22 after 100 steps");
        assertBits(0x3FEB42528B89882AL, t.network().w[2][0][0], "w31 after 100 steps");
        assertBits(0x3F9CEB248819DF21L, t.loss(), "loss after 100 steps");
    }

    // ---- helpers ----

    static List<Long> rawBits(Network net) {
        List<Long> bits = new ArrayList<>();
        for (double[][] layer : net.w) for (double[] row : layer) for (double v : row) bits.add(Double.doubleToRawLongBits(v));
        for (double[] layer : net.b) for (double v : layer) bits.add(Double.doubleToRawLongBits(v));
        return bits;
    }

    /** Events as text (Event.Update holds arrays, which records compare by reference). */
    static List<String> describe(List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            Event.Update u = e.cause();
            out.add(e.step() + " " + e.name() + " " + e.kind() + " " + e.by()
                    + (u == null ? "" : " lr=" + u.lr() + " g=" + java.util.Arrays.toString(u.gradient())
                    + " before=" + java.util.Arrays.toString(u.weightsBefore()) + " after=" + java.util.Arrays.toString(u.weightsAfter())
                    + " b: " + u.biasGradient() + " " + u.biasBefore() + " " + u.biasAfter()));
        }
        return out;
    }

    static void assertDataEquals(Dataset a, Dataset b) {
        assertEquals(a.size(), b.size());
        for (int s = 0; s < a.size(); s++) {
            for (int j = 0; j < a.inputs(); j++)
                assertEquals(Double.doubleToRawLongBits(a.x[s][j]), Double.doubleToRawLongBits(b.x[s][j]));
            assertEquals(Double.doubleToRawLongBits(a.y[s]), Double.doubleToRawLongBits(b.y[s]));
        }
    }

    static void assertBits(long expected, double actual, String what) {
        assertEquals(expected, Double.doubleToRawLongBits(actual),
                what + ": expected " + Double.longBitsToDouble(expected) + ", got " + actual);
    }
}
