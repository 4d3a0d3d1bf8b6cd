package lab.deadrelu.web;

import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SSE clients watching each simulation. Publishing never touches a socket: it leaves the
 * newest frame in each client's slot and wakes a sender; a slow client skips frames (it always
 * gets the latest) and holds up no one else. Each client is sent only the fragments that changed
 * since what it last received.
 */
final class Streams implements AutoCloseable {

    private static final class Watcher {
        final SseClient sse;
        final AtomicReference<Frame> pending = new AtomicReference<>();
        final AtomicBoolean sending = new AtomicBoolean();
        final Map<String, String> sent = new HashMap<>();   // only touched by the one sender at a time
        long sentVersion = Long.MIN_VALUE;                  // likewise

        Watcher(SseClient sse) {
            this.sse = sse;
        }
    }

    private final Map<String, Set<Watcher>> bySim = new ConcurrentHashMap<>();
    private final ExecutorService senders;
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
        Watcher w = new Watcher(sse);
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
            for (Watcher w : set) senders.execute(() -> { if (!w.sse.terminated()) w.sse.sendComment("ping"); });
        }
    }

    private void offer(Watcher w, Frame frame) {
        // A frame rendered before a control acted may be offered after the control's own: keep the newer.
        w.pending.accumulateAndGet(frame, (queued, offered) -> queued != null && queued.version() > offered.version() ? queued : offered);
        if (w.sending.compareAndSet(false, true)) senders.execute(() -> drain(w));
    }

    private void drain(Watcher w) {
        try {
            Frame f;
            while ((f = w.pending.getAndSet(null)) != null && !w.sse.terminated()) {
                if (f.version() < w.sentVersion) continue;   // older than what the page shows already
                w.sentVersion = f.version();
                send(w, f);
            }
        } finally {
            w.sending.set(false);
            if (w.pending.get() != null && w.sending.compareAndSet(false, true)) senders.execute(() -> drain(w));
        }
    }

    private void send(Watcher w, Frame f) {
        boolean any = false;
        for (Map.Entry<String, String> e : f.fragments().entrySet()) {
            if (e.getValue().equals(w.sent.get(e.getKey()))) continue;
            w.sse.sendEvent(e.getKey(), e.getValue(), Long.toString(f.version()));
            w.sent.put(e.getKey(), e.getValue());
            bytesSent.add(e.getValue().length());
            any = true;
        }
        if (any) framesSent.increment();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
