package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lab.deadrelu.sim.MemoryBudget;
import org.junit.jupiter.api.Test;

/** MEMORY_BUDGET_PERCENT, MEMORY_BUDGET_MB and MEMORY_PER_BROWSER_PERCENT: read, checked, turned into a budget. */
class ConfigMemoryTest {
    static final long HEAP = 512_000_000L;

    @Test
    void byDefaultHalfTheHeapATenthOfItPerBrowser() {
        Config.Memory m = Config.fromEnv(Map.of(), false, HEAP).memory();
        assertEquals(Config.Memory.DEFAULT, m);
        MemoryBudget b = m.budget(HEAP);
        assertEquals(HEAP / 2, b.limit());
        assertEquals(HEAP / 2 / 10, b.perOwner());
    }

    @Test
    void readsTheShareOfTheHeapTheOverrideAndTheShareOfABrowser() {
        Config.Memory m = Config.fromEnv(Map.of("MEMORY_BUDGET_PERCENT", "70", "MEMORY_PER_BROWSER_PERCENT", " 25 "), false, HEAP).memory();
        assertEquals(new Config.Memory(70, 0, 25), m);
        assertEquals(358_400_000L, m.budget(HEAP).limit());
        Config.Memory fixed = Config.fromEnv(Map.of("MEMORY_BUDGET_MB", "100"), false, HEAP).memory();
        assertEquals(100_000_000L, fixed.budget(HEAP).limit());
        assertEquals(10_000_000L, fixed.budget(HEAP).perOwner());
    }

    @Test
    void aBadValueIsRefusedNamingTheVariableAndItsRange() {
        for (String[] bad : new String[][] {{"MEMORY_BUDGET_PERCENT", "5", "10..90"}, {"MEMORY_BUDGET_PERCENT", "95", "10..90"},
                {"MEMORY_BUDGET_PERCENT", "half", "whole number"}, {"MEMORY_BUDGET_MB", "0", "1..1000000"}, {"MEMORY_BUDGET_MB", "-1", "whole number"},
                {"MEMORY_BUDGET_MB", "600", "at most the heap, 512 MB"}, {"MEMORY_PER_BROWSER_PERCENT", "0", "1..100"},
                {"MEMORY_PER_BROWSER_PERCENT", "101", "1..100"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of(bad[0], bad[1]), false, HEAP));
            assertTrue(e.getMessage().startsWith(bad[0] + " must be"), e.getMessage());
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
    }
}
