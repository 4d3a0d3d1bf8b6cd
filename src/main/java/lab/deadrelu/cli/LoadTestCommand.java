package lab.deadrelu.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A class of simulated students against a running lab: each opens the link with its own session
 * cookie, sets the speed, presses play and reads its SSE stream until the time is up. Prints one
 * `name=value` line per measure:
 * <pre>
 * students_connected  frames_per_s  gap_ms_p50  gap_ms_p99  gap_ms_max  errors  bytes_per_frame  server_heap_mb  server_cpu
 * </pre>
 * A frame is a new `id:` value on a student's stream; gaps are between consecutive frames of one
 * student, pooled over all students. Loopback only. Threads stay bounded: one HttpClient with a
 * small pool reads every stream asynchronously, line by line.
 */
@Command(name = "loadtest",
        description = "Simulates students watching their labs over SSE against a local server and reports frame rates and gaps.")
public final class LoadTestCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--students", defaultValue = "50", paramLabel = "N", description = "Simulated students, 1..2000 (default: ${DEFAULT-VALUE}).")
    int students = 50;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S", description = "Duration in seconds, 1..600 (default: ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--base", defaultValue = "http://127.0.0.1:7070", paramLabel = "URL", description = "The server; loopback only (default: ${DEFAULT-VALUE}).")
    String base = "http://127.0.0.1:7070";

    @Option(names = "--link", defaultValue = "scenario=case-2", paramLabel = "QUERY", description = "The lab link each student opens (default: ${DEFAULT-VALUE}).")
    String link = "scenario=case-2";

    @Option(names = "--speed", defaultValue = "10", paramLabel = "STEPS", description = "Steps per second each student sets (default: ${DEFAULT-VALUE}).")
    int speed = 10;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private static final Pattern STREAM = Pattern.compile("sse-connect=\"[^\"]*/lab/([A-Za-z0-9_-]+)/stream\"");
    private static final Pattern COOKIE = Pattern.compile("(lab_session=[^;]*)");
    private static final Duration GRACE = Duration.ofSeconds(3);
    /** Students setting up at the same moment (opening, speed, play, stream headers). */
    private static final int SETUP_IN_FLIGHT = 64;

    /** One student: its stream subscription and the arrival times of its frames. */
    private static final class Student implements Flow.Subscriber<String> {
        final List<Long> arrivals = new ArrayList<>();
        volatile Flow.Subscription subscription;
        volatile boolean connected;
        volatile boolean stopped;
        long bytes;
        String lastId;

        @Override public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (stopped) s.cancel(); else s.request(Long.MAX_VALUE);
        }

        @Override public void onNext(String line) {
            bytes += line.length() + 1;
            if (line.startsWith("id:")) {
                String id = line.substring(3).trim();
                if (!id.equals(lastId)) {
                    lastId = id;
                    synchronized (arrivals) { arrivals.add(System.nanoTime()); }
                }
            }
        }

        @Override public void onError(Throwable t) {}
        @Override public void onComplete() {}

        void stop() {
            stopped = true;
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
        }
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (students < 1 || students > 2000) throw new CommandLine.ParameterException(cli, "--students must be in 1..2000, got " + students);
        if (seconds < 1 || seconds > 600) throw new CommandLine.ParameterException(cli, "--seconds must be in 1..600, got " + seconds);
        URI root = loopbackOrRefuse(cli, base);
        PrintWriter out = cli.getOut();

        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "loadtest");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger errors = new AtomicInteger();
        List<Student> all = new ArrayList<>();
        List<CompletableFuture<?>> running = new ArrayList<>();
        Semaphore setup = new Semaphore(SETUP_IN_FLIGHT);
        long start = System.nanoTime(), end = start + TimeUnit.SECONDS.toNanos(seconds);
        try {
            for (int i = 0; i < students && System.nanoTime() < end; i++) {
                if (!setup.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
                Student s = new Student();
                all.add(s);
                running.add(begin(http, root, s, setup::release).handle((ok, failure) -> {
                    if (!s.connected) setup.release();   // it never reached its stream: free its setup place
                    if (failure != null && !s.stopped) errors.incrementAndGet();
                    return null;
                }));
            }
            long left = end - System.nanoTime();
            if (left > 0) TimeUnit.NANOSECONDS.sleep(left);
        } finally {
            all.forEach(Student::stop);
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the ones still setting up when the time ran out are dropped with the client
        }
        double elapsed = (System.nanoTime() - start) / 1e9;

        int connected = 0;
        long frames = 0, bytes = 0;
        List<Double> gaps = new ArrayList<>();
        for (Student s : all) {
            if (s.connected) connected++;
            synchronized (s.arrivals) {
                frames += s.arrivals.size();
                for (int k = 1; k < s.arrivals.size(); k++) gaps.add((s.arrivals.get(k) - s.arrivals.get(k - 1)) / 1e6);
            }
            bytes += s.bytes;
        }
        Collections.sort(gaps);
        out.println("students_connected=" + connected);
        out.println(String.format(Locale.ROOT, "frames_per_s=%.1f", frames / Math.min(elapsed, seconds)));
        out.println("gap_ms_p50=" + percentile(gaps, 0.50));
        out.println("gap_ms_p99=" + percentile(gaps, 0.99));
        out.println("gap_ms_max=" + percentile(gaps, 1.0));
        out.println("errors=" + errors.get());
        out.println("bytes_per_frame=" + (frames == 0 ? "n/a" : Long.toString(bytes / frames)));
        serverMetrics(http, root, out);
        out.flush();
        pool.shutdownNow();
        return 0;
    }

    /** Open the link with a fresh cookie, set the speed, press play, then read the stream until stopped; `connected` runs once its headers arrive. */
    private CompletableFuture<Void> begin(HttpClient http, URI root, Student s, Runnable connected) {
        HttpRequest open = HttpRequest.newBuilder(root.resolve("/lab?" + link)).timeout(Duration.ofSeconds(10)).GET().build();
        return http.sendAsync(open, HttpResponse.BodyHandlers.ofString()).thenCompose(page -> {
            Matcher id = STREAM.matcher(page.body());
            Matcher cookie = COOKIE.matcher(String.join(";", page.headers().allValues("Set-Cookie")));
            if (page.statusCode() != 200 || !id.find() || !cookie.find())
                throw new IllegalStateException("GET /lab answered " + page.statusCode());
            String lab = "/lab/" + id.group(1), session = cookie.group(1);
            return post(http, root, lab + "/speed", session, "speed=" + speed)
                    .thenCompose(x -> post(http, root, lab + "/play", session, ""))
                    .thenCompose(x -> http.sendAsync(HttpRequest.newBuilder(root.resolve(lab + "/stream"))
                            .header("Accept", "text/event-stream").header("Cookie", session).GET().build(),
                            info -> {
                                if (info.statusCode() == 200) {
                                    s.connected = true;
                                    connected.run();
                                }
                                return HttpResponse.BodySubscribers.fromLineSubscriber(s);
                            }))
                    .thenAccept(r -> {
                        if (r.statusCode() != 200) throw new IllegalStateException("stream answered " + r.statusCode());
                    });
        });
    }

    private static CompletableFuture<Void> post(HttpClient http, URI root, String path, String session, String form) {
        HttpRequest r = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("HX-Request", "true").header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.sendAsync(r, HttpResponse.BodyHandlers.discarding()).thenAccept(res -> {
            if (res.statusCode() != 200) throw new IllegalStateException("POST " + path + " answered " + res.statusCode());
        });
    }

    /** The base URL if its host is loopback (127.0.0.0/8, localhost, ::1); anything else is refused before any request. */
    static URI loopbackOrRefuse(CommandLine cli, String base) {
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--base is not a URL: " + base);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || host.equals("::1")
                || host.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
        if (!"http".equals(uri.getScheme()) || !loopback)
            throw new CommandLine.ParameterException(cli, "--base must be an http URL on loopback (127.0.0.0/8, localhost, ::1), got " + base);
        return uri.resolve("/");
    }

    /** Nearest-rank percentile in whole ms, or n/a without gaps. */
    static String percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return "n/a";
        int rank = (int) Math.ceil(p * sorted.size());
        return Long.toString(Math.round(sorted.get(Math.max(0, rank - 1))));
    }

    /** Heap in use (MB) and process CPU usage from the server's /metrics, or n/a. */
    private static void serverMetrics(HttpClient http, URI root, PrintWriter out) {
        String heap = "n/a", cpu = "n/a";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.resolve("/metrics")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                double heapBytes = 0;
                boolean sawHeap = false;
                for (String line : r.body().split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        heapBytes += value(line);
                        sawHeap = true;
                    } else if (line.startsWith("process_cpu_usage ")) {
                        cpu = String.format(Locale.ROOT, "%.3f", value(line));
                    }
                }
                if (sawHeap) heap = Long.toString(Math.round(heapBytes / (1024 * 1024)));
            }
        } catch (Exception e) {
            // no metrics: n/a
        }
        out.println("server_heap_mb=" + heap);
        out.println("server_cpu=" + cpu);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
