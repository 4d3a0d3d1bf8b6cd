package lab.deadrelu.cli;

import io.javalin.Javalin;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lab.deadrelu.web.App;
import lab.deadrelu.web.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the web app until the process is stopped. Settings come from the environment (see the footer). */
@Command(name = "serve",
        description = "Serve Dead ReLU Lab over HTTP.",
        footer = {"", "Environment:",
                "  PORT             port to listen on (default 7070)",
                "  BASE_PATH        path prefix behind a proxy, e.g. /relu (default: none)",
                "  FRAME_ANCESTORS  CSP sources allowed to frame the lab's embed mode (default 'self')",
                "  FPS              frames per second pushed to a playing lab, 1..10 (default 10)",
                "  IDLE_MINUTES     an untouched simulation is dropped after this (default 10)",
                "  SIMS_PER_BROWSER live simulations one browser may hold (default 8)",
                "  MAX_SIMULATIONS  live simulations on the server (default 5000)",
                "  REQUESTS_PER_MINUTE  sustained requests one browser may send, 1..1000000 (default 1200;",
                "                   static files not counted); over it a 429 page says how long to wait",
                "  REQUEST_BURST    requests one browser may send at once, 1..100000 (default 200)",
                "  FULL_FRAMES_KB   kilobytes of full frames (every chart) per second, shared by all watched labs,",
                "                   100..9999999 (default 16000); the status line goes out every frame regardless",
                "  UNWATCHED_SECONDS  a playing run with no open stream for this long stops advancing until a",
                "                   stream for it opens again, 1..3600 (default 5)",
                "  REDIS_URL        redis://host:6379[/db]: classes live in this Redis, shared by every instance that",
                "                   names it (default: none: this process's memory); unreachable at startup stops",
                "                   the server",
                "  METRICS_PORT     serve /metrics (Prometheus) on this port, on its own listener (default: none;",
                "                   0 picks a free port). /metrics is not served on PORT unless METRICS_TOKEN is set",
                "  METRICS_HOST     the address the metrics listener binds (default 127.0.0.1: this machine only)",
                "  METRICS_TOKEN    /metrics answers only to 'Authorization: Bearer <token>' (16..200 printable",
                "                   characters), on the metrics listener and then on PORT too",
                "  MEMORY_BUDGET_PERCENT  share of the heap (-Xmx) that labs, comparisons, experiments and API runs",
                "                   may take, 10..90 (default 50); beyond it a 503 page says what is needed and free",
                "  MEMORY_BUDGET_MB the same budget in MB instead, 1..1000000, at most the heap (default: unset)",
                "  MEMORY_PER_BROWSER_PERCENT  share of that budget one browser may hold, 1..100 (default 10);",
                "                   beyond it its own least recently used labs go first, then a 429 page",
                "  HEAVY_REQUESTS   heavy work computing at once, 1..256 (default: one less than the cores, at",
                "                   least 1): heavy requests (large networks, long replays), experiment tasks",
                "                   and large or full-speed runs share these permits; the others wait their turn",
                "  HEAVY_WAIT_MS    how long a heavy request waits for its turn before a 503 page, 0..60000",
                "                   (default 2000); one client waits on one heavy request at a time (else a 429)",
                "  CLASS_HOURS      a class opened on /course ends by itself after this many hours, 1..48 (default 6)",
                "  MAX_CLASSES      classes open at once, 1..100000 (default 200); beyond it a 503 page",
                "  CLASS_STUDENTS   students one class holds, 1..100000 (default 2500); beyond it a 503 page",
                "  -Ddeadrelu.dev=true  reload templates/ and static/ from disk on every request",
                "", "GET /healthz answers 200 while the server is healthy, 503 with the reasons when it is not.",
                "SIGTERM stops it cleanly; one line says what it cancelled."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        Config config;
        try {
            config = Config.fromEnv();
        } catch (IllegalArgumentException badSetting) {
            LOG.error(badSetting.getMessage());
            return 2;
        }
        Javalin app = App.create(config);
        try {
            app.start(config.port());
        } catch (RuntimeException notStarted) {   // a port in use (PORT, METRICS_PORT): say which, in one line
            String reason = notStarted.getMessage() != null ? notStarted.getMessage() : String.valueOf(notStarted.getCause());
            try {
                app.stop();
            } catch (RuntimeException ignored) {
                // it never fully started
            }
            LOG.error("Dead ReLU Lab could not start: {}", reason);
            return 1;
        }
        LOG.info("Dead ReLU Lab is at http://localhost:{}{}/{}", app.port(), config.basePath(), config.dev() ? " (dev mode)" : "");
        // Block until shutdown, so a caller may System.exit with our return value without killing the server.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }
}
