package lab.deadrelu.web;

import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The SSE clients watching each simulation. Publishing never touches a socket: it merges the frame
 * into each client's pending fragments (the newest version of each wins) and wakes a sender; a slow
 * client skips versions (it always gets the latest) and holds up no one else. Each client is sent
 * only the fragments that changed since what it last received, all in one write. A client may ask
 * for at most N frames per second (?fps=N, for reduced motion): the newest is always sent in the end.
 */
public final class Streams implements AutoCloseable {

    /**
     * One fragment as rendered at one version of its simulation, as the SSE event that carries it: the
     * bytes alone, kept for comparing with the next one, take half the memory of the text.
     */
    private record Part(long version, byte[] event) {}

    /** The clients of one simulation, when it last had a full frame (see {@link FullFrames}), and its regions as last rendered. */
    private static final class Audience {
        final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
        final FullFrames fullFrames;
        final Regions regions = new Regions();

        Audience(FullFrames fullFrames) {
            this.fullFrames = fullFrames;
        }
    }

    private static final class Watcher {
        final SseClient sse;
        /** What waits to be sent: event name -> newest part. Replaced whole, never changed in place. */
        final AtomicReference<Map<String, Part>> pending = new AtomicReference<>();
        final AtomicBoolean sending = new AtomicBoolean();
        final Map<String, Part> sent = new HashMap<>();   // only touched by the one sender at a time
        /** Least time between two frames (0: no limit), and when the last one went out. */
        final long gapNanos;
        volatile long lastSentNanos;

        Watcher(SseClient sse, int fps) {
            this.sse = sse;
            this.gapNanos = fps <= 0 ? 0 : 1_000_000_000L / fps;
            this.lastSentNanos = System.nanoTime() - gapNanos;   // the first frame goes at once
        }
    }

    private final Map<String, Audience> bySim = new ConcurrentHashMap<>();
    private final long fullFrameBytesPerSecond;
    /** CPU time for full frames, nanoseconds per second of all watched simulations together (see {@link FullFrames}). */
    private final long fullFrameCpuNanosPerSecond;
    private final int framesPerSecond;
    private final ExecutorService senders;
    /** Wakes the senders of clients that asked for fewer frames, once their gap is over. */
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-pacer");
        t.setDaemon(true);
        return t;
    });
    final LongAdder framesSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();

    public Streams(int senderThreads) {
        this(senderThreads, 10, FullFrames.UNLIMITED, FullFrames.UNLIMITED);
    }

    /**
     * `framesPerSecond` is the ticker's rate; `fullFrameBytesPerSecond` and `fullFrameCpuNanosPerSecond` are
     * shared by all watched simulations (see {@link FullFrames}).
     */
    Streams(int senderThreads, int framesPerSecond, long fullFrameBytesPerSecond, long fullFrameCpuNanosPerSecond) {
        this.framesPerSecond = framesPerSecond;
        this.fullFrameBytesPerSecond = fullFrameBytesPerSecond;
        this.fullFrameCpuNanosPerSecond = fullFrameCpuNanosPerSecond;
        senders = Executors.newFixedThreadPool(senderThreads, r -> {
            Thread t = new Thread(r, "sse-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers a client; `first` is sent to it at once. Returns a handle to remove it. */
    public Runnable add(String simId, SseClient sse, Frame first) {
        return add(simId, sse, first, 0);
    }

    /** Registers a client that gets at most `fps` frames per second (0: as many as there are). */
    public Runnable add(String simId, SseClient sse, Frame first, int fps) {
        Watcher w = new Watcher(sse, fps);
        bySim.compute(simId, (k, audience) -> {   // inside compute: a last watcher leaving cannot drop the audience meanwhile
            Audience a = audience == null ? new Audience(new FullFrames(framesPerSecond, fullFrameBytesPerSecond, fullFrameCpuNanosPerSecond)) : audience;
            a.watchers.add(w);
            return a;
        });
        offer(w, first.version(), parts(first));
        return () -> bySim.computeIfPresent(simId, (k, audience) -> {
            audience.watchers.remove(w);
            return audience.watchers.isEmpty() ? null : audience;
        });
    }

    public boolean watched(String simId) {
        return bySim.containsKey(simId);
    }

    /** When the simulation's watchers are due a full frame rather than a pulse; null when nobody watches it. */
    public FullFrames fullFrames(String simId) {
        Audience a = bySim.get(simId);
        return a == null ? null : a.fullFrames;
    }

    /** The last rendering of each region of the simulation; null when nobody watches it (nothing is kept then). */
    public Regions regions(String simId) {
        Audience a = bySim.get(simId);
        return a == null ? null : a.regions;
    }

    /** Simulations with at least one watcher. */
    public int audiences() {
        return bySim.size();
    }

    int clients() {
        int count = 0;
        for (Audience a : bySim.values()) count += a.watchers.size();
        return count;
    }

    public void publish(String simId, Frame frame) {
        Audience a = bySim.get(simId);
        if (a == null) return;
        Map<String, Part> parts = parts(frame);   // encoded once, whoever watches
        for (Watcher w : a.watchers) offer(w, frame.version(), parts);
    }

    private static Map<String, Part> parts(Frame frame) {
        Map<String, Part> parts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : frame.fragments().entrySet())
            parts.put(e.getKey(), new Part(frame.version(), SseEvents.event(e.getKey(), e.getValue())));
        return parts;
    }

    /** A comment line to every client, so that dropped connections are noticed even when nothing plays. */
    void ping() {
        byte[] ping = ":ping\n\n".getBytes(StandardCharsets.UTF_8);
        for (Audience a : bySim.values()) {
            for (Watcher w : a.watchers) senders.execute(() -> {
                synchronized (w) {   // one writer at a time per connection: a ping must not interleave with a frame
                    if (!w.sse.terminated()) write(w, ping);
                }
            });
        }
    }

    /**
     * Frames are rendered on several threads (the ticker, control requests) and may be published out of
     * order; per fragment, an older version never replaces a newer one waiting, nor follows one already sent.
     */
    private void offer(Watcher w, long version, Map<String, Part> parts) {
        w.pending.accumulateAndGet(null, (queued, unused) -> merge(queued, version, parts));
        if (w.sending.compareAndSet(false, true)) wake(w);
    }

    private static Map<String, Part> merge(Map<String, Part> queued, long version, Map<String, Part> parts) {
        if (queued == null) return parts;   // never changed in place: safe to share between watchers
        Map<String, Part> merged = new LinkedHashMap<>(queued);
        for (Map.Entry<String, Part> e : parts.entrySet()) {
            Part old = merged.get(e.getKey());
            if (old == null || old.version() <= version) {
                // a part goes after its region, which may hold an older one; a region holds its parts up to its version
                if (Regions.PART_OF.containsKey(e.getKey())) merged.remove(e.getKey());
                merged.put(e.getKey(), e.getValue());
                merged.entrySet().removeIf(q -> e.getKey().equals(Regions.PART_OF.get(q.getKey())) && q.getValue().version() <= version);
            }
        }
        for (String name : List.copyOf(merged.keySet())) {   // a newer part waiting goes after its older region, which would undo it
            String region = Regions.PART_OF.get(name);
            if (region != null && merged.containsKey(region)) merged.put(name, merged.remove(name));
        }
        return merged;
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
            Map<String, Part> parts;
            while ((parts = w.pending.getAndSet(null)) != null && !w.sse.terminated()) {
                synchronized (w) {
                    send(w, parts);
                }
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

    /**
     * The changed parts as SSE events in one write and one flush. Every event of it carries the newest
     * version among them as its id: it is one frame to the client.
     */
    private void send(Watcher w, Map<String, Part> parts) {
        long version = Long.MIN_VALUE;
        Map<String, Part> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Part> e : parts.entrySet()) {
            Part sent = w.sent.get(e.getKey()), part = e.getValue();
            if (sent != null && (part.version() < sent.version() || Arrays.equals(part.event(), sent.event()))) continue;
            changed.put(e.getKey(), part);
            version = Math.max(version, part.version());
        }
        if (changed.isEmpty()) return;
        for (Map.Entry<String, String> p : Regions.PART_OF.entrySet()) {   // an older region would undo a newer part already shown: that part again after it
            Part region = changed.get(p.getValue()), part = w.sent.get(p.getKey());
            if (region != null && part != null && !changed.containsKey(p.getKey()) && part.version() > region.version()) changed.put(p.getKey(), part);
        }
        byte[] id = SseEvents.id(version);
        int length = 0;
        for (Part p : changed.values()) length += id.length + p.event().length;
        byte[] bytes = new byte[length];
        int at = 0;
        for (Part p : changed.values()) {
            System.arraycopy(id, 0, bytes, at, id.length);
            System.arraycopy(p.event(), 0, bytes, at + id.length, p.event().length);
            at += id.length + p.event().length;
        }
        if (!write(w, bytes)) return;
        w.sent.putAll(changed);
        // a region sent whole brought its part along: what the watcher last got of the part alone says nothing now
        w.sent.keySet().removeIf(name -> changed.containsKey(Regions.PART_OF.get(name)) && !changed.containsKey(name));
        bytesSent.add(bytes.length);
        framesSent.increment();
    }

    /** Writes and flushes; a failed write ends the stream (which runs its close callback and removes the watcher). */
    private static boolean write(Watcher w, byte[] bytes) {
        try {
            var response = w.sse.ctx().res();
            response.getOutputStream().write(bytes);
            response.flushBuffer();
            return true;
        } catch (IOException | RuntimeException e) {   // the client went away (Jetty reports it as either)
            w.sse.close();
            return false;
        }
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        senders.shutdownNow();
    }
}
