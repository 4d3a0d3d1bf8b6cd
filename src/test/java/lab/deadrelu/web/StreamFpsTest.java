package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ?fps=N on a lab's SSE stream (the page asks for 2 under prefers-reduced-motion): a watcher gets at
 * most N frames per second while the run plays, and still ends up with the newest frame.
 */
class StreamFpsTest extends HttpTestBase {
    private static final String FORM = "Content-Type";
    private static final String URLENCODED = "application/x-www-form-urlencoded";

    /** An SSE client on its own thread: the arrival time of each frame (SSE id) and the last "status" data. */
    final class Watcher implements AutoCloseable {
        final Map<String, Long> firstSeen = new LinkedHashMap<>();
        volatile String lastStatus = "";
        private final InputStream body;
        private final Thread reader;

        Watcher(String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            body = r.body();
            reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line, event = null;
                StringBuilder data = new StringBuilder();
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) event = line.substring(6).trim();
                    else if (line.startsWith("data:")) data.append(line.substring(5)).append('\n');
                    else if (line.startsWith("id:")) {
                        String id = line.substring(3).trim();
                        synchronized (firstSeen) {
                            firstSeen.putIfAbsent(id, System.nanoTime());
                        }
                    } else if (line.isEmpty()) {
                        if ("status".equals(event)) lastStatus = data.toString();
                        event = null;
                        data.setLength(0);
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        List<Long> arrivals() {
            synchronized (firstSeen) {
                return new ArrayList<>(firstSeen.values());
            }
        }

        @Override
        public void close() throws Exception {
            body.close();
            reader.join(2_000);
        }
    }

    static int mostInOneSecond(List<Long> times) {
        int most = 0;
        for (int i = 0; i < times.size(); i++) {
            int count = 0;
            for (long t : times) if (t >= times.get(i) && t < times.get(i) + 1_000_000_000L) count++;
            most = Math.max(most, count);
        }
        return most;
    }

    private String openLab(String query) {
        return GuidedWalkHttpTest.simId(get("/lab?" + query).body());
    }

    @Test
    void withFps2AWatcherGetsAtMostThreeFramesInAnySecondWhilePlayingAndTheNewestInTheEnd() throws Exception {
        String id = openLab("scenario=healthy");
        post("/lab/" + id + "/speed", "speed=100", FORM, URLENCODED);
        try (Watcher slow = new Watcher("/lab/" + id + "/stream?fps=2"); Watcher full = new Watcher("/lab/" + id + "/stream")) {
            Thread.sleep(300);
            post("/lab/" + id + "/play", "", FORM, URLENCODED);
            Thread.sleep(3_200);
            post("/lab/" + id + "/pause", "", FORM, URLENCODED);
            Thread.sleep(1_200);   // the paced watcher's last frame goes out within half a second

            List<Long> paced = slow.arrivals(), every = full.arrivals();
            assertTrue(mostInOneSecond(paced) <= 3, "fps=2: " + mostInOneSecond(paced) + " frames in one second");
            assertTrue(paced.size() >= 5, "frames keep coming at about 2 a second: " + paced.size());
            assertTrue(mostInOneSecond(every) > 5, "without fps the ticker's 10 frames a second arrive: " + mostInOneSecond(every));
            assertEquals(full.lastStatus, slow.lastStatus, "both end on the newest frame");
            assertTrue(slow.lastStatus.contains("id=\"step\""), slow.lastStatus);
        }
    }

    @Test
    void fpsOutside1To10IsA400BeforeTheStreamStarts() {
        String id = openLab("scenario=case-2");
        for (String bad : new String[] {"0", "11", "2.5", "x", "", "-1"}) {
            HttpResponse<String> r = get("/lab/" + id + "/stream?fps=" + bad, "Accept", "text/event-stream");
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.body().contains("<code>fps</code>"), bad);
        }
    }

    @Test
    void fps10IsAccepted() throws Exception {
        String id = openLab("scenario=case-2");
        HttpRequest request = HttpRequest.newBuilder(uri("/lab/" + id + "/stream?fps=10")).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        r.body().close();
    }
}
