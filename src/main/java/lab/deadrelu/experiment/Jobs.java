package lab.deadrelu.experiment;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import lab.deadrelu.sim.CoreBudget;
import lab.deadrelu.sim.MemoryBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiments' worker pool: a fixed number of threads (one per core by default) working
 * through a queue of jobs, each cut into tasks ({@link Work}). The queue is fair between clients
 * (client addresses), not first come first served: a free thread serves the clients in turn, taking
 * the next task of the oldest job of the next client in the rotation that has one, so a client who
 * queued one job waits for one task of each other client's, not for all their jobs. A job with fewer
 * tasks than threads lets the next job start on the idle ones. Results are cached by the job's canonical key: equal
 * keys mean equal results (the experiments are deterministic), so a second request for the same
 * key gets the cached result, or joins the job already computing it.
 * <p>
 * Each job remembers who asked for it (browser sessions); a cancel removes one asker, and the job
 * stops when nobody is left: its queued tasks are dropped and its running tasks stop at their next
 * check (every few hundred steps). A cancelled job caches nothing.
 * <p>
 * Memory: a new job is charged its working memory to the browser that starts it before it is queued
 * (refused in words when the budget or that browser's share has no room, after dropping cached results
 * nobody holds), and gives it back when it finishes; a kept result is charged to everybody
 * ({@link MemoryBudget#SHARED}) until neither the cache nor the list of recent jobs holds it.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    public enum State {
        QUEUED, RUNNING, DONE, CANCELLED, FAILED;

        public boolean finished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Where a job stands: `done` of `total` units, `ahead` unfinished jobs that start before it in the
     * fair order (its place in the queue: 0 when nothing is in its way), and its estimated cost.
     */
    public record Status(State state, long done, long total, int ahead, Cost cost) {
        /** Done as a fraction of 1 (exactly 1 once the job is done). */
        public double fraction() {
            if (state == State.DONE) return 1.0;
            return total <= 0 ? 0.0 : Math.min(1.0, (double) done / total);
        }
    }

    /** One submitted experiment. */
    public final class Job {
        public final String id;
        public final String key;
        private Work<?> work;                                       // under lock; dropped once finished (its working memory goes)
        /** Who it is counted against and served for: the address of whoever started it. */
        public final String client;
        private final long seq;
        /** What it costs, estimated before it starts (kept: the work itself goes once it is finished). */
        private final Cost cost;
        private final int tasks;
        private final long units;
        private MemoryBudget.Charge working;                        // under lock
        private final Set<String> askers = new LinkedHashSet<>();   // under lock
        private String starter;                                     // under lock: who asked first (and made it)
        private final AtomicLong done = new AtomicLong();
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean cancelled;
        private volatile State state = State.QUEUED;
        private volatile Object result;
        /** What a failed job's task threw, in one line (class and message), else null. */
        private volatile String failure;
        private int nextTask, finishedTasks;                        // under lock
        private boolean failed, completing;                         // under lock

        private final Work.Meter meter = new Work.Meter() {
            @Override
            public void add(long units) {
                done.addAndGet(units);
                cores.pass();   // between two pieces of a task: a heavy request or a large run waiting gets a turn
            }

            @Override
            public boolean cancelled() {
                return cancelled || closed;
            }
        };

        private Job(String id, String key, String client, long seq, Work<?> work) {
            this.id = id;
            this.key = key;
            this.client = client;
            this.seq = seq;
            this.work = work;
            this.tasks = work.tasks();
            this.units = work.units();
            this.cost = work.cost();
        }

        public Status status() {
            State s = state;
            int ahead = 0;
            if (!s.finished()) {
                synchronized (lock) {
                    ahead = ahead(this);
                }
            }
            return new Status(s, Math.min(done.get(), units), units, ahead, cost);
        }

        public Cost cost() {
            return cost;
        }

        public State state() {
            return state;
        }

        /** Why it FAILED (what a task threw, in one line), else null. */
        public String failure() {
            return failure;
        }

        /** The result once DONE, else null. */
        public Object result() {
            return result;
        }

        /** Waits up to `millis` for the job to finish; true if it has. */
        public boolean await(long millis) throws InterruptedException {
            return finished.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** What a submission gets: the cached result (job null), or the job computing it (cached null). */
    public record Ticket(Object cached, Job job) {}

    /** One browser (or, with `byAddress`, the browsers behind one address) asked for as many unfinished experiments as it may have. */
    public static final class TooManyForOne extends RuntimeException {
        public final int limit;
        public final boolean byAddress;

        public TooManyForOne(int limit, boolean byAddress) {
            super((byAddress ? "this address already has " + limit + " experiments queued or running"
                    : "this browser already waits on " + limit + " experiments"), null, false, false);
            this.limit = limit;
            this.byAddress = byAddress;
        }
    }

    /** Thrown when the queue already holds as many jobs as it may. */
    public static final class Full extends RuntimeException {
        public Full(int limit) {
            super("the experiment queue is full (" + limit + " experiments waiting or running)", null, false, false);
        }
    }

    private final Object lock = new Object();
    private final List<Job> pending = new ArrayList<>();              // unfinished, oldest first
    private final Map<String, Job> byKey = new HashMap<>();            // unfinished, not cancelled
    private final Map<String, Job> byId;                               // unfinished and recently finished
    private final Map<String, Object> cache;                           // key -> result, least recently used first
    private final List<Thread> threads = new ArrayList<>();
    /** Clients with unfinished jobs, in the order they will be served next (under lock). */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final int maxQueued;
    private final int perAsker;
    private final MemoryBudget memory;
    /** What a task computes with: a permit of the cores it shares with the server's other heavy work. */
    private final CoreBudget cores;
    /** The charge of each kept result, by identity; and results that just left the cache or byId (under lock). */
    private final Map<Object, MemoryBudget.Charge> resultCharges = new java.util.IdentityHashMap<>();
    private final List<Object> leaving = new ArrayList<>();
    private final int perClient;
    private long submitted;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;
    private int running;

    /**
     * @param threads   worker threads (one per core is what the machine can give)
     * @param maxQueued unfinished jobs at most (waiting or running); more are refused with {@link Full}
     * @param cacheSize results kept, least recently used dropped first
     * @param perAsker  unfinished jobs one asker (a browser) may have started; more are refused with
     *                  {@link TooManyForOne}, so one browser cannot fill the queue for the whole class
     * @param perClient unfinished jobs started from one client (an address) at most, whichever browsers
     *                  started them: sessions are easy to come by, addresses are not
     */
    public Jobs(int threads, int maxQueued, int cacheSize, int perAsker, int perClient) {
        this(threads, maxQueued, cacheSize, perAsker, perClient, MemoryBudget.unlimited());
    }

    /** @param memory what jobs and kept results are charged to (see the class comment) */
    public Jobs(int threads, int maxQueued, int cacheSize, int perAsker, int perClient, MemoryBudget memory) {
        this(threads, maxQueued, cacheSize, perAsker, perClient, memory, new CoreBudget(Math.max(1, threads)));
    }

    /** @param cores what each task holds a permit of while it computes (shared with heavy requests and large runs) */
    public Jobs(int threads, int maxQueued, int cacheSize, int perAsker, int perClient, MemoryBudget memory, CoreBudget cores) {
        if (threads < 1 || maxQueued < 1 || cacheSize < 1 || perAsker < 1 || perClient < 1) {
            throw new IllegalArgumentException("threads, maxQueued, cacheSize, perAsker and perClient must be >= 1");
        }
        this.maxQueued = maxQueued;
        this.perAsker = perAsker;
        this.perClient = perClient;
        this.memory = memory;
        this.cores = cores;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                boolean drop = size() > cacheSize;
                if (drop) leaving.add(eldest.getValue());
                return drop;
            }
        };
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
                boolean drop = size() > maxQueued + cacheSize && eldest.getValue().state.finished();
                if (drop) leaving.add(eldest.getValue().result);
                return drop;
            }
        };
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "experiment-worker-" + (i + 1));
            t.setDaemon(true);
            this.threads.add(t);
            t.start();
        }
    }

    /** No cap per client beyond the queue's. */
    public Jobs(int threads, int maxQueued, int cacheSize, int perAsker) {
        this(threads, maxQueued, cacheSize, perAsker, maxQueued);
    }

    /** No cap per asker or client beyond the queue's. */
    public Jobs(int threads, int maxQueued, int cacheSize) {
        this(threads, maxQueued, cacheSize, maxQueued);
    }

    /** One thread per core but one (at least one): the live labs of a class always keep a core. */
    public static Jobs forThisMachine(int maxQueued, int cacheSize, int perAsker, int perClient) {
        return forThisMachine(maxQueued, cacheSize, perAsker, perClient, MemoryBudget.unlimited());
    }

    public static Jobs forThisMachine(int maxQueued, int cacheSize, int perAsker, int perClient, MemoryBudget memory) {
        return forThisMachine(maxQueued, cacheSize, perAsker, perClient, memory, CoreBudget.forThisMachine());
    }

    /** The same, each task computing with a permit of `cores` (the server's budget for all its heavy work). */
    public static Jobs forThisMachine(int maxQueued, int cacheSize, int perAsker, int perClient, MemoryBudget memory, CoreBudget cores) {
        return new Jobs(CoreBudget.coresButOne(), maxQueued, cacheSize, perAsker, perClient, memory, cores);
    }

    public int threadCount() {
        return threads.size();
    }

    /** Worker threads still alive (all of them, unless something killed one). */
    public int threadsAlive() {
        int alive = 0;
        for (Thread t : threads) if (t.isAlive()) alive++;
        return alive;
    }

    /** The keys of the jobs waiting or running that nobody has cancelled, oldest first (what closing would cancel). */
    public List<String> unfinished() {
        synchronized (lock) {
            List<String> keys = new ArrayList<>();
            for (Job j : pending) if (!j.cancelled) keys.add(j.key);
            return keys;
        }
    }

    /** {@link #submit(String, String, String, Supplier)} with the asker as its own client. */
    public Ticket submit(String key, String asker, Supplier<? extends Work<?>> work) {
        return submit(key, asker, asker, work);
    }

    /**
     * The cached result of `key`, or the job computing it (joined by `asker`), or a new job made by
     * `work` (only called when needed), queued for `client`.
     *
     * @throws Full when a new job would not fit in the queue
     * @throws TooManyForOne when a new job would be one more than `asker` may have started and not seen
     *         finish, or than `client` may have queued or running
     * @throws MemoryBudget.Refused when the new job's working memory does not fit
     */
    public Ticket submit(String key, String asker, String client, Supplier<? extends Work<?>> work) {
        synchronized (lock) {
            if (closed) throw new IllegalStateException("the worker pool is closed");
            Object cached = cache.get(key);
            if (cached != null) return new Ticket(cached, null);
            Job job = byKey.get(key);
            if (job == null) {
                if (pending.size() >= maxQueued) throw new Full(maxQueued);
                if (startedBy(asker) >= perAsker) throw new TooManyForOne(perAsker, false);
                if (startedFrom(client) >= perClient) throw new TooManyForOne(perClient, true);
                job = new Job(newId(), key, client, submitted++, work.get());
                job.working = admit(asker, job.work.workingBytes(threads.size()));
                job.starter = asker;
                pending.add(job);
                if (!turns.contains(client)) turns.addLast(client);
                byKey.put(key, job);
                byId.put(job.id, job);
                settle();
                lock.notifyAll();
            }
            job.askers.add(asker);
            return new Ticket(null, job);
        }
    }

    /** Charges a new job's working memory to `asker`, dropping cached results nobody holds while that could help. */
    private MemoryBudget.Charge admit(String asker, long bytes) {
        while (true) {
            try {
                return memory.charge(asker, bytes, MemoryBudget.Use.EXPERIMENT);
            } catch (MemoryBudget.Refused refused) {
                if (!refused.serverFull || !dropEldestResult()) throw refused;
            }
        }
    }

    /** Drops the least recently used cached result (its charge goes once no recent job holds it); false when none is cached. */
    private boolean dropEldestResult() {
        var eldest = cache.entrySet().iterator();
        if (!eldest.hasNext()) return false;
        Object result = eldest.next().getValue();
        eldest.remove();
        forget(result);
        return true;
    }

    /** Gives back the charge of the results that just left the cache or the recent jobs and are held by neither. */
    private void settle() {
        List<Object> left = new ArrayList<>(leaving);
        leaving.clear();
        for (Object result : left) forget(result);
    }

    private void forget(Object result) {
        if (result == null) return;
        for (Object kept : cache.values()) if (kept == result) return;
        for (Job j : byId.values()) if (j.result == result) return;
        MemoryBudget.Charge charge = resultCharges.remove(result);
        if (charge != null) charge.close();
    }

    /** Bytes charged for kept results (for tests and the metrics). */
    public long resultBytes() {
        synchronized (lock) {
            long bytes = 0;
            for (MemoryBudget.Charge c : resultCharges.values()) bytes += c.bytes();
            return bytes;
        }
    }

    /**
     * Unfinished jobs that `asker` started and still waits on: joining someone else's costs nothing, and
     * one it stopped no longer counts, even before its worker notices.
     */
    private int startedBy(String asker) {
        int count = 0;
        for (Job j : byId.values())
            if (!j.state.finished() && !j.cancelled && asker.equals(j.starter) && j.askers.contains(asker)) count++;
        return count;
    }

    /** Unfinished jobs started from `client` that nobody has stopped. */
    private int startedFrom(String client) {
        int count = 0;
        for (Job j : pending) if (!j.cancelled && j.client.equals(client)) count++;
        return count;
    }

    /**
     * The next task to run: the clients take turns; the first in turn with a job that has a task left
     * gets it (its oldest such job) and goes to the back. Clients with nothing left leave the rotation.
     */
    private Job nextJob() {
        for (int i = 0, n = turns.size(); i < n; i++) {
            String client = turns.pollFirst();
            Job found = null, unfinished = null;
            for (Job j : pending) {
                if (!j.client.equals(client)) continue;
                if (unfinished == null) unfinished = j;
                if (!j.cancelled && j.nextTask < j.tasks) {
                    found = j;
                    break;
                }
            }
            if (unfinished != null) turns.addLast(client);   // still has jobs (maybe only running ones): keeps its place in turn
            if (found != null) return found;
        }
        return null;
    }

    /**
     * Jobs that start before `job` in the fair order: every client's k-th unfinished job comes before
     * anyone's (k+1)-th, and among k-th jobs the older first. Cancelled ones are leaving and do not count.
     */
    private int ahead(Job job) {
        Map<String, Integer> rank = new HashMap<>();
        int jobRank = -1;
        List<long[]> ranks = new ArrayList<>();
        for (Job j : pending) {
            if (j.cancelled && j != job) continue;   // on its way out
            int r = rank.merge(j.client, 1, Integer::sum) - 1;
            if (j == job) jobRank = r;
            else ranks.add(new long[] {r, j.seq});
        }
        int ahead = 0;
        for (long[] r : ranks) if (r[0] < jobRank || (r[0] == jobRank && r[1] < job.seq)) ahead++;
        return ahead;
    }

    /** The cached result of `key`, or null. */
    public Object cached(String key) {
        synchronized (lock) {
            return cache.get(key);
        }
    }

    /** An unfinished or recently finished job, or null. */
    public Job job(String id) {
        synchronized (lock) {
            return id == null ? null : byId.get(id);
        }
    }

    /**
     * `asker` no longer wants the job. When nobody else does, it is cancelled: true then. Its tasks
     * still running stop at their next check; {@link Job#await} tells when they have.
     */
    public boolean cancel(String id, String asker) {
        Job job;
        synchronized (lock) {
            job = byId.get(id);
            if (job == null || job.state.finished() || job.cancelled) return false;
            job.askers.remove(asker);
            if (!job.askers.isEmpty()) return false;
            job.cancelled = true;
            byKey.remove(job.key, job);          // asking again starts afresh
            if (job.finishedTasks != job.nextTask || job.completing) return true;   // running tasks finish it
            job.completing = true;
        }
        finish(job);
        return true;
    }

    /** Tasks running at this moment. */
    public int busy() {
        synchronized (lock) {
            return running;
        }
    }

    /** Unfinished jobs. */
    public int queued() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /**
     * A worker's life: tasks until the pool closes. Whatever a task throws (an Error too) fails its job
     * only; anything else that goes wrong is logged and the worker starts over.
     */
    private void work() {
        while (!closed) {
            try {
                workLoop();
                return;
            } catch (Throwable t) {
                try {
                    if (!closed) LOG.error("An experiment worker failed outside a task; it starts over", t);
                } catch (Throwable ignored) {
                    // logging needs memory too
                }
            }
        }
    }

    /** Runs tasks until the pool is closed. */
    private void workLoop() {
        while (true) {
            Job job = null;
            Work<?> work;
            int task;
            synchronized (lock) {
                while (true) {
                    if (closed) return;
                    job = nextJob();
                    if (job != null) break;
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        if (closed) return;
                    }
                }
                task = job.nextTask++;
                work = job.work;
                if (job.state == State.QUEUED) job.state = State.RUNNING;
                running++;
            }
            boolean failed = false;
            try {
                cores.acquire();
                work.run(task, job.meter);
            } catch (Work.Cancelled e) {
                // the job was cancelled: nothing to keep
            } catch (Throwable e) {   // Errors too (out of memory, stack overflow), and an interrupted wait for a core: they fail this job, not the pool
                if (job.failure == null) job.failure = oneLine(e);
                failed = !closed;   // closing: the job is cancelled anyway
                if (failed) logFailure("Experiment task " + task + " of job " + job.key + " failed", e);
            } finally {
                cores.release();
            }
            boolean complete;
            synchronized (lock) {
                running--;
                job.finishedTasks++;
                if (failed) {
                    job.failed = true;
                    job.cancelled = true;
                    byKey.remove(job.key, job);
                }
                complete = !job.completing && job.finishedTasks == job.nextTask && (job.cancelled || job.nextTask == job.tasks);
                if (complete) job.completing = true;
            }
            if (complete) finish(job);
        }
    }

    private static String oneLine(Throwable t) {
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        text = text.replaceAll("\\p{Cntrl}+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void logFailure(String message, Throwable e) {
        try {
            if (e instanceof OutOfMemoryError) LOG.error("{}: {}", message, oneLine(e));   // its stack says nothing, and costs memory
            else LOG.error(message, e);
        } catch (Throwable ignored) {
            // logging needs memory too
        }
    }

    /** Combines a job's tasks (outside the lock: it may take a moment) and publishes the end state. */
    private void finish(Job job) {
        State end;
        Object result = null;
        boolean failed;
        Work<?> work;
        synchronized (lock) {
            failed = job.failed;
            work = job.work;
        }
        if (failed) {
            end = State.FAILED;
        } else if (job.cancelled) {
            end = State.CANCELLED;
        } else {
            try {
                result = work.result();
                end = State.DONE;
            } catch (Throwable e) {
                if (job.failure == null) job.failure = oneLine(e);
                logFailure("Combining the results of job " + job.key + " failed", e);
                end = State.FAILED;
            }
        }
        synchronized (lock) {
            pending.remove(job);
            byKey.remove(job.key, job);
            if (job.working != null) job.working.close();
            if (end == State.DONE) {
                // the result exists already: make room for it among the cached ones, then charge it
                long bytes = work.resultBytes();
                while (memory.free() < bytes && dropEldestResult()) { }
                resultCharges.put(result, memory.force(MemoryBudget.SHARED, bytes));
                Object replaced = cache.put(job.key, result);
                if (replaced != null && replaced != result) leaving.add(replaced);
            }
            job.result = result;
            job.work = null;
            job.state = end;
            settle();
            lock.notifyAll();
        }
        job.finished.countDown();
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stops every job (their tasks stop at their next check) and the threads. */
    @Override
    public void close() {
        List<Job> left;
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(pending);
            for (Job j : left) {
                j.cancelled = true;
                if (j.working != null) j.working.close();
            }
            lock.notifyAll();
        }
        for (Thread t : threads) t.interrupt();
        for (Job j : left) {
            j.state = State.CANCELLED;
            j.finished.countDown();
        }
    }
}
