package lab.deadrelu.web;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import lab.deadrelu.sim.MemoryBudget;

/**
 * How the server runs, read once at startup.
 *
 * @param port           PORT, default 7070 (0 picks a free port)
 * @param basePath       BASE_PATH, default "": the prefix the app lives under, e.g. "/relu" behind a proxy
 * @param frameAncestors FRAME_ANCESTORS, default 'self': who may frame the lab's embed mode (CSP frame-ancestors; other pages: 'self')
 * @param dev            system property deadrelu.dev=true: templates and static files reload from disk
 * @param limits         how many simulations, how long they idle, how many frames per second, how many requests
 * @param ops            how it is watched (metrics) and when it stops advancing runs nobody watches
 * @param memory         how much heap labs, comparisons, experiments and API runs may take, in all and per browser
 * @param clients        how clients are told apart (signed sessions, addresses, proxies) and what one address may take
 * @param work           how many heavy requests (large networks, long replays) may compute at once, and how long one waits its turn
 * @param classes        how long a class lasts, how many there may be, and where they live (this process, or Redis shared by instances)
 */
public record Config(int port, String basePath, String frameAncestors, boolean dev, Limits limits, Ops ops, Memory memory, Clients clients,
                     Work work, Classes classes) {

    /**
     * Classes a teacher opens on /course (see lab.deadrelu.classroom).
     *
     * @param hours       CLASS_HOURS, default 6 (1..48): a class ends by itself this long after it was opened
     * @param maxClasses  MAX_CLASSES, default 200 (1..100000): classes open at once on the server (or the Redis all instances share)
     * @param maxStudents CLASS_STUDENTS, default 2500 (1..100000): students one class holds
     * @param redisUrl    REDIS_URL, default none (null): redis://host:port[/db]; with it, classes and their messages go through
     *                    Redis, so every instance behind a proxy sees the same classes
     */
    public record Classes(int hours, int maxClasses, int maxStudents, String redisUrl) {
        public static final Classes DEFAULT = new Classes(6, 200, 2500, null);

        public Classes {
            if (hours < 1 || hours > 48) throw new IllegalArgumentException("CLASS_HOURS must be 1..48, got " + hours);
            if (maxClasses < 1 || maxClasses > 100_000) throw new IllegalArgumentException("MAX_CLASSES must be 1..100000, got " + maxClasses);
            if (maxStudents < 1 || maxStudents > 100_000) throw new IllegalArgumentException("CLASS_STUDENTS must be 1..100000, got " + maxStudents);
            redisUrl = redisUrl == null || redisUrl.isBlank() ? null : redisUrl.trim();
            if (redisUrl != null && !redisUrl.matches("rediss?://([^@/\\s]*@)?[A-Za-z0-9.\\[\\]:-]+(:\\d{1,5})?(/\\d{1,2})?")) {
                throw new IllegalArgumentException("REDIS_URL must look like redis://host:6379 or redis://:password@host:6379/0, got a value that does not");
            }
        }

        static Classes fromEnv(Map<String, String> env) {
            return new Classes(Limits.number(env, "CLASS_HOURS", DEFAULT.hours), Limits.number(env, "MAX_CLASSES", DEFAULT.maxClasses),
                    Limits.number(env, "CLASS_STUDENTS", DEFAULT.maxStudents), env.get("REDIS_URL"));
        }

        public Classes withRedisUrl(String url) {
            return new Classes(hours, maxClasses, maxStudents, url);
        }

        /** Never a password the URL may carry: settings get logged. */
        @Override
        public String toString() {
            return "Classes[hours=" + hours + ", maxClasses=" + maxClasses + ", maxStudents=" + maxStudents + ", redis="
                    + (redisUrl == null ? "none" : "(set)") + "]";
        }
    }

    /**
     * The gate for heavy requests (see HeavyWork): a lab page, control, comparison or API run whose work,
     * estimated from its link, is large computes only with one of `heavyRequests` permits, so that the
     * ticker and light pages always keep a core. Experiment tasks and the ticker's heavy lane share the
     * same permits (see CoreBudget).
     *
     * @param heavyRequests   HEAVY_REQUESTS, default one less than the cores, at least 1 (1..256): heavy work computing at once
     * @param heavyWaitMillis HEAVY_WAIT_MS, default 2000 (0..60000): how long a heavy request waits for a permit before a 503
     */
    public record Work(int heavyRequests, int heavyWaitMillis) {
        public static final Work DEFAULT = new Work(lab.deadrelu.sim.CoreBudget.coresButOne(), 2000);

        public Work {
            if (heavyRequests < 1 || heavyRequests > 256) throw new IllegalArgumentException("HEAVY_REQUESTS must be 1..256, got " + heavyRequests);
            if (heavyWaitMillis < 0 || heavyWaitMillis > 60_000) {
                throw new IllegalArgumentException("HEAVY_WAIT_MS must be 0..60000, got " + heavyWaitMillis);
            }
        }

        static Work fromEnv(Map<String, String> env) {
            return new Work(Limits.number(env, "HEAVY_REQUESTS", DEFAULT.heavyRequests), Limits.number(env, "HEAVY_WAIT_MS", DEFAULT.heavyWaitMillis));
        }
    }

    /**
     * @param unwatchedSeconds UNWATCHED_SECONDS, default 5 (1..3600): a playing run with no open stream for this
     *                         long stops advancing, and goes on by itself when a stream for it opens again
     * @param metricsHost      METRICS_HOST, default 127.0.0.1: the address the metrics listener binds
     * @param metricsPort      METRICS_PORT, default none (-1): a second listener serving /metrics only (0: a free port)
     * @param metricsToken     METRICS_TOKEN, default none (null): /metrics answers only to "Authorization: Bearer
     *                         &lt;token&gt;", on the metrics listener and on the app's own port (where it is served only then)
     */
    public record Ops(int unwatchedSeconds, String metricsHost, int metricsPort, String metricsToken) {
        public static final Ops DEFAULT = new Ops(5, "127.0.0.1", -1, null);

        public Ops {
            if (unwatchedSeconds < 1 || unwatchedSeconds > 3600) {
                throw new IllegalArgumentException("UNWATCHED_SECONDS must be 1..3600, got " + unwatchedSeconds);
            }
            if (metricsHost == null || !metricsHost.matches("[A-Za-z0-9.:-]{1,253}")) {
                throw new IllegalArgumentException("METRICS_HOST must be a host name or IP address such as 127.0.0.1, got '" + metricsHost + "'");
            }
            if (metricsPort < -1 || metricsPort > 65535) throw new IllegalArgumentException("METRICS_PORT must be in 0..65535, got " + metricsPort);
            // A header value compared with what a scraper sends: printable, no spaces, long enough not to be guessed.
            if (metricsToken != null && !metricsToken.matches("[!-~]{16,200}")) {
                throw new IllegalArgumentException("METRICS_TOKEN must be 16 to 200 printable characters without spaces");
            }
        }

        /** Never the token itself: a Config may end up in a log. */
        @Override
        public String toString() {
            return "Ops[unwatchedSeconds=" + unwatchedSeconds + ", metricsHost=" + metricsHost + ", metricsPort=" + metricsPort
                    + ", metricsToken=" + (metricsToken == null ? "none" : "(set)") + "]";
        }

        public Ops withMetricsPort(int port) {
            return new Ops(unwatchedSeconds, metricsHost, port, metricsToken);
        }

        public Ops withMetricsToken(String token) {
            return new Ops(unwatchedSeconds, metricsHost, metricsPort, token);
        }

        public Ops withUnwatchedSeconds(int seconds) {
            return new Ops(seconds, metricsHost, metricsPort, metricsToken);
        }

        static Ops fromEnv(Map<String, String> env) {
            String port = env.getOrDefault("METRICS_PORT", "").trim();
            if (!port.isEmpty() && !port.matches("\\d{1,5}")) {
                throw new IllegalArgumentException("METRICS_PORT must be a number in 0..65535, got '" + port + "'");
            }
            String token = env.getOrDefault("METRICS_TOKEN", "").trim();
            return new Ops(Limits.number(env, "UNWATCHED_SECONDS", DEFAULT.unwatchedSeconds), env.getOrDefault("METRICS_HOST", DEFAULT.metricsHost).trim(),
                    port.isEmpty() ? -1 : Integer.parseInt(port), token.isEmpty() ? null : token);
        }
    }


    /**
     * The memory budget (see MemoryBudget): what the server admits is charged its estimated heap.
     *
     * @param budgetPercent     MEMORY_BUDGET_PERCENT, default 50 (10..90): the budget as a share of the heap (-Xmx); the
     *                          rest is for rendering, sending and the garbage collector's room to work
     * @param budgetMb          MEMORY_BUDGET_MB, default 0 (none): the budget in MB instead, at most the heap
     * @param perBrowserPercent MEMORY_PER_BROWSER_PERCENT, default 10 (1..100): the share of the budget one browser may hold
     */
    public record Memory(int budgetPercent, int budgetMb, int perBrowserPercent) {
        public Memory {
            if (budgetPercent < 10 || budgetPercent > 90) {
                throw new IllegalArgumentException("MEMORY_BUDGET_PERCENT must be 10..90, got " + budgetPercent);
            }
            if (budgetMb < 0 || budgetMb > 1_000_000) throw new IllegalArgumentException("MEMORY_BUDGET_MB must be 1..1000000 or unset, got " + budgetMb);
            if (perBrowserPercent < 1 || perBrowserPercent > 100) {
                throw new IllegalArgumentException("MEMORY_PER_BROWSER_PERCENT must be 1..100, got " + perBrowserPercent);
            }
        }

        public static final Memory DEFAULT = new Memory(50, 0, 10);

        /** A budget of `mb` MB, with the default share per browser. */
        public static Memory ofMb(int mb) {
            return new Memory(DEFAULT.budgetPercent, mb, DEFAULT.perBrowserPercent);
        }

        /** The budget for a heap of `maxHeap` bytes. */
        public MemoryBudget budget(long maxHeap) {
            return MemoryBudget.forHeap(maxHeap, budgetPercent, budgetMb, perBrowserPercent);
        }

        static Memory fromEnv(Map<String, String> env, long maxHeap) {
            Memory m = new Memory(Limits.number(env, "MEMORY_BUDGET_PERCENT", DEFAULT.budgetPercent),
                    env.containsKey("MEMORY_BUDGET_MB") ? Limits.number(env, "MEMORY_BUDGET_MB", 0) : 0,
                    Limits.number(env, "MEMORY_PER_BROWSER_PERCENT", DEFAULT.perBrowserPercent));
            if (env.containsKey("MEMORY_BUDGET_MB") && m.budgetMb == 0) throw new IllegalArgumentException("MEMORY_BUDGET_MB must be 1..1000000 or unset, got 0");
            if (m.budgetMb * 1_000_000L > maxHeap) {
                throw new IllegalArgumentException("MEMORY_BUDGET_MB must be at most the heap, " + maxHeap / 1_000_000 + " MB here (-Xmx), got "
                        + m.budgetMb);
            }
            return m;
        }
    }

    /** The default {@link Ops} (no metrics listener, no token, runs held after 5 unwatched seconds), memory budget and client settings (this process's random session secret). */
    public Config(int port, String basePath, String frameAncestors, boolean dev, Limits limits) {
        this(port, basePath, frameAncestors, dev, limits, Ops.DEFAULT, Memory.DEFAULT, Clients.DEFAULT, Work.DEFAULT, Classes.DEFAULT);
    }

    /**
     * @param framesPerSecond FPS, default 10 (1..10): frames pushed per second to a playing lab page
     * @param idleMinutes     IDLE_MINUTES, default 10: an untouched simulation is dropped after this (its link recreates it)
     * @param perBrowser      SIMS_PER_BROWSER, default 8: live simulations one browser may hold (tabs)
     * @param total           MAX_SIMULATIONS, default 5000: live simulations on the server
     * @param requestsPerMinute REQUESTS_PER_MINUTE, default 1200: sustained requests one browser may send (static files not counted)
     * @param requestBurst    REQUEST_BURST, default 200: requests one browser may send at once before the rate applies
     * @param fullFrameKilobytesPerSecond FULL_FRAMES_KB, default 16000: kilobytes of full frames (every chart) per second,
     *                        shared by all watched labs; the status line goes out every frame regardless (see FullFrames)
     */
    public record Limits(int framesPerSecond, int idleMinutes, int perBrowser, int total, int requestsPerMinute, int requestBurst,
                         int fullFrameKilobytesPerSecond) {
        public Limits {
            if (framesPerSecond < 1 || framesPerSecond > 10) throw new IllegalArgumentException("FPS must be 1..10, got " + framesPerSecond);
            if (idleMinutes < 1 || idleMinutes > 24 * 60) throw new IllegalArgumentException("IDLE_MINUTES must be 1..1440, got " + idleMinutes);
            if (perBrowser < 1 || perBrowser > 100) throw new IllegalArgumentException("SIMS_PER_BROWSER must be 1..100, got " + perBrowser);
            if (total < 1 || total > 1_000_000) throw new IllegalArgumentException("MAX_SIMULATIONS must be 1..1000000, got " + total);
            // The per-address bucket is RateLimit.SHARED_ADDRESS times these: the caps keep it within an int.
            if (requestsPerMinute < 1 || requestsPerMinute > 1_000_000) {
                throw new IllegalArgumentException("REQUESTS_PER_MINUTE must be 1..1000000, got " + requestsPerMinute);
            }
            if (requestBurst < 1 || requestBurst > 100_000) throw new IllegalArgumentException("REQUEST_BURST must be 1..100000, got " + requestBurst);
            if (fullFrameKilobytesPerSecond < 100 || fullFrameKilobytesPerSecond > 9_999_999) {
                throw new IllegalArgumentException("FULL_FRAMES_KB must be 100..9999999, got " + fullFrameKilobytesPerSecond);
            }
        }

        /**
         * Measured on a 2-core machine with 1,000 students playing the post's network (README, "Load"):
         * about 500 of its full frames (33 KB rendered) a second keep every status line on time; twice
         * that saturates both cores and the frames fall behind.
         */
        static final int FULL_FRAMES_KB = 16_000;

        /** Limits with the default full-frame budget. */
        public Limits(int framesPerSecond, int idleMinutes, int perBrowser, int total, int requestsPerMinute, int requestBurst) {
            this(framesPerSecond, idleMinutes, perBrowser, total, requestsPerMinute, requestBurst, FULL_FRAMES_KB);
        }

        /** Defaults no class reaches: a student holding the step key down (key repeat, about 30 requests/s) runs dry after about 20 s. */
        static final int REQUESTS_PER_MINUTE = 1200, REQUEST_BURST = 200;

        /** Simulation limits with the default request rate. */
        public Limits(int framesPerSecond, int idleMinutes, int perBrowser, int total) {
            this(framesPerSecond, idleMinutes, perBrowser, total, REQUESTS_PER_MINUTE, REQUEST_BURST);
        }

        public static final Limits DEFAULT = new Limits(10, 10, 8, 5000);

        static Limits fromEnv(Map<String, String> env) {
            return new Limits(number(env, "FPS", 10), number(env, "IDLE_MINUTES", 10), number(env, "SIMS_PER_BROWSER", 8),
                    number(env, "MAX_SIMULATIONS", 5000), number(env, "REQUESTS_PER_MINUTE", REQUESTS_PER_MINUTE),
                    number(env, "REQUEST_BURST", REQUEST_BURST), number(env, "FULL_FRAMES_KB", FULL_FRAMES_KB));
        }

        public Limits withRequestRate(int perMinute, int burst) {
            return new Limits(framesPerSecond, idleMinutes, perBrowser, total, perMinute, burst, fullFrameKilobytesPerSecond);
        }

        static int number(Map<String, String> env, String name, int fallback) {
            String v = env.getOrDefault(name, Integer.toString(fallback)).trim();
            if (!v.matches("\\d{1,7}")) throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
            return Integer.parseInt(v);
        }
    }

    /**
     * @param sessionSecret        SESSION_SECRET, at least 32 characters: the key that signs session cookies (HMAC-SHA256).
     *                             Default: random per process (instances behind one proxy need the same one)
     * @param trustProxy           TRUST_PROXY, default false: believe X-Forwarded-For/-Proto/-Host (only behind a proxy that sets them)
     * @param publicUrl            PUBLIC_URL, default none: the origin students use, e.g. https://relu.example.edu (origin check, Secure cookies)
     * @param newSessionsPerMinute NEW_SESSIONS_PER_MINUTE, default 60: sessions one address may be given per minute, after the burst
     * @param newSessionBurst      NEW_SESSION_BURST, default 400: sessions one address may be given at once (a class behind one address)
     * @param simsPerAddress       SIMS_PER_ADDRESS, default 1000: live simulations of all the browsers behind one address
     * @param experimentsPerAddress EXPERIMENTS_PER_ADDRESS, default 16: experiments queued or running started from one address
     */
    public record Clients(String sessionSecret, boolean trustProxy, String publicUrl, int newSessionsPerMinute, int newSessionBurst,
                          int simsPerAddress, int experimentsPerAddress) {
        public static final int MIN_SECRET = 32;
        /** A class of 300 arriving at once fits in the burst, with room for private windows and second devices. */
        static final int NEW_SESSIONS_PER_MINUTE = 60, NEW_SESSION_BURST = 400;
        /** 300 students with three tabs each, a fifth of the default MAX_SIMULATIONS. */
        static final int SIMS_PER_ADDRESS = 1000;
        /** A quarter of the experiment queue (App.EXPERIMENTS_QUEUED): one address can never fill it. */
        static final int EXPERIMENTS_PER_ADDRESS = 16;

        /** This process's settings when the environment says nothing: a fresh random secret, drawn once. */
        public static final Clients DEFAULT = new Clients(randomSecret(), false, null, NEW_SESSIONS_PER_MINUTE, NEW_SESSION_BURST,
                SIMS_PER_ADDRESS, EXPERIMENTS_PER_ADDRESS);

        public Clients {
            if (sessionSecret == null || sessionSecret.length() < MIN_SECRET || sessionSecret.length() > 1024) {
                throw new IllegalArgumentException("SESSION_SECRET must be at least " + MIN_SECRET + " characters (at most 1024; e.g. the "
                        + "output of `openssl rand -base64 32`), got " + (sessionSecret == null ? 0 : sessionSecret.length()) + " characters");
            }
            publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicOrigin(publicUrl);
            if (newSessionsPerMinute < 1 || newSessionsPerMinute > 100_000) {
                throw new IllegalArgumentException("NEW_SESSIONS_PER_MINUTE must be 1..100000, got " + newSessionsPerMinute);
            }
            if (newSessionBurst < 1 || newSessionBurst > 1_000_000) {
                throw new IllegalArgumentException("NEW_SESSION_BURST must be 1..1000000, got " + newSessionBurst);
            }
            if (simsPerAddress < 1 || simsPerAddress > 1_000_000) {
                throw new IllegalArgumentException("SIMS_PER_ADDRESS must be 1..1000000, got " + simsPerAddress);
            }
            if (experimentsPerAddress < 1 || experimentsPerAddress > 1000) {
                throw new IllegalArgumentException("EXPERIMENTS_PER_ADDRESS must be 1..1000, got " + experimentsPerAddress);
            }
        }

        static Clients fromEnv(Map<String, String> env) {
            String secret = env.containsKey("SESSION_SECRET") ? env.get("SESSION_SECRET") : DEFAULT.sessionSecret;
            String trust = env.getOrDefault("TRUST_PROXY", "false").trim().toLowerCase(Locale.ROOT);
            if (!trust.equals("true") && !trust.equals("false")) {
                throw new IllegalArgumentException("TRUST_PROXY must be true or false, got '" + env.get("TRUST_PROXY") + "'");
            }
            return new Clients(secret, trust.equals("true"), env.get("PUBLIC_URL"),
                    Limits.number(env, "NEW_SESSIONS_PER_MINUTE", NEW_SESSIONS_PER_MINUTE), Limits.number(env, "NEW_SESSION_BURST", NEW_SESSION_BURST),
                    Limits.number(env, "SIMS_PER_ADDRESS", SIMS_PER_ADDRESS), Limits.number(env, "EXPERIMENTS_PER_ADDRESS", EXPERIMENTS_PER_ADDRESS));
        }

        public Clients withTrustProxy(boolean trust) {
            return new Clients(sessionSecret, trust, publicUrl, newSessionsPerMinute, newSessionBurst, simsPerAddress, experimentsPerAddress);
        }

        public Clients withPublicUrl(String url) {
            return new Clients(sessionSecret, trustProxy, url, newSessionsPerMinute, newSessionBurst, simsPerAddress, experimentsPerAddress);
        }

        public Clients withNewSessions(int perMinute, int burst) {
            return new Clients(sessionSecret, trustProxy, publicUrl, perMinute, burst, simsPerAddress, experimentsPerAddress);
        }

        public Clients withPerAddress(int sims, int experiments) {
            return new Clients(sessionSecret, trustProxy, publicUrl, newSessionsPerMinute, newSessionBurst, sims, experiments);
        }

        /** Never the secret itself: settings get logged. */
        @Override
        public String toString() {
            return "Clients[sessionSecret=(" + sessionSecret.length() + " characters), trustProxy=" + trustProxy + ", publicUrl=" + publicUrl
                    + ", newSessionsPerMinute=" + newSessionsPerMinute + ", newSessionBurst=" + newSessionBurst + ", simsPerAddress="
                    + simsPerAddress + ", experimentsPerAddress=" + experimentsPerAddress + "]";
        }

        /** "https://relu.example.edu" or "http://host:8080": scheme and authority only, lower case, no default port. */
        static String publicOrigin(String raw) {
            String allowed = "PUBLIC_URL must be the origin students open, like https://relu.example.edu or http://10.0.0.5:7070 "
                    + "(no path: BASE_PATH says that), got '" + raw + "'";
            URI uri;
            try {
                uri = new URI(raw.trim());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(allowed);
            }
            boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            String origin = CrossSiteGuard.origin(raw);
            if (origin.isEmpty() || !noPath || uri.getRawQuery() != null || uri.getRawFragment() != null) throw new IllegalArgumentException(allowed);
            return origin;
        }

        private static String randomSecret() {
            byte[] bits = new byte[32];
            new SecureRandom().nextBytes(bits);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        }
    }

    public Config {
        basePath = normalizeBasePath(basePath);
        // A header value: a line break or ';' would let the setting smuggle in other directives.
        if (frameAncestors == null || frameAncestors.isBlank() || frameAncestors.matches(".*[;\\r\\n].*")) {
            throw new IllegalArgumentException("FRAME_ANCESTORS must be CSP sources without ';', e.g. 'self' https://course.example");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("PORT must be in 0..65535, got " + port);
        if (ops == null) ops = Ops.DEFAULT;
        if (port != 0 && ops.metricsPort() == port) throw new IllegalArgumentException("METRICS_PORT must differ from PORT (" + port + ")");
        if (clients == null) clients = Clients.DEFAULT;
        if (work == null) work = Work.DEFAULT;
        if (classes == null) classes = Classes.DEFAULT;
    }

    public static Config fromEnv() {
        return fromEnv(System.getenv(), Boolean.getBoolean("deadrelu.dev"));
    }

    static Config fromEnv(Map<String, String> env, boolean dev) {
        return fromEnv(env, dev, Runtime.getRuntime().maxMemory());
    }

    static Config fromEnv(Map<String, String> env, boolean dev, long maxHeap) {
        String port = env.getOrDefault("PORT", "7070").trim();
        if (!port.matches("\\d{1,5}")) throw new IllegalArgumentException("PORT must be a number in 0..65535, got '" + port + "'");
        return new Config(Integer.parseInt(port), env.getOrDefault("BASE_PATH", ""),
                env.getOrDefault("FRAME_ANCESTORS", "'self'").trim(), dev, Limits.fromEnv(env), Ops.fromEnv(env), Memory.fromEnv(env, maxHeap),
                Clients.fromEnv(env), Work.fromEnv(env), Classes.fromEnv(env));
    }

    /** A free port, no prefix, precompiled templates: what the tests boot. */
    public static Config forTests() {
        return new Config(0, "", "'self'", false, Limits.DEFAULT);
    }

    public Config withBasePath(String path) {
        return new Config(port, path, frameAncestors, dev, limits, ops, memory, clients, work, classes);
    }

    public Config withLimits(Limits newLimits) {
        return new Config(port, basePath, frameAncestors, dev, newLimits, ops, memory, clients, work, classes);
    }

    public Config withOps(Ops newOps) {
        return new Config(port, basePath, frameAncestors, dev, limits, newOps, memory, clients, work, classes);
    }

    public Config withMemory(Memory newMemory) {
        return new Config(port, basePath, frameAncestors, dev, limits, ops, newMemory, clients, work, classes);
    }

    public Config withClients(Clients newClients) {
        return new Config(port, basePath, frameAncestors, dev, limits, ops, memory, newClients, work, classes);
    }

    public Config withWork(Work newWork) {
        return new Config(port, basePath, frameAncestors, dev, limits, ops, memory, clients, newWork, classes);
    }

    public Config withClasses(Classes newClasses) {
        return new Config(port, basePath, frameAncestors, dev, limits, ops, memory, clients, work, newClasses);
    }

    /** "" or "/a/b": one leading slash, no trailing slash, only URL-safe path characters. */
    static String normalizeBasePath(String raw) {
        String p = raw == null ? "" : raw.trim();
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.isEmpty()) return "";
        if (!p.startsWith("/")) p = "/" + p;
        if (!p.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("BASE_PATH must look like /relu or /course/relu, got '" + raw + "'");
        }
        return p;
    }
}
