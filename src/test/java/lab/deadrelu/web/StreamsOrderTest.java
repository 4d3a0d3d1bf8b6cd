package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Frames of one simulation are rendered on different threads (the ticker, a control's request), so
 * they can be published out of order: the ticker renders "playing, step 41", a pause renders and
 * publishes "paused, step 41" first, then the ticker publishes. The older frame must never be sent
 * after a newer one, or a paused page would show "playing" (and a Pause button) until the next change.
 */
class StreamsOrderTest extends LabTestBase {
    private final Streams streams = new Streams(1);

    @Override
    protected Javalin createApp() {
        return Javalin.create(javalin -> {
            App.configure(javalin, Config.forTests());
            javalin.routes.sse("/test/{sim}/stream", client -> {
                client.keepAlive();
                streams.add(client.ctx().pathParam("sim"), client, frame(1, "one"));
            });
        });
    }

    @AfterAll
    void closeStreams() {
        streams.close();
    }

    private static Frame frame(long version, String status) {
        return new Frame(version, Map.of("status", status));
    }

    private SseStream watch(String sim) {
        SseStream s = SseStream.open(client, uri("/test/" + sim + "/stream"));
        SseStream.Event first = s.next(WAIT);
        assertNotNull(first);
        assertEquals("one", first.data());
        return s;
    }

    @Test
    void aFramePublishedAfterANewerOneWasSentIsNotSent() {
        try (SseStream s = watch("a")) {
            streams.publish("a", frame(3, "three"));
            assertEquals("three", s.next(WAIT).data());
            streams.publish("a", frame(2, "two"));   // rendered before three, published after it
            assertNull(s.next(Duration.ofMillis(300)), "the stale frame is dropped");
            streams.publish("a", frame(4, "four"));
            SseStream.Event next = s.next(WAIT);
            assertEquals("four", next.data());
            assertEquals("4", next.id());
        }
    }

    @Test
    void anOlderFramePublishedRightAfterANewerOneIsNeverTheOneSent() {
        try (SseStream s = watch("b")) {
            // Whether the sender has taken "three" yet or not, "two" must not be sent or replace it.
            streams.publish("b", frame(3, "three"));
            streams.publish("b", frame(2, "two"));
            assertEquals("three", s.next(WAIT).data());
            assertNull(s.next(Duration.ofMillis(300)), "nothing after the newest frame");
        }
    }

    @Test
    void aPulsePublishedRightAfterAFullFrameNeverDropsTheFullFramesOtherFragments() {
        try (SseStream s = watch("c")) {
            // Whether the sender took the full frame before the pulse came or not, the charts of 5 reach the client.
            streams.publish("c", new Frame(5, Map.of("status", "five", "loss", "chart of five")));
            streams.publish("c", frame(6, "six"));
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            while (!"six".equals(seen.get("status"))) {
                SseStream.Event e = s.next(WAIT);
                assertNotNull(e, "saw " + seen);
                seen.put(e.name(), e.data());
            }
            SseStream.Event rest;   // the other events of the frame that carried "six"
            while ((rest = s.next(Duration.ofMillis(300))) != null) seen.put(rest.name(), rest.data());
            assertEquals("chart of five", seen.get("loss"));
        }
    }

    @Test
    void eachFragmentKeepsItsNewestVersionWhenFramesArriveOutOfOrder() {
        try (SseStream s = watch("d")) {
            streams.publish("d", new Frame(8, Map.of("status", "eight", "loss", "chart of eight")));
            streams.publish("d", new Frame(7, Map.of("status", "seven", "loss", "chart of seven", "table", "table of seven")));
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            SseStream.Event e;
            while ((e = s.next(Duration.ofMillis(300))) != null) {
                assertFalse(e.data().contains("seven") && !e.name().equals("table"), "an older version never follows: " + e);
                seen.put(e.name(), e.data());
            }
            assertEquals("eight", seen.get("status"));
            assertEquals("chart of eight", seen.get("loss"));
            assertEquals("table of seven", seen.get("table"), "a fragment only the older frame had is still the newest of its kind");
        }
    }

    @Test
    void aRegionOlderThanItsPartOnScreenIsFollowedByThatPartAgain() {
        try (SseStream s = watch("f")) {
            streams.publish("f", new Frame(5, Map.of("status", "five", "loss-now", "lines of five")));
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            while (!seen.containsKey("loss-now") || !seen.containsKey("status")) {   // the whole of five
                SseStream.Event e = s.next(WAIT);
                assertNotNull(e, "saw " + seen);
                seen.put(e.name(), e.data());
            }
            // rendered before five (a control's whole frame), published after it: its chart holds the lines of four
            streams.publish("f", new Frame(4, Map.of("status", "four", "loss", "axes, lines of four")));
            java.util.List<String> after = new java.util.ArrayList<>();
            for (SseStream.Event e; (e = s.next(Duration.ofMillis(500))) != null; ) after.add(e.name() + "=" + e.data());
            assertEquals(java.util.List.of("loss=axes, lines of four", "loss-now=lines of five"), after,
                    "the chart, then the newer lines again inside it; the older status not at all");
        }
    }

    @Test
    void dataWithLineBreaksOfEveryKindArrivesWholeAndNeverEndsTheEventEarly() {
        try (SseStream s = watch("e")) {
            streams.publish("e", frame(2, "a\nb\r\nc\rd\n\ne"));
            SseStream.Event e = s.next(WAIT);
            assertEquals("a\nb\nc\nd\n\ne", e.data());
            assertEquals("2", e.id());
        }
    }
}
