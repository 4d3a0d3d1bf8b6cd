package lab.deadrelu.web;

/**
 * When a playing simulation's watchers get a full frame (every chart, the diagram, the table, the
 * inspector, the link) rather than a pulse (the status line: step, loss, dead per layer). Pulses go
 * out every tick; full frames share a server-wide budget, so with few students every frame is full
 * and with a whole class each simulation gets its share: one full frame every
 * max(1 / framesPerSecond, watched simulations / budget) seconds. A new event (a neuron died, say)
 * or a stop is shown at once, whatever the budget.
 */
final class FullFrames {
    /** No budget: every frame is full. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    private final long tickNanos;
    private final int budgetPerSecond;
    private long lastNanos;
    private int lastEvents = -1;
    private boolean started;

    FullFrames(int framesPerSecond, int budgetPerSecond) {
        this.tickNanos = 1_000_000_000L / framesPerSecond;
        this.budgetPerSecond = budgetPerSecond;
    }

    /** Whether this frame should be full; if so, counts it as sent at `nowNanos`. */
    synchronized boolean due(long nowNanos, int eventCount, boolean playing, int watchedSimulations) {
        long period = budgetPerSecond == UNLIMITED ? 0
                : Math.max(tickNanos, watchedSimulations * 1_000_000_000L / budgetPerSecond);
        // a little slack, so that a frame that comes a hair early is not put off by a whole tick
        boolean due = !started || !playing || eventCount != lastEvents || nowNanos - lastNanos >= period - tickNanos / 4;
        if (due) {
            started = true;
            lastNanos = nowNanos;
            lastEvents = eventCount;
        }
        return due;
    }
}
