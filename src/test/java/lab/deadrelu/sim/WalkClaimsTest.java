package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.GradientFactors;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.Op;
import lab.deadrelu.scenario.Replay;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.scenario.Walks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every guided walk, followed on a Simulation the way its buttons do it (walkTo(n)), with each
 * step's words (walk.&lt;scenario&gt;.&lt;n&gt;.text in the bundles) checked against the run. After
 * every step the run is also reopened from its link, as a shared link would be, and must show the
 * same numbers; the claims are read from that replay.
 */
class WalkClaimsTest {

    /** Follows one scenario's walk and counts the steps whose claims were checked. */
    static final class Walker {
        final Scenario scenario;
        final Walks.Walk walk;
        final Simulation sim;
        int checked;

        Walker(Scenario s) {
            scenario = s;
            walk = Walks.of(s);
            sim = new Simulation("walk", "owner", RunSpec.of(s), null, 0);
        }

        /** Presses step n's button; returns the run reopened from the link it leads to. */
        Training step(int n) {
            assertEquals(n - 1, sim.run().walk(), "the walk is followed in order");
            sim.walkTo(n);
            checked++;
            assertEquals(n, sim.run().walk());
            return reopened();
        }

        Training reopened() {
            RunSpec link = parse(sim.run().toQuery());
            assertEquals(sim.run(), link, "the link holds the whole run, walk included");
            Training t = Replay.open(link).training();
            Snapshot shown = sim.state().snapshot();
            assertEquals(shown.step(), t.step());
            assertTrue(Arrays.deepEquals(shown.weights(), t.snapshot().weights()), "the link reopens with the same weights");
            assertEquals(Double.doubleToRawLongBits(shown.loss()), Double.doubleToRawLongBits(t.loss()));
            return t;
        }

        void done() {
            assertEquals(walk.size(), checked, scenario.id + ": every step of the walk has its claim checked");
        }
    }

    static RunSpec parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return RunSpec.parse(params, Set.of());
    }

    static double[] w(Training t, int layer, int neuron) {
        return t.network().w[layer][neuron].clone();
    }

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    static List<Event> events(Training t, int layer, int neuron, Event.Kind... kinds) {
        List<Event.Kind> wanted = List.of(kinds);
        return t.events().stream().filter(e -> e.layer() == layer && e.neuron() == neuron && wanted.contains(e.kind())).toList();
    }

    static boolean deathOf(Training t, int layer, int neuron) {
        return !events(t, layer, neuron, Event.Kind.DIED, Event.Kind.BORN_DEAD).isEmpty();
    }

    static void assertFocus(Training t, Walker w, int layer, int neuron) {
        assertEquals(layer, w.sim.run().focusLayer());
        assertEquals(neuron, w.sim.run().focusNeuron());
    }

    // ---- every walk, mechanically ----

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void each_walk_has_1_to_20_steps_starts_by_focusing_the_scenarios_neuron_and_can_be_restarted_and_rewound(Scenario s) {
        Walks.Walk walk = Walks.of(s);
        assertTrue(walk.size() >= 1 && walk.size() <= Walks.MAX_STEPS);
        Walks.Action first = walk.step(1).actions().get(0);
        assertEquals(Walks.Action.Kind.FOCUS, first.kind());
        assertEquals(s.focusLayer, first.layer());
        assertEquals(s.focusNeuron, first.neuron());

        Walker forward = new Walker(s);
        List<RunSpec> links = new ArrayList<>();
        for (int n = 1; n <= walk.size(); n++) {
            forward.step(n);
            links.add(forward.sim.run());
            assertFalse(forward.sim.playing());
        }
        // back to step 2 (or 1): the scenario starts over and the same link comes out
        int back = Math.min(2, walk.size());
        forward.sim.walkTo(back);
        assertEquals(links.get(back - 1), forward.sim.run());
        // "start the walk again"
        forward.sim.walkTo(0);
        assertEquals(RunSpec.of(s), forward.sim.run());
        // jumping ahead does the steps in between
        Simulation jump = new Simulation("j", "o", RunSpec.of(s), null, 0);
        jump.walkTo(walk.size());
        assertEquals(links.get(walk.size() - 1), jump.run());
        assertThrows(IllegalArgumentException.class, () -> jump.walkTo(walk.size() + 1));
    }

    @Test
    void reset_starts_the_walk_over_and_manual_controls_leave_its_position_alone() {
        Simulation sim = new Simulation("r", "o", RunSpec.of(Scenario.CASE_2), null, 0);
        sim.walkTo(2);
        sim.stepOnce();
        sim.applyLr(0.1);
        assertEquals(2, sim.run().walk());
        assertTrue(sim.run().toQuery().endsWith("&walk=2"), sim.run().toQuery());
        sim.focus(0, 1);
        assertEquals(2, sim.run().walk());
        sim.reset();
        assertEquals(0, sim.run().walk());
        assertEquals("scenario=case-2&focus=1.2", sim.run().toQuery());
    }

    // ---- each walk's words ----

    @Test
    void case_1_walk() {
        Walker w = new Walker(Scenario.CASE_1);
        Training t0 = w.reopened();
        double[] initial = w(t0, 0, 0);
        double loss0 = t0.loss();

        Training t = w.step(1);   // focus h1^(1), one epoch: w11..w13 flat and negative, z <= 0 everywhere, the loss falls
        assertFocus(t, w, 0, 0);
        assertEquals(8, t.step());
        assertEquals(1, t.epoch());
        assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
        for (double v : initial) assertTrue(v < 0, "all three weights below zero: " + Arrays.toString(initial));
        for (double z : t.preActivations(0, 0)) assertTrue(z <= 0, "z <= 0 on every sample");
        assertTrue(t.loss() < loss0, "the loss falls all the same");
        assertFalse(Arrays.equals(t0.network().w[0][1], t.network().w[0][1]), "the rest of the network learns");

        t = w.step(2);            // to step 500: not moved at all
        assertEquals(500, t.step());
        assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
        assertEquals(0, events(t, 0, 0, Event.Kind.BORN_DEAD).get(0).step(), "dead from the very first step");

        t = w.step(3);            // re-initialize: z > 0 on some samples, the log says it came back
        assertEquals(500, t.step());
        assertEquals(List.of(Op.reinit(500)), w.sim.run().ops());
        assertEquals(NeuronState.ACTIVE, t.state(0, 0));
        assertTrue(Arrays.stream(t.preActivations(0, 0)).anyMatch(z -> z > 0));
        List<Event> revived = events(t, 0, 0, Event.Kind.REVIVED);
        assertEquals(1, revived.size());
        assertEquals("reinit", revived.get(0).by());
        double[] fresh = w(t, 0, 0);

        t = w.step(4);            // 100 more steps: the weights move
        assertEquals(600, t.step());
        assertFalse(Arrays.equals(fresh, w(t, 0, 0)), "w11, w12, w13 move after re-initializing");
        assertFalse(t.state(0, 0).isDead());
        w.done();
    }

    @Test
    void case_2_walk() {
        Walker w = new Walker(Scenario.CASE_2);

        Training t = w.step(1);   // focus h1^(2), 7 steps: w21, w22 both positive, active
        assertFocus(t, w, 1, 0);
        assertEquals(7, t.step());
        assertEquals(0.3, t.lr());
        double[] w2 = w(t, 1, 0);
        assertTrue(w2[0] > 0 && w2[1] > 0, "w21, w22 > 0 at step 7: " + Arrays.toString(w2));
        assertEquals(NeuronState.ACTIVE, t.state(1, 0));
        // the why of step 2: the factors of the coming update
        for (int j = 0; j < 2; j++) {
            GradientFactors f = t.explain(new WeightRef(1, 0, j));
            assertTrue(f.upstream() > 0, "h" + (j + 1) + "a^(1) > 0");
            assertTrue(f.error() > 0, "y-hat > y");
            assertTrue(f.downstream() > 0, "w31 > 0");
            assertEquals(1.0, f.derivative(), "h1^(2) active: ReLU' = 1");
            assertTrue(f.gradient() > 0);
            assertTrue(f.lr() * f.gradient() > f.weightBefore(), "lambda times the gradient is bigger than the weight");
            assertTrue(f.weightAfter() < 0);
        }

        t = w.step(2);            // one more: both below zero, died at step 8
        assertEquals(8, t.step());
        double[] dead = w(t, 1, 0);
        assertTrue(dead[0] < 0 && dead[1] < 0, Arrays.toString(dead));
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        List<Event> died = events(t, 1, 0, Event.Kind.DIED);
        assertEquals(1, died.size());
        assertEquals(8, died.get(0).step());

        t = w.step(3);            // to step 100: flat, z <= 0 on every sample
        assertEquals(100, t.step());
        assertArrayEquals(bits(dead), bits(w(t, 1, 0)));
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        for (double z : t.preActivations(1, 0)) assertTrue(z <= 0);

        t = w.step(4);            // lower lambda now, 100 steps: nothing changes for h1^(2)
        assertEquals(200, t.step());
        assertEquals(0.03, t.lr());
        assertEquals(List.of(Op.lr(100, 0.03)), w.sim.run().ops());
        assertArrayEquals(bits(dead), bits(w(t, 1, 0)));
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        assertTrue(events(t, 1, 0, Event.Kind.REVIVED).isEmpty());

        t = w.step(5);            // restart with lambda = 0.03, to step 100: survives
        assertEquals(100, t.step());
        assertEquals(0.03, t.lr());
        assertEquals(0.03, w.sim.run().spec().lr());
        assertEquals(Scenario.CASE_2.spec.seed(), w.sim.run().spec().seed(), "same seed");
        assertTrue(w.sim.run().ops().isEmpty());
        assertEquals(NeuronState.ACTIVE, t.state(1, 0));
        assertFalse(deathOf(t, 1, 0), t.events().toString());
        w.done();
    }

    @Test
    void inactive_not_dead_walk() {
        Walker w = new Walker(Scenario.INACTIVE_NOT_DEAD);
        double[] initial = w(w.reopened(), 0, 0);

        Training t = w.step(1);   // one step: z <= 0 on the first sample, no move; active on 2 of 8
        assertFocus(t, w, 0, 0);
        assertEquals(1, t.step());
        assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
        assertTrue(t.preActivations(0, 0)[0] <= 0, "z <= 0 on the first sample");
        assertEquals(2, t.census().activeCount(0, 0));
        assertEquals(NeuronState.ACTIVE, t.state(0, 0));

        t = w.step(2);            // the rest of the epoch: moves exactly on the samples with z > 0
        assertEquals(8, t.step());
        assertFalse(Arrays.equals(initial, w(t, 0, 0)));
        Training check = new Training(Scenario.INACTIVE_NOT_DEAD.spec);
        check.advance();
        int moved = 0, stayed = 0;
        while (check.step() < 8) {
            boolean active = check.preActivations(0, 0)[check.nextSample()] > 0;
            double[] before = w(check, 0, 0);
            check.advance();
            boolean changed = !Arrays.equals(before, w(check, 0, 0));
            assertEquals(active, changed, "step " + check.step());
            if (changed) moved++; else stayed++;
        }
        assertTrue(moved > 0 && stayed > 0, "moved at " + moved + " steps, stayed at " + stayed);
        double[] atEpoch = w(t, 0, 0);

        t = w.step(3);            // to step 2000: keeps moving, never dead, no event about it
        assertEquals(2000, t.step());
        assertFalse(Arrays.equals(atEpoch, w(t, 0, 0)));
        assertTrue(t.events().stream().noneMatch(e -> e.layer() == 0 && e.neuron() == 0));
        assertFalse(t.state(0, 0).isDead());
        w.done();
    }

    @Test
    void leaky_rescues_case_2_walk() {
        Walker w = new Walker(Scenario.LEAKY_RESCUES_CASE_2);

        Training t = w.step(1);   // 8 steps: w21, w22 below zero, yet not dead
        assertFocus(t, w, 1, 0);
        assertEquals(8, t.step());
        assertEquals(0.3, t.lr());
        assertEquals(Activation.LEAKY, t.snapshot().activation());
        assertEquals(0.01, t.snapshot().alpha());
        double[] at8 = w(t, 1, 0);
        assertTrue(at8[0] < 0 && at8[1] < 0, Arrays.toString(at8));
        assertFalse(t.state(1, 0).isDead());
        assertTrue(Arrays.stream(t.preActivations(0, 0)).anyMatch(z -> z < 0) || Arrays.stream(t.preActivations(0, 1)).anyMatch(z -> z < 0),
                "some output of layer 1 is negative (0.01 z)");
        double loss8 = t.loss();

        t = w.step(2);            // one more: they still change
        assertEquals(9, t.step());
        assertFalse(Arrays.equals(at8, w(t, 1, 0)));
        assertFalse(t.state(1, 0).isDead());

        t = w.step(3);            // to 500: never dead, loss far below step 8's
        assertEquals(500, t.step());
        assertFalse(deathOf(t, 1, 0));
        assertTrue(t.loss() < loss8 / 2, t.loss() + " vs " + loss8);
        double[] at500 = w(t, 1, 0);

        t = w.step(4);            // plain ReLU: dead at once and for good, h1^(1) with it
        assertEquals(500, t.step());
        assertEquals(Activation.RELU, t.snapshot().activation());
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        assertTrue(at500[0] < 0 && at500[1] < 0);
        assertEquals(500, events(t, 1, 0, Event.Kind.DIED).get(0).step());
        assertEquals("activation", events(t, 1, 0, Event.Kind.DIED).get(0).by());
        assertEquals(500, events(t, 0, 0, Event.Kind.DIED).get(0).step(), "h1^(1) goes down with it");

        t = w.step(5);            // 100 steps: flat
        assertEquals(600, t.step());
        assertArrayEquals(bits(at500), bits(w(t, 1, 0)));
        w.done();
    }

    @Test
    void deep_net_works_anyway_walk() {
        Walker w = new Walker(Scenario.DEEP_NET_WORKS_ANYWAY);
        Training t0 = w.reopened();
        int hidden = t0.network().hiddenNeurons();
        assertEquals(96, hidden);
        int dead0 = t0.census().deadTotal();
        assertTrue(dead0 >= 0.2 * hidden && dead0 <= 0.25 * hidden, "about a fifth dead from the start: " + dead0);
        double loss0 = t0.loss();

        Training t = w.step(1);   // one epoch: more than a third dead, the loss fell
        assertFocus(t, w, 1, 9);
        assertEquals(64, t.step());
        assertEquals(1, t.epoch());
        assertTrue(t.census().deadTotal() > hidden / 3.0, "dead after one epoch: " + t.census().deadTotal());
        assertTrue(t.loss() < loss0);

        t = w.step(2);            // to 3000: 20-40 % dead, loss below a tenth; h10^(2) died at step 2, flat since
        assertEquals(3000, t.step());
        int dead3000 = t.census().deadTotal();
        assertTrue(dead3000 >= 0.2 * hidden && dead3000 <= 0.4 * hidden, "dead " + dead3000);
        assertTrue(t.loss() < 0.1 * loss0);
        List<Event> focusEvents = t.events().stream().filter(e -> e.layer() == 1 && e.neuron() == 9).toList();
        assertEquals(1, focusEvents.size(), focusEvents.toString());
        assertEquals(Event.Kind.DIED, focusEvents.get(0).kind());
        assertEquals(2, focusEvents.get(0).step());
        Training at2 = new Training(Scenario.DEEP_NET_WORKS_ANYWAY.spec);
        at2.runTo(2);
        assertArrayEquals(bits(w(at2, 1, 9)), bits(w(t, 1, 9)), "flat since step 2");
        assertEquals(at2.network().b[1][9], t.network().b[1][9]);
        NeuronState[][] before = t.census().states();
        double loss3000 = t.loss();

        t = w.step(3);            // re-draw the dead: the count drops, the loss jumps
        assertEquals(3000, t.step());
        int afterRedraw = t.census().deadTotal();
        assertTrue(afterRedraw < dead3000, dead3000 + " -> " + afterRedraw);
        assertTrue(t.loss() > loss3000, loss3000 + " -> " + t.loss());

        t = w.step(4);            // one epoch: about half of the re-drawn are dead again; the count climbed most of the way back
        assertEquals(3064, t.step());
        int redrawn = 0, deadAgain = 0;
        for (int h = 0; h < before.length; h++) {
            for (int i = 0; i < before[h].length; i++) {
                if (!before[h][i].isDead()) continue;
                redrawn++;
                if (t.state(h, i).isDead()) deadAgain++;
            }
        }
        assertEquals(dead3000, redrawn);
        assertEquals(0.5, deadAgain / (double) redrawn, 0.1, deadAgain + " of " + redrawn + " re-drawn neurons dead again");
        int climbed = t.census().deadTotal() - afterRedraw;
        assertTrue(climbed * 2 > dead3000 - afterRedraw, "dead: " + dead3000 + " -> " + afterRedraw + " -> " + t.census().deadTotal());

        t = w.step(5);            // to 4000: the loss is back close to where it was
        assertEquals(4000, t.step());
        assertEquals(loss3000, t.loss(), 0.5 * loss3000, "back close to the loss before the re-draw");
        w.done();
    }

    @Test
    void healthy_walk() {
        Walker w = new Walker(Scenario.HEALTHY);
        double loss0 = w.reopened().loss();

        Training t = w.step(1);   // one epoch: all four active
        assertFocus(t, w, 0, 0);
        assertEquals(8, t.step());
        for (NeuronState[] layer : t.census().states()) for (NeuronState s : layer) assertEquals(NeuronState.ACTIVE, s);

        t = w.step(2);            // to 2000: nobody died, loss below a tenth; h2^(1) active on 3 of 8
        assertEquals(2000, t.step());
        assertTrue(t.events().stream().noneMatch(e -> e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD));
        assertTrue(t.loss() < 0.1 * loss0);
        assertEquals(3, t.census().activeCount(0, 1));

        t = w.step(3);            // restart with lambda = 1, to 100: three of four die in 8 steps, both of layer 2; y-hat = 0
        assertEquals(100, t.step());
        assertEquals(1.0, t.lr());
        assertTrue(w.sim.run().ops().isEmpty());
        assertEquals(3, t.census().deadTotal());
        assertTrue(t.state(1, 0).isDead() && t.state(1, 1).isDead(), "both neurons of layer 2");
        List<Event> deaths = t.events().stream().filter(e -> e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD).toList();
        assertEquals(3, deaths.size());
        for (Event e : deaths) assertTrue(e.step() <= 8, e.toString());
        double[] y = t.data().y;
        double zeroPrediction = 0;
        for (double v : y) zeroPrediction += 0.5 * v * v;
        assertEquals(zeroPrediction / y.length, t.loss(), 1e-12, "y-hat = 0 on every sample");
        Training at9 = new Training(Scenario.HEALTHY.spec.withLr(1.0));
        at9.runTo(9);
        assertEquals(Double.doubleToRawLongBits(at9.loss()), Double.doubleToRawLongBits(t.loss()), "the loss line is flat");
        double loss100 = t.loss();
        double[][][] frozen = t.snapshot().weights();

        t = w.step(4);            // lambda back to 0.05, to 2000: the loss does not move, the whole network is frozen
        assertEquals(2000, t.step());
        assertEquals(0.05, t.lr());
        assertEquals(Double.doubleToRawLongBits(loss100), Double.doubleToRawLongBits(t.loss()));
        assertTrue(Arrays.deepEquals(frozen, t.snapshot().weights()), "no weight moved");
        assertEquals(3, t.census().deadTotal());
        w.done();
    }
}
