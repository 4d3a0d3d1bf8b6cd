package lab.deadrelu.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Advances every playing simulation once per frame period, on a small pool (one thread per core),
 * each within a time budget, then hands the changed ones to `changed` (which renders and queues
 * frames: it must not block on a socket). Also evicts idle simulations now and then.
 */
public final class Ticker implements AutoCloseable {
    private final Registry registry;
    private final Consumer<Simulation> changed;
    private final Consumer<Pair> pairChanged;
    private final long periodNanos;
    private final LongSupplier clockMillis;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ticker"));
    private final ExecutorService workers;
    private long lastTick = System.nanoTime();
    private long ticks;

    private final Runnable housekeeping;
    /** Training steps advanced by the ticker so far (both runs of a pair count), for the metrics. */
    private final LongAdder stepsAdvanced = new LongAdder();

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
        this.clockMillis = clockMillis;
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(cores, r -> daemon(r, "sim-worker"));
    }

    public void start() {
        clock.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            double seconds = Math.min(1.0, (now - lastTick) / 1e9);
            lastTick = now;
            long deadline = now + periodNanos / 2;    // leave half the period for rendering and sending
            List<Future<?>> running = new ArrayList<>();
            for (Simulation sim : registry.all()) {
                if (!sim.playing()) continue;
                running.add(workers.submit(() -> {
                    if (sim.tick(seconds, deadline)) {
                        stepsAdvanced.add(sim.lastAdvanced());
                        changed.accept(sim);
                    }
                }));
            }
            for (Pair pair : registry.pairs()) {
                if (!pair.playing()) continue;
                running.add(workers.submit(() -> {
                    if (pair.tick(seconds, deadline)) {
                        stepsAdvanced.add(pair.lastAdvanced());
                        pairChanged.accept(pair);
                    }
                }));
            }
            for (Future<?> f : running) f.get();
            if (++ticks % (5 * 1_000_000_000L / periodNanos) == 0) {
                registry.evictIdle(clockMillis.getAsLong());
                housekeeping.run();
            }
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Ticker.class).warn("tick failed", e);
        }
    }

    /** Training steps advanced by the ticker since it started. */
    public long stepsAdvanced() {
        return stepsAdvanced.sum();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        workers.shutdownNow();
    }
}
