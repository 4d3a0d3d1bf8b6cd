package lab.deadrelu.sim;

import static lab.deadrelu.sim.TimelineTest.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;

/**
 * Where playing stops by itself: at the first step a neuron dies (pause=death, on by default in the
 * post's two cases), and at the last step a link of the run may open (the reach).
 */
class PlayingStopsTest {

    /** Plays, one step a tick, until the run stops by itself or reaches `until`; returns the step. */
    static long playUntilItStops(Simulation sim, long until) {
        sim.setSpeed(1_000);
        sim.play();
        for (int ticks = 0; sim.playing() && sim.timeline().at() < until && ticks < 100_000; ticks++) sim.tick(0.001, Long.MAX_VALUE);
        return sim.timeline().at();
    }

    @Test
    void case2PlayedFromTheStartStopsAtStep8WithTheDeadNeuronAndTheUpdateThatKilledItOnScreen() {
        Simulation sim = open("scenario=case-2&focus=1.1");
        assertTrue(sim.run().pauseAtDeath(), "on by default in case 2");
        assertEquals(8, playUntilItStops(sim, 1_000));
        assertFalse(sim.playing());
        SimulationState s = sim.state();
        Event death = s.pulse().deathPause();
        assertNotNull(death);
        assertEquals("h1^(2)", death.name());
        assertEquals(Event.Kind.DIED, death.kind());
        assertEquals(List.of(1, 0), List.of(sim.run().focusLayer(), sim.run().focusNeuron()), "h1^(2) focused");
        Event.Update u = death.cause();
        int pushedDownMost = u.weightsBefore()[0] - u.weightsAfter()[0] > u.weightsBefore()[1] - u.weightsAfter()[1] ? 0 : 1;
        assertEquals(new WeightRef(1, 0, pushedDownMost), s.inspection().weight());
        assertTrue(s.inspection().last(), "the inspector explains the update of step 8, the one that killed it");
        assertEquals(8, s.inspection().step());
        assertTrue(s.evidence().announced().stream().anyMatch(e -> e.kind() == Event.Kind.DIED && e.step() == 8), "the death is the news");

        long next = playUntilItStops(sim, 200);
        assertEquals(200, next, "play again: it goes on past the death it stopped at");
        assertNull(sim.pulse().deathPause());
    }

    @Test
    void goingBackBeforeTheDeathAndPlayingStopsThereAgain() {
        Simulation sim = open("scenario=case-2&at=30");
        sim.seek(5);
        assertEquals(8, playUntilItStops(sim, 30));
        assertNotNull(sim.timeline().deathPause());
    }

    @Test
    void withPauseOffCase2PlaysOnPastTheDeath() {
        Simulation sim = open("scenario=case-2&pause=off");
        assertEquals(300, playUntilItStops(sim, 300));
        assertNull(sim.timeline().deathPause());
        sim.setPauseAtDeath(true);
        assertEquals("scenario=case-2&at=300", sim.run().toQuery(), "back to the scenario's default");
        sim.setPauseAtDeath(false);
        assertEquals("scenario=case-2&at=300&pause=off", sim.run().toQuery());
    }

    @Test
    void case1StopsAtOnceForTheNeuronBornDeadAndPlaysOnWhenPlayedAgain() {
        Simulation sim = open("scenario=case-1");
        sim.play();
        assertFalse(sim.playing(), "stopped at once");
        Event death = sim.timeline().deathPause();
        assertEquals(Event.Kind.BORN_DEAD, death.kind());
        assertEquals(0, death.step());
        assertEquals("h1^(1)", death.name());
        List<Event> news = sim.state().evidence().announced();
        assertTrue(news.stream().anyMatch(e -> e.kind() == Event.Kind.BORN_DEAD), "what the announcer says: " + news);
        assertEquals(50, playUntilItStops(sim, 50));
    }

    @Test
    void theScenariosThatAreNotAboutADeathPlayOnByDefault() {
        Simulation sim = open("scenario=healthy&lr=1");
        assertFalse(sim.run().pauseAtDeath());
        assertEquals(100, playUntilItStops(sim, 100));
        sim.setPauseAtDeath(true);
        assertEquals("scenario=healthy&lr=1&at=100&pause=death", sim.run().toQuery());
    }

    private static Simulation withBudget(String query, long replayWork) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        RunSpec run = RunSpec.parse(params, Set.of());
        return new Simulation("id", "owner", run, null, 0, replayWork,
                MemoryBudget.unlimited().charge("owner", MemoryCost.simulation(run), MemoryBudget.Use.LAB));
    }

    @Test
    void playingSteppingAndEpochsStopAtTheLastStepALinkMayOpen() {
        RunSpec run = RunSpec.parse(Map.of("scenario", "case-2"), Set.of());
        long budget = run.replayWork(1) * 50;   // a server whose links of this network may reach step 50
        assertEquals(50, run.maxReplaySteps(budget));
        Simulation sim = withBudget("scenario=case-2&pause=off&at=45", budget);
        assertEquals(50, sim.pulse().reach());
        sim.stepEpoch();
        assertEquals(50, sim.timeline().at(), "one epoch would be step 53");
        sim.stepOnce();
        assertEquals(50, sim.timeline().at());
        assertEquals(50, playUntilItStops(sim, 1_000));
        assertFalse(sim.playing());
        assertFalse(sim.canAdvance());
        assertEquals("scenario=case-2&at=50&pause=off", sim.run().toQuery(), "a link the server opens");
        sim.seek(10);
        assertEquals(50, playUntilItStops(sim, 1_000), "and from behind, it plays up to the same step");
    }

    @Test
    void theReachOfANetworkOnTenThousandSamplesIsTheStepItsLinksMayOpen() {
        Simulation sim = open("scenario=healthy&layers=3-32-32-1&n=10000");
        assertEquals(sim.run().maxReplaySteps(), sim.timeline().reach());
        assertEquals(1735, sim.timeline().reach());
        RunSpec deepWide = RunSpec.parse(Map.of("scenario", "case-2", "layers", "8-64-64-64-64-64-64-64-64-1", "n", "10000"), Set.of());
        assertEquals(68, deepWide.maxReplaySteps(), "the post's network: a million steps; this one: 68, what the server answers a link asking for more");
    }
}
