package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;

/** The Registry charges every simulation its estimate, makes room the way it says, and refuses in numbers. */
class RegistryMemoryTest {
    static final long IDLE = 60_000;
    static final RunSpec SMALL = MemoryCostTest.link("scenario=case-2");
    static final RunSpec LARGE = MemoryCostTest.link("scenario=healthy&layers=8-4-1&n=5000");

    @Test
    void openingChargesTheEstimateAndEvictionGivesItBack() {
        MemoryBudget budget = new MemoryBudget(100_000_000, 100_000_000);
        Registry registry = new Registry(8, 100, IDLE, budget);
        registry.open("alice", SMALL, 0);
        registry.open("bob", LARGE, 0);
        registry.openPair("carol", SMALL, LARGE, null, 0);
        assertEquals(2 * MemoryCost.simulation(SMALL) + 2 * MemoryCost.simulation(LARGE), budget.used());
        assertEquals(MemoryCost.simulation(SMALL) + MemoryCost.simulation(LARGE), budget.used("carol"), "a pair is charged both runs");
        registry.evictIdle(IDLE + 1);
        assertEquals(0, registry.size());
        assertEquals(0, budget.used(), "every charge came back");
        assertEquals(0, budget.owners());
    }

    @Test
    void aBrowserOverItsShareLosesItsOwnOldestLabsAndNobodyElses() {
        long large = MemoryCost.simulation(LARGE);
        MemoryBudget budget = new MemoryBudget(100 * large, 2 * large + large / 2);   // room for two large labs per browser
        Registry registry = new Registry(8, 100, IDLE, budget);
        Simulation other = registry.open("bob", LARGE, 0);
        Simulation first = registry.open("alice", LARGE, 1);
        Simulation second = registry.open("alice", LARGE, 2);
        Simulation third = registry.open("alice", LARGE, 3);
        assertNull(registry.get(first.id, "alice"), "the oldest went to make room");
        assertNotNull(registry.get(second.id, "alice"));
        assertNotNull(registry.get(third.id, "alice"));
        assertNotNull(registry.get(other.id, "bob"));
        assertEquals(2 * large, budget.used("alice"));
    }

    @Test
    void aLabLargerThanAShareIsRefusedWithoutEvictingAnything() {
        long large = MemoryCost.simulation(LARGE);
        MemoryBudget budget = new MemoryBudget(100 * large, large - 1);
        Registry registry = new Registry(8, 100, IDLE, budget);
        Simulation small = registry.open("alice", SMALL, 0);
        MemoryBudget.Refused r = assertThrows(MemoryBudget.Refused.class, () -> registry.open("alice", LARGE, 1));
        assertFalse(r.serverFull);
        assertEquals(large, r.needed);
        assertEquals(MemoryBudget.Use.LAB, r.use);
        assertNotNull(registry.get(small.id, "alice"), "evicting would not have made it fit: nothing went");
    }

    @Test
    void aFullServerDropsIdleLabsFirstThenRefusesSayingWhatIsFree() {
        long large = MemoryCost.simulation(LARGE), small = MemoryCost.simulation(SMALL);
        MemoryBudget budget = new MemoryBudget(3 * large + 3 * small, 3 * large);
        Registry registry = new Registry(8, 100, IDLE, budget);
        Simulation idle = registry.open("a", LARGE, 0);
        registry.open("b", LARGE, 50_000);
        registry.open("c", LARGE, 50_000);
        Simulation d = registry.open("d", LARGE, 70_000);   // a's lab has idled past the limit: it goes, d fits
        assertNull(registry.get(idle.id, "a"));
        assertNotNull(registry.get(d.id, "d"));
        MemoryBudget.Refused r = assertThrows(MemoryBudget.Refused.class, () -> registry.open("e", LARGE, 70_000));
        assertTrue(r.serverFull);
        assertEquals(large, r.needed);
        assertEquals(3 * small, r.free);
        assertNotNull(registry.open("f", SMALL, 70_000), "a small lab still fits");
        assertEquals(3 * large + small, budget.used());
    }

    @Test
    void aPairThatDoesNotFitChargesNothing() {
        long large = MemoryCost.simulation(LARGE);
        MemoryBudget budget = new MemoryBudget(100 * large, large + large / 2);
        Registry registry = new Registry(8, 100, IDLE, budget);
        MemoryBudget.Refused r = assertThrows(MemoryBudget.Refused.class, () -> registry.openPair("alice", LARGE, LARGE, null, 0));
        assertEquals(MemoryBudget.Use.COMPARISON, r.use);
        assertEquals(2 * large, r.needed, "the refusal names the whole pair");
        assertEquals(0, budget.used());
        assertEquals(0, registry.size());
    }

    @Test
    void aLongRunWithoutRoomKeepsAPrefixOfItsEventsAndStaysWithinTheBudget() {
        RunSpec deep = MemoryCostTest.link("scenario=deep-net-works-anyway");
        long cost = MemoryCost.simulation(deep);
        MemoryBudget budget = new MemoryBudget(cost + cost / 4, cost + cost / 4);
        Simulation sim = new Registry(8, 100, IDLE, budget).open("alice", deep, 0);
        sim.advanceTo(3000);
        assertEquals(3000, sim.at(), "the run goes on");
        Simulation.Events events = sim.events();
        assertTrue(events.incomplete(), "the log stopped where the budget did");
        assertTrue(budget.used() <= budget.limit());
        long held = 0;
        for (var e : events.list()) held += MemoryCost.eventBytes(e);
        assertTrue(held <= budget.used() - (cost - MemoryCost.simulationParts(deep).events()), "the events kept are paid for");
        long last = events.list().get(events.list().size() - 1).step();
        Simulation.Events again = sim.events();
        sim.advanceTo(3100);
        assertEquals(again.list().size(), sim.events().list().size(), "nothing is added after a gap: the log stays a prefix (last kept step " + last + ")");
    }
}
