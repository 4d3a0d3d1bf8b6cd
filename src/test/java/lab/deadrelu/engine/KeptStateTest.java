package lab.deadrelu.engine;

import static lab.deadrelu.engine.DeterminismTest.describe;
import static lab.deadrelu.engine.DeterminismTest.rawBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kept state put back and trained on gives, bit for bit, what training from step 0 gives: weights,
 * biases, loss, states, events, λ, the next sample (the shuffle) and the explanation of the last update.
 */
class KeptStateTest {

    /** Interventions at steps, applied as a link applies them: after the update into that step. */
    record Plan(String name, TrainingSpec spec, Map<Long, List<Consumer<Training>>> at, long steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A training driven by a plan, which can keep and restore its state together with how far the plan went. */
    static final class Driven {
        final Training t;
        final Plan plan;
        private long appliedThrough = -1;

        Driven(Plan plan) {
            this.plan = plan;
            this.t = new Training(plan.spec());
            applyDue();
        }

        private void applyDue() {
            if (appliedThrough >= t.step()) return;
            for (Consumer<Training> op : plan.at().getOrDefault(t.step(), List.of())) op.accept(t);
            appliedThrough = t.step();
        }

        void runTo(long target) {
            while (t.step() < target && t.advance()) applyDue();
        }

        record Kept(TrainingState state, long appliedThrough) {}

        Kept keep() {
            return new Kept(t.keep(), appliedThrough);
        }

        void restore(Kept k) {
            t.restore(k.state());
            appliedThrough = k.appliedThrough();
        }
    }

    static Stream<Plan> plans() {
        Map<Long, List<Consumer<Training>>> ops = new LinkedHashMap<>();
        ops.put(0L, List.of(tr -> tr.setLearningRate(0.1)));
        ops.put(60L, List.of(Training::reinitialize));
        ops.put(90L, List.of(tr -> tr.setLearningRate(0.5), Training::redrawDead));
        ops.put(130L, List.of(tr -> tr.setActivation(Activation.LEAKY, 0.05)));
        ops.put(170L, List.of(tr -> tr.setActivation(Activation.RELU, 0.01), Training::redrawDead));
        return Stream.of(
                // the post's case 2: h1^(2) killed by the update of step 8
                new Plan("case 2", SpecBuilder.post().lr(0.3).seed(11358).build(), Map.of(), 300),
                new Plan("shuffled per-sample, biases, leaky, noise",
                        SpecBuilder.post().layers(3, 6, 4, 1).act(Activation.LEAKY).bias(true).shuffle(true).n(20).noise(0.1).seed(99).build(),
                        Map.of(), 250),
                new Plan("shuffled mini-batches with every intervention",
                        SpecBuilder.post().layers(3, 8, 8, 1).bias(true).batch(4).shuffle(true).n(16).seed(5).build(), ops, 220),
                new Plan("elu, full batch", SpecBuilder.post().layers(2, 5, 1).act(Activation.ELU).batch(12).n(12).seed(3).build(),
                        Map.of(), 200),
                // diverges at step 69: a state kept after that is diverged too
                new Plan("a run that diverges", SpecBuilder.post().layers(3, 4, 4, 1).act(Activation.LEAKY).bias(true).lr(2).seed(8).build(),
                        Map.of(), 200),
                // the optimizers' memory is kept and put back too, and re-initializing and re-drawing reset it
                new Plan("case 2 with momentum", SpecBuilder.post().lr(0.3).seed(11358).build().withOptimizer(Optimizer.momentum(0.9)),
                        Map.of(), 300),
                new Plan("Adam, shuffled mini-batches with every intervention",
                        SpecBuilder.post().layers(3, 8, 8, 1).bias(true).batch(4).shuffle(true).n(16).seed(5).build()
                                .withOptimizer(Optimizer.adam(0.9, 0.999, 1e-8)), ops, 220),
                new Plan("momentum, per-sample, with every intervention",
                        SpecBuilder.post().layers(3, 6, 4, 1).bias(true).shuffle(true).n(20).seed(21).build()
                                .withOptimizer(Optimizer.momentum(0.8)), ops, 220),
                new Plan("a moving target every 25 updates, Adam, with every intervention",
                        SpecBuilder.post().layers(3, 8, 8, 1).bias(true).batch(4).shuffle(true).n(16).seed(5).build()
                                .withOptimizer(Optimizer.adam(0.9, 0.999, 1e-8)).withShift(25), ops, 220),
                new Plan("a moving target every 8 updates, per-sample SGD", SpecBuilder.post().lr(0.1).seed(11358).build().withShift(8),
                        Map.of(), 200),
                new Plan("a momentum run that diverges", SpecBuilder.post().layers(3, 4, 4, 1).act(Activation.LEAKY).bias(true).lr(2).seed(8)
                        .build().withOptimizer(Optimizer.momentum(0.9)), Map.of(), 200));
    }

    /** Everything a step shows, as bits and text, so that two trainings can be compared in one assertEquals. */
    static List<String> picture(Training t) {
        List<String> p = new ArrayList<>();
        p.add("step " + t.step() + " epoch " + t.epoch() + " next sample " + t.nextSample());
        p.add("phase " + t.phase() + " targets " + Arrays.hashCode(t.data().y));
        p.add("lr " + Double.doubleToRawLongBits(t.lr()) + " loss " + Double.doubleToRawLongBits(t.loss()));
        p.add("diverged " + t.diverged() + " at " + t.divergedAt() + ", dropped events " + t.droppedEvents());
        p.add("activation " + t.network().activation() + " " + t.network().alpha());
        p.add("parameters " + rawBits(t.network()));
        p.add("states " + Arrays.deepToString(t.states()));
        p.addAll(describe(t.events()));
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void aKeptStatePutBackAndTrainedOnEndsBitIdenticalToTheRunFromStepZero(Plan plan) {
        Driven straight = new Driven(plan);
        straight.runTo(plan.steps());
        List<String> end = picture(straight.t);

        Driven d = new Driven(plan);
        long[] steps = {0, 1, 7, 8, 33, 60, 61, 90, 129, 150};
        List<Driven.Kept> kept = new ArrayList<>();
        for (long k : steps) {
            d.runTo(k);
            kept.add(d.keep());
        }
        d.runTo(plan.steps());
        assertEquals(end, picture(d.t), "keeping states changes nothing");
        for (int i = 0; i < steps.length; i++) {
            d.restore(kept.get(i));
            Driven fresh = new Driven(plan);
            fresh.runTo(steps[i]);
            assertEquals(picture(fresh.t), picture(d.t), "put back as it was when run to step " + steps[i]);
            d.runTo(plan.steps());
            assertEquals(end, picture(d.t), "trained on from step " + steps[i]);
        }
        if (plan.name().equals("a run that diverges")) assertEquals(69, straight.t.divergedAt(), "the plan really diverges, in the middle");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void afterARestoreOneStepExplainsItsUpdateAsTheRunFromStepZeroDoes(Plan plan) {
        Driven d = new Driven(plan);
        d.runTo(40);
        Driven.Kept at40 = d.keep();
        d.runTo(plan.steps());
        d.restore(at40);
        assertFalse(d.t.hasLastUpdate(), "right after a restore the last update is not known");
        d.runTo(45);
        Driven fresh = new Driven(plan);
        fresh.runTo(45);
        Network net = fresh.t.network();
        for (int l = 0; l < net.layers(); l++) {
            for (int i = 0; i < net.w[l].length; i++) {
                for (int j = 0; j < net.w[l][i].length; j++) {
                    WeightRef ref = new WeightRef(l, i, j);
                    assertEquals(String.valueOf(fresh.t.explainLast(ref)), String.valueOf(d.t.explainLast(ref)), ref + " at step 45");
                    assertEquals(Double.doubleToRawLongBits(fresh.t.lastMeanGradient(ref)), Double.doubleToRawLongBits(d.t.lastMeanGradient(ref)));
                }
            }
        }
    }

    @Test
    void aRestoreForgetsTheEventsAfterItAndTrainingOnRecordsThemAgain() {
        Training t = new Training(SpecBuilder.post().lr(0.3).seed(11358).build());
        t.runTo(5);
        TrainingState at5 = t.keep();
        t.runTo(20);
        List<String> events = describe(t.events());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("8 h1^(2) DIED")), "case 2 dies at step 8: " + events);
        t.restore(at5);
        assertTrue(t.events().stream().allMatch(e -> e.step() <= 5), describe(t.events()).toString());
        assertNotEquals(events, describe(t.events()));
        t.runTo(20);
        assertEquals(events, describe(t.events()));
    }

    @Test
    void aStateOfAnotherTrainingThatKnewMoreEventsIsRefused() {
        Training other = new Training(SpecBuilder.post().lr(0.3).seed(11358).build());
        other.runTo(20);
        Training t = new Training(SpecBuilder.post().lr(0.3).seed(11358).build());
        assertThrows(IllegalArgumentException.class, () -> t.restore(other.keep()));
    }

    @Test
    void aKeptStateTakesAboutEightBytesPerParameterAndGivesBackAnyNeuronsWeights() {
        Training t = new Training(SpecBuilder.post().layers(3, 32, 32, 1).bias(true).n(16).build());
        t.runTo(10);
        TrainingState s = t.keep();
        int parameters = 3 * 32 + 32 * 32 + 32 + 32 + 32 + 1;
        assertTrue(s.bytes() >= 8L * parameters && s.bytes() <= 8L * parameters + 200, s.bytes() + " bytes");
        Network net = t.network();
        assertEquals(Arrays.toString(net.w[1][7]), Arrays.toString(s.incoming(1, 7)));
        assertEquals(Arrays.toString(net.w[2][0]), Arrays.toString(s.incoming(2, 0)));
        assertEquals(net.b[1][31], s.bias(1, 31));
        assertEquals(net.b[0][5], s.bias(0, 5));
        assertNotEquals(0.0, s.bias(1, 31), "biases are on and moved");
    }
}
