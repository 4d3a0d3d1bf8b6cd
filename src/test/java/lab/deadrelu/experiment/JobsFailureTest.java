package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The experiment pool survives anything a task throws: an Error (out of memory, stack overflow) or
 * an exception fails that job, with a message naming what was thrown; the workers go on with the next.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobsFailureTest {

    /** `tasks` tasks of one unit each; `task` runs each one (and may throw); the result is how many ran. */
    private static Work<Integer> work(int tasks, IntConsumer task, Supplier<Integer> result) {
        return new Work<>() {
            @Override public int tasks() { return tasks; }
            @Override public long units() { return tasks; }
            @Override public void run(int index, Meter meter) {
                task.accept(index);
                meter.add(1);
            }
            @Override public Integer result() { return result.get(); }
        };
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;   // a real StackOverflowError
    }

    @Test
    void errorsInTasksFailTheirJobsAndTheWorkersGoOn() throws InterruptedException {
        try (Jobs jobs = new Jobs(2, 16, 16)) {
            AtomicInteger ran = new AtomicInteger();
            Jobs.Job oom = jobs.submit("oom", "a", () -> work(4, i -> {
                if (i == 1) throw new OutOfMemoryError("injected: Java heap space");
            }, ran::get)).job();
            Jobs.Job deep = jobs.submit("deep", "a", () -> work(3, i -> recurse(0), ran::get)).job();
            Jobs.Job bug = jobs.submit("bug", "b", () -> work(2, i -> {
                throw new IllegalStateException("injected bug");
            }, ran::get)).job();
            List<Jobs.Job> failed = List.of(oom, deep, bug);
            for (Jobs.Job j : failed) assertTrue(j.await(30_000), j.key);

            assertEquals(Jobs.State.FAILED, oom.state());
            assertEquals("OutOfMemoryError: injected: Java heap space", oom.failure());
            assertEquals(Jobs.State.FAILED, deep.state());
            assertTrue(deep.failure().startsWith("StackOverflowError"), deep.failure());
            assertEquals("IllegalStateException: injected bug", bug.failure());

            // Every worker is still there, and the next job runs to the end.
            assertEquals(2, jobs.threadsAlive());
            for (int k = 0; k < 4; k++) {
                Jobs.Job fine = jobs.submit("fine" + k, "c", () -> work(6, i -> ran.incrementAndGet(), () -> 6)).job();
                assertTrue(fine.await(30_000));
                assertEquals(Jobs.State.DONE, fine.state());
                assertNull(fine.failure());
                assertEquals(6, fine.result());
            }
            assertEquals(2, jobs.threadsAlive());
            assertEquals(0, jobs.queued());
            assertTrue(jobs.unfinished().isEmpty());
        }
    }

    @Test
    void anErrorCombiningTheResultFailsTheJobWithItsMessage() throws InterruptedException {
        try (Jobs jobs = new Jobs(1, 4, 4)) {
            Jobs.Job job = jobs.submit("combine", "a", () -> work(2, i -> { }, () -> {
                throw new OutOfMemoryError("injected while combining");
            })).job();
            assertTrue(job.await(30_000));
            assertEquals(Jobs.State.FAILED, job.state());
            assertEquals("OutOfMemoryError: injected while combining", job.failure());
            Jobs.Job next = jobs.submit("next", "a", () -> work(1, i -> { }, () -> 1)).job();
            assertTrue(next.await(30_000));
            assertEquals(Jobs.State.DONE, next.state());
        }
    }

    @Test
    void unfinishedNamesTheJobsThatClosingWouldCancel() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Jobs jobs = new Jobs(1, 4, 4);
        Jobs.Job running = jobs.submit("slow", "a", () -> work(1, i -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new Work.Cancelled();
            }
        }, () -> 1)).job();
        jobs.submit("waiting", "b", () -> work(1, i -> { }, () -> 1));
        assertEquals(List.of("slow", "waiting"), jobs.unfinished());
        jobs.close();
        assertTrue(running.await(30_000));
        assertEquals(Jobs.State.CANCELLED, running.state());
        release.countDown();
    }
}
