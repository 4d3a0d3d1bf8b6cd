package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.scenario.Walks;
import lab.deadrelu.view.I18n;
import lab.deadrelu.view.Lang;
import org.junit.jupiter.api.Test;

/** The guided walk over HTTP: its panel on the page, its button as a POST, and the link that follows it. */
class GuidedWalkHttpTest extends HttpTestBase {
    private static final Pattern SIM = Pattern.compile("sse-connect=\"/lab/([^/\"]+)/stream\"");
    private static final String FORM = "Content-Type";
    private static final String URLENCODED = "application/x-www-form-urlencoded";

    static String simId(String html) {
        Matcher m = SIM.matcher(html);
        assertTrue(m.find(), "the page names its stream");
        return m.group(1);
    }

    static String unescape(String html) {
        return html.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    }

    @Test
    void everyScenarioPageHasTheWalkPanelWithItsFirstButtonInBothLanguages() {
        for (Scenario s : Scenario.values()) {
            for (Lang lang : Lang.values()) {
                String html = unescape(get("/lab?scenario=" + s.id + "&lang=" + lang.code).body());
                I18n m = I18n.of(lang);
                assertTrue(html.contains("id=\"walk\""), s.id);
                assertTrue(html.contains("sse-swap=\"walk\""), s.id);
                assertTrue(html.contains(m.t("walk.heading")), s.id);
                assertTrue(html.contains(m.t("walk." + s.id + ".1.text")), s.id + " " + lang);
                assertTrue(html.contains(">" + m.t("walk." + s.id + ".1.button") + "</button>"), s.id + " " + lang);
                assertFalse(html.contains(m.t("walk." + s.id + ".2.text")), "later steps stay hidden until reached");
                assertTrue(html.contains("<kbd>k</kbd>") && html.contains(m.t("keys.heading")), "the keyboard shortcuts are listed");
                MarkupPolicyTest.assertNoInlineCode(html);
            }
        }
    }

    @Test
    void theWalkButtonDoesTheStepAndTheLinkCarriesWalkN() {
        String id = simId(get("/lab?scenario=case-2").body());
        HttpResponse<String> r = post("/lab/" + id + "/walk", "to=1", FORM, URLENCODED);
        assertEquals(303, r.statusCode());
        assertEquals("/lab?scenario=case-2&at=7&walk=1", r.headers().firstValue("Location").orElseThrow());

        r = post("/lab/" + id + "/walk", "to=2", FORM, URLENCODED, "HX-Request", "true");
        assertEquals(200, r.statusCode());
        assertEquals("/lab?scenario=case-2&at=8&walk=2", r.headers().firstValue("HX-Replace-Url").orElseThrow());
        String fragment = unescape(r.body());
        I18n en = I18n.of(Lang.EN);
        assertTrue(fragment.contains("<h2 id=\"walk-heading\">"), "htmx gets the walk panel back: " + fragment);
        assertTrue(fragment.contains(en.t("walk.progress", 2, 5)));
        assertTrue(fragment.contains(en.t("walk.case-2.3.button")));
        assertTrue(fragment.contains("name=\"to\" value=\"3\""));

        // a shared link opens at the same point of the walk
        String shared = unescape(get("/lab?scenario=case-2&at=8&walk=2").body());
        assertTrue(shared.contains(en.t("walk.case-2.2.text")));
        assertTrue(shared.contains(en.t("walk.case-2.3.button")));
        assertTrue(shared.contains(en.t("walk.progress", 2, 5)));
    }

    @Test
    void followingAWalkToItsEndOffersToStartAgain() {
        String id = simId(get("/lab?scenario=case-2&lang=zh").body());
        int steps = Walks.of(Scenario.CASE_2).size();
        HttpResponse<String> r = null;
        for (int n = 1; n <= steps; n++) r = post("/lab/" + id + "/walk", "to=" + n, FORM, URLENCODED, "HX-Request", "true");
        String end = unescape(r.body());
        I18n zh = I18n.of(Lang.ZH);
        assertTrue(end.contains(zh.t("walk.finished")));
        assertTrue(end.contains(zh.t("walk.again")));
        assertTrue(end.contains("name=\"to\" value=\"0\""));
        assertEquals("/lab?scenario=case-2&lr=0.03&at=100&walk=5&lang=zh", r.headers().firstValue("HX-Replace-Url").orElseThrow());

        r = post("/lab/" + id + "/walk", "to=0", FORM, URLENCODED, "HX-Request", "true");
        assertEquals("/lab?scenario=case-2&lang=zh", r.headers().firstValue("HX-Replace-Url").orElseThrow());
    }

    @Test
    void aBadStepOrAnUnknownWalkPositionIsA400NamingIt() {
        String id = simId(get("/lab?scenario=healthy").body());
        for (String bad : new String[] {"to=5", "to=-1", "to=x", "to=", ""}) {
            HttpResponse<String> r = post("/lab/" + id + "/walk", bad, FORM, URLENCODED);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.body().contains("<code>to</code>"), bad);
        }
        HttpResponse<String> r = get("/lab?scenario=healthy&walk=5");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<code>walk</code>"));
        assertTrue(r.body().contains("from 0 to 4"));
        assertEquals(400, get("/lab?scenario=healthy&walk=-1").statusCode());
        assertEquals(400, get("/lab?scenario=healthy&walk=one").statusCode());
        assertEquals(200, get("/lab?scenario=healthy&walk=4").statusCode());
    }
}
