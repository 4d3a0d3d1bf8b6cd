package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
