package lab.deadrelu.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * cookie, sets the speed, presses play and reads its SSE stream. Once the class is set up (or the
 * setup time is over) it measures for --seconds, then stops by itself. Prints one `name=value` line per measure:
 * <pre>
 * students_connected  setup_s  frames_per_s  gap_ms_p50  gap_ms_p99  gap_ms_max  errors  bytes_per_frame
 * server_heap_mb  server_cpu  loadtest_cpu  (first_error, when there were errors)
 * failovers  recovery_ms_p50  recovery_ms_p99  recovery_ms_max  recovered_same_numbers  errors_after_recovery
 * </pre>
 * Failover (several instances behind a proxy, --base the proxy): when a student's stream ends or says
 * `gone` before the end (or a control answers that the instance does not know the run), the student reopens the last link it saw (its stream's, at=the step on screen; or the
 * link it opened, if no frame came), checks that the page shows the same step and loss as the last frame (or page) before the break, presses
 * play again and reads the new stream. recovery_ms is from the break to the new stream's first frame;
 * errors_after_recovery counts failures of students that had failed over. Cookies the responses set
 * (the session's, and a proxy's stickiness cookie) are sent back with every request.
 * A frame is a new `id:` value on a student's stream; gaps are between consecutive frames of one
 * student within the measured window, pooled over all students. server_cpu and loadtest_cpu are cores
 * busy on average over the window (the server's from its metrics: --metrics, which the server serves
 * off its public port, see METRICS_PORT and METRICS_TOKEN; n/a without them). Loopback only. Threads stay
 * bounded: a few HttpClients on a small pool read every stream asynchronously, line by line.
 * <p>
 * Every student comes from 127.0.0.1, so the server's per-address limits apply to the whole class:
 * more students than NEW_SESSION_BURST (default 400) or SIMS_PER_ADDRESS (default 1000) need a server
 * started with those raised (the server's own settings: nothing here can lift them).
 */
@Command(name = "loadtest",
        description = "Simulates students watching their labs over SSE against a local server and reports frame rates and gaps.",
        footer = {"", "All students come from 127.0.0.1: for more than 400 students start the server with NEW_SESSION_BURST",
                "(and above 1000 also SIMS_PER_ADDRESS) at least --students, e.g.",
                "  NEW_SESSION_BURST=2000 SIMS_PER_ADDRESS=2000 java -jar target/dead-relu-lab.jar"})
public final class LoadTestCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--students", defaultValue = "50", paramLabel = "N", description = "Simulated students, 1..2000 (default: ${DEFAULT-VALUE}).")
    int students = 50;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S", description = "Duration in seconds, 1..600 (default: ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--setup-seconds", defaultValue = "60", paramLabel = "S",
            description = "Most time for the students to open their labs before measuring, 1..600 (default: ${DEFAULT-VALUE}).")
    int setupSeconds = 60;

    @Option(names = "--base", defaultValue = "http://127.0.0.1:7070", paramLabel = "URL", description = "The server; loopback only (default: ${DEFAULT-VALUE}).")
    String base = "http://127.0.0.1:7070";

    // pause=off: case 2 stops at its death (step 8) by default, and a class would soon watch paused runs
    @Option(names = "--link", defaultValue = "scenario=case-2&pause=off", paramLabel = "QUERY", description = "The lab link each student opens (default: ${DEFAULT-VALUE}).")
    String link = "scenario=case-2&pause=off";

    @Option(names = "--class", paramLabel = "CODE", description = "Every student joins this class: class=CODE is added to the link (letters and digits).")
    String classCode;

    @Option(names = "--speed", defaultValue = "10", paramLabel = "STEPS", description = "Steps per second each student sets (default: ${DEFAULT-VALUE}).")
    int speed = 10;

    @Option(names = "--metrics", paramLabel = "URL",
            description = "The server's Prometheus metrics, for server_cpu and server_heap_mb; loopback only "
                    + "(default: /metrics on --base, which the server serves only with METRICS_TOKEN; with METRICS_PORT=9464 "
                    + "it is http://127.0.0.1:9464/metrics).")
    String metrics;

    @Option(names = "--metrics-token", paramLabel = "TOKEN", defaultValue = "${env:METRICS_TOKEN}",
            description = "Sent as 'Authorization: Bearer TOKEN' to --metrics (default: $METRICS_TOKEN, if set).")
    String metricsToken;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** A lab page's stream (its simulation's id), and the session cookie a Set-Cookie header carries: the chaos command reads them too. */
    static final Pattern STREAM = Pattern.compile("sse-connect=\"[^\"]*/lab/([A-Za-z0-9_-]+)/stream\"");
    static final Pattern COOKIE = Pattern.compile("(lab_session=[^;]*)");
    private static final Duration GRACE = Duration.ofSeconds(3);
    /** The step a lab link opens at (none: step 0). */
    private static final Pattern AT = Pattern.compile("[?&]at=(\\d+)");
    /** A stream's status event: the step and the loss as the page shows them; the link event's href. */
    private static final Pattern STEP = Pattern.compile("id=\"step\"[^>]*>([^<]*)<"), LOSS = Pattern.compile("id=\"loss-value\"[^>]*>([^<]*)<"),
            HREF = Pattern.compile("<a href=\"([^\"]*)\""), SET_COOKIE = Pattern.compile("^\\s*([^=;\\s]+)=([^;]*)");
    /** Breaks one student recovers from before it gives up (a server that keeps dropping it is an error). */
    private static final int MAX_FAILOVERS = 20;
    /** Students setting up at the same moment (opening, speed, play, stream headers). */
    private static final int SETUP_IN_FLIGHT = 64;

    /** One student: its cookies, its stream subscription, the arrival times of its frames, and what the last frame showed. */
    private static final class Student implements Flow.Subscriber<String> {
        /** When each frame began to arrive, and its size in bytes: plain arrays, a long run has millions (guarded by this). */
        long[] arrivals = new long[256];
        long[] sizes = new long[256];
        int frames;
        volatile Flow.Subscription subscription;
        volatile boolean connected;
        volatile boolean stopped;
        String lastId;
        /** Runs once, when its first stream's headers arrive (the setup's count of students connected). */
        Runnable onConnected = () -> {};
        /** Cookies by name ("name=value"): the session's and any a proxy sets (guarded by this). */
        final java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();
        /** The frame being read (its event, step, loss) and the last whole one (its link closes a frame). */
        String event, frameStep, frameLoss;
        String lastLink, lastStep, lastLoss;
        boolean gone;
        /** Failover: breaks so far, when the current one began (0: none), recoveries in ns, and whether each kept the numbers. */
        int failovers, sameNumbers;
        long brokeAt;
        final List<Long> recoveries = new ArrayList<>();

        @Override public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (stopped) s.cancel(); else s.request(Long.MAX_VALUE);
        }

        @Override public void onNext(String line) {
            synchronized (this) {
                if (line.startsWith("id:")) {
                    String id = line.substring(3).trim();
                    if (!id.equals(lastId)) {   // a new frame: its events all carry its id
                        lastId = id;
                        if (frames == arrivals.length) {
                            arrivals = Arrays.copyOf(arrivals, frames * 2);
                            sizes = Arrays.copyOf(sizes, frames * 2);
                        }
                        arrivals[frames++] = System.nanoTime();
                        if (brokeAt != 0) {   // the first frame after a break: recovered
                            recoveries.add(System.nanoTime() - brokeAt);
                            brokeAt = 0;
                        }
                    }
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                    if (event.equals("gone")) gone = true;
                } else if (line.startsWith("data:") && event != null) {
                    read(line);
                }
                if (frames > 0) sizes[frames - 1] += line.length() + 1;
            }
        }

        /**
         * The step and loss of the status event; the link event ends a frame: it and its status become the last seen,
         * when they are of one step. A slow watcher's write merges frames (the newest of each region wins), so a
         * newer status may come before an older link; such a pair is not what a page at that link shows.
         */
        private void read(String data) {
            if (event.equals("status")) {
                Matcher step = STEP.matcher(data), loss = LOSS.matcher(data);
                if (step.find()) frameStep = step.group(1).trim();
                if (loss.find()) frameLoss = loss.group(1).trim();
            } else if (event.equals("link")) {
                Matcher href = HREF.matcher(data);
                if (href.find()) {
                    String link = href.group(1).replace("&amp;", "&");
                    Matcher at = AT.matcher(link);
                    String linkStep = at.find() ? at.group(1) : "0";
                    if (frameStep != null && linkStep.equals(frameStep.replaceAll("[^0-9]", ""))) {
                        lastLink = link;
                        lastStep = frameStep;
                        lastLoss = frameLoss;
                    }
                }
            }
        }

        @Override public void onError(Throwable t) {}
        @Override public void onComplete() {}

        synchronized void keepCookies(HttpResponse<?> response) {
            for (String header : response.headers().allValues("Set-Cookie")) {
                Matcher m = SET_COOKIE.matcher(header);
                if (m.find()) cookies.put(m.group(1), m.group(1) + "=" + m.group(2));
            }
        }

        synchronized String cookieHeader() {
            return String.join("; ", cookies.values());
        }

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
        if (setupSeconds < 1 || setupSeconds > 600) throw new CommandLine.ParameterException(cli, "--setup-seconds must be in 1..600, got " + setupSeconds);
        if (classCode != null && !classCode.matches("[A-Za-z0-9]{1,32}"))
            throw new CommandLine.ParameterException(cli, "--class must be a class code (letters and digits), got " + classCode);
        URI root = loopbackOrRefuse(cli, base);
        URI metricsUri = metrics == null ? root.resolve("/metrics") : loopbackOrRefuse(cli, metrics, "--metrics");
        String token = metricsToken == null || metricsToken.isBlank() ? null : metricsToken.trim();
        PrintWriter out = cli.getOut();

        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "loadtest");
            t.setDaemon(true);
            return t;
        });
        // Each client reads all its connections on one selector thread: several share the work of a large class.
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < Math.min(4, (students + 249) / 250); i++)
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool).connectTimeout(Duration.ofSeconds(5)).build());
        AtomicInteger errors = new AtomicInteger(), errorsAfterRecovery = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        List<Student> all = new ArrayList<>();
        List<CompletableFuture<?>> running = new ArrayList<>();
        Semaphore setup = new Semaphore(SETUP_IN_FLIGHT);
        long start = System.nanoTime(), setupEnd = start + TimeUnit.SECONDS.toNanos(setupSeconds);
        Window window;
        try {
            // Setup: every student opens its lab, presses play and starts reading, at most SETUP_IN_FLIGHT at a time.
            for (int i = 0; i < students && System.nanoTime() < setupEnd; i++) {
                if (!setup.tryAcquire(Math.max(0, setupEnd - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
                Student s = new Student();
                all.add(s);
                running.add(begin(clients.get(i % clients.size()), root, s, setup::release).handle((ok, failure) -> {
                    if (!s.connected) setup.release();   // it never reached its stream: free its setup place
                    if (failure != null && !s.stopped) {
                        if (errors.incrementAndGet() == 1) firstError.set(reason(failure));
                        synchronized (s) {
                            if (s.failovers > 0) errorsAfterRecovery.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            setup.tryAcquire(SETUP_IN_FLIGHT, Math.max(0, setupEnd - System.nanoTime()), TimeUnit.NANOSECONDS);   // the last ones connect
            // Measurement: a steady class, from the server's point of view too.
            window = new Window(System.nanoTime(), ServerReading.scrape(clients.get(0), metricsUri, token), ownCpuNanos());
            TimeUnit.SECONDS.sleep(seconds);
            window.close(System.nanoTime(), ServerReading.scrape(clients.get(0), metricsUri, token), ownCpuNanos());
        } finally {
            all.forEach(Student::stop);
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the ones still setting up when the time ran out are dropped with the client
        }

        int connected = 0, failovers = 0, sameNumbers = 0;
        List<Long> recoveries = new ArrayList<>();
        long frames = 0, bytes = 0;
        long[] gaps = new long[1024];   // nanoseconds
        int gapCount = 0;
        for (Student s : all) {
            if (s.connected) connected++;
            synchronized (s) {
                failovers += s.failovers;
                sameNumbers += s.sameNumbers;
                recoveries.addAll(s.recoveries);
                long previous = -1;
                for (int k = 0; k < s.frames; k++) {
                    long at = s.arrivals[k];
                    if (at < window.from || at > window.to) continue;
                    frames++;
                    bytes += s.sizes[k];
                    if (previous >= 0) {
                        if (gapCount == gaps.length) gaps = Arrays.copyOf(gaps, gapCount * 2);
                        gaps[gapCount++] = at - previous;
                    }
                    previous = at;
                }
            }
        }
        gaps = Arrays.copyOf(gaps, gapCount);
        Arrays.sort(gaps);
        double measured = (window.to - window.from) / 1e9;
        out.println("students_connected=" + connected);
        out.println(String.format(Locale.ROOT, "setup_s=%.1f", (window.from - start) / 1e9));
        out.println(String.format(Locale.ROOT, "frames_per_s=%.1f", frames / measured));
        out.println("gap_ms_p50=" + percentile(gaps, 0.50));
        out.println("gap_ms_p99=" + percentile(gaps, 0.99));
        out.println("gap_ms_max=" + percentile(gaps, 1.0));
        out.println("errors=" + errors.get());
        if (firstError.get() != null) out.println("first_error=" + firstError.get());
        out.println("bytes_per_frame=" + (frames == 0 ? "n/a" : Long.toString(bytes / frames)));
        out.println("server_heap_mb=" + window.serverHeapMb());
        out.println("server_cpu=" + window.serverCores());
        out.println("loadtest_cpu=" + window.ownCores());
        long[] recovered = recoveries.stream().mapToLong(Long::longValue).sorted().toArray();
        out.println("failovers=" + failovers);
        out.println("recovery_ms_p50=" + percentile(recovered, 0.50));
        out.println("recovery_ms_p99=" + percentile(recovered, 0.99));
        out.println("recovery_ms_max=" + percentile(recovered, 1.0));
        out.println("recovered_same_numbers=" + sameNumbers);
        out.println("errors_after_recovery=" + errorsAfterRecovery.get());
        out.flush();
        pool.shutdownNow();
        return 0;
    }

    /** The measured stretch: its ends, and the server's and our own CPU time at each. */
    private static final class Window {
        final long from;
        long to;
        final ServerReading serverAtStart;
        ServerReading serverAtEnd;
        final long ownCpuAtStart;
        long ownCpuAtEnd;

        Window(long from, ServerReading server, long ownCpu) {
            this.from = from;
            this.serverAtStart = server;
            this.ownCpuAtStart = ownCpu;
        }

        void close(long to, ServerReading server, long ownCpu) {
            this.to = to;
            this.serverAtEnd = server;
            this.ownCpuAtEnd = ownCpu;
        }

        /** Cores busy on average: CPU time over wall time. */
        private String cores(long cpuNanos) {
            return cpuNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) cpuNanos / (to - from));
        }

        String serverCores() {
            if (serverAtStart == null || serverAtEnd == null) return "n/a";
            return cores(serverAtEnd.cpuNanos() - serverAtStart.cpuNanos());
        }

        String serverHeapMb() {
            return serverAtEnd == null ? "n/a" : Long.toString(serverAtEnd.heapMb());
        }

        String ownCores() {
            return ownCpuAtStart < 0 ? "n/a" : cores(ownCpuAtEnd - ownCpuAtStart);
        }
    }

    /** This process's CPU time so far, or -1 where the JVM does not tell. */
    private static long ownCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The link each student opens first: --link, and the class to join. */
    private String firstLink() {
        return "/lab?" + link + (classCode == null ? "" : "&class=" + classCode);
    }

    /**
     * Open the link with a fresh cookie, set the speed, press play, then read the stream until stopped; `connected` runs once
     * its headers arrive. A stream that ends (or says `gone`) before the student stops is a break: see {@link #reopen}.
     */
    private CompletableFuture<Void> begin(HttpClient http, URI root, Student s, Runnable connected) {
        s.onConnected = connected;
        return watch(http, root, s, firstLink());
    }

    /** Opens `path` (a lab link), presses play on it and reads its stream; after a break, reopens the last link seen. */
    private CompletableFuture<Void> watch(HttpClient http, URI root, Student s, String path) {
        HttpRequest.Builder open = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        String known = s.cookieHeader();
        if (!known.isEmpty()) open.header("Cookie", known);
        return http.sendAsync(open.build(), HttpResponse.BodyHandlers.ofString()).thenCompose(page -> {
            s.keepCookies(page);
            Matcher id = STREAM.matcher(page.body());
            if (page.statusCode() == 429)
                throw new IllegalStateException("GET /lab answered 429: the server's per-address limits (NEW_SESSION_BURST, "
                        + "SIMS_PER_ADDRESS) are below this class; start it with both at least --students");
            if (page.statusCode() != 200 || !id.find() || !s.cookieHeader().contains("lab_session="))
                throw new IllegalStateException("GET /lab answered " + page.statusCode());
            Matcher step = STEP.matcher(page.body()), loss = LOSS.matcher(page.body());
            String pageStep = step.find() ? step.group(1).trim() : null, pageLoss = loss.find() ? loss.group(1).trim() : null;
            synchronized (s) {
                // reopened after a break: the page must show what the student last saw at that step (its last frame, or this
                // link's page when the break came before any frame)
                if (s.brokeAt != 0 && pageStep != null && pageStep.equals(s.lastStep) && pageLoss != null && pageLoss.equals(s.lastLoss)) s.sameNumbers++;
                s.lastLink = path;
                s.lastStep = pageStep;
                s.lastLoss = pageLoss;
                s.lastId = null;
                s.gone = false;
            }
            String lab = "/lab/" + id.group(1);
            return post(http, root, lab + "/speed", s.cookieHeader(), "speed=" + speed)
                    .thenCompose(x -> post(http, root, lab + "/play", s.cookieHeader(), ""))
                    .thenCompose(x -> http.sendAsync(HttpRequest.newBuilder(root.resolve(lab + "/stream"))
                            .header("Accept", "text/event-stream").header("Cookie", s.cookieHeader()).GET().build(),
                            info -> {
                                if (info.statusCode() == 200 && !s.connected) {
                                    s.connected = true;
                                    s.onConnected.run();
                                }
                                return HttpResponse.BodySubscribers.fromLineSubscriber(s);
                            }))
                    .thenCompose(r -> {
                        if (r.statusCode() != 200) throw new IllegalStateException("stream answered " + r.statusCode());
                        return reopen(http, root, s);
                    })
                    // a control reached an instance that does not know the run (its own died meanwhile): as a page, reload
                    .exceptionallyCompose(e -> refreshed(e) ? reopen(http, root, s) : CompletableFuture.failedFuture(e));
        });
    }

    /** A control answered 204 with HX-Refresh: the instance does not know the run, the page would reload its link. */
    private static final class Refresh extends RuntimeException {
        Refresh(String path) {
            super("POST " + path + " asked for a reload", null, false, false);
        }
    }

    private static boolean refreshed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof Refresh) return true;
        return false;
    }

    /** The stream ended: done if the student stopped; else a break, and the student reopens the last link its stream showed. */
    private CompletableFuture<Void> reopen(HttpClient http, URI root, Student s) {
        if (s.stopped) return CompletableFuture.completedFuture(null);
        String again;
        synchronized (s) {
            if (++s.failovers > MAX_FAILOVERS) throw new IllegalStateException("the stream broke more than " + MAX_FAILOVERS + " times");
            s.brokeAt = System.nanoTime();
            again = s.lastLink;
        }
        return watch(http, root, s, again);
    }

    private static CompletableFuture<Void> post(HttpClient http, URI root, String path, String cookies, String form) {
        HttpRequest r = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("HX-Request", "true").header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.sendAsync(r, HttpResponse.BodyHandlers.discarding()).thenAccept(res -> {
            if (res.statusCode() == 204 && res.headers().firstValue("HX-Refresh").isPresent()) throw new Refresh(path);
            if (res.statusCode() != 200) throw new IllegalStateException("POST " + path + " answered " + res.statusCode());
        });
    }

    /** The base URL if its host is loopback (127.0.0.0/8, localhost, ::1); anything else is refused before any request. */
    static URI loopbackOrRefuse(CommandLine cli, String base) {
        return loopbackOrRefuse(cli, base, "--base").resolve("/");
    }

    /** The URL given as `option` if it is http on loopback; anything else is refused before any request. */
    static URI loopbackOrRefuse(CommandLine cli, String url, String option) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, option + " is not a URL: " + url);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || host.equals("::1")
                || host.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
        if (!"http".equals(uri.getScheme()) || !loopback)
            throw new CommandLine.ParameterException(cli, option + " must be an http URL on loopback (127.0.0.0/8, localhost, ::1), got " + url);
        return uri;
    }

    /** What went wrong, in one line: the innermost message (a CompletionException only wraps it). */
    private static String reason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage();
        return (message == null ? t.getClass().getSimpleName() : message).replaceAll("\\s+", " ");
    }

    /** Nearest-rank percentile of sorted nanoseconds, in whole ms, or n/a without any. */
    static String percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) return "n/a";
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return Long.toString(Math.round(sortedNanos[Math.max(0, rank - 1)] / 1e6));
    }
}
