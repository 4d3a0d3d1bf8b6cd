package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which frames of a playing simulation are full and which are pulses of the status line. */
class FullFramesTest {
    private static final long MS = 1_000_000L;
    private static final int FPS = 10;   // a tick every 100 ms
    private static final long BUDGET = 16_000_000;   // bytes of full frames a second, the default

    /** Full frames among `ticks` ticks of a simulation whose full frames are `bytes` each, with `watched` watched. */
    private static int fullFrames(long bytes, int watched, int ticks) {
        FullFrames f = new FullFrames(FPS, BUDGET);
        int full = 0;
        for (int tick = 0; tick < ticks; tick++) {
            if (f.due(tick * 100 * MS, true, watched)) {
                f.rendered(bytes, bytes, 0);
                full++;
            }
        }
        return full;
    }

    @Test
    void theFirstFrameIsFull() {
        assertTrue(new FullFrames(FPS, BUDGET).due(0, true, 1000));
    }

    @Test
    void withFewSimulationsWatchedEveryTickIsFull() {
        assertEquals(100, fullFrames(6_000, 40, 100), "40 labs of 6 KB at 10 a second: 2.4 MB/s, within 16 MB/s, and 60 KB/s each");
    }

    @Test
    void oneLabAloneGetsAtMostItsOwnBytesPerSecond() {
        // 32 KB full frames, 64 KB/s for the lab: one every 500 ms, every fifth tick: 20 in 10 s
        assertEquals(20, fullFrames(32_000, 1, 100));
    }

    @Test
    void framesJustUnderATicksShareOfTheLabsBytesAreHeldToItsRateOnAverage() {
        // 7.6 KB every tick would be 76 KB/s; the lab earns 64 KB/s, so in 10 s at most 640 KB + one frame's worth
        int full = fullFrames(7_600, 1, 100);
        assertTrue(full * 7_600L <= 10 * FullFrames.LAB_BYTES_PER_SECOND + FullFrames.FRAME_BYTES, full + " frames");
        assertTrue(full >= 80, "and it gets about that: " + full);
    }

    @Test
    void framesThatTakeLongToRenderComeAsOftenAsTheCpuBudgetAllows() {
        // 500 labs whose 30 KB frames fit the byte budget every second, but each took 5 ms of CPU:
        // 0.2 s of CPU a second shared by 500 is one frame each every 12.5 s, so 3 in 30 s (the first at once)
        FullFrames f = new FullFrames(FPS, BUDGET, 200_000_000L);
        int full = 0;
        for (int tick = 0; tick < 300; tick++) {
            if (f.due(tick * 100 * MS, true, 500)) {
                f.rendered(30_000, 30_000, 5 * MS);
                full++;
            }
        }
        assertEquals(3, full);
        assertEquals(30, fullFrames(30_000, 500, 300), "by bytes alone: one a second");
    }

    @Test
    void aWholeClassSharesTheBudgetSoEachSimulationGetsItsShare() {
        // 1,000 labs of 32 KB share 16 MB/s: one full frame every 2 s each, so 5 in 10 s (the first at once)
        assertEquals(5, fullFrames(32_000, 1000, 100));
    }

    @Test
    void bigFramesComeLessOftenThanSmallOnesUnderTheSameBudget() {
        int small = fullFrames(32_000, 500, 300), big = fullFrames(160_000, 500, 300);
        assertEquals(30, small, "one per second in 30 s");
        assertEquals(6, big, "five times the size: one per 5 s");
    }

    @Test
    void aSimulationThatStoppedGetsAFullFrame() {
        FullFrames f = new FullFrames(FPS, BUDGET);
        f.due(0, true, 1000);
        f.rendered(32_000, 32_000, 0);
        assertTrue(!f.due(100 * MS, true, 1000), "playing: it waits its turn");
        assertTrue(f.due(200 * MS, false, 1000), "paused or diverged: the last picture is complete");
    }

    @Test
    void aFrameIsCappedWhileFullFramesComeEveryTickAndNotWhenTheyAreRareOrTheRunStopped() {
        FullFrames few = new FullFrames(FPS, BUDGET);
        few.due(0, true, 40);
        few.rendered(30_000, 8_000, 0);
        few.due(100 * MS, true, 40);
        assertEquals(FullFrames.FRAME_BYTES, few.cap(true), "40 labs of 30 KB within 16 MB/s: a frame about every tick, each at most 8 KB");
        assertEquals(Long.MAX_VALUE, few.cap(false), "stopped: everything at once");
        FullFrames classOf1000 = new FullFrames(FPS, BUDGET);
        classOf1000.due(0, true, 1000);
        classOf1000.rendered(30_000, 8_000, 0);
        classOf1000.due(100 * MS, true, 1000);
        assertEquals(Long.MAX_VALUE, classOf1000.cap(true), "a full frame every 2 s: it carries all that changed since the last");
    }

    @Test
    void aFrameIsCountedInUtf8BytesNotCharacters() {
        String chinese = "神经元死亡", mixed = "λ = 0.3, h₁⁽²⁾ 死了 \uD83D\uDE00 a";
        assertEquals(15, Frame.utf8Bytes(chinese), "3 bytes a character");
        assertEquals(mixed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Frame.utf8Bytes(mixed));
        assertEquals(15 + mixed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                new Frame(1, java.util.Map.of("status", chinese, "loss", mixed)).utf8Bytes());
    }

    @Test
    void withoutABudgetEveryFrameIsFull() {
        FullFrames f = new FullFrames(FPS, FullFrames.UNLIMITED);
        for (int tick = 0; tick < 10; tick++) {
            assertTrue(f.due(tick * MS, true, 100_000));
            f.rendered(1_000_000, 1_000_000, 0);
        }
    }
}
