package lab.deadrelu.sim;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The cores that heavy work may take, shared by every kind of it: heavy requests (large labs, long
 * replays, big API runs), experiment tasks and the ticker's heavy lane (large or full-speed runs).
 * Each computes only while it holds one of these permits (default: one less than the cores), so
 * however the heavy work is mixed, it takes at most that many cores together and the ticker, the
 * streams and light pages always keep one. The permits are handed out first come, first served; a
 * long holder (an experiment task) gives its permit back now and then when others wait ({@link #pass}),
 * so a heavy request or a large run waits at most about a {@link #SLICE_NANOS slice} per holder ahead.
 */
public final class CoreBudget {
    /** How long a holder keeps its permit while others wait, at most (checked where it reports progress). */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Semaphore permits;
    private final int size;
    /** When this thread took the permit it holds (System.nanoTime), or null when it holds none. */
    private final ThreadLocal<Long> heldSince = new ThreadLocal<>();

    public CoreBudget(int permits) {
        if (permits < 1) throw new IllegalArgumentException("a core budget needs at least 1 permit, got " + permits);
        this.permits = new Semaphore(permits, true);
        this.size = permits;
    }

    /** One less than this machine's cores, at least 1: what heavy work may take, so one core stays for the rest. */
    public static int coresButOne() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** {@link #coresButOne} permits. */
    public static CoreBudget forThisMachine() {
        return new CoreBudget(coresButOne());
    }

    /** Waits for a permit as long as it takes (the waiting thread is interrupted when the server stops). */
    public void acquire() throws InterruptedException {
        permits.acquire();
        heldSince.set(System.nanoTime());
    }

    /** Waits at most `nanos` for a permit; false when none came. */
    public boolean tryAcquire(long nanos) throws InterruptedException {
        if (!permits.tryAcquire(nanos, TimeUnit.NANOSECONDS)) return false;
        heldSince.set(System.nanoTime());
        return true;
    }

    /** Gives back the permit this thread holds (nothing when it holds none, e.g. after an interrupted {@link #pass}). */
    public void release() {
        if (heldSince.get() == null) return;
        heldSince.remove();
        permits.release();
    }

    /**
     * Called by a long holder between two pieces of its work: when it has held its permit for a slice and
     * somebody waits for one, gives it back and queues again behind them. Interrupted while queueing, it
     * returns holding none, with its thread's interrupt flag set.
     */
    public void pass() {
        Long since = heldSince.get();
        if (since == null || System.nanoTime() - since < SLICE_NANOS) return;
        if (!permits.hasQueuedThreads()) {
            heldSince.set(System.nanoTime());
            return;
        }
        release();
        try {
            acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this thread holds a permit now. */
    public boolean held() {
        return heldSince.get() != null;
    }

    /** How many permits there are. */
    public int size() {
        return size;
    }

    /** Threads waiting for a permit now. */
    public int waiting() {
        return permits.getQueueLength();
    }

    /**
     * Takes every free permit, for tests: heavy work then waits (and heavy requests are refused after
     * their wait) until the returned handle is run. Returns what gives them back.
     */
    public Runnable holdAll() {
        int taken = permits.drainPermits();
        return () -> permits.release(taken);
    }
}
