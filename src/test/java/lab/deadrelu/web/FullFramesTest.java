package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which frames of a playing simulation are full and which are pulses of the status line. */
class FullFramesTest {
    private static final long MS = 1_000_000L;
    private static final int FPS = 10;   // a tick every 100 ms

    @Test
    void theFirstFrameIsFull() {
        assertTrue(new FullFrames(FPS, 500).due(0, 0, true, 1));
    }

    @Test
    void withFewSimulationsWatchedEveryTickIsFull() {
        FullFrames f = new FullFrames(FPS, 500);
        f.due(0, 0, true, 10);
        for (int tick = 1; tick <= 20; tick++) assertTrue(f.due(tick * 100 * MS, 0, true, 10), "tick " + tick);
    }

    @Test
    void aWholeClassSharesTheBudgetSoEachSimulationGetsItsShare() {
        FullFrames f = new FullFrames(FPS, 500);
        f.due(0, 0, true, 1000);   // 1,000 watched, 500 full frames a second: one each every 2 s
        int full = 0;
        for (int tick = 1; tick <= 100; tick++) if (f.due(tick * 100 * MS, 0, true, 1000)) full++;
        assertTrue(full == 5, "10 s at one full frame per 2 s, got " + full);
    }

    @Test
    void aNewEventIsShownAtOnceWhateverTheBudget() {
        FullFrames f = new FullFrames(FPS, 500);
        f.due(0, 0, true, 1000);
        assertFalse(f.due(100 * MS, 0, true, 1000));
        assertTrue(f.due(200 * MS, 1, true, 1000), "a neuron died: the charts and certificates show it now");
        assertFalse(f.due(300 * MS, 1, true, 1000), "and then the budget again");
    }

    @Test
    void aSimulationThatStoppedGetsAFullFrame() {
        FullFrames f = new FullFrames(FPS, 500);
        f.due(0, 0, true, 1000);
        assertTrue(f.due(100 * MS, 0, false, 1000), "paused or diverged: the last picture is complete");
    }

    @Test
    void withoutABudgetEveryFrameIsFull() {
        FullFrames f = new FullFrames(FPS, FullFrames.UNLIMITED);
        for (int tick = 0; tick < 10; tick++) assertTrue(f.due(tick * MS, 0, true, 100_000));
    }
}
