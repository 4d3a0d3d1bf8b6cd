package lab.deadrelu.web;

import lab.deadrelu.support.AppProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import picocli.CommandLine;

/**
 * One hostile client cannot break the server for a class: the `chaos` command, at a size that fits the
 * test budget, against the real server process started as the Procfile starts it but with a small heap
 * (-Xmx256m -XX:+UseG1GC), while one student plays case-2. The command itself checks the student's frames
 * (at least 8 a second in every 5-second stretch, counted from its first frame), every answer (no 5xx but
 * 503, no refusal without words) and /healthz at every moment; this test adds the server's own log (no
 * OutOfMemoryError, no exception, no ERROR line) and the heap once everything the attack opened has been
 * evicted (IDLE_MINUTES=1) and collected: back within 64 MB of where it was. About 90 s, most of it
 * waiting for the eviction. `java -jar target/dead-relu-lab.jar chaos --help` runs it at any size (see
 * the README). Part of `mvn verify`; -Ddeadrelu.chaos=false skips it.
 * <p>
 * The 8 frames/s hold when the server has the machine's cores to itself and with another process keeping
 * one of two cores busy (see the README for the figures); on a machine loaded far beyond its cores by
 * other work, no server can promise a student's frame rate, and this test may fail there.
 */
@DisabledIfSystemProperty(named = "deadrelu.chaos", matches = "false")
class ChaosTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LIVE = Pattern.compile("\"live\":(\\d+)");

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aStudentPlaysOnWhileLargeLabsHugeRunsUnwatchedPlayForgedCookiesAndFullQueuesAreThrownAtTheServer() throws Exception {
        String token = Sessions.newId();
        try (AppProcess server = ServerProcess.start("chaos", List.of("-Xmx256m", "-XX:+UseG1GC"),
                Map.of("METRICS_TOKEN", token, "IDLE_MINUTES", "1"))) {
            warmUp(server);
            StringWriter printed = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(printed));
            cli.setErr(new PrintWriter(printed));
            int status = cli.execute("chaos", "--base", "http://127.0.0.1:" + server.port(), "--seconds", "15",
                    "--attackers", "10", "--addresses", "10", "--student", "scenario=case-2&pause=off",
                    "--metrics", "http://127.0.0.1:" + server.port() + "/metrics", "--metrics-token", token);
            String report = printed.toString();
            System.out.println(report);
            assertEquals(0, status, report);

            // Everything evicted (idle for a minute), then collected: the heap is back.
            long before = Long.parseLong(value(report, "heap_mb_before"));
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(150); liveSimulations(server) > 0; ) {
                assertTrue(System.nanoTime() < until, "the attack's simulations were never evicted");
                Thread.sleep(1000);
            }
            collectGarbage(server);
            long after = heapMb(server, token);
            System.out.println("heap_mb_after_eviction=" + after);
            assertTrue(after <= before + 64, "heap " + before + " MB before the attack, " + after + " MB after eviction");

            String log = server.output();
            for (String bad : List.of("OutOfMemoryError", "Exception", " ERROR "))
                assertFalse(log.contains(bad), "the server's log has " + bad + ":\n" + log);
        }
    }

    /**
     * Ordinary traffic first, as a server has when an attack comes: pages of the shipped scenarios, a
     * teacher's large lab, a small API run and an experiment. (A server attacked in the very first
     * seconds of its life is still compiling its code, and loses frames to that, not to the attack.)
     */
    private static void warmUp(AppProcess server) throws Exception {
        List<String> ordinary = List.of("/lab?scenario=case-2", "/lab?scenario=deep-net-works-anyway", "/lab?scenario=case-1",
                "/api/runs?scenario=case-2&steps=200&every=10");
        for (int i = 0; i < 20; i++) {
            for (String path : ordinary) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path);
            }
        }
        for (String path : List.of("/lab?scenario=case-2&layers=8-64-64-64-64-64-64-64-64-1&n=10000&lr=0.0001",
                "/api/experiments/born-dead?width=16&depth=8&inputs=8&trials=200&seed=1")) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() == 200 || r.statusCode() == 202, path + " answered " + r.statusCode());
            }
        }
    }

    private static String value(String report, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(report);
        assertTrue(m.find(), name + " in the report:\n" + report);
        return m.group(1);
    }

    private static int liveSimulations(AppProcess server) throws Exception {
        HttpResponse<String> h = HTTP.send(HttpRequest.newBuilder(server.uri("/healthz")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = LIVE.matcher(h.body());
        assertTrue(m.find(), h.body());
        return Integer.parseInt(m.group(1));
    }

    /** A full collection of the server's heap, asked with jcmd (the heap in use is otherwise whatever the last collection left). */
    private static void collectGarbage(AppProcess server) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.process().pid()), "GC.run").redirectErrorStream(true).start();
        String said = new String(jcmd.getInputStream().readAllBytes());
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, "jcmd GC.run: " + said);
    }

    /** The heap in use, in MB (1024 x 1024 bytes, as the chaos command prints it), from the server's metrics. */
    private static long heapMb(AppProcess server, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        double bytes = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        assertTrue(bytes > 0, "no heap in the metrics");
        return Math.round(bytes / (1024 * 1024));
    }
}
