package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With a whole class watching, a playing lab gets its status line every frame and its full frame
 * (charts, diagram, table...) only as often as the server's budget allows: here 200 KB of full frames
 * a second shared by 5 watched labs, so about one frame in five or six is full (a full frame of the
 * post's network is about 33 KB). A pause is shown in full at once.
 * A comparison has no pulses: it gets its share of full frames and nothing in between.
 */
class PulseFramesTest extends LabTestBase {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final ServerLog LOG = new ServerLog();

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withLimits(new Config.Limits(10, 10, 100, 5000, 1200, 200, 200)));
    }

    @Test
    void betweenFullFramesAPlayingLabGetsItsStatusLineAlone() {
        List<SseStream> others = new ArrayList<>();
        Opened lab = open("/lab?scenario=case-2&pause=off");   // plays on past step 8 (case 2 stops at its death by default)
        try (SseStream s = stream(client, lab.id())) {
            SseStream.Event first = s.awaitNamed("loss", WAIT);
            assertNotNull(first, "the first frame is full");
            for (int i = 0; i < 4; i++) others.add(stream(client, open("/lab?scenario=case-1").id()));
            assertEquals(200, htmx(lab.actions() + "/speed", "speed", "10").statusCode());
            assertEquals(200, htmx(lab.actions() + "/play").statusCode());

            Map<String, Integer> count = new HashMap<>();
            Map<String, List<String>> namesById = new HashMap<>();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                SseStream.Event e = s.next(Duration.ofMillis(500));
                if (e == null || e.id().equals(first.id())) continue;   // the rest of the first frame
                count.merge(e.name(), 1, Integer::sum);
                namesById.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e.name());
            }
            // a full frame carries the link with what changed (a chart whole, or only its lines: loss-now); a pulse the status alone
            int status = count.getOrDefault("status", 0), full = count.getOrDefault("link", 0);
            assertTrue(status >= 12, "the status line about every 100 ms: " + count);
            assertTrue(full >= 2 && full * 2 <= status, "a full frame about every 800 ms: " + count);
            assertTrue(count.getOrDefault("loss", 0) + count.getOrDefault("loss-now", 0) >= 2, "the loss chart moves on with each full frame: " + count);
            for (List<String> frame : namesById.values())
                assertTrue(frame.contains("status"), "every frame carries the status line: " + frame);

            assertEquals(200, htmx(lab.actions() + "/pause").statusCode());
            SseStream.Event paused = s.awaitNamed("controls", WAIT);
            assertNotNull(paused, "the pause reaches the page at once, with the whole picture");
            assertTrue(paused.data().contains("id=\"play\""), paused.data());
        } finally {
            others.forEach(SseStream::close);
        }
    }

    @Test
    void aPlayingComparisonGetsItsShareOfFullFramesAndNothingInBetween() {
        List<SseStream> others = new ArrayList<>();
        HttpResponse<String> page = get("/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-2%26lr%3D0.03");
        assertEquals(200, page.statusCode());
        Matcher m = Pattern.compile("sse-connect=\"([^\"]+)\"").matcher(page.body());
        assertTrue(m.find());
        String stream = m.group(1), actions = stream.substring(0, stream.length() - "/stream".length());
        try (SseStream s = SseStream.open(client, uri(stream))) {
            SseStream.Event first = s.awaitNamed("status", WAIT);
            assertNotNull(first, "the first frame");
            for (int i = 0; i < 4; i++) others.add(stream(client, open("/lab?scenario=case-1").id()));
            assertEquals(200, htmx(actions + "/speed", "speed", "10").statusCode());
            assertEquals(200, htmx(actions + "/play").statusCode());
            java.util.Set<String> frames = new java.util.HashSet<>();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                SseStream.Event e = s.next(Duration.ofMillis(500));
                if (e != null && e.name().equals("status")) frames.add(e.id());
            }
            // 200 KB/s for 5 watched, a pair's frame about 40 KB: one a second or so, not one every 100 ms
            assertTrue(frames.size() >= 2 && frames.size() <= 12, "frames in 3 s: " + frames.size());
        } finally {
            others.forEach(SseStream::close);
        }
    }
}
