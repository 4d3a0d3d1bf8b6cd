package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive ping and the frames of a client are written by a pool of senders. Two threads
 * writing to one client at once break its stream (Jetty refuses the second write, or the lines of a
 * ping land inside a frame); the browser test saw a lab page lose its status this way while playing
 * fast. A ping must wait for its client's turn.
 */
class StreamsPingTest extends LabTestBase {
    private final Streams streams = new Streams(4);

    @Override
    protected Javalin createApp() {
        return Javalin.create(javalin -> {
            App.configure(javalin, Config.forTests());
            javalin.routes.sse("/test/{sim}/stream", client -> {
                client.keepAlive();
                streams.add(client.ctx().pathParam("sim"), client, frame(1));
            });
        });
    }

    @AfterAll
    void closeStreams() {
        streams.close();
    }

    /** A big fragment of many lines, different for every version. */
    private static String fragment(long version) {
        StringBuilder s = new StringBuilder();
        for (int line = 0; line < 400; line++) s.append("<p>frame ").append(version).append(", line ").append(line).append("</p>\n");
        return s.toString().strip();
    }

    private static Frame frame(long version) {
        return new Frame(version, Map.of("status", fragment(version)));
    }

    @Test
    void pingsSentWhileFramesAreWrittenNeverBreakAFrame() throws InterruptedException {
        try (SseStream s = SseStream.open(client, uri("/test/p/stream"))) {
            assertEquals(fragment(1), s.next(WAIT).data());
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread pinger = new Thread(() -> {
                while (publishing.get()) streams.ping();
            }, "test-pinger");
            pinger.start();
            int last = 300;
            try {
                for (int v = 2; v <= last; v++) streams.publish("p", frame(v));
            } finally {
                publishing.set(false);
                pinger.join();
            }
            int received = 0;
            while (true) {
                SseStream.Event e = s.next(WAIT);
                assertNotNull(e, "the stream ended or went quiet before the last frame");
                assertEquals(fragment(Long.parseLong(e.id())), e.data(), "frame " + e.id() + " arrived whole");
                received++;
                if (e.id().equals(Integer.toString(last))) break;
            }
            assertTrue(received >= 1);
        }
    }
}
