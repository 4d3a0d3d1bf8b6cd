package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static Simulation open(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return new Simulation("id", "owner", RunSpec.parse(params, Set.of()), null, 0);
    }

    @Test
    void openingALinkReplaysToItsStepWithTheSameNumbers() {
        Simulation a = open("scenario=case-2&at=120");
        Simulation b = open("scenario=case-2&at=120");
        SimulationState sa = a.state(), sb = b.state();
        assertEquals(120, sa.snapshot().step());
        assertTrue(java.util.Arrays.deepEquals(sa.snapshot().weights(), sb.snapshot().weights()));
        assertEquals("scenario=case-2&at=120", sa.run().toQuery());
    }

    @Test
    void stepAdvancesOneUpdateAndTheLinkFollows() {
        Simulation sim = open("scenario=case-2");
        sim.stepOnce();
        sim.stepOnce();
        assertEquals(2, sim.state().snapshot().step());
        assertEquals("scenario=case-2&at=2", sim.run().toQuery());
    }

    @Test
    void anEpochUsesEverySampleOnce() {
        Simulation sim = open("scenario=case-2");
        sim.stepEpoch();
        assertEquals(8, sim.state().snapshot().step());
        assertEquals(1, sim.state().snapshot().epoch());
    }

    @Test
    void theCase2NeuronDiesAndTheStateSaysWhen() {
        Simulation sim = open("scenario=case-2&at=100");
        SimulationState s = sim.state();
        assertEquals(NeuronState.PERMANENTLY_DEAD, s.snapshot().states()[1][0]);
        assertNotNull(s.focusDeathStep());
        assertTrue(s.history().dead[1].highest() >= 1);
    }

    @Test
    void loweringLambdaAfterTheDeathIsAnInterventionInTheLink() {
        Simulation sim = open("scenario=case-2&at=100");
        sim.applyLr(0.03);
        assertEquals("scenario=case-2&ops=lr:0.03@100&at=100", sim.run().toQuery());
        sim.stepOnce();
        assertEquals(NeuronState.PERMANENTLY_DEAD, sim.state().snapshot().states()[1][0]);
    }

    @Test
    void restartingWithALowerLambdaStartsOverAndKeepsTheNeuronAlive() {
        Simulation sim = open("scenario=case-2&at=100");
        sim.restartWithLr(0.03);
        assertEquals("scenario=case-2&lr=0.03", sim.run().toQuery());
        for (int k = 0; k < 100; k++) sim.stepOnce();
        assertEquals(NeuronState.ACTIVE, sim.state().snapshot().states()[1][0]);
    }

    @Test
    void reinitializeIsRecordedAtTheCurrentStepAndReplaysIdentically() {
        Simulation sim = open("scenario=case-1&at=5");
        sim.reinitialize();
        String link = sim.run().toQuery();
        assertEquals("scenario=case-1&ops=reinit@5&at=5", link);
        Simulation again = open(link);
        assertTrue(java.util.Arrays.deepEquals(sim.state().snapshot().weights(), again.state().snapshot().weights()));
    }

    @Test
    void focusingAnotherNeuronRebuildsItsWeightHistory() {
        Simulation sim = open("scenario=case-2&at=50");
        sim.focus(0, 1);
        SimulationState s = sim.state();
        assertEquals("scenario=case-2&at=50&focus=1.2", s.run().toQuery());
        assertEquals(3, s.history().focusWeights.length);
        assertEquals(0, s.history().focusWeights[0].firstStep());
        assertEquals(50, s.history().focusWeights[0].stepOf(s.history().focusWeights[0].size() - 1));
        assertThrows(IllegalArgumentException.class, () -> sim.focus(2, 0));
    }

    @Test
    void playingAdvancesAtTheChosenSpeedOnlyWhenTicked() {
        Simulation sim = open("scenario=healthy");
        sim.setSpeed(10);
        assertFalse(sim.tick(1.0, Long.MAX_VALUE), "paused: nothing moves");
        sim.play();
        assertTrue(sim.tick(1.0, Long.MAX_VALUE));
        assertEquals(10, sim.state().snapshot().step());
        sim.tick(0.05, Long.MAX_VALUE);
        sim.tick(0.05, Long.MAX_VALUE);
        assertEquals(11, sim.state().snapshot().step(), "fractions of a step add up");
        assertThrows(IllegalArgumentException.class, () -> sim.setSpeed(3));
    }

    @Test
    void atTenStepsASecondALateTickAndTheCatchUpTickAfterItEachBringOneStepSoEveryStepIsAFrame() {
        Simulation sim = open("scenario=healthy");
        sim.setSpeed(10);
        sim.play();
        assertTrue(sim.tick(0.25, 0.1, Long.MAX_VALUE), "late: one step, not two");
        assertEquals(1, sim.state().snapshot().step());
        assertTrue(sim.tick(0.0, 0.1, Long.MAX_VALUE), "the catch-up tick right after it: the step still owed");
        assertEquals(2, sim.state().snapshot().step());
        assertTrue(sim.tick(0.1, 0.1, Long.MAX_VALUE));
        assertEquals(3, sim.state().snapshot().step());
        sim.tick(3.0, 0.1, Long.MAX_VALUE);   // the whole server stood still for 3 s
        sim.tick(0.1, 0.1, Long.MAX_VALUE);
        sim.tick(0.1, 0.1, Long.MAX_VALUE);
        assertEquals(6, sim.state().snapshot().step(), "no burst after a stall: one step a tick, at most one more owed");
        sim.tick(0.1, 0.1, Long.MAX_VALUE);
        assertEquals(7, sim.state().snapshot().step());
    }

    @Test
    void aDivergingRunStopsPlayingAndShowsOnlyFiniteNumbers() {
        Simulation sim = open("scenario=leaky-rescues-case-2&lr=1000000");
        sim.setSpeed(0);
        sim.play();
        sim.tick(0.1, System.nanoTime() + 1_000_000_000L);
        SimulationState s = sim.state();
        assertTrue(s.diverged());
        assertFalse(s.playing());
        assertTrue(Double.isFinite(s.snapshot().loss()));
        for (double[][] layer : s.snapshot().weights()) for (double[] row : layer) for (double w : row) assertTrue(Double.isFinite(w));
    }

    @Test
    void aHugeLambdaWithReluKillsEveryNeuronInsteadOfDiverging() {
        Simulation sim = open("scenario=case-2&lr=1000000&at=50");
        SimulationState s = sim.state();
        assertEquals(s.snapshot().hiddenNeurons(), s.snapshot().deadTotal());
        assertFalse(s.diverged());
        assertTrue(Double.isFinite(s.snapshot().loss()));
    }

    @Test
    void theRegistryHidesASimulationFromOtherBrowsers() {
        Registry registry = new Registry(4, 100, 60_000);
        Simulation mine = registry.open("alice", RunSpec.of(Scenario.CASE_1), 0);
        assertEquals(mine, registry.get(mine.id, "alice"));
        assertNull(registry.get(mine.id, "bob"));
        assertEquals(22, mine.id.length(), "128 bits in URL-safe base64");
        assertNotEquals(mine.id, registry.open("alice", RunSpec.of(Scenario.CASE_1), 0).id);
    }

    @Test
    void aBrowserKeepsAtMostItsShareAndIdleOnesAreEvicted() {
        Registry registry = new Registry(2, 100, 1_000);
        Simulation first = registry.open("alice", RunSpec.of(Scenario.CASE_1), 0);
        registry.open("alice", RunSpec.of(Scenario.CASE_1), 10);
        registry.open("alice", RunSpec.of(Scenario.CASE_1), 20);
        assertEquals(2, registry.size());
        assertNull(registry.get(first.id, "alice"), "the least recently used one went");
        assertEquals(2, registry.evictIdle(5_000));
        assertEquals(0, registry.size());
    }

    @Test
    void aFullServerRefusesNewSimulations() {
        Registry registry = new Registry(10, 2, 60_000);
        registry.open("a", RunSpec.of(Scenario.CASE_1), 0);
        registry.open("b", RunSpec.of(Scenario.CASE_1), 0);
        assertThrows(Registry.Full.class, () -> registry.open("c", RunSpec.of(Scenario.CASE_1), 0));
    }

    @Test
    void historyRecordsLossAndDeadCountsFromStepZero() {
        Simulation sim = open("scenario=case-1&at=30");
        History h = sim.state().history();
        assertEquals(0, h.loss.firstStep());
        assertEquals(31, h.loss.size());
        assertEquals(1.0, h.dead[0].lowest(), "case-1: h1 of layer 1 is dead from the start");
        double[] initial = {h.focusWeights[0].lastOf(0), h.focusWeights[1].lastOf(0), h.focusWeights[2].lastOf(0)};
        double[] last = {h.focusWeights[0].lastOf(30), h.focusWeights[1].lastOf(30), h.focusWeights[2].lastOf(30)};
        assertArrayEquals(initial, last, "its weights stay flat");
    }
}
