package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement for the Procfile's JVM flags, not a check: starts the jar in a child JVM with
 * -Ddeadrelu.jvmFlags (space-separated), has -Ddeadrelu.students (default 200) browsers open a case-2
 * link, press play and read their streams for -Ddeadrelu.seconds (default 20), then prints the server's
 * heap, GC pauses and CPU from /metrics. Needs -Ddeadrelu.jar=target/dead-relu-lab.jar and -Ddeadrelu.measure=true.
 */
@EnabledIfSystemProperty(named = "deadrelu.measure", matches = "true")
class GcUnderLoadMeasureTest {
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\"");

    @Test
    void measure() throws Exception {
        int students = Integer.getInteger("deadrelu.students", 200), seconds = Integer.getInteger("deadrelu.seconds", 20);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String f : System.getProperty("deadrelu.jvmFlags", "").split(" ")) if (!f.isBlank()) command.add(f);
        command.addAll(List.of("-jar", System.getProperty("deadrelu.jar")));
        Path log = Files.createDirectories(Path.of("target", "gc-measure")).resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PORT", Integer.toString(port));
        Process server = pb.start();
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient probe = HttpClient.newHttpClient();
            for (int i = 0; i < 150; i++) {
                try {
                    if (probe.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) break;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            List<Thread> readers = new ArrayList<>();
            for (int s = 0; s < students; s++) {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/lab?scenario=case-2")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = STREAM.matcher(page);
                assertTrue(m.find());
                String id = m.group(1);
                assertEquals(200, browser.send(HttpRequest.newBuilder(URI.create(base + "/lab/" + id + "/play")).header("HX-Request", "true")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                HttpResponse<InputStream> r = browser.send(HttpRequest.newBuilder(URI.create(base + "/lab/" + id + "/stream"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                streams.add(r);
                Thread t = new Thread(() -> {
                    byte[] buf = new byte[8192];
                    try (InputStream in = r.body()) {
                        while (in.read(buf) >= 0) { }
                    } catch (Exception ignored) { }
                });
                t.setDaemon(true);
                t.start();
                readers.add(t);
            }
            String start = probe.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Thread.sleep(seconds * 1000L);
            String end = probe.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("MEASURE flags=[%s] students=%d seconds=%d: frames/s %.0f, steps/s %.0f, heap used now %.1f MB, heap committed %.1f MB,"
                            + " gc pauses %s, process cpu %.2f, sse clients %.0f%n",
                    System.getProperty("deadrelu.jvmFlags", ""), students, seconds,
                    (sum(end, "lab_sse_frames_sent_total") - sum(start, "lab_sse_frames_sent_total")) / seconds,
                    (sum(end, "lab_steps_advanced_total") - sum(start, "lab_steps_advanced_total")) / seconds,
                    sum(end, "jvm_memory_used_bytes{area=\"heap\"") / 1e6, sum(end, "jvm_memory_committed_bytes{area=\"heap\"") / 1e6,
                    pauses(end), sum(end, "process_cpu_usage"), sum(end, "lab_sse_clients"));
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The sum of every sample whose line starts with `prefix`. */
    private static double sum(String metrics, String prefix) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix + " ") || line.startsWith(prefix + ",") || (line.startsWith(prefix) && prefix.endsWith("\"") )) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith(prefix + "{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Each collector's pause count, total and max. */
    private static String pauses(String metrics) {
        StringBuilder out = new StringBuilder();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_gc_pause_seconds_count") || line.startsWith("jvm_gc_pause_seconds_sum") || line.startsWith("jvm_gc_pause_seconds_max")) {
                out.append(line.replaceAll("\\{.*?gc=\"([^\"]*)\".*?}", "[$1]")).append("; ");
            }
        }
        return out.toString();
    }
}
