package lab.deadrelu.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Ticker;

/**
 * {@code GET /healthz}, for a load balancer: 200 with "status":"ok" while the server can serve a class,
 * 503 with "status":"unhealthy" and the reasons when it cannot (the ticker stuck or stopped, the heap
 * exhausted, no experiment worker left). Public, so coarse: ages, counts and percentages, never bytes.
 * The clock and the heap reading are handed in, so that tests can make the server look stuck or full.
 */
final class Health {
    /** A tick is due every 100 ms (at most 1 s at FPS=1): none completed for this long means the ticker is stuck. */
    static final long STUCK_MILLIS = 5_000;
    /** Heap in use after the last collection above this share of the most it may grow to: exhausted. */
    static final double EXHAUSTED = 0.95;

    /** Heap in use after the last garbage collection, and the most the heap may grow to, in bytes. */
    record Memory(long usedAfterGc, long max) {
        double usedShare() {
            return max <= 0 ? 0 : Math.min(1.0, (double) usedAfterGc / max);
        }
    }

    /** The JVM's own reading (see {@link HeapAfterGc}). */
    static Memory jvmHeap() {
        return HeapAfterGc.reading();
    }

    record Report(String status, List<String> reasons, TickerState ticker, Pool experiments, Heap memory, Simulations simulations,
                  int sseClients, long uptimeSeconds) {
        boolean healthy() {
            return reasons.isEmpty();
        }
    }

    /** @param state running or stopped; @param lastTickAgeMillis since the last tick that went through every playing run */
    record TickerState(String state, long lastTickAgeMillis) {}

    record Pool(int threads, int threadsAlive, int queued, int running) {}

    /** Whole percentages of the most the heap may grow to. */
    record Heap(int usedAfterGcPercent, int headroomPercent) {}

    /** A compared pair counts once in playing, watched and pausedUnwatched; failed counts since the start. */
    record Simulations(int live, int playing, int watched, int pausedUnwatched, long failed) {}

    private final Ticker ticker;
    private final Jobs jobs;
    private final Registry registry;
    private final Streams streams;
    private final LongSupplier clockMillis;
    private final Supplier<Memory> memory;
    private final long startedMillis;

    Health(Ticker ticker, Jobs jobs, Registry registry, Streams streams, LongSupplier clockMillis, Supplier<Memory> memory) {
        this.ticker = ticker;
        this.jobs = jobs;
        this.registry = registry;
        this.streams = streams;
        this.clockMillis = clockMillis;
        this.memory = memory;
        this.startedMillis = clockMillis.getAsLong();
    }

    Report check() {
        long now = clockMillis.getAsLong();
        List<String> reasons = new ArrayList<>();
        long age = Math.max(0, now - ticker.lastTickMillis());
        boolean running = ticker.running();
        if (!running) reasons.add("the ticker is stopped: no run advances");
        else if (age > STUCK_MILLIS) reasons.add("the ticker is stuck: no tick completed for " + age / 1000 + " s");
        Memory m = memory.get();
        int usedPercent = (int) Math.round(100 * m.usedShare());
        if (m.usedShare() > EXHAUSTED) {
            reasons.add("the heap is exhausted: " + usedPercent + "% in use after the last garbage collection");
        }
        int threads = jobs.threadCount(), alive = jobs.threadsAlive();
        if (alive == 0) reasons.add("no experiment worker is alive");
        return new Report(reasons.isEmpty() ? "ok" : "unhealthy", List.copyOf(reasons), new TickerState(running ? "running" : "stopped", age),
                new Pool(threads, alive, jobs.queued(), jobs.busy()), new Heap(usedPercent, 100 - usedPercent),
                new Simulations(registry.size(), ticker.playing(), ticker.watched(), ticker.pausedUnwatched(), ticker.failures()),
                streams.clients(), Math.max(0, now - startedMillis) / 1000);
    }

    void healthz(Context ctx) {
        Report r = check();
        ctx.header("Cache-Control", "no-store");
        ctx.status(r.healthy() ? 200 : 503);
        if (!r.healthy()) ctx.header("Retry-After", "5");
        ctx.json(r);
    }
}
