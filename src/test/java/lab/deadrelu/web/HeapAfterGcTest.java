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
        byte[][] kept = new byte[64][];
        for (int i = 0; i < kept.length; i++) kept[i] = new byte[MB / 2];   // 32 MB that survive
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (HeapAfterGc.reading().usedAfterGc() < 32L * MB) {
            assertTrue(System.nanoTime() < deadline, "the reading never counted the 32 MB kept: " + HeapAfterGc.reading());
            System.gc();
            Thread.sleep(50);   // the collector's notification comes on its own thread
        }
        long withThem = HeapAfterGc.reading().usedAfterGc();
        assertTrue(kept[kept.length - 1].length == MB / 2);
        kept = null;
        while (HeapAfterGc.reading().usedAfterGc() > withThem - 24L * MB) {
            assertTrue(System.nanoTime() < deadline, "the reading never let the 32 MB go: " + HeapAfterGc.reading());
            System.gc();
            Thread.sleep(50);
        }
    }
}
