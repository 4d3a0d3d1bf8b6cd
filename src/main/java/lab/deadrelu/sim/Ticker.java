package lab.deadrelu.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances every playing simulation once per frame period, on a small pool (one thread per core),
 * each within a time budget, then hands the changed ones to `changed` (which renders and queues
 * frames: it must not block on a socket). Also evicts idle simulations now and then.
 * <p>
 * Nothing one simulation does stops the others: whatever its step or its rendering throws (an
 * OutOfMemoryError, a StackOverflowError, a bug) fails that simulation alone, which then never plays
 * again; and the schedule survives anything a tick throws. A playing simulation nobody has watched
 * for a while is held where it is (see {@link #pauseUnwatched}).
 */
public final class Ticker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private final Registry registry;
    private final Consumer<Simulation> changed;
    private final Consumer<Pair> pairChanged;
    private final long periodNanos;
    private final LongSupplier clockMillis;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ticker"));
    private final ExecutorService workers;
    /**
     * The heavy lane: a run whose last turn took more than a quarter of the period of CPU time (a large
     * network on many samples, whose one step may take 100 ms), or that plays as fast as the engine goes
     * (each of its turns takes the tick's whole budget), plays here, one at a time on one thread, and the tick does not
     * wait for it; while its turn is under way it misses ticks. So big networks and full-speed runs play
     * slower instead of slowing every student's frames, and take at most one core between them. Each turn
     * also holds a permit of the {@link CoreBudget} it shares with heavy requests and experiments.
     */
    private final ExecutorService heavyLane = Executors.newSingleThreadExecutor(r -> daemon(r, "sim-worker-heavy"));
    private final long heavyNanos;
    private CoreBudget heavyBudget = new CoreBudget(1);
    /**
     * How much CPU each playing run's last turn took (nanoseconds; its thread's CPU time, not the time on
     * the clock, which a busy machine or a collection stretches for small runs too), and which runs have a
     * turn in the heavy lane now.
     */
    private final Map<String, Long> lastTurnNanos = new ConcurrentHashMap<>();
    private final Set<String> inHeavyLane = ConcurrentHashMap.newKeySet();
    private long lastTick = System.nanoTime();
    private long ticks;
    private volatile ScheduledFuture<?> schedule;
    private volatile boolean closing;
    /** When the last tick that stepped every playing simulation ended (clockMillis), for the health check. */
    private volatile long lastTickMillis;

    private final Runnable housekeeping;
    /** Training steps advanced by the ticker so far (both runs of a pair count), for the metrics. */
    private final LongAdder stepsAdvanced = new LongAdder();
    private final LongAdder failures = new LongAdder();

    private Consumer<Simulation> simFailed = sim -> { };
    private Consumer<Pair> pairFailed = pair -> { };

    /** Whether anyone watches a simulation or pair (by id); null: nobody is ever held. */
    private Predicate<String> watched;
    private long graceMillis;
    /** Playing ids nobody watched at the last tick, and since when (clockMillis); only the ticker's thread touches it. */
    private Map<String, Long> unwatchedSince = new HashMap<>();
    /** Counted at each tick, for the metrics: playing and watched simulations and pairs, and those held unwatched. */
    private volatile int playing, watchedCount, held;

    /** `housekeeping` runs every few seconds on the ticker's thread (after idle eviction); it must be quick. */
    public Ticker(Registry registry, int framesPerSecond, Consumer<Simulation> changed, Runnable housekeeping, LongSupplier clockMillis) {
        this(registry, framesPerSecond, changed, pair -> { }, housekeeping, clockMillis);
    }

    /** Also advances every playing pair (both its runs, in lockstep) and hands the changed ones to `pairChanged`. */
    public Ticker(Registry registry, int framesPerSecond, Consumer<Simulation> changed, Consumer<Pair> pairChanged,
                  Runnable housekeeping, LongSupplier clockMillis) {
        this.registry = registry;
        this.pairChanged = pairChanged;
        this.housekeeping = housekeeping;
        this.changed = changed;
        this.periodNanos = 1_000_000_000L / framesPerSecond;
        this.heavyNanos = periodNanos / 4;
        this.clockMillis = clockMillis;
        this.lastTickMillis = clockMillis.getAsLong();
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(cores, r -> daemon(r, "sim-worker"));
    }

    /**
     * Who hears of a simulation or pair that failed (after it is marked failed), e.g. to tell its page;
     * called on a worker thread. Set before {@link #start}.
     */
    public Ticker whenFailed(Consumer<Simulation> simFailed, Consumer<Pair> pairFailed) {
        this.simFailed = simFailed;
        this.pairFailed = pairFailed;
        return this;
    }

    /**
     * Holds a playing simulation or pair that `watched` says nobody has watched for `graceMillis`: it
     * stays playing but does not advance (its pace earns nothing meanwhile), and goes on at the first
     * tick after someone watches again. Set before {@link #start}.
     */
    public Ticker pauseUnwatched(Predicate<String> watched, long graceMillis) {
        this.watched = watched;
        this.graceMillis = graceMillis;
        return this;
    }

    /** The cores the heavy lane shares with the server's other heavy work (its own one permit otherwise). Set before {@link #start}. */
    public Ticker sharing(CoreBudget budget) {
        this.heavyBudget = budget;
        return this;
    }

    public void start() {
        schedule = clock.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** One tick; whatever it throws is logged here, since a periodic task that throws is never run again. */
    private void tick() {
        if (closing) return;
        try {
            advanceAll();
            lastTickMillis = clockMillis.getAsLong();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // closing: the schedule is being cancelled anyway
            return;
        } catch (Throwable t) {
            if (closing) return;
            log("A tick failed; the next one goes on", t);
        }
        try {
            if (++ticks % (5 * 1_000_000_000L / periodNanos) == 0) {
                registry.evictIdle(clockMillis.getAsLong());
                housekeeping.run();
            }
        } catch (Throwable t) {
            if (!closing) log("Eviction or housekeeping failed; the next tick tries again", t);
        }
    }

    private void advanceAll() throws InterruptedException {
        long now = System.nanoTime();
        double seconds = Math.min(1.0, (now - lastTick) / 1e9);
        lastTick = now;
        long deadline = now + periodNanos / 2;    // leave half the period for rendering and sending
        long nowMillis = clockMillis.getAsLong();
        Map<String, Long> stillUnwatched = new HashMap<>();
        int nPlaying = 0, nWatched = 0, nHeld = 0;
        List<Future<?>> running = new ArrayList<>();
        Set<String> stillPlaying = new HashSet<>();
        for (Simulation sim : registry.all()) {
            boolean seen = watched != null && watched.test(sim.id);
            if (seen) nWatched++;
            if (!sim.playing()) continue;
            nPlaying++;
            stillPlaying.add(sim.id);
            if (held(sim.id, seen, nowMillis, stillUnwatched)) {
                nHeld++;
                continue;
            }
            turn(sim.id, sim.fullSpeed(), until -> advance(sim, seconds, until), deadline, running);
        }
        for (Pair pair : registry.pairs()) {
            boolean seen = watched != null && watched.test(pair.id);
            if (seen) nWatched++;
            if (!pair.playing()) continue;
            nPlaying++;
            stillPlaying.add(pair.id);
            if (held(pair.id, seen, nowMillis, stillUnwatched)) {
                nHeld++;
                continue;
            }
            turn(pair.id, pair.fullSpeed(), until -> advance(pair, seconds, until), deadline, running);
        }
        lastTurnNanos.keySet().retainAll(stillPlaying);   // forgets what stopped playing or went away
        unwatchedSince = stillUnwatched;
        playing = nPlaying;
        watchedCount = nWatched;
        held = nHeld;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException cannotHappen) {
                log("A simulation's task threw past its own guard", cannotHappen.getCause());
            }
        }
    }

    /** Is this playing simulation or pair held, nobody having watched it for the grace time? Notes since when it is unwatched. */
    private boolean held(String id, boolean seen, long nowMillis, Map<String, Long> stillUnwatched) {
        if (watched == null || seen) return false;
        Long since = unwatchedSince.get(id);
        if (since == null) since = nowMillis;   // the grace starts now (also when play was pressed without a stream)
        stillUnwatched.put(id, since);
        return nowMillis - since >= graceMillis;
    }

    /**
     * Gives a run its turn: on the workers, waited for by this tick and stepping until `deadline`, or in
     * the heavy lane when it plays at full speed or its last turn took long (skipped while the one before
     * is still under way), stepping for half a period from when its turn starts. Each turn's CPU time
     * decides the next one's lane.
     */
    private void turn(String id, boolean fullSpeed, LongConsumer advance, long deadline, List<Future<?>> running) {
        if (inHeavyLane.contains(id)) return;
        if (!fullSpeed && lastTurnNanos.getOrDefault(id, 0L) <= heavyNanos) {
            running.add(workers.submit(() -> timed(id, advance, deadline)));
            return;
        }
        inHeavyLane.add(id);
        try {
            heavyLane.execute(() -> {
                try {
                    heavyBudget.acquire();
                    try {
                        timed(id, advance, System.nanoTime() + periodNanos / 2);
                    } finally {
                        heavyBudget.release();
                    }
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                } finally {
                    inHeavyLane.remove(id);
                }
            });
        } catch (RejectedExecutionException closed) {
            inHeavyLane.remove(id);
        }
    }

    /** One turn, noting the CPU time it took. */
    private void timed(String id, LongConsumer advance, long deadline) {
        long start = cpuNanos();
        try {
            advance.accept(deadline);
        } finally {
            lastTurnNanos.put(id, cpuNanos() - start);
        }
    }

    /** Whether {@link #cpuNanos} is this thread's CPU time (else it is the wall clock). */
    public static boolean measuresCpu() {
        return CPU_TIME;
    }

    /** This thread's CPU time, where the JVM can tell; else the clock. */
    public static long cpuNanos() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private void advance(Simulation sim, double seconds, long deadline) {
        play("Simulation " + sim.id, () -> {
            if (sim.tick(seconds, periodNanos / 1e9, deadline)) {
                stepsAdvanced.add(sim.lastAdvanced());
                changed.accept(sim);
            }
        }, sim::fail, () -> simFailed.accept(sim));
    }

    private void advance(Pair pair, double seconds, long deadline) {
        play("Compared pair " + pair.id, () -> {
            if (pair.tick(seconds, periodNanos / 1e9, deadline)) {
                stepsAdvanced.add(pair.lastAdvanced());
                pairChanged.accept(pair);
            }
        }, pair::fail, () -> pairFailed.accept(pair));
    }

    /** One run's turn: whatever it throws stops that run alone (`stop`), is logged, and its page is told (`tell`). */
    private void play(String what, Runnable turn, Consumer<Failure> stop, Runnable tell) {
        try {
            turn.run();
        } catch (Throwable t) {
            if (closing) return;
            Failure why = Failure.of(t);
            stop.accept(why);
            failed(what, why, t);
            try {
                tell.run();
            } catch (Throwable again) {
                log("Telling the page of " + what + " that it failed failed too", again);
            }
        }
    }

    private void failed(String what, Failure why, Throwable t) {
        failures.increment();
        // Out of memory: the stack says nothing useful, and printing it needs memory.
        log(what + " failed and stopped (" + why.error() + "); the others go on", why.kind() == Failure.Kind.MEMORY ? null : t);
    }

    /** Logging may fail too when memory is short: never let that escape a worker or the tick. */
    private static void log(String message, Throwable t) {
        try {
            if (t == null) LOG.error(message);
            else LOG.error(message, t);
        } catch (Throwable ignored) {
            // nothing more to do
        }
    }

    /** Training steps advanced by the ticker since it started. */
    public long stepsAdvanced() {
        return stepsAdvanced.sum();
    }

    /** Simulations and pairs that failed (and stopped) since the ticker started. */
    public long failures() {
        return failures.sum();
    }

    /** Playing simulations and pairs at the last tick (a pair counts once). */
    public int playing() {
        return playing;
    }

    /** Simulations and pairs with at least one open stream, at the last tick. */
    public int watched() {
        return watchedCount;
    }

    /** Playing simulations and pairs held at the last tick because nobody watched them. */
    public int pausedUnwatched() {
        return held;
    }

    /** When (clockMillis) the last tick that went through every playing simulation ended; the start time before the first. */
    public long lastTickMillis() {
        return lastTickMillis;
    }

    /** True from {@link #start} until {@link #close}, while its schedule lives. */
    public boolean running() {
        ScheduledFuture<?> s = schedule;
        return s != null && !s.isDone() && !closing;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops the schedule and the workers, waiting a moment for a tick under way to end (quietly). */
    @Override
    public void close() {
        closing = true;
        clock.shutdownNow();
        workers.shutdownNow();
        heavyLane.shutdownNow();
        try {
            clock.awaitTermination(2, TimeUnit.SECONDS);
            workers.awaitTermination(2, TimeUnit.SECONDS);
            heavyLane.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
