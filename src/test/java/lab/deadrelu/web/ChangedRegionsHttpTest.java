package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A frame carries what changed on screen, not the page again: a watcher gets every region once, when
 * its stream opens, and after that only the regions whose HTML changed (the status line and the link
 * with every frame while the run plays). A region that changed only in its links' step is not sent again.
 */
class ChangedRegionsHttpTest extends LabTestBase {

    /** A stream read frame by frame: the events of one write share an id; a frame ends where the next begins, or when nothing more comes. */
    private static final class Frames {
        final SseStream s;
        SseStream.Event held;

        Frames(SseStream s) {
            this.s = s;
        }

        Map<String, String> next() {
            Map<String, String> frame = new LinkedHashMap<>();
            SseStream.Event first = held != null ? held : s.next(WAIT);
            held = null;
            if (first == null) return frame;
            frame.put(first.name(), first.data());
            for (SseStream.Event e; (e = s.next(Duration.ofMillis(700))) != null; ) {
                if (!e.id().equals(first.id())) {
                    held = e;
                    break;
                }
                frame.put(e.name(), e.data());
            }
            return frame;
        }
    }

    /** The first frame of a new stream: every region of the page. */
    private static Map<String, String> firstFrame(SseStream s) {
        Map<String, String> frame = new LinkedHashMap<>();
        while (!frame.keySet().containsAll(REGIONS)) {
            SseStream.Event e = s.next(WAIT);
            assertNotNull(e, "the first frame has every region; got " + frame.keySet());
            frame.putIfAbsent(e.name(), e.data());
        }
        return frame;
    }

    @Test
    void afterOneStepTheNextFrameCarriesTheStatusAndTheChartsButNotTheRemediesNorTheControls() {
        Opened lab = open("/lab?scenario=case-2&at=20");
        try (SseStream s = stream(client, lab.id())) {
            Map<String, String> first = firstFrame(s);
            assertTrue(!first.get("remedies").isBlank(), "the remedies come once, with the rest");
            assertEquals(200, htmx(lab.actions() + "/step").statusCode());
            Map<String, String> next = new Frames(s).next();
            assertEquals(21, step(next.get("status")), "the step moved on: " + next.keySet());
            for (String region : new String[] {"status", "loss", "weights", "dead", "link"})
                assertTrue(next.containsKey(region), region + " changed and is sent: " + next.keySet());
            for (String region : new String[] {"remedies", "controls", "announce"})
                assertTrue(!next.containsKey(region), region + " did not change and is not sent again: " + next.keySet());
        }
    }

    @Test
    void whilePlayingFramesLeaveOutWhatDidNotChangeAndAWatcherWhoComesLateGetsEverything() {
        Opened lab = open("/lab?scenario=case-2&at=20&pause=off");
        try (SseStream s = stream(client, lab.id())) {
            firstFrame(s);
            assertEquals(200, htmx(lab.actions() + "/speed", "speed", "10").statusCode());
            assertEquals(200, htmx(lab.actions() + "/play").statusCode());
            SseStream.Event playing = s.await(e -> e.name().equals("controls") && e.data().contains("id=\"pause\""), WAIT);
            assertNotNull(playing, "playing: the pause button comes");
            Frames frames = new Frames(s);
            while (frames.held == null || frames.held.id().equals(playing.id())) {   // the rest of the play's frame
                frames.held = s.next(WAIT);
                assertNotNull(frames.held, "frames come while it plays");
            }
            int withCharts = 0;
            for (int n = 0; n < 6; n++) {
                Map<String, String> frame = frames.next();
                assertTrue(frame.containsKey("status"), "every frame carries the status line: " + frame.keySet());
                if (frame.containsKey("loss") || frame.containsKey("loss-now")) {   // the chart whole, or what moved in it
                    withCharts++;
                    assertTrue(frame.containsKey("link"), "with the link the address bar follows: " + frame.keySet());
                }
                // the compare menu's links and the remedies change only in the step their links carry, or not at all
                for (String region : new String[] {"remedies", "controls", "compare"})
                    assertTrue(!frame.containsKey(region), region + " is not sent while the run plays: " + frame.keySet());
            }
            assertTrue(withCharts > 0, "the charts move on while it plays");

            try (SseStream late = stream(client, lab.id())) {
                Map<String, String> all = firstFrame(late);
                long step = step(all.get("status"));
                assertTrue(step > 20, "the late watcher sees the run where it is: " + step);
                assertTrue(all.get("compare").contains("at%3D" + step + "%26"), "with links at the step on screen: " + all.get("compare"));
            }
        }
    }

    @Test
    void aWatcherIsSentTheRegionsAsUtf8AndChineseTakesThreeBytesACharacter() {
        Opened lab = open("/lab?scenario=case-2&at=20&lang=zh");
        try (SseStream s = stream(client, lab.id())) {
            String remedies = firstFrame(s).get("remedies");
            long chinese = remedies.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
            assertTrue(chinese > 20, "the remedies in Chinese: " + remedies);
            assertTrue(Frame.utf8Bytes(remedies) >= remedies.length() + 2 * chinese, "what the budget counts is bytes, not characters");
            assertEquals(remedies.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Frame.utf8Bytes(remedies));
        }
    }
}
