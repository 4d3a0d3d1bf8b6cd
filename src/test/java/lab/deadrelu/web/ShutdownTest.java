package lab.deadrelu.web;

import lab.deadrelu.support.AppProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM stops the server cleanly: a real server process ({@link ServerProcess}) runs an experiment and a watched, playing lab;
 * Process.destroy() sends SIGTERM; the process exits, its log has no stack trace, no exception, no
 * error or warning, and one line names the experiment it cancelled and the simulations it dropped.
 */
class ShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The most work a sweep may be (30 million steps of the post's network): it runs for seconds on two cores. */
    private static final String SWEEP = "sweep?scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=1000&steps=3000";
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(WAIT).build();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sigtermStopsEverythingQuietlyAndNamesTheCancelledExperiment() throws Exception {
        // The server's own log levels (the test classpath's simplelogger.properties would hide the info line).
        AppProcess server = ServerProcess.start("shutdown", List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn",
                "-Dorg.slf4j.simpleLogger.log.io.javalin=warn"), Map.of());
        Process process = server.process();
        int port = server.port();
        SseStream stream = null;
        try {
            HttpResponse<String> sweep = get(port, "/experiments/" + SWEEP);
            assertEquals(200, sweep.statusCode(), sweep.body());
            HttpResponse<String> lab = get(port, "/lab?scenario=case-2");
            Matcher id = STREAM.matcher(lab.body());
            assertTrue(id.find());
            HttpResponse<String> play = client.send(HttpRequest.newBuilder(uri(port, "/lab/" + id.group(1) + "/play")).timeout(WAIT)
                    .header("HX-Request", "true").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, play.statusCode());
            stream = SseStream.open(client, uri(port, "/lab/" + id.group(1) + "/stream"));
            assertNotNull(stream.awaitNamed("status", Duration.ofSeconds(20)), "the lab streams");
            awaitRunningExperiment(port);

            process.destroy();   // SIGTERM: the JVM's shutdown hooks run
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server exits after SIGTERM");
        } finally {
            if (stream != null) stream.close();
            if (process.isAlive()) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = server.output();
        System.out.println("ShutdownTest server log:\n" + out);
        assertFalse(out.contains("Exception"), "no exception: " + out);
        assertFalse(out.matches("(?s).*\\n\\s+at [\\w.$]+\\(.*"), "no stack trace: " + out);
        assertFalse(out.contains(" ERROR ") || out.contains(" WARN "), "no error or warning: " + out);
        List<String> stopping = out.lines().filter(l -> l.contains("stopping: ")).toList();
        assertEquals(1, stopping.size(), "one line says what stopping cancelled: " + out);
        assertTrue(stopping.get(0).contains("stopping: 1 experiment cancelled (" + SWEEP + ")"), stopping.get(0));
        assertTrue(stopping.get(0).contains("1 simulation dropped"), stopping.get(0));
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(port, path)).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Until /healthz says an experiment task runs (it was submitted by the page). */
    private void awaitRunningExperiment(int port) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            JsonNode h = new ObjectMapper().readTree(get(port, "/healthz").body());
            if (h.path("experiments").path("running").asInt() > 0) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the experiment never started running");
    }
}
