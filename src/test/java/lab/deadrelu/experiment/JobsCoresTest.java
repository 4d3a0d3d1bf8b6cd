package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import lab.deadrelu.sim.CoreBudget;
import lab.deadrelu.sim.MemoryBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Experiment tasks compute only with a permit of the cores they share with the server's other heavy work, and pass it on between pieces. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobsCoresTest {

    /** Two tasks of 50 pieces, each piece reported to the meter (where a task may pass its permit on). */
    private static final class Pieces implements Work<Integer> {
        final AtomicInteger computed = new AtomicInteger();

        @Override public int tasks() { return 2; }
        @Override public long units() { return 100; }

        @Override
        public void run(int index, Meter meter) {
            for (int i = 0; i < 50; i++) {
                computed.incrementAndGet();
                meter.add(1);
            }
        }

        @Override public Integer result() { return computed.get(); }
    }

    @Test
    void anExperimentWaitsWhileHeavyRequestsHoldEveryCoreAndFinishesOnceOneIsFree() throws Exception {
        CoreBudget cores = new CoreBudget(1);
        Runnable giveBack = cores.holdAll();   // e.g. a large lab page computing
        try (Jobs jobs = new Jobs(2, 8, 8, 8, 8, MemoryBudget.unlimited(), cores)) {
            Pieces work = new Pieces();
            Jobs.Job job = jobs.submit("pieces", "someone", () -> work).job();
            until("a worker to wait for a core", () -> cores.waiting() >= 1);
            assertEquals(0, work.computed.get(), "nothing computed without a core");
            giveBack.run();
            assertTrue(job.await(30_000), "finished");
            assertEquals(Jobs.State.DONE, job.state());
            assertEquals(100, job.result());
            assertEquals(0, cores.waiting());
            assertTrue(cores.tryAcquire(0), "every permit given back");
        }
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited in vain for " + what);
            Thread.sleep(20);
        }
    }
}
