package lab.deadrelu.cli;

import io.javalin.Javalin;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.web.App;
import lab.deadrelu.web.Config;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures what the lab's stream sends, over loopback, as a browser receives it: boots the app, opens
 * a lab link at each of a few steps and reads the first frame of its stream (a watcher that connects
 * gets every region: the full frame), then plays the post's network at --speed steps/s and counts what
 * one watcher receives. Prints
 * <pre>
 * full_frame scenario=case-2 step=0 bytes=... status=... loss=... ...   UTF-8 bytes of each region's HTML
 * watch scenario=case-2 speed=10 seconds=10 frames_per_s=... bytes_per_s=... html_bytes_per_s=... status=... ...
 * </pre>
 * bytes_per_s counts the stream's bytes on the wire (SSE fields included, no compression); the region
 * figures of a watch are HTML bytes per second.
 */
@Command(name = "bench-frames",
        description = "Measures the lab's SSE frames: bytes per region of a full frame, and bytes per second one watcher receives while a run plays.")
public final class BenchFramesCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--scenarios", defaultValue = "case-2,deep-net-works-anyway", split = ",", paramLabel = "ID",
            description = "Scenarios whose full frames are measured (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--steps", defaultValue = "0,100,2000", split = ",", paramLabel = "K",
            description = "Steps at which each scenario's full frame is measured (default: ${DEFAULT-VALUE}).")
    List<Long> steps;

    @Option(names = "--watch", defaultValue = "case-2,deep-net-works-anyway", split = ",", paramLabel = "ID",
            description = "Scenarios played (pause=off) while one watcher counts what it receives (default: ${DEFAULT-VALUE}).")
    List<String> watch;

    @Option(names = "--speed", defaultValue = "10", paramLabel = "N", description = "Steps per second while watching (default: ${DEFAULT-VALUE}).")
    int speed = 10;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "Seconds each watch is measured, after one to settle (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    private static final Pattern STREAM = Pattern.compile("sse-connect=\"(/lab/[A-Za-z0-9_-]+)/stream\"");

    /** One SSE event as received: its id, name, data (lines joined) and its bytes on the wire. */
    private record Event(String id, String name, String data, long wireBytes) {
        int htmlBytes() {
            return data.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new CommandLine.ParameterException(command.commandLine(), "--seconds must be 1..600, got " + seconds);
        for (long k : steps)
            if (k < 0 || k > 100_000) throw new CommandLine.ParameterException(command.commandLine(), "--steps must each be 0..100000, got " + k);
        Config config = Config.forTests().withLimits(Config.Limits.DEFAULT.withRequestRate(1_000_000, 100_000));
        Javalin app = App.create(config).start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            for (String scenario : scenarios)
                for (long k : steps) fullFrame(base, scenario, k);
            for (String scenario : watch) watch(base, scenario);
            System.out.printf(Locale.ROOT, "# full_frame: the first frame a new stream gets (every region), HTML as UTF-8 bytes; watch: one watcher of /lab?scenario=ID&pause=off"
                    + " playing at %d steps/s for %d s; %s %s, %d cores%n", speed, seconds, System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            return 0;
        } finally {
            app.stop();
        }
    }

    private static void fullFrame(String base, String scenario, long step) throws Exception {
        HttpClient client = client();
        Stream stream = Stream.open(client, base, "scenario=" + scenario + "&pause=off" + (step > 0 ? "&at=" + step : ""));
        try {
            List<Event> frame = stream.firstFrame();
            Map<String, Long> regions = new LinkedHashMap<>();
            long total = 0;
            for (Event e : frame) {
                regions.merge(e.name(), (long) e.htmlBytes(), Long::sum);
                total += e.htmlBytes();
            }
            System.out.println("full_frame scenario=" + scenario + " step=" + step + " bytes=" + total + " " + join(regions, 1));
        } finally {
            stream.close();
        }
    }

    private void watch(String base, String scenario) throws Exception {
        HttpClient client = client();
        Stream stream = Stream.open(client, base, "scenario=" + scenario + "&pause=off");
        try {
            stream.firstFrame();
            stream.post(client, "speed", "speed=" + speed);
            stream.post(client, "play", "");
            stream.drainFor(1000);   // settle: the controls' and status's answers to the posts
            Map<String, Long> regions = new LinkedHashMap<>(), sends = new LinkedHashMap<>();
            Map<String, Long> frameBytes = new LinkedHashMap<>();
            long wire = 0, html = 0;
            java.util.Set<String> ids = new java.util.HashSet<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                Event e = stream.events.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) break;
                if (e == Stream.END) throw new IOException("the stream ended");
                wire += e.wireBytes();
                html += e.htmlBytes();
                regions.merge(e.name(), (long) e.htmlBytes(), Long::sum);
                sends.merge(e.name(), 1L, Long::sum);
                frameBytes.merge(e.id(), (long) e.htmlBytes(), Long::sum);
                ids.add(e.id());
            }
            System.out.printf(Locale.ROOT, "watch scenario=%s speed=%d seconds=%d frames_per_s=%.1f bytes_per_s=%d html_bytes_per_s=%d %s%n",
                    scenario, speed, seconds, ids.size() / (double) seconds, wire / seconds, html / seconds, join(regions, seconds));
            long largest = frameBytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf(Locale.ROOT, "watch_frames scenario=%s frames=%d html_bytes_mean=%d html_bytes_max=%d sent_in_frames: %s%n",
                    scenario, frameBytes.size(), frameBytes.isEmpty() ? 0 : html / frameBytes.size(), largest, join(sends, 1));
        } finally {
            stream.close();
        }
    }

    private static String join(Map<String, Long> regions, int per) {
        List<String> parts = new ArrayList<>();
        regions.forEach((name, bytes) -> parts.add(name + "=" + bytes / per));
        return String.join(" ", parts);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A lab page's stream, read on a thread of its own into a queue of events. */
    private static final class Stream {
        static final Event END = new Event("", "", "", 0);
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final String lab;
        final InputStream in;
        final Thread reader;

        private Stream(String lab, InputStream in) {
            this.lab = lab;
            this.in = in;
            this.reader = new Thread(this::read, "bench-frames-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(HttpClient client, String base, String link) throws IOException, InterruptedException {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/lab?" + link))
                    .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = STREAM.matcher(page.body());
            if (page.statusCode() != 200 || !m.find()) throw new IOException("/lab?" + link + " answered " + page.statusCode());
            HttpResponse<InputStream> sse = client.send(HttpRequest.newBuilder(URI.create(base + m.group(1) + "/stream")).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (sse.statusCode() != 200) throw new IOException("the stream answered " + sse.statusCode());
            return new Stream(base + m.group(1), sse.body());
        }

        void post(HttpClient client, String action, String form) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(lab + "/" + action)).timeout(Duration.ofMinutes(1))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException(action + " answered " + r.statusCode() + ": " + r.body());
        }

        /** The events of the first write: all carry the first event's id; a paused run sends nothing after them. */
        List<Event> firstFrame() throws InterruptedException, IOException {
            List<Event> frame = new ArrayList<>();
            Event first = events.poll(60, TimeUnit.SECONDS);
            if (first == null || first == END) throw new IOException("no first frame");
            frame.add(first);
            for (Event e; (e = events.poll(500, TimeUnit.MILLISECONDS)) != null && e != END && e.id().equals(first.id()); ) frame.add(e);
            return frame;
        }

        void drainFor(long millis) throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000;
            for (long left; (left = end - System.nanoTime()) > 0; ) if (events.poll(left, TimeUnit.NANOSECONDS) == null) break;
        }

        private void read() {
            try (BufferedInputStream buffered = new BufferedInputStream(in)) {
                String id = "", name = "message";
                StringBuilder data = null;
                long wire = 0;
                for (byte[] line; (line = line(buffered)) != null; ) {
                    wire += line.length + 1;
                    String text = new String(line, StandardCharsets.UTF_8);
                    if (text.isEmpty()) {
                        if (data != null) events.add(new Event(id, name, data.toString(), wire));
                        name = "message";
                        data = null;
                        wire = 0;
                    } else if (text.startsWith("id: ")) {
                        id = text.substring(4);
                    } else if (text.startsWith("event: ")) {
                        name = text.substring(7);
                    } else if (text.startsWith("data: ")) {
                        data = data == null ? new StringBuilder(text.substring(6)) : data.append('\n').append(text, 6, text.length());
                    }
                }
            } catch (IOException e) {
                // closed
            } finally {
                events.add(END);
            }
        }

        private static byte[] line(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) return out.size() == 0 ? null : out.toByteArray();
                out.write(b);
            }
            return out.toByteArray();
        }

        void close() throws IOException {
            in.close();
        }
    }
}
