package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /lab/{id}/stream: the frames of a simulation, as named SSE events the page swaps into its regions. */
class LabStreamTest extends LabTestBase {

    /** The events of the first frame: every region once, in the order they are sent. */
    private static Map<String, SseStream.Event> firstFrame(SseStream s) {
        Map<String, SseStream.Event> frame = new LinkedHashMap<>();
        while (frame.size() < REGIONS.size()) {
            SseStream.Event e = s.next(WAIT);
            assertNotNull(e, "the whole first frame arrives; got " + frame.keySet());
            assertNull(frame.put(e.name(), e), "each region once in the first frame: " + e.name());
        }
        return frame;
    }

    @Test
    void theFirstFrameIsEveryRegionAsANamedEventWithDataLines() {
        Opened lab = open("/lab?scenario=case-2&at=100");
        try (SseStream s = stream(client, lab.id())) {
            assertEquals(200, s.response.statusCode());
            assertEquals("text/event-stream;charset=utf-8", s.response.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
            Map<String, SseStream.Event> frame = firstFrame(s);
            assertEquals(new java.util.HashSet<>(REGIONS), frame.keySet());
            String version = null;
            for (SseStream.Event e : frame.values()) {
                List<String> lines = e.lines();
                int named = lines.indexOf("event: " + e.name());
                assertTrue(named >= 0, e.lines().toString());
                assertTrue(lines.size() > named + 1, "data follows the event line: " + lines);
                for (String l : lines.subList(named + 1, lines.size())) assertTrue(l.startsWith("data:"), e.name() + ": " + l);
                if (version == null) version = e.id();
                assertEquals(version, e.id(), "one frame, one version");
                // The stream sends what the page shows: the same fragment templates, rendered from the same state.
                assertEquals(lab.region(e.name()).strip(), e.data().strip(), e.name());
            }
            assertEquals(100, step(frame.get("status").data()));
            assertTrue(frame.get("link").data().contains("href=\"/lab?scenario=case-2&amp;at=100\""));
        }
    }

    @Test
    void afterPlayFramesKeepComingWithIncreasingSteps() {
        Opened lab = open("/lab?scenario=case-2&pause=off");   // plays on past step 8 (case 2 stops at its death by default)
        try (SseStream s = stream(client, lab.id())) {
            firstFrame(s);
            HttpResponse<String> play = htmx(lab.actions() + "/play");
            assertEquals(200, play.statusCode());
            assertTrue(play.body().contains("id=\"pause\""), "playing: the controls offer pause");

            List<Long> steps = new ArrayList<>();
            long lastVersion = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (steps.size() < 5 && System.nanoTime() < deadline) {
                SseStream.Event e = s.awaitNamed("status", WAIT);
                assertNotNull(e, "status frames keep coming while playing; steps so far " + steps);
                assertTrue(Long.parseLong(e.id()) > lastVersion, "each frame has a newer version");
                lastVersion = Long.parseLong(e.id());
                if (e.data().contains("run-playing\"")) {
                    long step = step(e.data());
                    if (steps.isEmpty() || step != steps.get(steps.size() - 1)) steps.add(step);
                }
            }
            assertEquals(5, steps.size(), "five different steps within 5 s: " + steps);
            for (int i = 1; i < steps.size(); i++) assertTrue(steps.get(i) > steps.get(i - 1), "steps only go forward: " + steps);
            htmx(lab.actions() + "/pause");
        }
    }

    @Test
    void pauseStopsTheSteps() throws Exception {
        Opened lab = open("/lab?scenario=case-2&pause=off");   // playing past step 8 (case 2 stops at its death by default)
        try (SseStream s = stream(client, lab.id())) {
            firstFrame(s);
            assertEquals(200, htmx(lab.actions() + "/speed", "speed", "100").statusCode());
            assertEquals(200, htmx(lab.actions() + "/play").statusCode());
            assertNotNull(s.await(e -> e.name().equals("status") && step(e.data()) >= 3, WAIT), "it plays");

            HttpResponse<String> pause = htmx(lab.actions() + "/pause");
            assertEquals(200, pause.statusCode());
            assertTrue(pause.body().contains("id=\"play\""), "paused: the controls offer play again");
            SseStream.Event paused = s.await(e -> e.name().equals("status") && e.data().contains("run-paused\""), WAIT);
            assertNotNull(paused, "the stream says it paused");
            long at = step(paused.data());

            long until = System.nanoTime() + Duration.ofMillis(700).toNanos();
            while (System.nanoTime() < until) {
                SseStream.Event e = s.next(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
                if (e == null) break;
                if (e.name().equals("status")) fail("after pause the stream showed another status: " + e.data());
            }
            HttpResponse<String> stepped = htmx(lab.actions() + "/step");
            assertEquals("/lab?scenario=case-2&at=" + (at + 1) + "&pause=off", stepped.headers().firstValue("HX-Replace-Url").orElse(""),
                    "the simulation stayed where the stream said it paused");
        }
    }

    @Test
    void aControlIsPushedToTheStreamAndOnlyTheRegionsThatChangedAreSent() {
        Opened lab = open("/lab?scenario=case-2");
        try (SseStream s = stream(client, lab.id())) {
            String firstVersion = firstFrame(s).get("status").id();
            assertEquals(200, htmx(lab.actions() + "/step").statusCode());
            List<String> names = new ArrayList<>();
            SseStream.Event e;
            do {
                e = s.next(WAIT);
                assertNotNull(e, "the step's frame arrives; got " + names);
                assertFalse(e.id().equals(firstVersion), "a new version");
                names.add(e.name());
                if (e.name().equals("status")) assertEquals(1, step(e.data()));
            } while (!e.name().equals("link"));
            assertTrue(e.data().contains("href=\"/lab?scenario=case-2&amp;at=1\""), e.data());
            assertTrue(names.contains("status") && names.contains("network"), names.toString());
            assertFalse(names.contains("controls"), "the controls did not change: not sent again; " + names);
            assertFalse(names.contains("events"), "no new event: the log is not sent again; " + names);
        }
    }

    @Test
    void aReconnectedStreamGetsTheWholeFrameAgain() {
        Opened lab = open("/lab?scenario=case-2&at=50");
        try (SseStream first = stream(client, lab.id())) {
            firstFrame(first);
        }
        try (SseStream again = stream(client, lab.id())) {
            Map<String, SseStream.Event> frame = firstFrame(again);
            assertEquals(50, step(frame.get("status").data()), "a lost connection loses nothing");
        }
    }

    @Test
    void anUnknownIdGetsASingleGoneEventAndTheStreamEnds() {
        open("/lab?scenario=case-2");   // this browser has a session and a simulation, just not this one
        for (String id : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "not-an-id"}) {
            try (SseStream s = stream(client, id)) {
                assertEquals(200, s.response.statusCode());
                List<SseStream.Event> events = s.untilEnd(WAIT);
                assertEquals(1, events.size(), events.toString());
                assertEquals("gone", events.get(0).name());
            }
        }
    }

    private static void fail(String message) {
        org.junit.jupiter.api.Assertions.fail(message);
    }
}
