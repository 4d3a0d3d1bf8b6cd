package lab.deadrelu.web;

/**
 * When a playing simulation's watchers get a full frame (every chart, the diagram, the table, the
 * inspector, the link) rather than a pulse (the status line: step, loss, dead per layer). Pulses go
 * out every tick; full frames share a server-wide budget of bytes per second, since rendering and
 * sending cost about in proportion to size. Each watched simulation gets an equal share, so it waits
 * max(1 / framesPerSecond, its last full frame's size x watched simulations / budget) between two:
 * with a few students every frame is full, with a whole class each gets its turn, and a deep network's
 * big frames come less often than the post's small ones. A stop is shown in full at once.
 */
final class FullFrames {
    /** No budget: every frame is full. */
    static final long UNLIMITED = Long.MAX_VALUE;

    private final long tickNanos;
    private final long bytesPerSecond;
    private long lastNanos;
    private long lastBytes;
    private boolean started;

    FullFrames(int framesPerSecond, long bytesPerSecond) {
        this.tickNanos = 1_000_000_000L / framesPerSecond;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Whether this frame should be full; if so, counts it as sent at `nowNanos`. */
    synchronized boolean due(long nowNanos, boolean playing, int watchedSimulations) {
        long period = bytesPerSecond == UNLIMITED ? 0
                : Math.max(tickNanos, (long) (1e9 * lastBytes * watchedSimulations / bytesPerSecond));
        // a little slack, so that a frame that comes a hair early is not put off by a whole tick
        boolean due = !started || !playing || nowNanos - lastNanos >= period - tickNanos / 4;
        if (due) {
            started = true;
            lastNanos = nowNanos;
        }
        return due;
    }

    /** The size of the full frame just rendered (in characters, about bytes): the next wait is in proportion. */
    synchronized void rendered(long bytes) {
        lastBytes = bytes;
    }
}
