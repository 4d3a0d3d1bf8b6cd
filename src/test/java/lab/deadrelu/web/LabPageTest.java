package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** GET /lab?<link>: the page of one run, opened at the link's step with the link's numbers. */
class LabPageTest extends LabTestBase {

    @Test
    void aLabLinkOpensAPageWithTheTitleTheStreamAndEveryLiveRegion() {
        Opened lab = open("/lab?scenario=case-2");
        HttpResponse<String> r = lab.response();
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), "a lab page is a live run, never cached");
        String html = lab.body();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>Case 2: one step too far · Dead ReLU Lab</title>"), html);
        assertTrue(html.contains("<h1>Case 2: one step too far</h1>"));
        assertTrue(html.contains("hx-ext=\"sse\" sse-connect=\"/lab/" + lab.id() + "/stream\""));
        assertEquals(22, lab.id().length());
        int last = -1;
        for (String name : REGIONS) {
            int at = html.indexOf("sse-swap=\"" + name + "\"");
            assertTrue(at > last, name + " is on the page, after the region before it");
            last = at;
            // the announcer speaks only of news: nothing has happened yet when a page opens
            if (!name.equals("announce")) assertFalse(lab.region(name).isBlank(), name + " is filled in on first load, not only by the stream");
        }
        assertTrue(html.contains("sse-swap=\"gone\""), "the page listens for its simulation going away");
        assertTrue(lab.region("link").contains("<a href=\"/lab?scenario=case-2\">Link to exactly this step</a>"), lab.region("link"));
        assertTrue(lab.region("controls").contains("action=\"/lab/" + lab.id() + "/play\""), "the controls post to this simulation");
        MarkupPolicyTest.assertNoInlineCode(html);
    }

    @Test
    void noIdAppearsTwiceOnTheLabPage() {
        String html = open("/lab?scenario=case-2&at=100").body();
        Set<String> seen = new HashSet<>();
        Matcher ids = Pattern.compile("\\sid=\"([^\"]*)\"").matcher(html);
        while (ids.find()) assertTrue(seen.add(ids.group(1)), "id=\"" + ids.group(1) + "\" appears twice");
        for (String region : REGIONS) {
            String id = region.equals("announce") ? "announcer" : region;   // the live region is named for its role
            assertTrue(seen.contains(id), "every live region has its id: " + id + " in " + seen);
        }
    }

    @Test
    void aNewBrowserGetsAnHttpOnlySameSiteLaxSessionCookieOnce() {
        HttpClient browser = newBrowser();
        HttpResponse<String> first = open(browser, "/lab?scenario=case-2").response();
        List<String> set = first.headers().allValues("Set-Cookie");
        assertEquals(1, set.size(), set.toString());
        String cookie = set.get(0);
        assertTrue(cookie.matches("lab_session=[A-Za-z0-9_-]{21}[AQgw]\\.[A-Za-z0-9_-]{43};.*"), cookie);
        List<String> attributes = List.of(cookie.split(";\\s*"));
        assertTrue(attributes.contains("HttpOnly"), cookie);
        assertTrue(attributes.contains("SameSite=Lax"), cookie);
        assertTrue(attributes.contains("Path=/"), cookie);
        assertFalse(attributes.contains("Secure"), "plain http: a Secure cookie would never come back");
        assertTrue(open(browser, "/lab?scenario=case-1").response().headers().allValues("Set-Cookie").isEmpty(),
                "a browser that has the cookie keeps it");
    }

    @Test
    void theLinkOnThePageIsCanonicalWhateverOrderAndDefaultsTheLinkCameWith() {
        Opened lab = open("/lab?at=5&lr=0.3&focus=2.1&seed=11358&scenario=case-2");
        assertTrue(lab.region("link").contains("href=\"/lab?scenario=case-2&amp;at=5\""), lab.region("link"));
        Opened changed = open("/lab?focus=1.2&at=7&lr=0.10&scenario=case-2");
        assertTrue(changed.region("link").contains("href=\"/lab?scenario=case-2&amp;lr=0.1&amp;at=7&amp;focus=1.2\""), changed.region("link"));
    }

    @Test
    void atOpensTheRunAtThatStep() {
        Opened lab = open("/lab?scenario=case-2&at=120");
        String status = lab.region("status");
        assertEquals(120, step(status));
        assertTrue(dd(status, "epoch").equals("15"), "8 samples, one per step: step 120 is epoch 15; " + status);
        assertTrue(status.contains("run-paused\""), "a link opens paused");
        assertTrue(lab.region("link").contains("href=\"/lab?scenario=case-2&amp;at=120\""));
        assertEquals(0, step(open("/lab?scenario=case-2").region("status")));
    }

    @Test
    void twoOpensOfTheSameLinkShowByteIdenticalNumbersAndCharts() {
        String link = "/lab?scenario=case-2&at=120&ops=lr:0.05@60";
        Opened a = open(link);
        Opened b = open(link);
        assertNotEquals(a.id(), b.id(), "each open is a simulation of its own");
        for (String name : List.of("status", "network", "weights", "loss", "dead", "events", "link")) {
            assertEquals(withoutId(a.region(name), a.id()), withoutId(b.region(name), b.id()), name);   // the log's links post to its own run
        }
        assertEquals(withoutId(a.region("controls"), a.id()), withoutId(b.region("controls"), b.id()));
        assertTrue(dd(a.region("status"), "lr-value").equals("0.05"), "the intervention is replayed: " + a.region("status"));
    }

    @Test
    void caseTwoAtStep100SaysTheNeuronIsPermanentlyDeadAndDiedAtStep8() {
        Opened lab = open("/lab?scenario=case-2&at=100");
        assertTrue(dd(lab.region("status"), "focus-state").equals("h₁⁽²⁾: permanently dead"), lab.region("status"));
        assertTrue(lab.region("status").contains("<li>Layer 2: 1 of 2 neurons dead</li>"));
        String events = lab.region("events");
        assertTrue(events.contains("<li class=\"event event-died\" data-step=\"8\">"), events);
        assertTrue(events.contains("h₁⁽²⁾ died at step 8."), events);
        assertTrue(events.contains("From step 8, h₁⁽²⁾ is provably dead for good."), events);
        assertTrue(lab.region("weights").contains("died at step 8"), "the weights chart marks the death");

        String before = open("/lab?scenario=case-2&at=7").region("status");
        assertTrue(dd(before, "focus-state").equals("h₁⁽²⁾: active"), "alive one step before: " + before);
    }

    @Test
    void langZhRendersTheLabInChineseAndKeepsTheLanguageInItsLink() {
        Opened lab = open("/lab?scenario=case-2&at=100&lang=zh");
        String html = lab.body();
        assertTrue(html.contains("<html lang=\"zh-Hans\">"));
        assertTrue(html.contains("<h1>情形二：一步迈得太大</h1>"));
        assertTrue(lab.region("status").contains("<dt>步数</dt>") && dd(lab.region("status"), "step").equals("100"), lab.region("status"));
        assertTrue(lab.region("status").contains("h₁⁽²⁾: 永久死亡"), lab.region("status"));
        assertTrue(lab.region("events").contains("h₁⁽²⁾ 在第 8 步死亡。"), lab.region("events"));
        assertTrue(lab.region("controls").contains(">播放</button>"));
        assertTrue(lab.region("link").contains("href=\"/lab?scenario=case-2&amp;at=100&amp;lang=zh\""), lab.region("link"));
    }

    @Test
    void chineseAlsoComesFromTheBrowserLanguage() {
        Opened lab = open("/lab?scenario=case-2", "Accept-Language", "zh-CN,zh;q=0.9");
        assertTrue(lab.body().contains("<h1>情形二：一步迈得太大</h1>"));
        assertTrue(lab.region("link").contains("href=\"/lab?scenario=case-2\""), "a header-chosen language stays out of the link");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyScenarioRendersAtStepZeroAndAtALaterStep(Scenario s) {
        for (long at : new long[] {0, Math.min(s.steps, 1_000)}) {   // the deep net replays ~10 steps a millisecond
            String link = "/lab?scenario=" + s.id + (at == 0 ? "" : "&at=" + at);
            HttpResponse<String> r = send(client, HttpRequest.newBuilder(uri(link)).GET());
            assertEquals(200, r.statusCode(), link);
            String status = region(r.body(), "status");
            assertEquals(at, step(status), link);
            assertFalse(r.body().contains("NaN") || r.body().contains("Infinity"), link);
            assertTrue(region(r.body(), "link").contains("href=\"" + link.replace("&", "&amp;") + "\""), link);
        }
    }

    @Test
    void aHugeStepSizeShowsADivergedRunNeverNaN() {
        Opened lab = open("/lab?scenario=leaky-rescues-case-2&lr=1000000&at=50");
        String html = lab.body();
        assertFalse(html.contains("NaN") || html.contains("Infinity") || html.contains("∞"), "no NaN on screen");
        String status = lab.region("status");
        assertTrue(status.contains("run-diverged\">"), status);
        assertTrue(status.contains("<p class=\"diverged\" id=\"diverged\">This run diverged"), status);
        assertTrue(step(status) < 50, "it stops at the last finite weights: " + status);
        assertTrue(lab.region("controls").contains("id=\"play\" class=\"primary\" aria-keyshortcuts=\"k\" disabled"),
                "nothing left to play: " + lab.region("controls"));
        assertTrue(lab.region("events").contains("event-diverged"), lab.region("events"));
    }
}
