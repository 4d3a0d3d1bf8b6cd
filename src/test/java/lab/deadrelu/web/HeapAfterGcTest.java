package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The heap reading /healthz judges by follows what survives a collection (old generation included),
 * whichever collector this JVM runs. The test forces collections itself; the server never does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeapAfterGcTest {
    private static final int MB = 1 << 20;

    @Test
    void theReadingCountsWhatSurvivesACollectionAndDropsWhatDoesNot() throws InterruptedException {
        assertEquals(Runtime.getRuntime().maxMemory(), HeapAfterGc.reading().max());
        // 128 MB that survive: far more than what the rest of this JVM (other tests' threads and caches)
        // may come to hold meanwhile, which once made a 32 MB version miss its mark
        byte[][] kept = new byte[256][];
        for (int i = 0; i < kept.length; i++) kept[i] = new byte[MB / 2];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (HeapAfterGc.reading().usedAfterGc() < 128L * MB) {
            assertTrue(System.nanoTime() < deadline, "the reading never counted the 128 MB kept: " + HeapAfterGc.reading());
            System.gc();
            Thread.sleep(50);   // the collector's notification comes on its own thread
        }
        long withThem = HeapAfterGc.reading().usedAfterGc();
        assertTrue(kept[kept.length - 1].length == MB / 2);
        kept = null;
        while (HeapAfterGc.reading().usedAfterGc() > withThem - 96L * MB) {
            assertTrue(System.nanoTime() < deadline, "the reading never let the 128 MB go: " + HeapAfterGc.reading());
            System.gc();
            Thread.sleep(50);
        }
    }
}
