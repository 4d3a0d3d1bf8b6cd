package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.javalin.Javalin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "A killed and restarted server reopens every link at the same step with the same weights": a second
 * app instance stands in for the restarted server, and the link the address bar holds is all that survives.
 */
class LabRestartTest extends LabTestBase {
    private static final List<String> SAME = List.of("status", "network", "weights", "loss", "dead", "events", "link");

    /** What a live simulation shows now: the whole frame a (re)connecting stream gets. */
    private Map<String, String> liveFrame(String id) {
        Map<String, String> frame = new LinkedHashMap<>();
        try (SseStream s = stream(client, id)) {
            while (frame.size() < REGIONS.size()) {
                SseStream.Event e = s.next(WAIT);
                assertNotNull(e, "a whole frame; got " + frame.keySet());
                frame.put(e.name(), withoutId(e.data(), id).strip());
            }
        }
        return frame;
    }

    private static String withoutSpeed(String controls) {
        return controls.replaceAll("(?s)<select id=\"speed\".*?</select>", "");
    }

    private static String replaceUrl(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("HX-Replace-Url").orElseThrow();
    }

    private void assertRestartShowsTheSame(String start, String[]... controls) {
        Opened lab = open(start);
        String link = start;
        for (String[] c : controls) {
            String[] fields = java.util.Arrays.copyOfRange(c, 1, c.length);
            link = replaceUrl(htmx(lab.actions() + "/" + c[0], fields));
        }
        assertRestartShowsTheSame(lab, link);
    }

    /** The live simulation `lab`, now at `link`, against `link` opened on a freshly started server. */
    private void assertRestartShowsTheSame(Opened lab, String link) {
        Map<String, String> live = liveFrame(lab.id());

        Javalin restarted = App.create(Config.forTests()).start(0);
        try {
            HttpResponse<String> r = send(client, HttpRequest.newBuilder(at(restarted.port(), link)).GET());
            assertEquals(200, r.statusCode(), link);
            Opened reopened = new Opened(r, r.body().replaceAll("(?s).*sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\".*", "$1"));
            for (String name : SAME) {
                assertEquals(live.get(name), withoutId(reopened.region(name), reopened.id()).strip(),
                        name + " after a restart, for " + link);
            }
            // The speed is how fast this viewer plays, not part of the run: a link does not carry it.
            assertEquals(withoutSpeed(live.get("controls")), withoutSpeed(withoutId(reopened.region("controls"), reopened.id()).strip()));

            // The page still open on the old id: the restarted server sends it back to its link.
            HttpResponse<String> old = send(client, HttpRequest.newBuilder(at(restarted.port(), lab.actions() + "/step"))
                    .header("HX-Request", "true").POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, old.statusCode());
            assertEquals("true", old.headers().firstValue("HX-Refresh").orElse(""));
            try (SseStream s = SseStream.open(client, at(restarted.port(), "/lab/" + lab.id() + "/stream"))) {
                List<SseStream.Event> events = s.untilEnd(WAIT);
                assertEquals(List.of("gone"), events.stream().map(SseStream.Event::name).toList());
            }
        } finally {
            restarted.stop();
        }
    }

    @Test
    void afterAServerRestartALinkShowsTheSameRunAtTheSameStepWithTheSameNumbers() {
        assertRestartShowsTheSame("/lab?scenario=case-2&at=120");
    }

    @Test
    void aRunDrivenStepByStepReopensTheSameAfterARestart() {
        assertRestartShowsTheSame("/lab?scenario=case-2", new String[] {"step"}, new String[] {"epoch"}, new String[] {"step"},
                new String[] {"focus", "layer", "1", "neuron", "2"}, new String[] {"epoch"});
    }

    @Test
    void aRunWithALoweredLambdaReopensTheSameAfterARestart() {
        assertRestartShowsTheSame("/lab?scenario=case-2&at=40", new String[] {"lr-now", "lr", "0.03"}, new String[] {"epoch"});
    }

    @Test
    void aRunThatWasReinitializedReopensTheSameAfterARestart() {
        assertRestartShowsTheSame("/lab?scenario=case-2&at=40", new String[] {"reinit"}, new String[] {"epoch"});
    }

    @Test
    void aRunThatSwitchedToLeakyReopensTheSameAfterARestart() {
        assertRestartShowsTheSame("/lab?scenario=case-2&at=20", new String[] {"act", "act", "leaky"}, new String[] {"epoch"},
                new String[] {"step"});
    }

    @Test
    void aRunThatPlayedReopensTheSameAfterARestart() throws Exception {
        Opened lab = open("/lab?scenario=case-2&pause=off");   // playing past step 8 (case 2 stops at its death by default)
        htmx(lab.actions() + "/speed", "speed", "100");
        htmx(lab.actions() + "/play");
        Thread.sleep(300);
        String link = replaceUrl(htmx(lab.actions() + "/pause"));
        assertRestartShowsTheSame(lab, link);
    }
}
