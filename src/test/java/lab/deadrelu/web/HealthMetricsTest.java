package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * /healthz for a load balancer, on the app's port; /metrics for Prometheus, on a listener of its own
 * (METRICS_PORT, here a free one) and not on the app's port: the app's own numbers move as students work.
 */
class HealthMetricsTest extends LabTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withOps(Config.Ops.DEFAULT.withMetricsPort(0)));
    }

    private HttpResponse<String> fetch(String path) {
        return send(client, HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The value of a sample line `name` (with its labels, if any) in the Prometheus text. */
    private double sample(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(getMetrics("/metrics").body());
        assertTrue(m.find(), () -> "a sample " + name);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void healthzSaysOkWithTheTickerThePoolTheHeadroomAndTheLiveNumbers() throws Exception {
        open("/lab?scenario=case-2&at=5");
        HttpResponse<String> r = fetch("/healthz");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        JsonNode h = new ObjectMapper().readTree(r.body());
        assertEquals("ok", h.path("status").asText(), r.body());
        assertEquals(0, h.path("reasons").size());
        assertEquals("running", h.path("ticker").path("state").asText());
        long age = h.path("ticker").path("lastTickAgeMillis").asLong(-1);
        assertTrue(age >= 0 && age <= Health.STUCK_MILLIS, "a recent tick: " + age);
        JsonNode pool = h.path("experiments");
        assertTrue(pool.path("threads").asInt() >= 1);
        assertEquals(pool.path("threads").asInt(), pool.path("threadsAlive").asInt());
        assertTrue(pool.has("queued") && pool.has("running"), r.body());
        int used = h.path("memory").path("usedAfterGcPercent").asInt(-1);
        assertTrue(used >= 0 && used <= 100, r.body());
        assertEquals(100 - used, h.path("memory").path("headroomPercent").asInt());
        assertTrue(h.path("simulations").path("live").asInt() >= 1, r.body());
        for (String count : new String[] {"playing", "watched", "pausedUnwatched", "failed"}) assertTrue(h.path("simulations").has(count), count);
        assertTrue(h.has("sseClients") && h.has("uptimeSeconds"), r.body());
        assertFalse(r.body().matches("(?s).*\\d{7,}.*"), "coarse: no byte counts for the public: " + r.body());
    }

    @Test
    void metricsAreNotOnTheAppsPortByDefaultButA404LikeAnyUnknownPage() {
        HttpResponse<String> metrics = fetch("/metrics"), unknown = fetch("/no-such-page");
        assertEquals(404, unknown.statusCode());
        assertEquals(404, metrics.statusCode());
        assertEquals(unknown.headers().firstValue("Content-Type"), metrics.headers().firstValue("Content-Type"));
        assertFalse(metrics.body().contains("jvm_"), "nothing of the metrics");
    }

    @Test
    void metricsArePrometheusTextWithTheAppsAndTheJvmsNumbersOnTheirOwnListener() {
        HttpResponse<String> r = getMetrics("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        for (String name : new String[] {"lab_simulations_live", "lab_sse_clients", "lab_experiments_queued", "lab_experiments_busy",
                "lab_sse_frames_sent_total", "lab_sse_bytes_sent_total", "lab_steps_advanced_total", "lab_simulations_evicted_total",
                "lab_simulations_playing", "lab_simulations_watched", "lab_simulations_paused_unwatched", "lab_simulations_failed_total",
                "lab_requests_rejected_total{status=\"400\"}", "jvm_memory_used_bytes{area=\"heap\"", "jvm_threads_live_threads",
                "process_cpu_usage", "system_cpu_count", "process_uptime_seconds"}) {
            assertTrue(r.body().contains(name), name);
        }
    }

    @Test
    void theMetricsListenerServesMetricsAndNothingElse() throws Exception {
        assertEquals(404, getMetrics("/").statusCode());
        assertEquals(404, getMetrics("/healthz").statusCode());
        assertEquals(404, getMetrics("/lab?scenario=case-2").statusCode());
        int port = app.unsafe.appDataManager.get(App.METRICS).listenerPort();
        HttpResponse<String> post = send(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, post.statusCode());
    }

    @Test
    void countsLiveSimulationsRefusalsAndStepsPlayed() throws Exception {
        double rejected = sample("lab_requests_rejected_total{status=\"400\"}");
        assertEquals(400, fetch("/lab?scenario=case-2&at=-3").statusCode());
        assertEquals(rejected + 1, sample("lab_requests_rejected_total{status=\"400\"}"));

        Opened lab = open("/lab?scenario=case-2");
        assertTrue(sample("lab_simulations_live") >= 1);
        double steps = sample("lab_steps_advanced_total");
        assertEquals(200, htmx(lab.actions() + "/play").statusCode());
        long until = System.nanoTime() + 5_000_000_000L;
        while (sample("lab_steps_advanced_total") <= steps && System.nanoTime() < until) Thread.sleep(50);
        assertTrue(sample("lab_steps_advanced_total") > steps, "playing advances steps");
        htmx(lab.actions() + "/pause");
    }
}
