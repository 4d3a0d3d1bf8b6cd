package lab.deadrelu.web;

import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SSE clients watching each simulation. Publishing never touches a socket: it leaves the
 * newest frame in each client's slot and wakes a sender; a slow client skips frames (it always
 * gets the latest) and holds up no one else. Each client is sent only the fragments that changed
 * since what it last received. A client may ask for at most N frames per second (?fps=N, for
 * reduced motion): frames in between are skipped, and the newest is always sent in the end.
 */
final class Streams implements AutoCloseable {

    private static final class Watcher {
        final SseClient sse;
        final AtomicReference<Frame> pending = new AtomicReference<>();
        final AtomicBoolean sending = new AtomicBoolean();
        final Map<String, String> sent = new HashMap<>();   // only touched by the one sender at a time
        long sentVersion = Long.MIN_VALUE;                   // likewise
        /** Least time between two frames (0: no limit), and when the last one went out. */
        final long gapNanos;
        volatile long lastSentNanos;

        Watcher(SseClient sse, int fps) {
            this.sse = sse;
            this.gapNanos = fps <= 0 ? 0 : 1_000_000_000L / fps;
            this.lastSentNanos = System.nanoTime() - gapNanos;   // the first frame goes at once
        }
    }

    private final Map<String, Set<Watcher>> bySim = new ConcurrentHashMap<>();
    private final ExecutorService senders;
    /** Wakes the senders of clients that asked for fewer frames, once their gap is over. */
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-pacer");
        t.setDaemon(true);
        return t;
    });
    final LongAdder framesSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();

    Streams(int senderThreads) {
        senders = Executors.newFixedThreadPool(senderThreads, r -> {
            Thread t = new Thread(r, "sse-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers a client; `first` is sent to it at once. Returns a handle to remove it. */
    Runnable add(String simId, SseClient sse, Frame first) {
        return add(simId, sse, first, 0);
    }

    /** Registers a client that gets at most `fps` frames per second (0: as many as there are). */
    Runnable add(String simId, SseClient sse, Frame first, int fps) {
        Watcher w = new Watcher(sse, fps);
        bySim.computeIfAbsent(simId, k -> ConcurrentHashMap.newKeySet()).add(w);
        offer(w, first);
        return () -> bySim.computeIfPresent(simId, (k, set) -> {
            set.remove(w);
            return set.isEmpty() ? null : set;
        });
    }

    boolean watched(String simId) {
        return bySim.containsKey(simId);
    }

    int clients() {
        int count = 0;
        for (Set<Watcher> set : bySim.values()) count += set.size();
        return count;
    }

    void publish(String simId, Frame frame) {
        Set<Watcher> watchers = bySim.get(simId);
        if (watchers != null) for (Watcher w : watchers) offer(w, frame);
    }

    /** A comment line to every client, so that dropped connections are noticed even when nothing plays. */
    void ping() {
        for (Set<Watcher> set : bySim.values()) {
            for (Watcher w : set) senders.execute(() -> {
                synchronized (w) {   // one writer at a time per connection: a ping must not interleave with a frame
                    if (!w.sse.terminated()) w.sse.sendComment("ping");
                }
            });
        }
    }

    /**
     * Frames are rendered on several threads (the ticker, control requests) and may be published out of
     * order; an older one never replaces a newer one waiting in the slot, nor follows one already sent.
     */
    private void offer(Watcher w, Frame frame) {
        w.pending.accumulateAndGet(frame, (queued, fresh) -> queued != null && queued.version() > fresh.version() ? queued : fresh);
        if (w.sending.compareAndSet(false, true)) wake(w);
    }

    /** Runs the client's sender now, or when its gap since the last frame is over. */
    private void wake(Watcher w) {
        long wait = w.gapNanos == 0 ? 0 : w.lastSentNanos + w.gapNanos - System.nanoTime();
        try {
            if (wait <= 0) senders.execute(() -> drain(w));
            else pacer.schedule(() -> senders.execute(() -> drain(w)), wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            w.sending.set(false);   // shutting down
        }
    }

    private void drain(Watcher w) {
        try {
            Frame f;
            while ((f = w.pending.getAndSet(null)) != null && !w.sse.terminated()) {
                send(w, f);
                if (w.gapNanos > 0) {   // paced: one frame, then wait for the gap
                    w.lastSentNanos = System.nanoTime();
                    break;
                }
            }
        } finally {
            w.sending.set(false);
            if (w.pending.get() != null && w.sending.compareAndSet(false, true)) wake(w);
        }
    }

    private void send(Watcher w, Frame f) {
        synchronized (w) {
            sendFragments(w, f);
        }
    }

    private void sendFragments(Watcher w, Frame f) {
        if (f.version() < w.sentVersion) return;
        w.sentVersion = f.version();
        boolean any = false;
        for (Map.Entry<String, String> e : f.fragments().entrySet()) {
            if (e.getValue().equals(w.sent.get(e.getKey()))) continue;
            if (w.sse.terminated()) return;   // cut mid-frame: the rest would only log a warning each
            w.sse.sendEvent(e.getKey(), e.getValue(), Long.toString(f.version()));
            w.sent.put(e.getKey(), e.getValue());
            bytesSent.add(e.getValue().length());
            any = true;
        }
        if (any) framesSent.increment();
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        senders.shutdownNow();
    }
}
