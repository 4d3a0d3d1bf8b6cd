package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;

/** The simulation's inspected weight and what its state says about the last (or next) update. */
class InspectionTest {

    static Simulation open(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return new Simulation("id", "owner", RunSpec.parse(params, Set.of()), null, 0);
    }

    @Test
    void selectingAWeightChangesTheLinkNotTheRun() {
        Simulation sim = open("scenario=case-2&at=8");
        long version = sim.version();
        sim.selectWeight(new WeightRef(1, 0, 1));
        assertTrue(sim.version() > version);
        assertEquals("scenario=case-2&at=8&weight=2.1.2", sim.run().toQuery());
        SimulationState s = sim.state();
        assertEquals(8, s.snapshot().step());
        assertEquals(new WeightRef(1, 0, 1), s.inspection().weight());
        assertEquals(s.snapshot().weights()[1][0][1], s.inspection().weightNow());
        sim.stepOnce();
        assertEquals("scenario=case-2&at=9&weight=2.1.2", sim.run().toQuery(), "the weight stays while the run moves");
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> sim.selectWeight(new WeightRef(1, 0, WeightRef.BIAS)));
        assertEquals("weight", e.parameter);
        assertEquals("scenario=case-2&at=9&weight=2.1.2", sim.run().toQuery(), "a refused weight changes nothing");
    }

    @Test
    void focusingAnotherNeuronResetsTheWeightAndARestartKeepsIt() {
        Simulation sim = open("scenario=case-2&at=8&weight=3.1.1");
        sim.reset();
        assertEquals("scenario=case-2&weight=3.1.1", sim.run().toQuery());
        sim.focus(0, 1);
        assertEquals("scenario=case-2&focus=1.2", sim.run().toQuery());
        assertEquals(new WeightRef(0, 1, 0), sim.state().inspection().weight());
    }

    @Test
    void theInspectionIsTheLastUpdateUntilAnInterventionAndNoneOnceDiverged() {
        Simulation sim = open("scenario=case-2&at=8");
        Inspection last = sim.state().inspection();
        assertTrue(last.last());
        assertEquals(8, last.step());
        assertEquals(1, last.batch());
        assertEquals(last.factors().gradient(), last.meanGradient());
        assertEquals(last.factors().weightAfter(), last.weightNow());
        sim.reinitialize();
        Inspection next = sim.state().inspection();
        assertFalse(next.last());
        assertEquals(9, next.step());
        assertNotNull(next.factors());

        Inspection diverged = open("scenario=case-2&act=leaky&lr=1000000&at=100").state().inspection();
        assertNull(diverged.factors());
    }

    @Test
    void yHatComesWithZUpToTwoThousandSamples() {
        SimulationState small = open("scenario=case-2&at=3").state();
        assertEquals(8, small.yHat().length);
        assertEquals(8, small.focusZ().length);
        assertNull(open("scenario=case-2&n=2001").state().yHat());
        assertEquals(2000, open("scenario=case-2&n=2000").state().yHat().length);
    }

    @Test
    void aHugeNextBatchLeavesItsMeanUncomputed() {
        Inspection big = open("scenario=deep-net-works-anyway&n=10000&batch=full").state().inspection();
        assertFalse(big.last());
        assertTrue(Double.isNaN(big.meanGradient()));
        Inspection small = open("scenario=case-2&batch=full").state().inspection();
        assertFalse(Double.isNaN(small.meanGradient()));
    }
}
