package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, bad input: 10,000+ malformed requests over every route, from a seeded SplittableRandom
 * (set -Dfuzz.seed=N and -Dfuzz.requests=N to reproduce or to go further). Hostile parameters (huge
 * numbers, NaN, Infinity, negative, zero, unicode, 10 KB values, repeated keys, bad %-escapes, NUL
 * bytes), wrong methods, broken cookies, truncated and garbage bodies, wrong content types. Sent over
 * raw sockets so that nothing is cleaned up on the way. Never a 5xx; every 4xx says something, and a
 * 400 names the parameter.
 */
class FuzzTest extends HttpTestBase {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final ServerLog LOG = new ServerLog();

    static final long SEED = Long.getLong("fuzz.seed", 6_06_2026L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);

    static final String[] PATHS = {"/", "/lab", "/lab/{id}/{action}", "/lab/{id}/stream", "/compare", "/compare/{id}/{action}",
            "/compare/{id}/stream", "/experiments", "/experiments/sweep", "/experiments/born-dead", "/experiments/jobs/{id}/stream",
            "/experiments/jobs/{id}/cancel", "/api/scenarios", "/api/runs", "/api/experiments/sweep", "/api/experiments/sweep.csv",
            "/api/experiments/born-dead", "/api/experiments/born-dead/table", "/api/experiments/born-dead/table.csv",
            "/static/css/lab.css", "/static/js/lab.js", "/static/../../pom.xml", "/static/%2e%2e/%2e%2e/etc/passwd", "/webjars/htmx.org/",
            "/webjars/htmx.org/../../../x", "/api", "/api/nope", "/nope", "/lab/", "//lab", "/lab/{id}", "/compare/{id}"};
    static final String[] ACTIONS = {"play", "pause", "step", "epoch", "reset", "reinit", "redraw", "lr-now", "lr-restart", "act", "bias",
            "speed", "focus", "weight", "walk", "seek", "pause-at-death", "cancel", "stream", "", "..", "%00", "PLAY", "step%20", "x".repeat(300)};
    static final String[] NAMES = {"scenario", "layers", "act", "alpha", "bias", "w", "init", "scale", "lr", "n", "batch", "shuffle", "data",
            "noise", "center", "dseed", "seed", "ops", "at", "focus", "weight", "mark", "pause", "walk", "lang", "steps", "every", "fps", "a", "b",
            "vary", "from", "to", "points", "seeds", "widths", "depths", "trials", "inputs", "domain", "width", "depth", "acts", "inits",
            "speed", "layer", "neuron"};
    /** What a handler may name in a 400 though the request did not send it: fields it requires. */
    static final List<String> REQUIRED = List.of("lr", "act", "speed", "layer", "neuron", "to", "from", "scenario", "a", "b", "width");
    static final String[] COOKIES = {"lab_session=%%%", "lab_session=", "lab_session=" + "A".repeat(10_240), "=;;;=", "lab_session=中文🙂",
            "lab_session=AAAAAAAAAAAAAAAAAAAAAz", "lab_session=\"quoted\"; lab_session=two", "lab_session=a\u0001b", "x=" + "y".repeat(4000),
            "lab_session=AAAAAAAAAAAAAAAAAAAAAA", "lab_session=AAAAAAAAAAAAAAAAAAAAAA." + "A".repeat(43), "lab_session=AAAAAAAAAAAAAAAAAAAAAA.."};
    static final String[] CONTENT_TYPES = {"application/x-www-form-urlencoded", "application/json", "multipart/form-data",
            "multipart/form-data; boundary=", "text/plain", "application/x-www-form-urlencoded; charset=klingon", "garbage/garbage/garbage",
            "", ";;;"};

    /** A pool of sessions the app signed, so the simulations valid requests open stay few. */
    private List<String> sessions;

    @org.junit.jupiter.api.BeforeAll
    void signSessions() {
        sessions = List.of(newSession(), newSession(), newSession());
    }

    @Override
    protected Javalin createApp() {
        // Thousands of requests a second from three sessions and one address: the rate limit (and the
        // per-address rations of new sessions and simulations) would answer most of them before any
        // handler saw them, and the handlers are what this test is about.
        Config c = Config.forTests().withLimits(new Config.Limits(10, 10, 8, 100_000).withRequestRate(1_000_000, 100_000));
        return App.create(c.withClients(c.clients().withNewSessions(100_000, 1_000_000).withPerAddress(1_000_000, 64)));
    }

    record Fuzzed(int index, String method, String target, String head, byte[] body, List<String> names) {
        String describe() {
            String b = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
            return "#" + index + " " + method + " " + clip(target) + (b.isEmpty() ? "" : " body=" + clip(b));
        }
    }

    static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + ")" : s;
    }

    @Test
    void noMalformedRequestGetsA5xxAndEvery4xxSaysWhatIsWrong() throws Exception {
        SplittableRandom root = new SplittableRandom(SEED);
        List<Fuzzed> all = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) all.add(make(i, root.split()));

        int port = app.port();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicIntegerArray byStatus = new AtomicIntegerArray(600);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Fuzzed f : all) done.add(pool.submit(() -> check(port, f, failures, byStatus)));
            for (Future<?> d : done) d.get();
        } finally {
            pool.shutdownNow();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        StringBuilder figures = new StringBuilder();
        for (int s = 0; s < 600; s++) if (byStatus.get(s) > 0) figures.append(s == 0 ? "no answer" : s).append(": ").append(byStatus.get(s)).append("  ");
        System.out.printf("FuzzTest: %d requests (seed %d) in %d ms; statuses %s%n", REQUESTS, SEED, ms, figures);
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures (seed " + SEED + "), first 20:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private static void check(int port, Fuzzed f, List<String> failures, AtomicIntegerArray byStatus) {
        RawHttp.Response r;
        try {
            r = RawHttp.send(port, f.head(), f.body(), 15_000);
        } catch (Exception e) {
            failures.add(f.describe() + " -> " + e);
            return;
        }
        int status = r.status();
        byStatus.incrementAndGet(Math.max(status, 0));
        if (status < 0) {
            // Jetty may drop a connection whose body never comes (truncated); anything else must be answered
            if (!f.head().contains("X-Fuzz-Truncated")) failures.add(f.describe() + " -> no answer: " + clip(r.body()));
            return;
        }
        if (status >= 500) {
            failures.add(f.describe() + " -> " + status + ": " + clip(r.body()));
            return;
        }
        if (status >= 400 && r.body().isBlank() && !f.method().equals("HEAD")) failures.add(f.describe() + " -> " + status + " with an empty body");
        if (status == 400 && !namesSomething(r.body(), f)) failures.add(f.describe() + " -> 400 naming no parameter: " + clip(r.body()));
    }

    /** The sentence the app answers an htmx request's 400 with (for the page's message area, in either language): it starts with the parameter. */
    private static final java.util.regex.Pattern SENTENCE = java.util.regex.Pattern.compile("\\A([^<{\\n]*?) (?:cannot be |[^\\x00-\\x7F]).*\\z",   // English, or Chinese (read byte by byte)
            java.util.regex.Pattern.DOTALL);

    /**
     * A 400 from the app names a parameter the request sent (or one the route requires); one from Jetty (a request it could not
     * parse) says why. To an htmx request the app answers one sentence, "<parameter> cannot be “<value>”: ...", for the page's message area.
     */
    static boolean namesSomething(String body, Fuzzed f) {
        java.util.regex.Matcher sentence = SENTENCE.matcher(body);
        if (sentence.find()) {
            String named = sentence.group(1);
            return REQUIRED.contains(named) || f.names().stream().anyMatch(n -> n.isEmpty() || n.startsWith("%RAW") || named.contains(n));
        }
        if (!body.contains("error-page") && !body.startsWith("{")) return body.contains("400");   // Jetty's own: "Bad Message 400, reason: ..."
        for (String n : f.names()) {
            if (!n.isEmpty() && !n.startsWith("%RAW") && body.contains(n)) return true;
            // a name that is empty or a raw escape (%00) cannot be searched for: the page must still show the parameter problem
            if ((n.isEmpty() || n.startsWith("%RAW")) && (body.contains("parameter-problem") || body.contains("\"parameter\":"))) return true;
        }
        for (String n : REQUIRED) if (body.contains(">" + n + "<") || body.contains("\"parameter\":\"" + n + "\"")) return true;
        return false;
    }

    // ---- making requests ----

    private Fuzzed make(int index, SplittableRandom r) {
        String path = PATHS[r.nextInt(PATHS.length)];
        path = path.replace("{id}", id(r)).replace("{action}", ACTIONS[r.nextInt(ACTIONS.length)]);
        boolean experiment = path.startsWith("/experiments/") || path.startsWith("/api/experiments");
        int roll = r.nextInt(100);
        String method = roll < 50 ? "GET" : roll < 80 ? "POST" : roll < 87 ? "PUT" : roll < 94 ? "DELETE" : roll < 97 ? "PATCH" : "OPTIONS";

        List<String> names = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        int params = r.nextInt(6);
        boolean valid = path.equals("/lab") && r.nextInt(30) == 0;   // now and then a good link, so that pages are opened too
        if (valid) {
            query.append("scenario=").append(r.nextBoolean() ? "case-1" : "healthy");
            names.add("scenario");
        } else {
            for (int i = 0; i < params; i++) appendParam(query, names, r);
            // experiments are work: keep them to refusals (a parameter no experiment takes) so the fuzz stays cheap
            if (experiment || path.equals("/api/runs") || path.equals("/compare")) appendRaw(query, names, "fuzz-" + r.nextInt(1000), "1");
        }
        String target = path + (query.length() > 0 || r.nextInt(10) == 0 ? "?" + query : "");

        List<String> headers = new ArrayList<>();
        headers.add("Host: localhost:" + app.port());
        headers.add("Connection: close");
        int c = r.nextInt(10);
        if (c < 4) headers.add("Cookie: lab_session=" + sessions.get(r.nextInt(sessions.size())));
        else if (c < 7) headers.add("Cookie: " + COOKIES[r.nextInt(COOKIES.length)]);
        if (r.nextInt(5) == 0) headers.add("Accept: text/event-stream");
        if (r.nextInt(4) == 0) headers.add("HX-Request: " + (r.nextBoolean() ? "true" : "\u00ff\u00fe"));
        if (r.nextInt(8) == 0) headers.add("Accept-Language: " + pick(r, "zh", "*;q=NaN", "en;q=-1, zh;q=1e309", "\u00e4\u00f6", "x".repeat(2000)));
        if (r.nextInt(12) == 0) headers.add("Origin: " + pick(r, "http://[", "null", "https://evil.example", "http://localhost:" + app.port()));
        if (r.nextInt(12) == 0) headers.add("Sec-Fetch-Site: " + pick(r, "cross-site", "same-site", "same-origin", "\u0000"));
        if (r.nextInt(20) == 0) headers.add("Accept-Encoding: gzip;q=NaN, br");

        byte[] body = null;
        if (!method.equals("GET") && !method.equals("OPTIONS") || r.nextInt(20) == 0) {
            StringBuilder form = new StringBuilder();
            int kind = r.nextInt(6);
            if (kind <= 2) {
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) appendParam(form, names, r);
            } else if (kind == 3) {
                form.append("{\"lr\": NaN, \"act\": [1,2,{}]");
            } else if (kind == 4) {
                for (int i = 0, n = r.nextInt(3000); i < n; i++) form.append((char) r.nextInt(256));
            }
            body = form.toString().getBytes(kind == 4 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            if (r.nextInt(8) != 0) headers.add("Content-Type: " + CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)]);
            int length = body.length;
            if (r.nextInt(6) == 0) {   // a body cut short: the length promises more than comes
                length = body.length + 1 + r.nextInt(500);
                headers.add("X-Fuzz-Truncated: yes");
            }
            if (r.nextInt(25) == 0) headers.add("Content-Length: " + pick(r, "-1", "99999999999999999999", "abc"));
            else headers.add("Content-Length: " + length);
        }
        String head = method + " " + target + " HTTP/1.1\r\n" + String.join("\r\n", headers);
        return new Fuzzed(index, method, target, head, body, names);
    }

    private static void appendParam(StringBuilder q, List<String> names, SplittableRandom r) {
        String name = r.nextInt(8) == 0 ? garbageName(r) : NAMES[r.nextInt(NAMES.length)];
        String value = value(r);
        appendRaw(q, names, name, value);
        if (r.nextInt(10) == 0) appendRaw(q, names, name, value(r));   // a repeated key
    }

    private static void appendRaw(StringBuilder q, List<String> names, String name, String value) {
        names.add(name);
        if (q.length() > 0) q.append('&');
        q.append(encodeOrNot(name)).append('=').append(encodeOrNot(value));
    }

    /** Mostly well-escaped; some values carry their own broken escapes, which are sent as they are. */
    private static String encodeOrNot(String s) {
        return s.startsWith("%RAW") ? s.substring(4) : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String garbageName(SplittableRandom r) {
        return pick(r, "", "%RAW%", "%RAW%zz", "中文", "x".repeat(1 + r.nextInt(3000)), "lr[]", "%RAW%00", "a.b.c", "__proto__");
    }

    private static String value(SplittableRandom r) {
        return switch (r.nextInt(22)) {
            case 0 -> "NaN";
            case 1 -> pick(r, "Infinity", "-Infinity", "+Infinity", "1e309", "-1e309", "Inf");
            case 2 -> pick(r, "-1", "-0", "0", "-99999", "-1e-300");
            case 3 -> pick(r, "99999999999999999999999", "9223372036854775808", "2147483648", "1e18", "18446744073709551616");
            case 4 -> "9".repeat(10_240);
            case 5 -> "\u00fc\u4e2d\u6587\ud83d\ude42\u202e\ufeff";
            case 6 -> "%RAW" + pick(r, "%", "%zz", "%E2%82", "%C0%AF", "%%%", "%0", "%ff%fe", "%u0041");
            case 7 -> "%RAW%00";
            case 8 -> "a\u0000b";
            case 9 -> "";
            case 10 -> pick(r, "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "../../etc/passwd");
            case 11 -> pick(r, "2-3-1", "8-64-64-64-64-64-64-64-64-1", "1-0-1", "3--1", "-", "64-64-64-64-64-64-64-64-64-64-64-1");
            case 12 -> pick(r, "case-1", "case-2", "healthy", "CASE-1", "case-99");
            case 13 -> pick(r, "relu", "leaky", "elu", "tanh", "true", "false", "on", "b");
            case 14 -> pick(r, "1.5", "0.0", "1e6", "1e-320", "0x1p3", "1_000", "1,5", " 3 ", "3.");
            case 15 -> pick(r, "1.1", "2.1", "9.9", "0.0", "1.", ".1", "1.1.1");
            case 16 -> pick(r, "step@3:x", "lr@0:0.1", "redraw@-1", "x@1,y@2", ",,,,", "act@5:elu");
            case 17 -> Integer.toString(r.nextInt(0, 60));
            case 18 -> Long.toString(r.nextLong());
            case 19 -> pick(r, "en", "zh", "fr", "en-US", "zh-Hans");
            case 20 -> "x".repeat(r.nextInt(1, 500));
            default -> Double.toString(r.nextDouble() * 1e6 - 5e5);
        };
    }

    private static String id(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> Sessions.newId();
            case 1 -> "%00";
            case 2 -> "x".repeat(5000);
            case 3 -> "%E4%B8%AD%F0%9F%99%82";
            case 4 -> "..%2F..%2F";
            default -> "%RAW".substring(4) + "%zz";
        };
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
