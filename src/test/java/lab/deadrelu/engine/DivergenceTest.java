package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A step size up to 1e6 must end in a clean "diverged" state: finite numbers, one event, no exception. */
class DivergenceTest {

    static Stream<Arguments> divergingRuns() {
        return Stream.of(
                Arguments.of("leaky 3-2-2-1, lr 1e6", SpecBuilder.post().act(Activation.LEAKY).lr(1e6).build()),
                Arguments.of("elu 3-2-2-1 with biases, batch 4, lr 1e6",
                        SpecBuilder.post().act(Activation.ELU).bias(true).batch(4).lr(1e6).build()),
                Arguments.of("relu 3-2-2-1 with biases, lr 1e6", SpecBuilder.post().bias(true).lr(1e6).build()),
                Arguments.of("relu 3-32-32-32-1 with biases, lr 1e6",
                        SpecBuilder.post().layers(3, 32, 32, 32, 1).bias(true).n(64).lr(1e6).build()),
                Arguments.of("leaky, the case-2 weights, lr 50",
                        SpecBuilder.post().weights(CensusEventsTest.CASE_2).act(Activation.LEAKY).lr(50).build()),
                Arguments.of("leaky 8-64x8-1, lr 1",
                        SpecBuilder.post().layers(8, 64, 64, 64, 64, 64, 64, 64, 64, 1).act(Activation.LEAKY).bias(true)
                                .n(64).lr(1).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergingRuns")
    void aHugeStepSizeEndsInAFiniteDivergedState(String name, TrainingSpec spec) {
        Training t = new Training(spec);
        t.runTo(5000);
        assertTrue(t.diverged(), name + " should diverge");
        assertTrue(t.divergedAt() > 0);
        assertEquals(t.step() + 1, t.divergedAt(), "the step whose update was refused");
        assertTrue(t.step() < 5000);

        List<Event> diverged = t.events().stream().filter(e -> e.kind() == Event.Kind.DIVERGED).collect(Collectors.toList());
        assertEquals(1, diverged.size());
        Event e = diverged.get(0);
        assertEquals(t.divergedAt(), e.step());
        assertEquals(-1, e.layer());
        assertEquals(-1, e.neuron());
        assertEquals("update", e.by());
        assertEquals("network", e.name());

        assertAllFinite(t.network());
        assertTrue(Double.isFinite(t.loss()), "loss " + t.loss());
        Snapshot snap = t.snapshot();
        assertTrue(snap.diverged());
        assertTrue(Double.isFinite(snap.loss()));

        // the refused update left the weights of the last good step, bit for bit
        Training replay = new Training(spec);
        replay.runTo(t.step());
        assertFalse(replay.diverged());
        assertEquals(DeterminismTest.rawBits(replay.network()), DeterminismTest.rawBits(t.network()));
        assertEquals(Double.doubleToRawLongBits(replay.loss()), Double.doubleToRawLongBits(t.loss()));

        // and nothing moves any more
        List<Long> frozen = DeterminismTest.rawBits(t.network());
        long step = t.step();
        int events = t.events().size();
        for (int k = 0; k < 10; k++) assertFalse(t.advance());
        t.runTo(step + 100);
        assertEquals(step, t.step());
        assertEquals(frozen, DeterminismTest.rawBits(t.network()));
        assertEquals(events, t.events().size());
        assertEquals(Double.doubleToRawLongBits(snap.loss()), Double.doubleToRawLongBits(t.loss()));
    }

    /**
     * ReLU without biases: a step of 1e6 silences the second hidden layer at once, the output is 0
     * from then on and no gradient flows. That is death, not divergence: the run goes on, finite.
     */
    @Test
    void aHugeStepOnTheBiaslessReluNetKillsItInsteadOfOverflowing() {
        Training t = new Training(SpecBuilder.post().lr(1e6).build());
        t.runTo(2000);
        assertFalse(t.diverged());
        assertEquals(2000, t.step());
        assertEquals(2, t.census().deadIn(1));
        assertAllFinite(t.network());
        double sum = 0;
        for (double y : t.data().y) sum += 0.5 * (0 - y) * (0 - y);
        assertEquals(sum / t.data().size(), t.loss(), 0.0, "y-hat = 0 on every sample");
        assertTrue(t.events().stream().anyMatch(e -> e.kind() == Event.Kind.DIED && e.layer() == 1));
    }

    /** The other guard: an update that would overflow a weight itself is refused inside Sgd. */
    @Test
    void sgdRefusesAStepThatWouldMakeAWeightNonFiniteAndChangesNothing() {
        Dataset data = new Dataset(new double[][] {{0.9}, {0.2}}, new double[] {0.5, 0.5});
        Network net = new Network(new int[] {1, 1, 1}, Activation.RELU, 0.01, true);
        net.w[0][0][0] = 1e304;     // a = 0.9e304 on sample 0
        net.w[1][0][0] = 1e-304;    // y-hat = 0.9 (about), so the loss 1/2 (0.9 - 0.5)^2 is small and finite
        Network before = net.copy();
        Sgd sgd = new Sgd(net, data, 1, false, 1);
        assertFalse(sgd.step(0, 1e6), "dL/dw2 = (y-hat - y) a = 0.4 * 0.9e304: lr times it overflows");
        assertTrue(before.sameParameters(net));
        assertTrue(sgd.step(0, 1e-6), "a tiny step is fine");
        assertFalse(before.sameParameters(net));
    }

    static void assertAllFinite(Network net) {
        for (double[][] layer : net.w) for (double[] row : layer) for (double v : row) assertTrue(Double.isFinite(v), "weight " + v);
        for (double[] layer : net.b) for (double v : layer) assertTrue(Double.isFinite(v), "bias " + v);
    }
}
