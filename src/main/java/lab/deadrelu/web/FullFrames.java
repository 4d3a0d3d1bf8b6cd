package lab.deadrelu.web;

/**
 * When a playing simulation's watchers get a full frame (every chart, the diagram, the table, the
 * inspector, the link) rather than a pulse (the status line: step, loss, dead per layer). Pulses go
 * out every tick; full frames share two server-wide budgets: bytes per second (sending) and CPU time
 * per second (building the views and rendering them, which costs more per byte for a deep network's
 * links and certificates than for the post's charts). Each watched simulation gets an equal share of
 * each, so it waits max(1 / framesPerSecond, its last full frame's size x watched simulations / byte
 * budget, the CPU time that frame took x watched simulations / CPU budget) between two: with a few
 * students every frame is full, with a whole class each gets its turn, and a deep network's big frames
 * come less often than the post's small ones. A stop is shown in full at once.
 * <p>
 * A full frame renders every region whose view changed but carries only the regions that changed on
 * screen since the last one (see {@link Regions}); sizes are UTF-8 bytes. The share counts what was
 * rendered (rendering is the cost); besides, a lab is sent at most {@link #LAB_BYTES_PER_SECOND} of
 * full frames on average, so that one watcher receives under 80 KB/s with the status lines in between.
 */
public final class FullFrames {
    /** No budget: every frame is full. */
    static final long UNLIMITED = Long.MAX_VALUE;
    /**
     * What one full frame carries at most while the run plays (UTF-8 bytes of HTML, the status line and the
     * link included): the regions that changed and do not fit go with the next one, longest waiting first
     * (see {@link Regions#news(Frame, long, String...)}); a region larger than this goes alone in its turn.
     */
    static final long FRAME_BYTES = 8_000;
    /**
     * The share of the machine's cores that full frames may take together (building views and rendering;
     * the engine, the status lines, sending and the garbage collector need the rest): a tenth, 0.2 of a
     * core of two. A deep network's full frame takes about 4 to 5 ms; by bytes alone a class of 500 on
     * the deep scenario spent a whole core on them and fell to 5 to 7 frames/s.
     */
    public static final double CPU_SHARE = 0.1;
    /** Full frames' bytes per second one lab may get (with a budget); its status lines, about 0.8 KB each, come on top. */
    static final long LAB_BYTES_PER_SECOND = 64_000;

    private final long tickNanos;
    private final long bytesPerSecond;
    /** CPU nanoseconds of full frames per second, shared by every watched simulation; UNLIMITED: no such budget. */
    private final long cpuNanosPerSecond;
    private long lastNanos;
    private long lastBytes, lastCpuNanos;
    private boolean started;
    /**
     * What this lab may still be sent of full frames, in bytes: it earns {@link #LAB_BYTES_PER_SECOND} (up to
     * one capped frame's worth) and each frame sent spends its size, so over any stretch it gets at most that
     * rate plus one frame, however the frames fall on the ticks.
     */
    private double credit;
    private long creditNanos;
    /** Whether the server-wide share allowed a full frame within about two ticks, at the last {@link #due}. */
    private boolean frequent = true;

    FullFrames(int framesPerSecond, long bytesPerSecond) {
        this(framesPerSecond, bytesPerSecond, UNLIMITED);
    }

    FullFrames(int framesPerSecond, long bytesPerSecond, long cpuNanosPerSecond) {
        this.tickNanos = 1_000_000_000L / framesPerSecond;
        this.bytesPerSecond = bytesPerSecond;
        this.cpuNanosPerSecond = cpuNanosPerSecond;
    }

    /** Whether this frame should be full; if so, counts it as sent at `nowNanos`. */
    public synchronized boolean due(long nowNanos, boolean playing, int watchedSimulations) {
        boolean budgeted = bytesPerSecond != UNLIMITED;
        long share = budgeted ? (long) (1e9 * lastBytes * watchedSimulations / bytesPerSecond) : 0;
        if (cpuNanosPerSecond != UNLIMITED) share = Math.max(share, (long) (1e9 * lastCpuNanos * watchedSimulations / cpuNanosPerSecond));
        frequent = share <= 2 * tickNanos;
        if (started) credit = Math.min(FRAME_BYTES, credit + (nowNanos - creditNanos) * (LAB_BYTES_PER_SECOND / 1e9));
        creditNanos = nowNanos;
        long period = budgeted ? Math.max(tickNanos, share) : 0;
        // a little slack, so that a frame that comes a hair early is not put off by a whole tick
        boolean due = !started || !playing || nowNanos - lastNanos >= period - tickNanos / 4 && (!budgeted || credit >= 0);
        if (due) {
            started = true;
            lastNanos = nowNanos;
        }
        return due;
    }

    /**
     * The cap on what the next full frame carries: {@link #FRAME_BYTES} while the server's share lets
     * this lab have a full frame about every tick (what waits goes a tick later); none when its full
     * frames are rarer (each carries all that changed since the last), or when the run stopped.
     */
    public synchronized long cap(boolean playing) {
        return playing && frequent ? FRAME_BYTES : Long.MAX_VALUE;
    }

    /**
     * The size of the full frame just rendered, in UTF-8 bytes: every region, which is what rendering costs;
     * what is sent of it; and the CPU time it took to build and render it (nanoseconds of the rendering thread).
     */
    public synchronized void rendered(long bytes, long sentBytes, long cpuNanos) {
        lastBytes = bytes;
        lastCpuNanos = cpuNanos;
        credit -= sentBytes;
    }
}
