package lab.deadrelu.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the load test reads from the server's metrics: heap in use, and CPU time used since it started. */
record ServerReading(long heapMb, long cpuNanos) {

    /**
     * The server's reading now from its Prometheus text at `metrics` (sending `token` as a bearer token
     * when not null), or null if it does not answer 200 or lacks either figure.
     */
    static ServerReading scrape(HttpClient http, URI metrics, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET();
            if (token != null) request.header("Authorization", "Bearer " + token);
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return null;
            double heapBytes = 0, cpuNanos = -1;
            boolean sawHeap = false;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heapBytes += value(line);
                    sawHeap = true;
                } else if (line.startsWith("process_cpu_time_ns_total ")) {
                    cpuNanos = value(line);
                }
            }
            return sawHeap && cpuNanos >= 0 ? new ServerReading(Math.round(heapBytes / (1024 * 1024)), (long) cpuNanos) : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
