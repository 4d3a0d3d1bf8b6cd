package lab.deadrelu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hostile clients against a running lab on loopback, while one ordinary student plays and watches:
 * large-network labs from fresh cookies, huge API runs, playing simulations nobody watches, invented
 * and forged cookies, experiments at their limits from many addresses (127.0.0.2 and up, one socket
 * bound to each). It prints what the student saw, what every attack was answered, what /healthz
 * said and the server's heap, one `name=value` per line, then a `problem=` line for each broken
 * promise; exit status 1 when there is any. A refusal is fine (4xx or 503 with words in it); a 500,
 * a refusal without a message, a lost connection or a healthy /healthz while the student's stream
 * stands still is not.
 */
@Command(name = "chaos",
        description = "Attacks a local server the ways one hostile client could, while a student plays, and reports whether the server held.")
public final class ChaosCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--base", defaultValue = "http://127.0.0.1:7070", paramLabel = "URL", description = "The server; loopback only (default: ${DEFAULT-VALUE}).")
    String base = "http://127.0.0.1:7070";

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S", description = "How long the attack lasts, 5..3600 (default: ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Option(names = "--attackers", defaultValue = "15", paramLabel = "N",
            description = "Attacking threads, spread over the kinds of attack, 5..500 (default: ${DEFAULT-VALUE}).")
    int attackers = 15;

    @Option(names = "--kinds", defaultValue = "big-labs,huge-runs,unwatched,forged-cookies,experiments", split = ",", paramLabel = "KIND",
            description = "Which attacks, comma-separated (default: all five: ${DEFAULT-VALUE}).")
    List<String> kinds = KINDS;

    @Option(names = "--addresses", defaultValue = "40", paramLabel = "N",
            description = "Loopback addresses the attackers come from (127.0.0.2 and up), 1..250 (default: ${DEFAULT-VALUE}).")
    int addresses = 40;

    @Option(names = "--student", defaultValue = "scenario=case-2&pause=off", paramLabel = "QUERY",
            description = "The lab link the ordinary student plays at 10 steps/s (default: ${DEFAULT-VALUE}).")
    String studentLink = "scenario=case-2&pause=off";

    @Option(names = "--min-fps", defaultValue = "8", paramLabel = "F",
            description = "Frames per second the student must get in every 5-second stretch (default: ${DEFAULT-VALUE}).")
    double minFps = 8;

    @Option(names = "--metrics", paramLabel = "URL", description = "Where to read the server's metrics (default: none, no heap figures).")
    String metrics;

    @Option(names = "--metrics-token", paramLabel = "TOKEN", description = "Bearer token for --metrics, if it needs one.")
    String metricsToken;

    @Option(names = "--settle-seconds", defaultValue = "0", paramLabel = "S",
            description = "After the attack, how long to wait for the heap to come back (default: ${DEFAULT-VALUE}: do not wait).")
    int settleSeconds = 0;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private static final Pattern STREAM = LoadTestCommand.STREAM, COOKIE = LoadTestCommand.COOKIE;
    private static final String BIG_NET = "layers=8-64-64-64-64-64-64-64-64-1&n=10000&lr=0.0001";
    private static final List<String> KINDS = List.of("big-labs", "huge-runs", "unwatched", "forged-cookies", "experiments");

    /** Answers per attack kind and status; problems in words. */
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong largestAnswer = new AtomicLong();
    /** Simulations the unwatched attackers opened: (id, cookie), for the forgers to try to drive. */
    private final List<String[]> victims = new CopyOnWriteArrayList<>();

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (seconds < 5 || seconds > 3600) throw new CommandLine.ParameterException(cli, "--seconds must be in 5..3600, got " + seconds);
        if (attackers < 5 || attackers > 500) throw new CommandLine.ParameterException(cli, "--attackers must be in 5..500, got " + attackers);
        if (addresses < 1 || addresses > 250) throw new CommandLine.ParameterException(cli, "--addresses must be in 1..250, got " + addresses);
        if (kinds.isEmpty() || !KINDS.containsAll(kinds)) throw new CommandLine.ParameterException(cli, "--kinds must name some of " + KINDS + ", got " + kinds);
        URI root = LoadTestCommand.loopbackOrRefuse(cli, base);
        if (metrics != null) LoadTestCommand.loopbackOrRefuse(cli, metrics);
        PrintWriter out = cli.getOut();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        LoopbackHttp raw = new LoopbackHttp(new InetSocketAddress(root.getHost(), root.getPort()), 30_000);

        Long heapBefore = heapMb(http);
        Student student = Student.start(http, root, studentLink);
        student.awaitFirstFrame(TimeUnit.SECONDS.toNanos(30));   // the student watches before the attack begins: its frames are counted from then
        long start = System.nanoTime(), end = start + TimeUnit.SECONDS.toNanos(seconds);
        Health health = new Health(http, root, student);
        Thread healthThread = daemon(() -> health.watch(end), "chaos-health");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            String kind = kinds.get(i % kinds.size());
            InetAddress from = InetAddress.getByName("127.0.0." + (2 + i % addresses));
            long seed = i;
            threads.add(daemon(() -> attack(raw, kind, from, seed, end), "chaos-" + kind));
        }
        long heapPeak = heapBefore == null ? -1 : heapBefore;
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            Long heap = heapMb(http);
            if (heap != null) heapPeak = Math.max(heapPeak, heap);
        }
        for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(40));
        healthThread.join(5_000);
        double worst = student.worstFps(start, end, 5);
        student.stop();

        Long heapAfter = heapMb(http);
        for (long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
             heapBefore != null && heapAfter != null && heapAfter > heapBefore + 64 && System.nanoTime() < settle; heapAfter = heapMb(http)) {
            TimeUnit.SECONDS.sleep(2);
        }

        if (student.failure != null) problems.add("the student could not play: " + student.failure);
        if (worst < minFps) problems.add(String.format(Locale.ROOT, "the student got %.1f frames/s in its worst 5 s, under %.1f", worst, minFps));
        out.println(String.format(Locale.ROOT, "student_frames_per_s=%.1f", student.frames(start, end) / ((end - start) / 1e9)));
        out.println(String.format(Locale.ROOT, "student_worst_5s_frames_per_s=%.1f", worst));
        out.println("student_frames_each_second=" + student.eachSecond(start, end));
        new TreeMap<>(answers).forEach((what, n) -> out.println("answers{" + what + "}=" + n.sum()));
        out.println("largest_answer_bytes=" + largestAnswer.get());
        out.println("healthz_ok=" + health.ok.sum());
        out.println("healthz_unhealthy=" + health.unhealthy.sum());
        out.println("heap_mb_before=" + (heapBefore == null ? "n/a" : heapBefore));
        out.println("heap_mb_peak=" + (heapPeak < 0 ? "n/a" : heapPeak));
        out.println("heap_mb_after=" + (heapAfter == null ? "n/a" : heapAfter));
        problems.addAll(health.problems);
        problems.stream().distinct().limit(20).forEach(p -> out.println("problem=" + p.replaceAll("\\s+", " ")));
        out.println("problems=" + problems.size());
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /** One attacker: the same kind of request again and again from one address until the end. */
    private void attack(LoopbackHttp raw, String kind, InetAddress from, long seed, long end) {
        SplittableRandom random = new SplittableRandom(seed);
        while (System.nanoTime() < end) {
            try {
                switch (kind) {
                    case "big-labs" -> judge(kind, raw.send(from, "GET", "/lab?scenario=case-2&" + BIG_NET, Map.of(), null));
                    case "huge-runs" -> judge(kind, raw.send(from, "GET", random.nextBoolean()   // the most snapshots an answer may hold
                            ? "/api/runs?scenario=deep-net-works-anyway&steps=3000&every=6&seed=" + random.nextInt(1_000_000)
                            : "/api/runs?scenario=case-2&" + BIG_NET + "&steps=60&every=2&seed=" + random.nextInt(1_000_000), Map.of(), null));
                    case "unwatched" -> playUnwatched(raw, from);
                    case "forged-cookies" -> forge(raw, from, random);
                    case "experiments" -> judge(kind, raw.send(from, "GET", random.nextBoolean()
                            ? "/api/experiments/sweep?scenario=deep-net-works-anyway&vary=lr&points=40&seeds=1&steps=30000&seed=" + random.nextInt(1_000_000)
                            : "/api/experiments/born-dead?width=64&depth=64&inputs=8&trials=8000&seed=" + random.nextInt(1_000_000), Map.of(), null));
                    default -> throw new IllegalStateException(kind);
                }
            } catch (IOException | RuntimeException e) {
                count(kind, "failed");
                if (System.nanoTime() < end) problems.add(kind + ": " + e);
            }
        }
    }

    /** Opens a deep lab with a fresh cookie, sets it to full speed and presses play; never opens its stream. */
    private void playUnwatched(LoopbackHttp raw, InetAddress from) throws IOException {
        LoopbackHttp.Answer page = raw.send(from, "GET", "/lab?scenario=deep-net-works-anyway", Map.of(), null);
        judge("unwatched", page);
        Matcher id = STREAM.matcher(page.body());
        Matcher cookie = COOKIE.matcher(String.valueOf(page.header("set-cookie")));
        if (page.status() != 200 || !id.find() || !cookie.find()) return;
        Map<String, String> as = Map.of("Cookie", cookie.group(1), "HX-Request", "true");
        judge("unwatched", raw.send(from, "POST", "/lab/" + id.group(1) + "/speed", as, "speed=0"));
        judge("unwatched", raw.send(from, "POST", "/lab/" + id.group(1) + "/play", as, ""));
        if (victims.size() < 1000) victims.add(new String[] {id.group(1), cookie.group(1)});
    }

    /** Invented cookies: a fixed one everybody could guess, random well-formed ones, and someone else's simulation driven with one. */
    private void forge(LoopbackHttp raw, InetAddress from, SplittableRandom random) throws IOException {
        String invented = random.nextBoolean() ? "AAAAAAAAAAAAAAAAAAAAAA" : randomId(random);
        judge("forged-cookies", raw.send(from, "GET", "/lab?scenario=case-2", Map.of("Cookie", "lab_session=" + invented), null));
        if (victims.isEmpty()) return;
        String[] victim = victims.get(random.nextInt(victims.size()));
        LoopbackHttp.Answer a = raw.send(from, "POST", "/lab/" + victim[0] + "/reset",
                Map.of("Cookie", "lab_session=" + invented, "HX-Request", "true"), "");
        judge("forged-cookies", a);
        if (a.status() == 200) problems.add("an invented cookie drove another browser's simulation");   // 204 + HX-Refresh: "not here"
    }

    private static String randomId(SplittableRandom random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 21; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return s.append("AQgw".charAt(random.nextInt(4))).toString();
    }

    /** Counts an answer; a server error, or a refusal without words, is a problem. */
    private void judge(String kind, LoopbackHttp.Answer a) {
        count(kind, Integer.toString(a.status()));
        largestAnswer.accumulateAndGet(a.length(), Math::max);
        if (a.status() >= 500 && a.status() != 503) problems.add(kind + ": " + a.status() + " " + snippet(a.body()));
        if (a.status() >= 400 && !saysSomething(a.body())) problems.add(kind + ": a " + a.status() + " without a message");
    }

    /** Whether a body has at least 10 characters of text outside its tags (scanned, not copied: thousands of answers a second). */
    static boolean saysSomething(String body) {
        int text = 0;
        boolean inTag = false;
        for (int k = 0; k < body.length() && text < 10; k++) {
            char c = body.charAt(k);
            if (c == '<') inTag = true;
            else if (c == '>') inTag = false;
            else if (!inTag && !Character.isWhitespace(c)) text++;
        }
        return text >= 10;
    }

    private void count(String kind, String outcome) {
        answers.computeIfAbsent(kind + "," + outcome, k -> new LongAdder()).increment();
    }

    private static String snippet(String body) {
        String s = body.replaceAll("\\s+", " ").trim();
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** Heap in use from the metrics, in MB, or null without metrics. */
    private Long heapMb(HttpClient http) {
        ServerReading r = metrics == null ? null : ServerReading.scrape(http, URI.create(metrics), metricsToken);
        return r == null ? null : r.heapMb();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Polls /healthz twice a second: it must always answer (200 or 503), and never say ok while the student's stream stands still. */
    private static final class Health {
        final HttpClient http;
        final URI root;
        final Student student;
        final LongAdder ok = new LongAdder(), unhealthy = new LongAdder();
        final List<String> problems = new CopyOnWriteArrayList<>();

        Health(HttpClient http, URI root, Student student) {
            this.http = http;
            this.root = root;
            this.student = student;
        }

        void watch(long end) {
            while (System.nanoTime() < end) {
                try {
                    long asked = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.resolve("/healthz")).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        ok.increment();
                        if (student.stalledFor(asked) > TimeUnit.SECONDS.toNanos(3))
                            problems.add("/healthz said ok while the student's stream had stood still for more than 3 s");
                    } else if (r.statusCode() == 503) {
                        unhealthy.increment();
                    } else {
                        problems.add("/healthz answered " + r.statusCode());
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (IOException e) {
                    problems.add("/healthz did not answer: " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The ordinary student: opens its link, sets 10 steps/s, presses play and reads its stream, noting when each frame came. */
    private static final class Student implements Flow.Subscriber<String> {
        private final List<Long> arrivals = new ArrayList<>();
        private String lastId;
        private volatile Flow.Subscription subscription;
        volatile String failure;
        private final long started = System.nanoTime();

        static Student start(HttpClient http, URI root, String link) throws InterruptedException {
            Student s = new Student();
            try {
                s.begin(http, root, link);
            } catch (IOException e) {
                s.failure = "it could not reach the server: " + e;
            }
            return s;
        }

        private void begin(HttpClient http, URI root, String link) throws IOException, InterruptedException {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(root.resolve("/lab?" + link)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = STREAM.matcher(page.body());
            Matcher cookie = COOKIE.matcher(String.join(";", page.headers().allValues("Set-Cookie")));
            if (page.statusCode() != 200 || !id.find() || !cookie.find()) {
                failure = "GET /lab?" + link + " answered " + page.statusCode();
                return;
            }
            String lab = "/lab/" + id.group(1), session = cookie.group(1);
            for (String[] control : List.of(new String[] {"/speed", "speed=10"}, new String[] {"/play", ""})) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(root.resolve(lab + control[0])).timeout(Duration.ofSeconds(10))
                        .header("HX-Request", "true").header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(control[1])).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    failure = "POST " + lab + control[0] + " answered " + r.statusCode();
                    return;
                }
            }
            http.sendAsync(HttpRequest.newBuilder(root.resolve(lab + "/stream")).header("Accept", "text/event-stream").header("Cookie", session).GET().build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(this));
        }

        @Override public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override public synchronized void onNext(String line) {
            if (!line.startsWith("id:")) return;
            String id = line.substring(3).trim();
            if (id.equals(lastId)) return;   // a new frame: its events all carry its id
            lastId = id;
            arrivals.add(System.nanoTime());
            notifyAll();
        }

        @Override public void onError(Throwable t) {
            if (failure == null) failure = "its stream broke: " + t;
        }

        @Override public void onComplete() {
            if (failure == null) failure = "its stream ended";
        }

        /** Waits until the first frame has come (or the student failed, or `nanos` passed). */
        synchronized void awaitFirstFrame(long nanos) throws InterruptedException {
            for (long until = System.nanoTime() + nanos; arrivals.isEmpty() && failure == null && System.nanoTime() < until; ) wait(100);
        }

        synchronized long frames(long from, long to) {
            return arrivals.stream().filter(t -> t >= from && t <= to).count();
        }

        /** Frames in each whole second of [from, to], comma-separated: where the worst stretch was. */
        synchronized String eachSecond(long from, long to) {
            StringBuilder s = new StringBuilder();
            for (long a = from; a + TimeUnit.SECONDS.toNanos(1) <= to; a += TimeUnit.SECONDS.toNanos(1))
                s.append(s.length() == 0 ? "" : ",").append(frames(a, a + TimeUnit.SECONDS.toNanos(1) - 1));
            return s.toString();
        }

        /** The fewest frames per second in any `window`-second stretch of [from, to], sliding by a second. */
        synchronized double worstFps(long from, long to, int window) {
            long width = TimeUnit.SECONDS.toNanos(window);
            double worst = Double.MAX_VALUE;
            for (long a = from; a + width <= to; a += TimeUnit.SECONDS.toNanos(1)) worst = Math.min(worst, frames(a, a + width) / (double) window);
            return worst == Double.MAX_VALUE ? frames(from, to) / ((to - from) / 1e9) : worst;
        }

        /** How long before `at` the last frame came (from the start if none has). */
        synchronized long stalledFor(long at) {
            long last = started;
            for (long t : arrivals) if (t <= at) last = Math.max(last, t);
            return at - last;
        }

        void stop() {
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
        }
    }
}
