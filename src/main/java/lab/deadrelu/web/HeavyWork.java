package lab.deadrelu.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.CoreBudget;

/**
 * The gate for heavy requests. A lab page, a control, a comparison or an API run whose work, estimated
 * from its link before anything is computed, is at least {@link #HEAVY} weight-sample operations (a
 * network of 8 hidden layers of 64 on 10,000 samples costs 3.3e8 a pass) computes only while it holds
 * a permit of the server's {@link CoreBudget} (HEAVY_REQUESTS permits, default one less than the cores,
 * shared with the experiments and the ticker's heavy lane), waiting at most HEAVY_WAIT_MS for one; so
 * however many large labs arrive, the ticker, the streams and light pages keep a core. Each
 * client (its browser's verified session, else its address: a flood comes without cookies) has at most
 * one heavy request computing or waiting. Beyond that: {@link Busy}, a 503 (the server is busy) or a 429
 * (this client already has one under way), each with Retry-After and words.
 */
public final class HeavyWork {
    static final Key<HeavyWork> KEY = new Key<>("lab.deadrelu.heavy-work");
    /** Weight-sample operations from which a request is heavy: about 10-20 ms of one core. */
    static final long HEAVY = 100_000_000L;
    /** What a refused client is told to wait, in seconds. */
    static final long RETRY_SECONDS = 2;

    /** Refused: the server's permits are all taken (`perClient` false: 503), or this client has a heavy request under way (429). */
    static final class Busy extends RuntimeException {
        final boolean perClient;

        Busy(boolean perClient, String message) {
            super(message, null, false, false);
            this.perClient = perClient;
        }
    }

    private final CoreBudget permits;
    private final long waitNanos;
    private final Set<String> clients = ConcurrentHashMap.newKeySet();
    final LongAdder refusedBusy = new LongAdder(), refusedPerClient = new LongAdder();

    HeavyWork(CoreBudget permits, long waitMillis) {
        this.permits = permits;
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }

    /** With a budget of its own, for tests. */
    HeavyWork(int permits, long waitMillis) {
        this(new CoreBudget(permits), waitMillis);
    }

    public static HeavyWork of(Context ctx) {
        return ctx.appData(KEY);
    }

    /** Runs `body` at once when `work` is light; else holding a permit, or refuses with {@link Busy}. */
    public <T> T run(Context ctx, long work, Supplier<T> body) {
        if (work < HEAVY) return body.get();
        String session = Sessions.verified(ctx);
        String client = session != null ? "session:" + session : "address:" + ClientAddress.of(ctx);
        if (!clients.add(client)) {
            refusedPerClient.increment();
            throw new Busy(true, client + " already has a heavy request under way");
        }
        try {
            if (!acquire()) {
                refusedBusy.increment();
                throw new Busy(false, "every permit for heavy requests stayed taken for " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms");
            }
            try {
                return body.get();
            } finally {
                permits.release();
            }
        } finally {
            clients.remove(client);
        }
    }

    /** The same for work without an answer of its own (it writes the response). */
    public void run(Context ctx, long work, Runnable body) {
        run(ctx, work, () -> {
            body.run();
            return null;
        });
    }

    private boolean acquire() {
        try {
            return permits.tryAcquire(waitNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the server is stopping
            return false;
        }
    }

    /** A lab page or one side of a comparison: replaying its link to its step, then its census, its largest z and one frame. */
    public static long page(RunSpec run) {
        return run.replayWork(run.at() + 3);
    }

    /** A control on a live run at `step`: the action (focus replays the run to its step, an epoch takes up to n / batch steps) and one frame. */
    public static long control(RunSpec run, String action, long step) {
        long steps = switch (action) {
            case "focus" -> step;
            case "epoch" -> (run.spec().n() + run.spec().batch() - 1) / run.spec().batch();
            default -> 0;
        };
        return run.replayWork(steps + 3);
    }

    /** Heavy requests waiting for a permit now. */
    int waiting() {
        return permits.waiting();
    }

    /**
     * Takes every free permit, for tests: heavy requests are then refused (after the wait) until
     * the returned handle is run, while light ones go on. Returns what gives them back.
     */
    Runnable holdAll() {
        return permits.holdAll();
    }
}
