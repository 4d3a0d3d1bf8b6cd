package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every guided walk, followed on a Simulation the way its buttons do it (walkTo(n)), from the
 * scenario's start and from other starting links (another step, interventions of one's own,
 * another focus, other settings), forward, backward and by jumps. After every press the run must
 * be exactly where the step leads (its link is the step's target, and reopening that link shows the
 * same numbers bit for bit), and every claim of the step's words (walk.&lt;scenario&gt;.&lt;n&gt;.text, shown
 * while the run is there) is checked on that run.
 */
class WalkClaimsTest {

    /** Starting links for each walk: its start, another step, interventions and a focus of one's own, other settings. */
    static Stream<Arguments> starts() {
        List<Arguments> all = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            List<String> links = new ArrayList<>(List.of("at=20"));
            if (s != Scenario.DEEP_NET_WORKS_ANYWAY) {   // the deep net's replays are slow: one start is enough there
                links.add("");
                links.add("ops=reinit@3,lr:0.07@5&at=12");
                links.add("focus=1.2&at=4");
            }
            if (s == Scenario.CASE_2) {
                links.add("ops=reinit@8&at=9");
                links.add("lr=0.1&at=30");
            }
            for (String l : links) all.add(Arguments.of(s, l));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} from \"{1}\"")
    @MethodSource("starts")
    void every_walk_step_lands_where_its_words_say_and_its_words_are_true_there_from_any_starting_link(Scenario s, String start) {
        Walker w = new Walker(s, start);
        int size = w.walk.size();
        for (int n = 1; n <= size; n++) w.press(n);          // forward, step by step
        if (s == Scenario.DEEP_NET_WORKS_ANYWAY) {
            w.press(1);                                     // all the way back (a replay)
        } else {
            for (int n = size - 1; n >= 1; n--) w.press(n);  // back, one step at a time (a replay each)
        }
        w.press(size);                                      // a jump to the end
        w.press(0);                                         // "start the walk again"
        assertEquals(RunSpec.of(s), w.sim.run());
        assertEquals(size, w.checked.size(), s.id + ": every step of the walk has its claims checked");
    }

    @Test
    void a_walk_step_pressed_from_step_20_of_case_2_goes_back_to_step_7_and_its_words_hold() {
        Walker w = new Walker(Scenario.CASE_2, "at=20");
        assertEquals(new Walks.Position(Walks.Standing.PAST, 2, 20), Walks.where(w.sim.run()));
        Training t = w.press(1);
        assertEquals(7, t.step());
        assertEquals(new Walks.Position(Walks.Standing.AT, 1, 7), Walks.where(w.sim.run()));
    }

    @Test
    void a_step_out_of_range_is_refused() {
        Simulation sim = new Simulation("j", "o", RunSpec.of(Scenario.HEALTHY), null, 0);
        int size = Walks.of(Scenario.HEALTHY).size();
        assertThrows(IllegalArgumentException.class, () -> sim.walkTo(size + 1));
        assertThrows(IllegalArgumentException.class, () -> sim.walkTo(-1));
    }

    @Test
    void where_the_run_stands_follows_the_manual_controls() {
        Simulation sim = new Simulation("r", "o", RunSpec.of(Scenario.CASE_2), null, 0);
        sim.walkTo(2);
        assertEquals(new Walks.Position(Walks.Standing.AT, 2, 8), Walks.where(sim.run()));
        sim.stepOnce();
        assertEquals(new Walks.Position(Walks.Standing.PAST, 2, 9), Walks.where(sim.run()), "a manual step: past step 2");
        sim.applyLr(0.1);
        assertEquals(new Walks.Position(Walks.Standing.LEFT, 2, 9), Walks.where(sim.run()), "an intervention of one's own: off the walk");
        sim.focus(0, 1);
        assertEquals(Walks.Standing.LEFT, Walks.where(sim.run()).standing());
        sim.reset();
        assertEquals(new Walks.Position(Walks.Standing.AT, 0, 0), Walks.where(sim.run()));
        assertEquals("scenario=case-2&focus=1.2", sim.run().toQuery());
        for (int k = 0; k < 8; k++) sim.stepOnce();
        sim.focus(1, 0);
        assertEquals(new Walks.Position(Walks.Standing.AT, 2, 8), Walks.where(sim.run()), "eight manual steps land where step 2 leads");
        sim.restartWithLr(0.03);
        sim.stepEpoch();
        assertEquals(new Walks.Position(Walks.Standing.PAST, 4, 8), Walks.where(sim.run()), "restarted with λ = 0.03: on the way to step 5");
    }

    // ---- the walker ----

    /** Presses a walk's buttons on one Simulation and checks each step's claims where it lands. */
    static final class Walker {
        final Scenario scenario;
        final Walks.Walk walk;
        final Simulation sim;
        final Set<Integer> checked = new java.util.TreeSet<>();
        private final Map<Integer, Training> targets = new HashMap<>();

        Walker(Scenario s, String start) {
            scenario = s;
            walk = Walks.of(s);
            sim = new Simulation("walk", "owner", parse("scenario=" + s.id + (start.isEmpty() ? "" : "&" + start)), null, 0);
        }

        /** Presses step n's button; checks that the run is where step n leads and that its words hold there. */
        Training press(int n) {
            sim.walkTo(n);
            RunSpec target = walk.target(n);
            assertEquals(target.toQuery(), sim.run().toQuery(), "step " + n + " lands on its own run");
            assertEquals(sim.run(), parse(sim.run().toQuery()), "the link holds the whole run");
            assertEquals(new Walks.Position(Walks.Standing.AT, n, target.at()), Walks.where(sim.run()));
            assertFalse(sim.playing());
            Training t = target(n);   // what the link on screen (asserted equal to the target's) reopens to
            Snapshot shown = sim.state().snapshot();
            assertEquals(shown.step(), t.step());
            assertTrue(Arrays.deepEquals(shown.weights(), t.snapshot().weights()), "the link reopens with the same weights");
            assertEquals(Double.doubleToRawLongBits(shown.loss()), Double.doubleToRawLongBits(t.loss()));
            assertEquals(shown.lr(), t.lr());
            if (n > 0) {
                claims(this, n, t);
                checked.add(n);
            }
            return t;
        }

        /** The run where step k leads (0: the start), replayed on its own: the reference for claims that compare steps. */
        Training target(int k) {
            return targets.computeIfAbsent(k, x -> Replay.open(walk.target(x)).training());
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

    /** Case 2's walk step 4 (and case 2's in the plane): λ lowered to 0.03 at step 100, on to 200; w21, w22 of h1^(2) did not move, still dead. */
    static void assertLowerLrAt100ChangedNothing(Walker w, Training t) {
        assertEquals(200, t.step());
        assertEquals(0.03, t.lr());
        assertEquals(List.of(Op.lr(100, 0.03)), w.sim.run().ops());
        assertArrayEquals(bits(w(w.target(2), 1, 0)), bits(w(t, 1, 0)));
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        assertTrue(events(t, 1, 0, Event.Kind.REVIVED).isEmpty());
    }

    /**
     * Case 2's step 8 (and case 2's in the plane): this one update pushed w21 and w22 of h1^(2) below zero, and
     * why: on its sample every factor was positive and λ times each gradient was bigger than the weight.
     */
    static void assertStep8PushedBothBelowZero(Training t) {
        assertEquals(8, t.step());
        double[] dead = w(t, 1, 0);
        assertTrue(dead[0] < 0 && dead[1] < 0, Arrays.toString(dead));
        for (int j = 0; j < 2; j++) {
            GradientFactors f = t.explainLast(new WeightRef(1, 0, j));
            assertTrue(f.upstream() > 0, "h" + (j + 1) + "a^(1) > 0");
            assertTrue(f.error() > 0, "y-hat > y");
            assertTrue(f.downstream() > 0, "w31 > 0");
            assertEquals(1.0, f.derivative(), "h1^(2) was active: ReLU' = 1");
            assertTrue(f.gradient() > 0);
            assertTrue(f.lr() * f.gradient() > f.weightBefore(), "lambda times the gradient is bigger than the weight");
            assertTrue(f.weightBefore() > 0 && f.weightAfter() < 0);
        }
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

    static void assertFocus(Walker w, int layer, int neuron) {
        assertEquals(layer, w.sim.run().focusLayer());
        assertEquals(neuron, w.sim.run().focusNeuron());
    }

    // ---- each walk's words ----

    /** The claims of step n's words, on the run t where it leads. */
    static void claims(Walker w, int n, Training t) {
        switch (w.scenario) {
            case CASE_1 -> case1(w, n, t);
            case CASE_2 -> case2(w, n, t);
            case INACTIVE_NOT_DEAD -> inactiveNotDead(w, n, t);
            case LEAKY_RESCUES_CASE_2 -> leakyRescuesCase2(w, n, t);
            case DEEP_NET_WORKS_ANYWAY -> deepNetWorksAnyway(w, n, t);
            case HEALTHY -> healthy(w, n, t);
            case PLANE_CASE_1 -> PlaneWalkClaims.planeCase1(w, n, t);
            case PLANE_CASE_2 -> PlaneWalkClaims.planeCase2(w, n, t);
            case MOVING_TARGET -> movingTarget(w, n, t);
        }
    }

    static void case1(Walker w, int n, Training t) {
        double[] initial = w(w.target(0), 0, 0);
        assertFocus(w, 0, 0);
        switch (n) {
            case 1 -> {   // step 8, one epoch: w11..w13 flat and negative, z <= 0 everywhere, the loss fell
                assertEquals(8, t.step());
                assertEquals(1, t.epoch());
                assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
                for (double v : initial) assertTrue(v < 0, "all three weights below zero: " + Arrays.toString(initial));
                for (double z : t.preActivations(0, 0)) assertTrue(z <= 0, "z <= 0 on every sample");
                assertTrue(t.loss() < w.target(0).loss(), "the loss fell all the same");
                assertFalse(Arrays.equals(w.target(0).network().w[0][1], t.network().w[0][1]), "the rest of the network learns");
            }
            case 2 -> {   // step 500: not moved at all, dead from the very first step
                assertEquals(500, t.step());
                assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
                assertEquals(0, events(t, 0, 0, Event.Kind.BORN_DEAD).get(0).step(), "dead from the very first step");
            }
            case 3 -> {   // re-initialized at 500: z > 0 on some samples, the log says it came back
                assertEquals(500, t.step());
                assertEquals(List.of(Op.reinit(500)), w.sim.run().ops());
                assertEquals(NeuronState.ACTIVE, t.state(0, 0));
                assertTrue(Arrays.stream(t.preActivations(0, 0)).anyMatch(z -> z > 0));
                List<Event> revived = events(t, 0, 0, Event.Kind.REVIVED);
                assertEquals(1, revived.size());
                assertEquals("reinit", revived.get(0).by());
            }
            case 4 -> {   // step 600: the weights move
                assertEquals(600, t.step());
                assertEquals(List.of(Op.reinit(500)), w.sim.run().ops());
                assertFalse(Arrays.equals(w(w.target(3), 0, 0), w(t, 0, 0)), "w11, w12, w13 move after re-initializing");
                assertFalse(t.state(0, 0).isDead());
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }

    static void case2(Walker w, int n, Training t) {
        assertFocus(w, 1, 0);
        switch (n) {
            case 1 -> {   // step 7, λ = 0.3: w21, w22 both positive, active
                assertEquals(7, t.step());
                assertEquals(0.3, t.lr());
                double[] w2 = w(t, 1, 0);
                assertTrue(w2[0] > 0 && w2[1] > 0, "w21, w22 > 0 at step 7: " + Arrays.toString(w2));
                assertEquals(NeuronState.ACTIVE, t.state(1, 0));
            }
            case 2 -> {   // step 8: this update pushed both below zero; the why; died at step 8
                assertStep8PushedBothBelowZero(t);
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
                List<Event> died = events(t, 1, 0, Event.Kind.DIED);
                assertEquals(1, died.size());
                assertEquals(8, died.get(0).step());
            }
            case 3 -> {   // step 100: flat since 8, z <= 0 on every sample, permanent
                assertEquals(100, t.step());
                assertArrayEquals(bits(w(w.target(2), 1, 0)), bits(w(t, 1, 0)));
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
                for (double z : t.preActivations(1, 0)) assertTrue(z <= 0);
            }
            case 4 -> {   // λ lowered to 0.03 at 100, on to 200: nothing changed for h1^(2)
                assertLowerLrAt100ChangedNothing(w, t);
            }
            case 5 -> {   // restarted with λ = 0.03, same seed, at step 100: alive, never died
                assertEquals(100, t.step());
                assertEquals(0.03, t.lr());
                assertEquals(0.03, w.sim.run().spec().lr());
                assertEquals(Scenario.CASE_2.spec.seed(), w.sim.run().spec().seed(), "same seed");
                assertArrayEquals(bits(w(w.target(0), 1, 0)), bits(w(new Training(w.sim.run().spec()), 1, 0)), "same first weights");
                assertTrue(w.sim.run().ops().isEmpty());
                assertEquals(NeuronState.ACTIVE, t.state(1, 0));
                assertFalse(deathOf(t, 1, 0), t.events().toString());
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }

    static void inactiveNotDead(Walker w, int n, Training t) {
        double[] initial = w(w.target(0), 0, 0);
        assertFocus(w, 0, 0);
        switch (n) {
            case 1 -> {   // step 1 used sample 1: z <= 0 there, no move; active on 2 of 8
                assertEquals(1, t.step());
                assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
                assertEquals(0, new Training(w.sim.run().spec()).nextSample(), "step 1 uses the first sample");
                assertTrue(t.preActivations(0, 0)[0] <= 0, "z <= 0 on the first sample");
                assertEquals(2, t.census().activeCount(0, 0));
                assertEquals(NeuronState.ACTIVE, t.state(0, 0));
            }
            case 2 -> {   // step 8: moved exactly on the samples with z > 0
                assertEquals(8, t.step());
                assertEquals(1, t.epoch());
                assertFalse(Arrays.equals(initial, w(t, 0, 0)));
                Training check = new Training(Scenario.INACTIVE_NOT_DEAD.spec);
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
            }
            case 3 -> {   // step 2000: keeps moving, never dead, no event about it
                assertEquals(2000, t.step());
                assertFalse(Arrays.equals(w(w.target(2), 0, 0), w(t, 0, 0)));
                assertTrue(t.events().stream().noneMatch(e -> e.layer() == 0 && e.neuron() == 0));
                assertFalse(t.state(0, 0).isDead());
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }

    static void leakyRescuesCase2(Walker w, int n, Training t) {
        assertFocus(w, 1, 0);
        switch (n) {
            case 1 -> {   // step 8, Leaky 0.01, λ 0.3: w21, w22 below zero, yet not dead
                assertEquals(8, t.step());
                assertEquals(0.3, t.lr());
                assertEquals(Activation.LEAKY, t.snapshot().activation());
                assertEquals(0.01, t.snapshot().alpha());
                double[] at8 = w(t, 1, 0);
                assertTrue(at8[0] < 0 && at8[1] < 0, Arrays.toString(at8));
                assertFalse(t.state(1, 0).isDead());
                assertTrue(Arrays.stream(t.preActivations(0, 0)).anyMatch(z -> z < 0) || Arrays.stream(t.preActivations(0, 1)).anyMatch(z -> z < 0),
                        "some output of layer 1 is negative (0.01 z)");
            }
            case 2 -> {   // step 9: they still changed
                assertEquals(9, t.step());
                assertFalse(Arrays.equals(w(w.target(1), 1, 0), w(t, 1, 0)));
                assertFalse(t.state(1, 0).isDead());
            }
            case 3 -> {   // step 500: never dead, the loss far below step 8's
                assertEquals(500, t.step());
                assertFalse(deathOf(t, 1, 0));
                assertTrue(t.loss() < w.target(1).loss() / 2, t.loss() + " vs " + w.target(1).loss());
            }
            case 4 -> {   // switched to ReLU at 500: dead at once and for good, h1^(1) with it
                assertEquals(500, t.step());
                assertEquals(Activation.RELU, t.snapshot().activation());
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
                double[] at500 = w(t, 1, 0);
                assertTrue(at500[0] < 0 && at500[1] < 0);
                assertEquals(500, events(t, 1, 0, Event.Kind.DIED).get(0).step());
                assertEquals("activation", events(t, 1, 0, Event.Kind.DIED).get(0).by());
                assertEquals(500, events(t, 0, 0, Event.Kind.DIED).get(0).step(), "h1^(1) goes down with it");
            }
            case 5 -> {   // step 600: flat since 500
                assertEquals(600, t.step());
                assertArrayEquals(bits(w(w.target(4), 1, 0)), bits(w(t, 1, 0)));
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }

    static void deepNetWorksAnyway(Walker w, int n, Training t) {
        Training t0 = w.target(0);
        int hidden = t0.network().hiddenNeurons();
        assertEquals(96, hidden);
        assertFocus(w, 1, 9);
        switch (n) {
            case 1 -> {   // about a fifth dead from the start; one epoch: more than a third dead, the loss fell
                int dead0 = t0.census().deadTotal();
                assertTrue(dead0 >= 0.2 * hidden && dead0 <= 0.25 * hidden, "about a fifth dead from the start: " + dead0);
                assertEquals(64, t.step());
                assertEquals(1, t.epoch());
                assertTrue(t.census().deadTotal() > hidden / 3.0, "dead after one epoch: " + t.census().deadTotal());
                assertTrue(t.loss() < t0.loss());
            }
            case 2 -> {   // step 3000: 20-40 % dead, loss below a tenth; h10^(2) died at step 2, flat since
                assertEquals(3000, t.step());
                int dead3000 = t.census().deadTotal();
                assertTrue(dead3000 >= 0.2 * hidden && dead3000 <= 0.4 * hidden, "dead " + dead3000);
                assertTrue(t.loss() < 0.1 * t0.loss());
                List<Event> focusEvents = t.events().stream().filter(e -> e.layer() == 1 && e.neuron() == 9).toList();
                assertEquals(1, focusEvents.size(), focusEvents.toString());
                assertEquals(Event.Kind.DIED, focusEvents.get(0).kind());
                assertEquals(2, focusEvents.get(0).step());
                Training at2 = new Training(Scenario.DEEP_NET_WORKS_ANYWAY.spec);
                at2.runTo(2);
                assertArrayEquals(bits(w(at2, 1, 9)), bits(w(t, 1, 9)), "flat since step 2");
                assertEquals(at2.network().b[1][9], t.network().b[1][9]);
            }
            case 3 -> {   // re-drew the dead at 3000: the count dropped, the loss jumped
                Training before = w.target(2);
                assertEquals(3000, t.step());
                assertEquals(List.of(Op.redraw(3000)), w.sim.run().ops());
                assertTrue(t.census().deadTotal() < before.census().deadTotal(), before.census().deadTotal() + " -> " + t.census().deadTotal());
                assertTrue(t.loss() > before.loss(), before.loss() + " -> " + t.loss());
            }
            case 4 -> {   // step 3064: about half of the re-drawn are dead again; the count climbed most of the way back
                assertEquals(3064, t.step());
                NeuronState[][] before = w.target(2).census().states();
                int dead3000 = w.target(2).census().deadTotal(), afterRedraw = w.target(3).census().deadTotal();
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
            }
            case 5 -> {   // step 4000: the loss is back close to where it was before the re-draw
                assertEquals(4000, t.step());
                double loss3000 = w.target(2).loss();
                assertEquals(loss3000, t.loss(), 0.5 * loss3000, "back close to the loss before the re-draw");
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }

    static void healthy(Walker w, int n, Training t) {
        double loss0 = w.target(0).loss();
        assertFocus(w, 0, 0);
        switch (n) {
            case 1 -> {   // step 8, λ 0.05: all four active
                assertEquals(8, t.step());
                assertEquals(0.05, t.lr());
                for (NeuronState[] layer : t.census().states()) for (NeuronState s : layer) assertEquals(NeuronState.ACTIVE, s);
            }
            case 2 -> {   // step 2000: nobody died, loss below a tenth; h2^(1) active on 3 of 8
                assertEquals(2000, t.step());
                assertTrue(t.events().stream().noneMatch(e -> e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD));
                assertTrue(t.loss() < 0.1 * loss0);
                assertEquals(3, t.census().activeCount(0, 1));
            }
            case 3 -> {   // restarted with λ = 1, at 100: three of four died in 8 steps, both of layer 2; y-hat = 0; flat
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
            }
            case 4 -> {   // λ back to 0.05 at 100, on to 2000: the loss did not move, the whole network is frozen
                Training at100 = w.target(3);
                assertEquals(2000, t.step());
                assertEquals(0.05, t.lr());
                assertEquals(List.of(Op.lr(100, 0.05)), w.sim.run().ops());
                assertEquals(Double.doubleToRawLongBits(at100.loss()), Double.doubleToRawLongBits(t.loss()));
                assertTrue(Arrays.deepEquals(at100.snapshot().weights(), t.snapshot().weights()), "no weight moved");
                assertEquals(3, t.census().deadTotal());
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }

    /** 1/2 mean (y-hat - y)^2 of the weights now on the data set's own targets (phase 0's). */
    static double lossOnOwnTargets(Training t) {
        double[] own = t.spec().dataset().y;
        double sum = 0;
        for (int s = 0; s < own.length; s++) {
            double r = lab.deadrelu.engine.Reference.forward(t.network(), t.data().x[s]).yHat() - own[s];
            sum += 0.5 * r * r;
        }
        return sum / own.length;
    }

    static void movingTarget(Walker w, int n, Training t) {
        assertFocus(w, 0, 3);
        assertEquals(32, t.network().hiddenNeurons());
        assertEquals(500, t.spec().shift());
        switch (n) {
            case 1 -> {   // step 499, the last of phase 0: sin learnt (0.023), 1 of 32 dead
                assertEquals(499, t.step());
                assertEquals(0, t.phase());
                assertEquals(0.023, t.loss(), 0.0005);
                assertEquals(1, t.census().deadTotal());
            }
            case 2 -> {   // step 500, phase 1: the loss jumped 0.023 -> 0.56; on the old targets still 0.023
                assertEquals(500, t.step());
                assertEquals(1, t.phase());
                assertEquals(0.56, t.loss(), 0.005);
                assertEquals(0.023, lossOnOwnTargets(t), 0.0005);
                assertEquals(0.023, w.target(1).loss(), 0.0005);
            }
            case 3 -> {   // step 9999, phase 19, SGD: 7 of 32 dead; h4^(1) died at 1447 (phase 2), for good
                assertEquals(9_999, t.step());
                assertEquals(19, t.phase());
                assertTrue(t.spec().opt().isSgd());
                assertEquals(7, t.census().deadTotal());
                List<Event> died = events(t, 0, 3, Event.Kind.DIED, Event.Kind.REVIVED);
                assertEquals(1, died.size(), died.toString());
                assertEquals(1447, died.get(0).step());
                assertEquals(2, t.spec().phase(1447));
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 3));
            }
            case 4 -> {   // restarted with Adam, λ = 0.01: 15 dead against SGD's 7; h4^(1) died at 23; loss 0.44 against 0.38
                assertEquals(9_999, t.step());
                assertEquals(lab.deadrelu.engine.Optimizer.Kind.ADAM, t.spec().opt().kind());
                assertEquals(0.01, t.lr());
                assertTrue(w.sim.run().ops().isEmpty());
                assertEquals(15, t.census().deadTotal());
                assertEquals(7, w.target(3).census().deadTotal());
                assertEquals(23, events(t, 0, 3, Event.Kind.DIED).get(0).step());
                assertTrue(t.state(0, 3).isDead());
                assertEquals(0.44, t.loss(), 0.005);
                assertEquals(0.38, w.target(3).loss(), 0.005);
            }
            case 5 -> {   // Adam with ReDo every 500: 1 dead, h4^(1) recycled at 500 and active, loss 0.14 against 0.44
                assertEquals(9_999, t.step());
                assertEquals(lab.deadrelu.engine.Optimizer.Kind.ADAM, t.spec().opt().kind());
                assertEquals(new lab.deadrelu.engine.Recycling(0.1, 500), t.spec().redo());
                assertEquals(1, t.census().deadTotal());
                assertEquals(500, events(t, 0, 3, Event.Kind.RECYCLED).get(0).step());
                assertEquals(NeuronState.ACTIVE, t.state(0, 3));
                assertEquals(0.14, t.loss(), 0.005);
                assertEquals(0.44, w.target(4).loss(), 0.005);
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }
}
