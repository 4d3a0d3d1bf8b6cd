package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.scenario.Walks;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;

/**
 * The guided walk over HTTP: its panel on the page, read from the run; its buttons as POSTs that land
 * where the words say from any starting link; the words of a step on screen only while the run is there;
 * the panel following the run after the other controls.
 */
class GuidedWalkHttpTest extends LabTestBase {
    private static final String FORM = "Content-Type";
    private static final String URLENCODED = "application/x-www-form-urlencoded";
    private static final I18n EN = I18n.of(Lang.EN);
    private static final Pattern WALK_TEXT = Pattern.compile("<p class=\"walk-text\">");

    private static final Pattern SIM = Pattern.compile("sse-connect=\"/lab/([^/\"]+)/stream\"");

    /** The simulation a lab page opened (other tests use it too). */
    static String simId(String html) {
        Matcher m = SIM.matcher(html);
        assertTrue(m.find(), "the page names its stream");
        return m.group(1);
    }

    static String unescape(String html) {
        return html.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&").replace("&#39;", "'").replace("&#34;", "\"")
                .replace("&quot;", "\"");
    }

    String walk(String link) {
        return unescape(open(link).region("walk"));
    }

    static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The sentence that says where the run stands. */
    static String where(String walk) {
        Matcher m = Pattern.compile("<p class=\"walk-progress\" id=\"walk-progress\"[^>]*>(.*?)</p>").matcher(walk);
        assertTrue(m.find(), walk);
        return m.group(1);
    }

    @Test
    void everyScenarioPageHasTheWalkPanelWithItsFirstButtonAndTheCreditInBothLanguages() {
        for (Scenario s : Scenario.values()) {
            for (Lang lang : Lang.values()) {
                String html = unescape(get("/lab?scenario=" + s.id + "&lang=" + lang.code).body());
                I18n m = I18n.of(lang);
                String walk = region(html, "walk");
                assertTrue(walk.contains(m.t("walk.heading")), s.id);
                assertTrue(walk.contains(m.t("walk.credit")) && walk.contains("王乐Levi"), "the walk credits the post");
                assertEquals(m.t("walk.where.start", 0), where(walk));
                assertTrue(walk.contains(">" + m.t("walk." + s.id + ".1.button") + "</button>"), s.id + " " + lang);
                assertEquals(0, count(WALK_TEXT, walk), "no step's words before the run is where they apply: " + walk);
                assertFalse(walk.contains(m.t("walk." + s.id + ".2.button")), "later steps stay hidden until reached");
                assertEquals(1, count(Pattern.compile("id=\"walk-next\""), walk));
                assertTrue(html.contains("<kbd>k</kbd>") && html.contains(m.t("keys.heading")), "the keyboard shortcuts are listed");
                MarkupPolicyTest.assertNoInlineCode(html);
            }
        }
    }

    @Test
    void theWordsOfAStepAreOnScreenExactlyWhileTheRunIsWhereTheStepLeads() {
        for (Scenario s : Scenario.values()) {
            Walks.Walk w = Walks.of(s);
            for (int n = 1; n <= w.size(); n++) {
                RunSpec t = w.target(n);
                String walk = walk("/lab?" + t.toQuery());
                assertEquals(EN.t("walk.where.at", t.at(), n, w.size()), where(walk), s.id + " step " + n);
                assertTrue(walk.contains("<p class=\"walk-text\">" + EN.t(w.textKey(n)) + "</p>"), s.id + " step " + n + ": its words");
                assertEquals(1, count(WALK_TEXT, walk), s.id + " step " + n + ": no other step's words");
                assertTrue(walk.contains("aria-current=\"step\""), "the step the run is at is marked");
                if (n < w.size()) assertTrue(walk.contains(">" + EN.t(w.buttonKey(n + 1)) + "</button>"), "the next step's button");
                else assertTrue(walk.contains(EN.t("walk.finished")) && walk.contains(EN.t("walk.again")));
                assertEquals(1, count(Pattern.compile("id=\"walk-next\""), walk));
            }
        }
    }

    @Test
    void awayFromAStepsRunThePanelSaysWhereTheRunStandsAndShowsNoStepsWords() {
        String[][] cases = {   // the link, and where the panel must say the run stands
            {"scenario=case-2&at=20", EN.t("walk.where.past", 20, 2, 5, 100)},
            {"scenario=case-2&at=5", EN.t("walk.where.before", 5)},
            {"scenario=case-2&at=150", EN.t("walk.where.left", 150, 3, 5, 100)},
            {"scenario=case-2&ops=reinit@8&at=9", EN.t("walk.where.left", 9, 2, 5, 8)},
            {"scenario=case-2&ops=lr:0.1@3&at=20", EN.t("walk.where.left.start", 20)},
            {"scenario=case-2&at=7&focus=1.1", EN.t("walk.where.elsewhere", 7, 1, 5, "h₁⁽¹⁾", "h₁⁽²⁾")},
            {"scenario=case-2&lr=0.03&at=150", EN.t("walk.where.end", 150, 5, 100)},
            {"scenario=case-2&lr=0.1&at=30", EN.t("walk.where.other", 30)},
            {"scenario=case-1&at=9", EN.t("walk.where.past", 9, 1, 4, 500)},
            {"scenario=healthy&lr=1&at=50", EN.t("walk.where.past", 50, 2, 4, 100)},
        };
        for (String[] c : cases) {
            String walk = walk("/lab?" + c[0]);
            assertEquals(c[1], where(walk), c[0]);
            assertEquals(0, count(WALK_TEXT, walk), c[0] + ": no step's words off its run: " + walk);
            assertEquals(1, count(Pattern.compile("id=\"walk-next\""), walk), c[0]);
        }
        // step 1's button from step 20 of case 2 is there, and goes back to step 7
        String walk = walk("/lab?scenario=case-2&at=20");
        assertTrue(walk.contains(">" + EN.t("walk.case-2.1.button") + "</button>"));
        assertTrue(walk.contains(">" + EN.t("walk.case-2.3.button") + "</button>"));
    }

    @Test
    void aStepPressedFromAnyStartingLinkLandsOnItsRunAndShowsItsWords() {
        Walks.Walk w = Walks.of(Scenario.CASE_2);
        for (String start : List.of("scenario=case-2&at=20", "scenario=case-2&ops=reinit@8&at=9", "scenario=case-2&focus=1.2&at=3",
                "scenario=case-2&lr=0.1&at=30", "scenario=case-2&lr=0.03&at=100")) {
            Opened lab = open("/lab?" + start);
            for (int n : new int[] {1, 4, 2, 5, 3}) {
                HttpResponse<String> r = htmx(lab.actions() + "/walk", "to", Integer.toString(n));
                assertEquals(200, r.statusCode(), start + " to " + n);
                assertEquals("/lab?" + w.target(n).toQuery(), r.headers().firstValue("HX-Replace-Url").orElseThrow(), start + " to " + n);
                String walk = unescape(r.body());
                assertEquals(EN.t("walk.where.at", w.target(n).at(), n, 5), where(walk));
                assertTrue(walk.contains(EN.t(w.textKey(n))), start + " to " + n);
            }
        }
    }

    @Test
    void theWalkButtonWithoutScriptRedirectsToTheStepsLink() {
        String id = open("/lab?scenario=case-2").id();
        HttpResponse<String> r = post("/lab/" + id + "/walk", "to=1", FORM, URLENCODED);
        assertEquals(303, r.statusCode());
        assertEquals("/lab?scenario=case-2&at=7", r.headers().firstValue("Location").orElseThrow());
        r = post("/lab/" + id + "/walk", "to=2", FORM, URLENCODED, "HX-Request", "true");
        assertEquals("/lab?scenario=case-2&at=8", r.headers().firstValue("HX-Replace-Url").orElseThrow());
    }

    @Test
    void afterTheOtherControlsThePanelFollowsTheRun() {
        Opened lab = open("/lab?scenario=case-2&at=8");
        try (SseStream s = stream(client, lab.id())) {
            s.awaitNamed("walk", WAIT);
            htmx(lab.actions() + "/step");
            SseStream.Event e = s.await(ev -> "walk".equals(ev.name()) && unescape(ev.data()).contains(EN.t("walk.where.past", 9, 2, 5, 100)), WAIT);
            assertEquals(0, count(WALK_TEXT, unescape(e.data())), "step 2's words are gone: the run moved on");
            htmx(lab.actions() + "/lr-now", "lr", "0.05");
            s.await(ev -> "walk".equals(ev.name()) && unescape(ev.data()).contains(EN.t("walk.where.left", 9, 2, 5, 8)), WAIT);
            htmx(lab.actions() + "/reset");
            s.await(ev -> "walk".equals(ev.name()) && unescape(ev.data()).contains(EN.t("walk.where.start", 0)), WAIT);
            for (int k = 0; k < 7; k++) htmx(lab.actions() + "/step");
            s.await(ev -> "walk".equals(ev.name()) && unescape(ev.data()).contains(EN.t("walk.case-2.1.text")), WAIT);
        }
    }

    @Test
    void followingAWalkToItsEndOffersToStartAgain() {
        Opened lab = open("/lab?scenario=case-2&lang=zh");
        int steps = Walks.of(Scenario.CASE_2).size();
        HttpResponse<String> r = null;
        for (int n = 1; n <= steps; n++) r = htmx(lab.actions() + "/walk", "to", Integer.toString(n));
        String end = unescape(r.body());
        I18n zh = I18n.of(Lang.ZH);
        assertTrue(end.contains(zh.t("walk.finished")));
        assertTrue(end.contains(zh.t("walk.again")));
        assertTrue(end.contains("name=\"to\" value=\"0\""));
        assertEquals("/lab?scenario=case-2&lr=0.03&at=100&lang=zh", r.headers().firstValue("HX-Replace-Url").orElseThrow());

        r = htmx(lab.actions() + "/walk", "to", "0");
        assertEquals("/lab?scenario=case-2&lang=zh", r.headers().firstValue("HX-Replace-Url").orElseThrow());
    }

    @Test
    void aBadStepOrAnUnknownWalkPositionIsA400NamingIt() {
        String id = open("/lab?scenario=healthy").id();
        for (String bad : new String[] {"to=5", "to=-1", "to=x", "to=", ""}) {
            HttpResponse<String> r = post("/lab/" + id + "/walk", bad, FORM, URLENCODED);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.body().contains("<code>to</code>"), bad);
            HttpResponse<String> h = post("/lab/" + id + "/walk", bad, FORM, URLENCODED, "HX-Request", "true");
            assertEquals(400, h.statusCode(), bad);
            assertTrue(h.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "htmx gets the sentence for the message area");
            assertTrue(h.body().startsWith("to cannot be"), h.body());
        }
        HttpResponse<String> r = get("/lab?scenario=healthy&walk=5");   // older links' walk=n: still checked
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<code>walk</code>"));
        assertTrue(r.body().contains("from 0 to 4"));
        assertEquals(400, get("/lab?scenario=healthy&walk=-1").statusCode());
        assertEquals(400, get("/lab?scenario=healthy&walk=one").statusCode());
        assertEquals(200, get("/lab?scenario=healthy&walk=4").statusCode());
    }
}
