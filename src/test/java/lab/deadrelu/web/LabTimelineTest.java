package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The timeline over HTTP: POST /lab/{id}/seek opens a step the run reached (the address bar follows, the
 * page shows what that step's link shows), the pause-at-death switch is a parameter of the link, case 2
 * played stops at its death, and no link the server hands out asks for more than it opens.
 */
class LabTimelineTest extends LabTestBase {

    private static String replaceUrl(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), () -> "answered " + r.statusCode() + ": " + r.body());
        return r.headers().firstValue("HX-Replace-Url").orElseThrow(() -> new AssertionError("no HX-Replace-Url: " + r.headers()));
    }

    @Test
    void seekOpensAStepTheRunReachedAndTheAddressBarFollows() {
        Opened lab = open("/lab?scenario=case-2&pause=off&at=50");
        HttpResponse<String> back = htmx(lab.actions() + "/seek", "to", "20");
        assertEquals("/lab?scenario=case-2&at=20&pause=off", replaceUrl(back));
        String timeline = back.body();
        assertTrue(timeline.strip().startsWith("<h2 id=\"timeline-heading\""), "the answer is the timeline fragment: " + timeline);
        assertTrue(timeline.contains("max=\"50\"") && timeline.contains("value=\"20\""), "the scrubber still spans the 50 steps reached: " + timeline);
        assertEquals("/lab?scenario=case-2&at=21&pause=off", replaceUrl(htmx(lab.actions() + "/step")), "and the run goes on from there");
        assertEquals("/lab?scenario=case-2&at=50&pause=off", replaceUrl(htmx(lab.actions() + "/seek", "to", "50")), "End: back where it was");
        assertEquals("/lab?scenario=case-2&pause=off", replaceUrl(htmx(lab.actions() + "/seek", "to", "0")), "Home");
    }

    @Test
    void afterASeekTheStreamShowsWhatTheStepsLinkShowsWhenOpened() {
        Opened lab = open("/lab?scenario=case-2&pause=off&ops=lr:0.1@12&at=40");
        try (SseStream s = stream(client, lab.id())) {
            assertNotNull(s.awaitNamed("link", WAIT), "the first frame");
            String link = replaceUrl(htmx(lab.actions() + "/seek", "to", "9"));
            assertEquals("/lab?scenario=case-2&ops=lr:0.1@12&at=9&pause=off", link, "the link keeps the later intervention");
            Opened fresh = open(link);
            java.util.Map<String, String> frame = new java.util.HashMap<>();
            for (SseStream.Event e = s.next(WAIT); e != null; e = s.next(WAIT)) {
                frame.put(e.name(), e.data());
                if (e.name().equals("link") && e.data().contains("at=9&")) break;   // the frame of step 9 is complete
            }
            for (String region : new String[] {"status", "network", "table", "inspector", "certificates", "events"}) {
                assertNotNull(frame.get(region), region + " of step 9 over the stream");
                assertEquals(withoutId(fresh.region(region), fresh.id()).strip(), withoutId(frame.get(region), lab.id()).strip(), region);
            }
            assertTrue(frame.get("weights").contains("marker now"), "the charts mark the step on screen among the 40 reached");
        }
    }

    @Test
    void theTimelineMarksTheRunsEventsWithAccessibleLabels() {
        Opened lab = open("/lab?scenario=case-2&pause=off&at=40");
        String timeline = lab.region("timeline");
        assertTrue(timeline.contains("id=\"timeline-scrubber\"") && timeline.contains("type=\"range\""), timeline);
        assertTrue(timeline.contains("class=\"tl-mark tl-died\"") && timeline.contains("role=\"img\"><title>h₁⁽²⁾ died at step 8.</title>"), timeline);
        assertTrue(timeline.contains("class=\"tl-mark tl-permanent\""), timeline);
        assertTrue(timeline.contains("x=\"20.0%\""), "step 8 of 40 is a fifth of the way: " + timeline);
        assertTrue(timeline.contains("Step 40 of 40 reached"), timeline);
        String zh = open("/lab?scenario=case-2&pause=off&at=40&lang=zh").region("timeline");
        assertTrue(zh.contains("时间轴") && zh.contains("h₁⁽²⁾ 在第 8 步死亡。"), zh);
    }

    @Test
    void aStepTheRunHasNotReachedOrNoStepAtAllIsA400NamingToAndChangesNothing() {
        Opened lab = open("/lab?scenario=case-2&at=30");
        for (String[] bad : new String[][] {{"31", "0 to 30"}, {"abc", "a whole number"}, {"-1", "a whole number"}, {"99999999", "a whole number"}}) {
            HttpResponse<String> r = htmx(lab.actions() + "/seek", "to", bad[0]);
            assertEquals(400, r.statusCode(), bad[0] + ": " + r.body());
            assertTrue(r.body().startsWith("to cannot be “" + bad[0] + "”") && r.body().contains(bad[1]), r.body());   // htmx: one plain sentence
        }
        HttpResponse<String> missing = htmx(lab.actions() + "/seek");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("to"), missing.body());
        assertEquals("/lab?scenario=case-2&at=31", replaceUrl(htmx(lab.actions() + "/step")), "nothing moved before");
    }

    @Test
    void thePauseAtDeathSwitchIsAParameterOfTheLink() {
        Opened lab = open("/lab?scenario=case-2&at=3");
        assertTrue(lab.region("timeline").contains("name=\"pause\" value=\"death\" checked"), "on by default in case 2");
        HttpResponse<String> off = htmx(lab.actions() + "/pause-at-death");   // an unticked checkbox sends nothing
        assertEquals("/lab?scenario=case-2&at=3&pause=off", replaceUrl(off));
        assertFalse(off.body().contains("value=\"death\" checked"), off.body());
        assertEquals("/lab?scenario=case-2&at=3", replaceUrl(htmx(lab.actions() + "/pause-at-death", "pause", "death")));

        Opened healthy = open("/lab?scenario=healthy");
        assertFalse(healthy.region("timeline").contains("value=\"death\" checked"), "off elsewhere");
        assertEquals("/lab?scenario=healthy&pause=death", replaceUrl(htmx(healthy.actions() + "/pause-at-death", "pause", "death")));
        HttpResponse<String> bad = htmx(healthy.actions() + "/pause-at-death", "pause", "sometimes");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().startsWith("pause cannot be “sometimes”"), bad.body());

        HttpResponse<String> badLink = get("/lab?scenario=case-2&pause=maybe");
        assertEquals(400, badLink.statusCode());
        assertTrue(badLink.body().contains("<code>pause</code>") && badLink.body().contains("death"), badLink.body());
    }

    @Test
    void case2PlayedWithPauseAtDeathStopsAtStep8AndSaysTheNeuronDied() {
        Opened lab = open("/lab?scenario=case-2");
        try (SseStream s = stream(client, lab.id())) {
            assertNotNull(s.awaitNamed("link", WAIT));
            assertEquals(200, htmx(lab.actions() + "/speed", "speed", "100").statusCode());
            assertEquals(200, htmx(lab.actions() + "/play").statusCode());
            SseStream.Event stopped = s.await(e -> e.name().equals("status") && e.data().contains("run-paused\""), Duration.ofSeconds(30));
            assertNotNull(stopped, "it stops by itself");
            assertEquals(8, step(stopped.data()));
            assertTrue(stopped.data().contains("id=\"death-pause\"") && stopped.data().contains("h₁⁽²⁾ died"), stopped.data());
            SseStream.Event said = s.await(e -> e.name().equals("announce") && e.data().contains("Playing paused here"), WAIT);
            assertNotNull(said, "the announcer says so");
            assertTrue(said.data().contains("Step 8: h₁⁽²⁾ died for good."), said.data());
            SseStream.Event link = s.await(e -> e.name().equals("link") && e.data().contains("at=8"), WAIT);
            assertNotNull(link, "the address bar follows: " + link);
        }
        String zh = open("/lab?scenario=case-2&lang=zh").actions();
        assertEquals(200, htmx(zh + "/speed", "speed", "100").statusCode());
        htmx(zh + "/play");
        try (SseStream s = stream(client, zh.substring("/lab/".length()))) {
            SseStream.Event said = s.await(e -> e.name().equals("announce") && e.data().contains("神经元死亡时暂停"), Duration.ofSeconds(30));
            assertNotNull(said, "in Chinese too");
        }
    }

    @Test
    void case2PlayedWithPauseOffPlaysOnPastItsDeath() {
        Opened lab = open("/lab?scenario=case-2&pause=off");
        try (SseStream s = stream(client, lab.id())) {
            assertNotNull(s.awaitNamed("link", WAIT));
            assertEquals(200, htmx(lab.actions() + "/speed", "speed", "100").statusCode());
            assertEquals(200, htmx(lab.actions() + "/play").statusCode());
            SseStream.Event past = s.await(e -> e.name().equals("status") && e.data().contains("run-playing\"") && step(e.data()) > 20,
                    Duration.ofSeconds(30));
            assertNotNull(past, "it plays on past step 8");
            htmx(lab.actions() + "/pause");
        }
    }

    @Test
    void case1StopsAtOnceWhenPlayedForItsNeuronBornDead() {
        Opened lab = open("/lab?scenario=case-1");
        HttpResponse<String> play = htmx(lab.actions() + "/play");
        assertTrue(play.body().contains("id=\"play\""), "stopped at once: the controls offer play again");
        assertTrue(htmx(lab.actions() + "/play").body().contains("id=\"pause\""), "played again, it goes on");
        htmx(lab.actions() + "/pause");
    }

    /** A page that replays about a million steps: longer than the base's patience. */
    private HttpResponse<String> slow(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void playingStopsAtTheLastStepALinkOpensAndSaysSoAndEveryLinkHandedOutOpens() throws Exception {
        // The post's network reaches step 1,000,000, the last any link may name.
        HttpResponse<String> page = slow("/lab?scenario=case-2&pause=off&at=999995");
        assertEquals(200, page.statusCode());
        Opened lab = new Opened(page, page.body().replaceAll("(?s).*sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\".*", "$1"));
        try (SseStream s = stream(client, lab.id())) {
            assertNotNull(s.awaitNamed("link", WAIT));
            String link = replaceUrl(htmx(lab.actions() + "/epoch"));
            assertEquals("/lab?scenario=case-2&at=1000000&pause=off", link, "one epoch would be step 1,000,003");
            SseStream.Event status = s.await(e -> e.name().equals("status") && step(e.data()) == 1_000_000, WAIT);
            assertNotNull(status);
            assertTrue(status.data().contains("as far as this network goes on this server"), status.data());
            assertEquals(link, replaceUrl(htmx(lab.actions() + "/step")), "a step goes nowhere");
            assertTrue(htmx(lab.actions() + "/play").body().contains("id=\"play\""), "nor does play");
            SseStream.Event handedOut = s.await(e -> e.name().equals("link"), WAIT);
            assertNotNull(handedOut);
            assertTrue(handedOut.data().contains("at=1000000"), handedOut.data());
        }
        HttpResponse<String> zh = slow("/lab?scenario=case-2&pause=off&at=1000000&lang=zh");
        assertEquals(200, zh.statusCode(), "the link opens");
        assertTrue(zh.body().contains("这个网络在本服务器上能走到的最远处"), "and says so, in Chinese too");
    }
}
