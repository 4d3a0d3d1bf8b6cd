package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /healthz for a load balancer, /metrics for Prometheus: the app's own numbers move as students work. */
class HealthMetricsTest extends LabTestBase {

    private HttpResponse<String> fetch(String path) {
        return send(client, HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The value of a sample line `name` (with its labels, if any) in the Prometheus text. */
    private double sample(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(fetch("/metrics").body());
        assertTrue(m.find(), () -> "a sample " + name);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void healthzSaysOkWithTheLiveNumbers() {
        open("/lab?scenario=case-2&at=5");
        HttpResponse<String> r = fetch("/healthz");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String body = r.body();
        assertTrue(body.matches("\\{\"status\":\"ok\",\"simulations\":[1-9]\\d*,\"sseClients\":\\d+,\"uptimeSeconds\":\\d+}"), body);
    }

    @Test
    void metricsArePrometheusTextWithTheAppsAndTheJvmsNumbers() {
        HttpResponse<String> r = fetch("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        for (String name : new String[] {"lab_simulations_live", "lab_sse_clients", "lab_experiments_queued", "lab_experiments_busy",
                "lab_sse_frames_sent_total", "lab_sse_bytes_sent_total", "lab_steps_advanced_total", "lab_simulations_evicted_total",
                "lab_requests_rejected_total{status=\"400\"}", "jvm_memory_used_bytes{area=\"heap\"", "jvm_threads_live_threads",
                "process_cpu_usage", "system_cpu_count", "process_uptime_seconds"}) {
            assertTrue(r.body().contains(name), name);
        }
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
