package lab.deadrelu.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test's view of an SSE stream: a daemon thread reads the response line by line and queues each
 * event (id, name, data joined by newlines, and the raw lines it came in). Every read is bounded by a
 * timeout, so a silent or stuck stream fails the test instead of hanging it.
 */
final class SseStream implements AutoCloseable {
    /** One event as sent: its `id:`, `event:` and `data:` lines, and the lines themselves in order. */
    record Event(String id, String name, String data, List<String> lines) {}

    /** Queued when the server ends the stream. */
    private static final Event END = new Event(null, null, null, List.of());

    final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** GET uri as an event stream (Javalin answers SSE only to Accept: text/event-stream). */
    static SseStream open(HttpClient client, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<InputStream> r = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(5, TimeUnit.SECONDS);
            return new SseStream(r);
        } catch (Exception e) {
            throw new AssertionError("Could not open the stream " + uri + ": " + e, e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                    continue;
                }
                if (!lines.isEmpty()) {
                    Event e = parse(lines);
                    if (e != null) events.add(e);
                    lines = new ArrayList<>();
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            ended = true;
            events.add(END);
        }
    }

    /** An event from its lines; a block of comments only (": ping") is no event. */
    private static Event parse(List<String> lines) {
        String id = null, name = null;
        StringBuilder data = null;
        for (String l : lines) {
            if (l.startsWith(":")) continue;
            int colon = l.indexOf(':');
            String field = colon < 0 ? l : l.substring(0, colon);
            String value = colon < 0 ? "" : l.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        if (name == null && data == null) return null;
        List<String> own = new ArrayList<>();
        for (String l : lines) if (!l.startsWith(":")) own.add(l);
        return new Event(id, name == null ? "message" : name, data == null ? "" : data.toString(), List.copyOf(own));
    }

    /** The next event within `timeout`; null if none came or the stream ended. */
    Event next(Duration timeout) {
        try {
            Event e = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (e == END) {
                events.add(END);  // stays ended for later reads
                return null;
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", ex);
        }
    }

    /** The next event matching `wanted` within `timeout` (others are skipped); null if none. */
    Event await(Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            Event e = next(Duration.ofNanos(left));
            if (e == null) return null;
            if (wanted.test(e)) return e;
        }
    }

    Event awaitNamed(String name, Duration timeout) {
        return await(e -> e.name().equals(name), timeout);
    }

    /** Every event until the server closes the stream, within `timeout` (fails if it stays open). */
    List<Event> untilEnd(Duration timeout) {
        List<Event> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("The stream stayed open; received so far: " + all);
            Event e = next(Duration.ofNanos(left));
            if (e == null) {
                if (ended) return all;
                throw new AssertionError("The stream stayed open; received so far: " + all);
            }
            all.add(e);
        }
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
