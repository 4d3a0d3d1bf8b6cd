package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void chargesAddUpPerOwnerAndComeBackWhenClosedOnce() {
        MemoryBudget budget = new MemoryBudget(1_000, 600);
        MemoryBudget.Charge a = budget.charge("alice", 300, MemoryBudget.Use.LAB);
        MemoryBudget.Charge b = budget.charge("bob", 200, MemoryBudget.Use.RUN);
        assertEquals(500, budget.used());
        assertEquals(300, budget.used("alice"));
        assertEquals(500, budget.free());
        a.close();
        a.close();   // twice is harmless
        assertEquals(200, budget.used());
        assertEquals(1, budget.owners(), "an owner with nothing charged is forgotten");
        b.close();
        assertEquals(0, budget.used());
        assertEquals(0, budget.owners());
    }

    @Test
    void anOwnerBeyondItsShareIsRefusedWithWhatItNeedsAndHasLeft() {
        MemoryBudget budget = new MemoryBudget(1_000, 400);
        budget.charge("alice", 300, MemoryBudget.Use.LAB);
        MemoryBudget.Refused r = assertThrows(MemoryBudget.Refused.class, () -> budget.charge("alice", 150, MemoryBudget.Use.EXPERIMENT));
        assertFalse(r.serverFull, "the owner's share, not the server");
        assertEquals(150, r.needed);
        assertEquals(100, r.free);
        assertEquals(400, r.share);
        assertEquals(MemoryBudget.Use.EXPERIMENT, r.use);
        assertEquals(300, budget.used(), "a refusal charges nothing");
        budget.charge("bob", 150, MemoryBudget.Use.LAB);   // another owner has its own share
    }

    @Test
    void whenTheWholeBudgetIsTakenEveryoneIsRefusedAsServerFull() {
        MemoryBudget budget = new MemoryBudget(1_000, 400);
        budget.charge("a", 400, MemoryBudget.Use.LAB);
        budget.charge("b", 400, MemoryBudget.Use.LAB);
        MemoryBudget.Refused r = assertThrows(MemoryBudget.Refused.class, () -> budget.charge("c", 300, MemoryBudget.Use.COMPARISON));
        assertTrue(r.serverFull);
        assertEquals(200, r.free, "what the server has left");
        assertEquals(null, budget.refusal("c", 200, MemoryBudget.Use.LAB), "what fits is not refused");
    }

    @Test
    void aChargeGrowsOnlyIntoRoomThatIsThere() {
        MemoryBudget budget = new MemoryBudget(1_000, 500);
        MemoryBudget.Charge c = budget.charge("alice", 100, MemoryBudget.Use.LAB);
        assertTrue(c.grow(300));
        assertEquals(400, c.bytes());
        assertFalse(c.grow(200), "beyond the share");
        assertEquals(400, budget.used());
        c.close();
        assertFalse(c.grow(1), "a closed charge stays closed");
        assertEquals(0, budget.used());
    }

    @Test
    void sharedChargesKnowNoShareAndForcedOnesAreNeverRefused() {
        MemoryBudget budget = new MemoryBudget(1_000, 100);
        budget.charge(MemoryBudget.SHARED, 700, MemoryBudget.Use.EXPERIMENT);
        MemoryBudget.Charge forced = budget.force(MemoryBudget.SHARED, 500);
        assertEquals(1_200, budget.used());
        assertEquals(0, budget.free());
        forced.close();
        assertEquals(700, budget.used());
    }

    @Test
    void theBudgetForAHeapIsItsShareOrTheOverride() {
        MemoryBudget half = MemoryBudget.forHeap(512_000_000L, 50, 0, 10);
        assertEquals(256_000_000L, half.limit());
        assertEquals(25_600_000L, half.perOwner());
        MemoryBudget fixed = MemoryBudget.forHeap(512_000_000L, 50, 64, 25);
        assertEquals(64_000_000L, fixed.limit());
        assertEquals(16_000_000L, fixed.perOwner());
    }
}
