package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.deadrelu.sim.MemoryBudget;
import lab.deadrelu.sim.MemoryCost;
import org.junit.jupiter.api.Test;

/** Experiments are charged their working memory while they run and their results while they are kept. */
class JobsMemoryTest {

    private static SweepSpec sweep(int seeds) {
        return SweepTest.spec("scenario=case-2&vary=lr&from=0.1&to=1&points=3&seeds=" + seeds + "&steps=50");
    }

    @Test
    void aJobIsChargedItsWorkingMemoryUntilItEndsThenOnlyItsResult() throws InterruptedException {
        MemoryBudget budget = new MemoryBudget(1_000_000_000, 1_000_000_000);
        SweepSpec blocker = SweepTest.spec("scenario=case-2&points=10&seeds=300&steps=10000"), s = sweep(4);
        try (Jobs jobs = new Jobs(1, 8, 8, 8, 8, budget)) {
            Jobs.Job before = jobs.submit(blocker.key(), "x", () -> new Sweep(blocker)).job();   // keeps the next one queued
            Sweep work = new Sweep(s);
            Jobs.Job job = jobs.submit(s.key(), "alice", () -> work).job();
            assertEquals(work.workingBytes(1), budget.used("alice"), "charged to its starter while it waits and runs");
            assertTrue(work.workingBytes(1) >= MemoryCost.run(s.run(0, 0, 0), s.steps()), "at least one of its runs at a time");
            assertTrue(jobs.cancel(before.id, "x"));
            assertTrue(before.await(30_000));
            assertTrue(job.await(30_000));
            assertEquals(Jobs.State.DONE, job.state());
            assertEquals(0, budget.used("alice"), "its working memory came back");
            assertEquals(0, budget.used("x"), "and the cancelled job's");
            assertEquals(work.resultBytes(), budget.used(MemoryBudget.SHARED), "the kept result is charged to everybody");
            assertEquals(budget.used(), jobs.resultBytes());
        }
    }

    @Test
    void aJobThatDoesNotFitIsRefusedBeforeItIsQueued() {
        SweepSpec s = sweep(50);
        long needs = new Sweep(s).workingBytes(2);
        MemoryBudget budget = new MemoryBudget(10 * needs, needs - 1);
        try (Jobs jobs = new Jobs(2, 8, 8, 8, 8, budget)) {
            MemoryBudget.Refused r = assertThrows(MemoryBudget.Refused.class, () -> jobs.submit(s.key(), "alice", () -> new Sweep(s)));
            assertEquals(MemoryBudget.Use.EXPERIMENT, r.use);
            assertEquals(needs, r.needed);
            assertFalse(r.serverFull, "more than one browser's share");
            assertEquals(0, jobs.queued());
            assertEquals(0, budget.used());
        }
    }

    @Test
    void aResultNeitherCachedNorAmongTheRecentJobsIsNoLongerCharged() throws InterruptedException {
        MemoryBudget budget = new MemoryBudget(1_000_000_000, 1_000_000_000);
        try (Jobs jobs = new Jobs(1, 1, 1, 1, 1, budget)) {   // one result cached, two finished jobs remembered
            long[] kept = new long[4];
            for (int seeds = 1; seeds <= 4; seeds++) {
                SweepSpec s = sweep(seeds);
                Sweep work = new Sweep(s);
                kept[seeds - 1] = work.resultBytes();
                assertTrue(jobs.submit(s.key(), "alice", () -> work).job().await(30_000));
            }
            assertEquals(kept[2] + kept[3], jobs.resultBytes(), "the last two results: one cached, one held by a recent job");
            assertEquals(jobs.resultBytes(), budget.used());
        }
    }
}
