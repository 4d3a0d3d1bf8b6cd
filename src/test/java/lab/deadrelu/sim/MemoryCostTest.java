package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;

/**
 * MemoryCost against the arrays real objects hold, counted by walking them (HeapWalk), never against
 * numbers written down here. The heap itself is measured by MemoryPerSimulationTest (opt-in).
 */
class MemoryCostTest {

    static RunSpec link(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return RunSpec.parse(params, Set.of());
    }

    /** What a real training of the spec holds, walked, less its events (MemoryCost.training leaves the log to the allowance). */
    private static long walkedTraining(TrainingSpec spec) {
        Training t = new Training(spec);
        t.nextSample();   // a shuffled run draws its first epoch's order when it is first asked
        long events = 0;
        for (Event e : t.events()) events += HeapWalk.of(e).bytes;
        return HeapWalk.of(t).bytes - events;
    }

    @Test
    void theEngineEstimateMatchesTheArraysOfARealTrainingWithinTwoPercent() {
        for (String q : List.of("scenario=case-2", "scenario=deep-net-works-anyway", "scenario=deep-net-works-anyway&batch=10&shuffle=true",
                "scenario=case-1&layers=8-64-64-64-64-64-64-64-64-1&n=300", "scenario=healthy&layers=8-4-1&n=5000&batch=full",
                "scenario=case-2&init=explicit&w=1,2,3,4,5,6,7,8,9,10,11,12", "scenario=case-2&opt=momentum",
                "scenario=deep-net-works-anyway&opt=adam&batch=10", "scenario=moving-target", "scenario=healthy&layers=3-8-1&n=5000&shift=10")) {
            TrainingSpec spec = link(q).spec();
            Training t = new Training(spec);
            t.nextSample();
            HeapWalk walked = HeapWalk.of(t);
            long estimate = MemoryCost.training(spec), real = walkedTraining(spec);
            assertTrue(Math.abs(estimate - real) <= 0.02 * real, q + ": estimated " + estimate + " bytes, its objects hold " + real);
            // the doubles alone, counted one by one in the walk, fit in the estimate with their arrays' headers
            assertTrue(8 * walked.doubles + 16 * walked.arrays <= estimate + 0.02 * real, q + ": " + walked.doubles + " doubles in "
                    + walked.arrays + " arrays, estimated " + estimate + " bytes");
        }
    }

    @Test
    void eachSampleAddsItsRowTwiceAndItsTargetAsTheFormulaSays() {
        for (int inputs : new int[] {1, 3, 8}) {
            for (String extra : List.of("", "&batch=10", "&shuffle=true", "&shift=50")) {
                String base = "scenario=deep-net-works-anyway&layers=" + inputs + "-32-32-1" + extra + "&n=";
                TrainingSpec small = link(base + 1000).spec(), large = link(base + 2000).spec();
                long perSample = 16 + 8 * inputs + 4      // a row of x by sample, and its reference
                        + 8 * inputs + 8                  // its inputs again by column, and its y
                        + (extra.contains("shuffle") ? 4 : 0)    // its place in the epoch's order
                        + (extra.contains("shift") ? 8 : 0);     // its own y, kept aside while a moving target shows another
                long grew = MemoryCost.training(large) - MemoryCost.training(small);
                assertEquals(1000 * perSample, grew, base);
                assertEquals(grew, MemoryCost.simulation(link(base + 2000)) - MemoryCost.simulation(link(base + 1000)), "a lab grows as its training");
                long walkedGrowth = walkedTraining(large) - walkedTraining(small);
                assertTrue(Math.abs(walkedGrowth - grew) <= 0.01 * grew, base + ": real objects grew by " + walkedGrowth + ", estimate by " + grew);
            }
        }
    }

    @Test
    void aHiddenLayerAddsFourCopiesOfItsWeightsAndGrowsLikeTheRealObjects() {
        for (int width : new int[] {8, 32, 64}) {
            for (String batch : List.of("1", "16")) {
                String before = "scenario=deep-net-works-anyway&batch=" + batch + "&layers=3-" + width + "-" + width + "-1";
                String after = "scenario=deep-net-works-anyway&batch=" + batch + "&layers=3-" + width + "-" + width + "-" + width + "-1";
                long grew = MemoryCost.training(link(after).spec()) - MemoryCost.training(link(before).spec());
                // the network, its copy from before the step, the gradient, and the undo (batch 1) or the transposed weights
                assertTrue(grew >= 4L * 8 * width * width, before + ": grew by " + grew);
                long walkedGrowth = walkedTraining(link(after).spec()) - walkedTraining(link(before).spec());
                assertTrue(Math.abs(walkedGrowth - grew) <= 0.02 * walkedGrowth, before + ": real objects grew by " + walkedGrowth + ", estimate by " + grew);
                // a lab also keeps room for one step's events: two per hidden neuron, each with its fan-in three times
                long labGrew = MemoryCost.simulation(link(after)) - MemoryCost.simulation(link(before));
                assertTrue(labGrew > grew + 2L * width * 3 * 8 * width, before + ": a lab grew by " + labGrew);
            }
        }
    }

    @Test
    void aFreshLabHoldsNoMoreThanItsEstimateAndItsFixedPartsWithinAFifth() {
        for (String q : List.of("scenario=case-2", "scenario=case-2&at=2000", "scenario=deep-net-works-anyway",
                "scenario=case-1&layers=8-64-64-64-64-64-64-64-64-1&n=300&lr=0.0001")) {
            RunSpec run = link(q);
            MemoryBudget budget = MemoryBudget.unlimited();
            Simulation sim = new Registry(8, 10, 60_000, budget).open("me", run, 0);
            long real = HeapWalk.of(sim, budget).bytes;
            MemoryCost.Parts estimate = MemoryCost.simulationParts(run);
            assertTrue(real <= estimate.total(), q + ": a fresh lab holds " + real + " bytes, estimated " + estimate);
            long arrays = estimate.data() + estimate.networks() + estimate.sgd() + estimate.census();
            assertTrue(arrays <= real && real <= arrays + estimate.history() + estimate.other() + estimate.events(), q + ": " + real + " " + estimate);
            assertEquals(estimate.total(), budget.used(), "opening it charged the estimate");
        }
    }

    @Test
    void aRunsEventLogIsChargedAsItGrowsAndAlwaysCoversWhatItHolds() {
        RunSpec run = link("scenario=deep-net-works-anyway");
        MemoryBudget budget = MemoryBudget.unlimited();
        Simulation sim = new Registry(8, 10, 60_000, budget).open("me", run, 0);
        sim.advanceTo(3000);
        Simulation.Events events = sim.events();
        assertTrue(events.list().size() > 1000 && !events.incomplete(), "with room, the deep run keeps every event: " + events.list().size());
        long held = 0;
        for (Event e : events.list()) held += HeapWalk.of(e).bytes;
        assertTrue(budget.used() > MemoryCost.simulation(run), "the charge grew with the log");
        assertTrue(budget.used() >= MemoryCost.simulation(run) - MemoryCost.simulationParts(run).events() + held,
                "the charge covers the estimate and the events held: " + budget.used() + " vs " + held);
        assertTrue(HeapWalk.of(sim, budget).bytes <= budget.used(), "and what the lab holds in all");
    }
}
