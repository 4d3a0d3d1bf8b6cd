package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timeline: a simulation keeps states of its run, goes back to any step it reached from the nearest
 * kept one (never replaying from step 0 when a nearer one is kept), shows that step exactly as its link
 * opened afresh shows it, and plays on from there to the same numbers.
 */
class TimelineTest {

    static Simulation open(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return new Simulation("id", "owner", RunSpec.parse(params, Set.of()), null, 0);
    }

    /** Everything the page shows of one step but the charts (which, after going back, show every step reached). */
    static List<String> picture(Simulation sim) {
        SimulationState s = sim.state();
        List<String> p = new ArrayList<>();
        p.add(s.run().toQuery());
        p.add("step " + s.snapshot().step() + " epoch " + s.snapshot().epoch() + " next " + s.nextSample() + " death " + s.focusDeathStep());
        p.add("loss " + Double.doubleToRawLongBits(s.snapshot().loss()) + " lr " + s.snapshot().lr() + " " + s.snapshot().activation());
        p.add("weights " + Arrays.deepToString(s.snapshot().weights()) + " biases " + Arrays.deepToString(s.snapshot().biases()));
        p.add("states " + Arrays.deepToString(s.snapshot().states()) + " active " + Arrays.deepToString(s.snapshot().activeCounts()));
        p.add("diverged " + s.diverged() + " at " + s.divergedAt() + ", events " + s.eventCount());
        p.add("z " + Arrays.toString(s.focusZ()) + " yHat " + Arrays.toString(s.yHat()));
        p.add("inspection " + s.inspection());
        for (Event e : s.recentEvents()) p.add(brief(e));
        for (Evidence.Standing st : s.evidence().neurons()) p.add("standing " + st.now() + " " + brief(st.death()) + " " + brief(st.permanent()));
        p.add("announced " + s.evidence().announced().stream().map(TimelineTest::brief).toList());
        return p;
    }

    /** An event in words and exact numbers (its update's arrays print by identity in toString). */
    static String brief(Event e) {
        if (e == null) return "none";
        Event.Update u = e.cause();
        return e.step() + " " + e.name() + " " + e.kind() + " " + e.by() + (u == null ? ""
                : " " + u.lr() + Arrays.toString(u.gradient()) + Arrays.toString(u.weightsBefore()) + Arrays.toString(u.weightsAfter()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "scenario=case-2&pause=off&at=300",
        "scenario=case-1&shuffle=true&batch=3&ops=lr:0.05@20,reinit@100,redraw@150,act:leaky@200&at=260",
        "scenario=healthy&bias=true&batch=full&shuffle=true&ops=act:elu@50,lr:0.5@51&at=120",
        "scenario=deep-net-works-anyway&shuffle=true&at=400",
        "scenario=case-2&bias=true&lr=1000000&seed=7&pause=off&at=60",   // diverges on the way
    })
    void goingBackShowsAStepExactlyAsItsLinkOpenedThereShowsIt(String link) {
        Simulation sim = open(link);
        long furthest = sim.timeline().furthest();
        List<String> atEnd = picture(sim);
        long[] targets = {furthest - 1, 0, 1, 8, furthest / 2, sim.keptEvery(), sim.keptEvery() + 1, 7, furthest};
        for (long to : targets) {
            if (to < 0 || to > furthest) continue;
            sim.seek(to);
            assertEquals(to, sim.timeline().at());
            assertEquals(furthest, sim.timeline().furthest(), "the furthest step stays known");
            // at the furthest step, the run as it was there (a run that diverged shows it; its link, opened, stops short of trying)
            List<String> expected = to == furthest ? atEnd : picture(open(sim.run().toQuery()));
            assertEquals(expected, picture(sim), link + ", back at step " + to);
        }
        assertEquals(atEnd, picture(sim), "and back at the furthest step, as before");
    }

    @Test
    void goingBackComputesFewerStepsThanTheKeptStatesAreApartNeverFromStepZero() {
        Simulation sim = open("scenario=case-2&pause=off&at=100000");
        long every = sim.keptEvery();
        assertEquals(4096, every, "25 states kept 4,096 steps apart over 100,000 steps");
        assertTrue(sim.keptCount() <= KeptStates.MOST + KeptStates.NEAR, sim.keptCount() + " kept");
        assertTrue(sim.keptStateBytes() < 16 * 1024, sim.keptStateBytes() + " bytes for the post's network");
        for (long to : new long[] {99_999, 50_001, 4_095, 100_000, 1}) {
            long before = sim.stepsComputed();
            sim.seek(to);
            long cost = sim.stepsComputed() - before;
            assertTrue(cost < every, "going to step " + to + " computed " + cost + " steps");
        }
        sim.seek(70_000);
        for (long to = 69_999; to > 69_900; to--) {   // the ← key held down: each step back replays from a state just kept nearby
            long before = sim.stepsComputed();
            sim.seek(to);
            long cost = sim.stepsComputed() - before;
            assertTrue(cost <= every / KeptStates.FINER, "one step back to " + to + " computed " + cost + " steps");
        }
        long before = sim.stepsComputed();
        sim.focus(0, 1);
        assertEquals(before, sim.stepsComputed(), "focusing another neuron computes no step");
    }

    @Test
    void keptStatesStayBoundedForADeepWideNetwork() {
        Simulation sim = open("scenario=deep-net-works-anyway&at=1500");
        // thinning halves them: between half the capacity and the capacity (8 states of this network fill the
        // budget), and 3 more near the end (half the budget)
        assertTrue(sim.keptCount() > KeptStates.LEAST / 2 && sim.keptCount() <= KeptStates.LEAST + 3, sim.keptCount() + " kept");
        assertTrue(sim.keptStateBytes() <= KeptStates.LEAST * 20_000L + KeptStates.BUDGET_BYTES / 2, sim.keptStateBytes() + " bytes");
        assertTrue(sim.keptEvery() * sim.keptCount() >= 1500, "they cover the run");
    }

    @Test
    void goingBackAndPlayingOnGivesTheSameNumbersAndReturnsToTheFurthestStep() {
        Simulation sim = open("scenario=deep-net-works-anyway&shuffle=true&at=700");
        List<String> at700 = picture(sim);
        sim.seek(123);
        sim.setSpeed(0);
        sim.play();
        while (sim.playing() && sim.timeline().at() < 700) sim.tick(0.1, System.nanoTime() + 50_000_000L);
        sim.pause();
        long furthest = sim.timeline().furthest();
        assertTrue(sim.timeline().at() >= 700 && furthest == sim.timeline().at(), "it played on past where it had been");
        sim.seek(700);
        assertEquals(at700, picture(sim));
        sim.seek(650);
        for (long s = 650; s < furthest + 10; s++) sim.stepOnce();
        assertEquals(picture(open("scenario=deep-net-works-anyway&shuffle=true&at=" + (furthest + 10))), picture(sim), "stepping on from behind");
        assertEquals(furthest + 10, sim.timeline().furthest());
    }

    @Test
    void theTimelineHoldsEveryEventUpToTheFurthestStepWhileTheRunIsBack() {
        Simulation sim = open("scenario=case-2&pause=off&at=40");
        List<Event> all = sim.timeline().events();
        assertTrue(all.stream().anyMatch(e -> e.step() == 8 && e.kind() == Event.Kind.DIED), all.toString());
        sim.seek(3);
        assertEquals(all.size(), sim.timeline().events().size(), "the marks stay");
        assertTrue(sim.state().recentEvents().stream().allMatch(e -> e.step() <= 3), "the log shows what happened up to the step on screen");
        assertEquals(3, sim.timeline().at());
        sim.stepEpoch();
        assertEquals(11, sim.timeline().at());
        assertEquals(40, sim.timeline().furthest());
    }

    @Test
    void aStepBeyondTheFurthestOneOrBelowZeroIsRefusedNamingTo() {
        Simulation sim = open("scenario=case-2&at=20");
        InvalidParameter bad = assertThrows(InvalidParameter.class, () -> sim.seek(21));
        assertEquals("to", bad.parameter);
        assertTrue(bad.allowed.contains("0 to 20"), bad.allowed);
        assertThrows(InvalidParameter.class, () -> sim.seek(-1));
        assertEquals(20, sim.timeline().at(), "nothing moved");
    }

    @Test
    void anInterventionAfterGoingBackStartsAnotherFutureFromThatStep() {
        Simulation sim = open("scenario=case-2&pause=off&at=5000");
        sim.seek(3000);
        sim.applyLr(0.05);
        assertEquals("scenario=case-2&ops=lr:0.05@3000&at=3000&pause=off", sim.run().toQuery());
        assertEquals(3000, sim.timeline().furthest(), "what followed was another run");
        assertEquals(picture(open(sim.run().toQuery())), picture(sim));
        for (int i = 0; i < 10; i++) sim.stepOnce();
        assertEquals(picture(open("scenario=case-2&ops=lr:0.05@3000&at=3010&pause=off")), picture(sim));
        History h = sim.state().history();
        assertEquals(3010, h.loss.stepOf(h.loss.size() - 1), "the charts end where the run is");
        assertEquals(0, h.loss.firstStep());
    }

    @Test
    void focusingAnotherNeuronChartsItsWeightsFromTheKeptStatesAndTheStepOnScreen() {
        Simulation sim = open("scenario=case-2&pause=off&at=50");
        Simulation fresh = open("scenario=case-2&pause=off&at=50&focus=1.2");
        sim.focus(0, 1);
        assertEquals("scenario=case-2&at=50&focus=1.2&pause=off", sim.run().toQuery());
        History h = sim.state().history(), exact = fresh.state().history();
        assertEquals(3, h.focusWeights.length);
        Series w = h.focusWeights[1], e = exact.focusWeights[1];
        assertEquals(0, w.firstStep());
        assertEquals(50, w.stepOf(w.size() - 1));
        for (int b = 0; b < w.size(); b++) {   // each point is the weight at its step, as the full replay charted it
            int step = w.stepOf(b);
            assertEquals(e.lastOf(step), w.lastOf(b), "w12 at step " + step);
        }
        assertTrue(w.size() >= 13, "a point at least every " + sim.keptEvery() + " steps: " + w.size());
    }

    @Test
    void theKeptStatesAreExposedAsABoundedFigure() {
        Simulation small = open("scenario=case-2&pause=off&at=2000");
        assertTrue(small.keptStateBytes() > 0 && small.keptStateBytes() <= (KeptStates.MOST + KeptStates.NEAR) * 300L, small.keptStateBytes() + " bytes");
        Simulation wide = open("scenario=healthy&layers=8-64-64-64-64-64-64-64-64-1&n=20&at=100");
        long oneState = 8L * (8 * 64 + 7 * 64 * 64 + 64 + 8 * 64 + 1);   // weights and biases
        assertTrue(wide.keptStateBytes() <= KeptStates.LEAST * (oneState + 200), wide.keptStateBytes() + " bytes");
        assertEquals(100, wide.timeline().furthest());
        assertNull(wide.timeline().deathPause());
    }
}
