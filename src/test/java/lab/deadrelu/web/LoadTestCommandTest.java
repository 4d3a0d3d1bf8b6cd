package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import lab.deadrelu.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `loadtest`: a class of students against the real app, in-process, reading the server's CPU and heap
 * from its metrics listener (--metrics); and a refusal of anything off loopback.
 */
class LoadTestCommandTest extends HttpTestBase {

    @Override
    protected io.javalin.Javalin createApp() {
        return App.create(Config.forTests().withOps(Config.Ops.DEFAULT.withMetricsPort(0)));
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void fiftyStudentsConnectAndReceiveFramesWithoutErrors() {
        int metricsPort = app.unsafe.appDataManager.get(App.METRICS).listenerPort();
        Run r = run("loadtest", "--students", "50", "--seconds", "5", "--base", "http://127.0.0.1:" + app.port(),
                "--metrics", "http://127.0.0.1:" + metricsPort + "/metrics");
        System.out.println("loadtest --students 50 --seconds 5:\n" + r.out());
        assertEquals(0, r.status(), r.err());
        Map<String, String> report = new HashMap<>();
        for (String line : r.out().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) report.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
        for (String key : new String[] {"students_connected", "frames_per_s", "gap_ms_p50", "gap_ms_p99", "gap_ms_max", "errors",
                "bytes_per_frame", "server_heap_mb", "server_cpu", "setup_s", "loadtest_cpu"}) assertTrue(report.containsKey(key), key + " in " + r.out());
        assertEquals("50", report.get("students_connected"), r.out());
        assertEquals("0", report.get("errors"), r.out());
        assertTrue(Double.parseDouble(report.get("frames_per_s")) > 0, r.out());
        assertTrue(report.get("server_heap_mb").matches("\\d+"), "the server's heap, read from --metrics: " + r.out());
        assertTrue(report.get("server_cpu").matches("\\d+\\.\\d\\d"), "the server's CPU, read from --metrics: " + r.out());
        assertTrue(getMetrics("/metrics").body().contains("lab_requests_rejected_total{status=\"429\"} 0.0"), "no student was rate limited");
    }

    @Test
    void aBaseOffLoopbackIsRefusedBeforeAnyRequest() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0)) {
            // 10.1.2.3 is not reachable from here; refusing must not even try. It must also not touch our server.
            long before = System.nanoTime();
            Run r = run("loadtest", "--students", "5", "--seconds", "5", "--base", "http://10.1.2.3:7070");
            assertEquals(2, r.status(), r.out() + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("loopback"), r.err());
            assertTrue(System.nanoTime() - before < 1_000_000_000L, "refused at once, without a connection attempt");
        }
        for (String bad : new String[] {"http://127.0.0.1.example.com:7070", "http://8.8.8.8", "https://localhost:7070", "http://[::2]:7070"}) {
            assertEquals(2, run("loadtest", "--seconds", "1", "--base", bad).status(), bad);
            Run metrics = run("loadtest", "--seconds", "1", "--metrics", bad + "/metrics");
            assertEquals(2, metrics.status(), bad);
            assertTrue(metrics.err().contains("--metrics"), metrics.err());
        }
    }
}
