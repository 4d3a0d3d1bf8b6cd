package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker pool serves clients (addresses) in turn, not jobs in the order they came: one worker,
 * held busy by a first job until everything is queued, then released; the order in which tasks
 * start is recorded by the tasks themselves.
 */
class FairQueueTest {

    /** A job of `tasks` tasks that records "name.task" as each starts; the first task of a holding job waits for `release`. */
    private static final class Probe implements Work<String> {
        final String name;
        final int tasks;
        final List<String> started;
        final CountDownLatch release;

        Probe(String name, int tasks, List<String> started, CountDownLatch release) {
            this.name = name;
            this.tasks = tasks;
            this.started = started;
            this.release = release;
        }

        @Override public int tasks() { return tasks; }
        @Override public long units() { return tasks; }
        @Override public Cost cost() { return new Cost(1e6 * tasks); }

        @Override
        public void run(int index, Meter meter) {
            started.add(name + "." + index);
            if (release != null) {
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS), "released");
                } catch (InterruptedException e) {
                    throw new Work.Cancelled();
                }
            }
            meter.add(1);
        }

        @Override public String result() { return name; }
    }

    private static void awaitAll(Jobs.Job... jobs) throws InterruptedException {
        for (Jobs.Job j : jobs) assertTrue(j.await(30_000), "finished");
    }

    @Test
    void aClientWithOneJobWaitsForOneJobOfEachOtherClientNotForAllOfThem() throws InterruptedException {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        try (Jobs jobs = new Jobs(1, 64, 16)) {
            Jobs.Job hold = jobs.submit("hold", "c", "C", () -> new Probe("hold", 1, started, release)).job();
            while (started.isEmpty()) Thread.onSpinWait();   // the worker is busy with it
            Jobs.Job a1 = jobs.submit("a1", "a", "A", () -> new Probe("a1", 1, started, null)).job();
            Jobs.Job a2 = jobs.submit("a2", "a", "A", () -> new Probe("a2", 1, started, null)).job();
            Jobs.Job a3 = jobs.submit("a3", "a", "A", () -> new Probe("a3", 1, started, null)).job();
            Jobs.Job b1 = jobs.submit("b1", "b", "B", () -> new Probe("b1", 1, started, null)).job();

            assertEquals(2, b1.status().ahead(), "B's job waits for the running one and A's first, not for all of A's");
            assertEquals(3, a2.status().ahead());
            assertEquals(4, a3.status().ahead());

            release.countDown();
            awaitAll(hold, a1, a2, a3, b1);
            assertEquals(List.of("hold.0", "a1.0", "b1.0", "a2.0", "a3.0"), started);
            assertTrue(started.indexOf("b1.0") < started.indexOf("a3.0"), "B's starts before A's third");
        }
    }

    @Test
    void clientsTakeTurnsTaskByTaskSoALongJobDoesNotHoldUpAShortOne() throws InterruptedException {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        try (Jobs jobs = new Jobs(1, 64, 16)) {
            Jobs.Job hold = jobs.submit("hold", "c", "C", () -> new Probe("hold", 1, started, release)).job();
            while (started.isEmpty()) Thread.onSpinWait();
            Jobs.Job longJob = jobs.submit("long", "a", "A", () -> new Probe("long", 4, started, null)).job();
            Jobs.Job shortJob = jobs.submit("short", "b", "B", () -> new Probe("short", 2, started, null)).job();
            release.countDown();
            awaitAll(hold, longJob, shortJob);
            assertEquals(List.of("hold.0", "long.0", "short.0", "long.1", "short.1", "long.2", "long.3"), started);
        }
    }

    @Test
    void oneAddressMayHaveOnlySoManyJobsWhicheverBrowsersStartedThem() throws InterruptedException {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        try (Jobs jobs = new Jobs(1, 64, 16, 3, 2)) {
            Jobs.Job first = jobs.submit("x1", "browser-1", "school", () -> new Probe("x1", 1, started, release)).job();
            jobs.submit("x2", "browser-2", "school", () -> new Probe("x2", 1, started, null));
            Jobs.TooManyForOne refused = assertThrows(Jobs.TooManyForOne.class,
                    () -> jobs.submit("x3", "browser-3", "school", () -> new Probe("x3", 1, started, null)));
            assertTrue(refused.byAddress);
            assertEquals(2, refused.limit);
            assertNotNull(jobs.submit("x2", "browser-3", "school", () -> new Probe("x2", 1, started, null)).job(),
                    "joining a job already queued costs the address nothing");
            assertNotNull(jobs.submit("y1", "browser-4", "elsewhere", () -> new Probe("y1", 1, started, null)).job(),
                    "another address is not affected");
            release.countDown();
            awaitAll(first);
        }
    }

    @Test
    void aJobsStatusCarriesItsCostEstimate() {
        try (Jobs jobs = new Jobs(1, 64, 16)) {
            CountDownLatch release = new CountDownLatch(1);
            Jobs.Job job = jobs.submit("k", "a", "A", () -> new Probe("k", 3, new ArrayList<>(), release)).job();
            assertEquals(3e6, job.status().cost().operations());
            release.countDown();
        }
    }
}
