package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cores shared by all heavy work: permits bound it, a long holder passes its permit on to one who waits, nothing is given twice. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoreBudgetTest {

    @Test
    void aLongHolderGivesItsPermitToOneWhoWaitsAndGetsItBackAfterThem() throws Exception {
        CoreBudget budget = new CoreBudget(1);
        AtomicBoolean waiterComputed = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> {
            try {
                budget.acquire();
                holding.countDown();
                while (!waiterComputed.get()) {   // pieces of a long task, each followed by a pass
                    budget.pass();
                    Thread.onSpinWait();
                }
                boolean held = budget.held();
                budget.release();
                return held;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(holding.await(30, TimeUnit.SECONDS));
        Thread waiter = new Thread(() -> {
            try {
                budget.acquire();
                waiterComputed.set(true);
                budget.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(30_000);
        assertTrue(waiterComputed.get(), "the waiter got the permit while the holder's task went on");
        assertTrue(holder.get(30, TimeUnit.SECONDS), "the holder had it back before its task ended");
        assertEquals(0, budget.waiting());
        assertTrue(budget.tryAcquire(0), "and it is free once both are done");
    }

    @Test
    void passingWithNobodyWaitingKeepsThePermit() throws Exception {
        CoreBudget budget = new CoreBudget(1);
        budget.acquire();
        for (long until = System.nanoTime() + 2 * CoreBudget.SLICE_NANOS; System.nanoTime() < until; ) budget.pass();
        assertTrue(budget.held());
        assertFalse(CompletableFuture.supplyAsync(() -> tryNow(budget)).get(30, TimeUnit.SECONDS), "nobody else gets it meanwhile");
        budget.release();
        assertFalse(budget.held());
    }

    @Test
    void aThreadThatHoldsNoPermitGivesNoneBack() throws Exception {
        CoreBudget budget = new CoreBudget(1);
        assertTrue(budget.tryAcquire(0));
        CompletableFuture.runAsync(budget::release).get(30, TimeUnit.SECONDS);   // another thread, holding none
        assertFalse(CompletableFuture.supplyAsync(() -> tryNow(budget)).get(30, TimeUnit.SECONDS), "still only one permit");
        budget.release();
        assertTrue(CompletableFuture.supplyAsync(() -> tryNow(budget)).get(30, TimeUnit.SECONDS));
    }

    @Test
    void aBudgetHasAtLeastOnePermit() {
        assertThrows(IllegalArgumentException.class, () -> new CoreBudget(0));
        assertTrue(CoreBudget.forThisMachine().size() >= 1);
    }

    private static boolean tryNow(CoreBudget budget) {
        try {
            return budget.tryAcquire(0);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
