package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The lab page as a stage, over HTTP: present mode (view=present) in the link and kept by the controls,
 * the way in and out of it, the remedies in one place, the data table's z first.
 */
class LabStageTest extends LabTestBase {

    private static String viewSwitch(String html) {
        Matcher m = Pattern.compile("<a id=\"view-switch\" class=\"view-switch view-(stage|present)\" href=\"([^\"]*)\">([^<]*)</a>").matcher(html);
        assertTrue(m.find(), "the link to the other layout: " + html);
        return m.group(1) + " " + m.group(2).replace("&amp;", "&") + " " + m.group(3);
    }

    @Test
    void theStageOffersPresentModeForTheStepOnScreenAndPresentModeOffersTheWayBack() {
        Opened stage = open("/lab?scenario=case-2&at=5");
        assertTrue(stage.body().contains("<body class=\"stage\">"), "a page laid out as a stage");
        assertTrue(stage.body().contains("<div class=\"lab lab-stage\""));
        assertTrue(stage.body().contains("class=\"site-header\""));
        assertEquals("present /lab?scenario=case-2&at=5&view=present Present", viewSwitch(stage.region("link")));

        Opened present = open("/lab?scenario=case-2&at=5&view=present");
        String html = present.body();
        assertTrue(html.contains("<body class=\"present\">"), "present mode");
        assertTrue(html.contains("<div class=\"lab lab-stage lab-present\""));
        assertFalse(html.contains("class=\"site-header\"") || html.contains("class=\"site-footer\""), "no site header or footer on a projector");
        assertEquals("stage /lab?scenario=case-2&at=5 Leave presentation", viewSwitch(present.region("link")));
        assertTrue(present.region("link").contains("<a href=\"/lab?scenario=case-2&amp;at=5&amp;view=present\">"),
                "the link of this step (the address bar follows it) keeps present mode");
        MarkupPolicyTest.assertNoInlineCode(html);
    }

    @Test
    void aControlKeepsPresentModeInTheLinkAsItKeepsEmbedAndTheLanguage() {
        Opened present = open("/lab?scenario=case-2&view=present&embed=1&lang=zh");
        HttpResponse<String> step = htmx(present.actions() + "/step");
        assertEquals(200, step.statusCode());
        assertEquals("/lab?scenario=case-2&at=1&view=present&embed=1&lang=zh", step.headers().firstValue("HX-Replace-Url").orElseThrow());
        HttpResponse<String> restart = plain(present.actions() + "/lr-restart", "lr", "0.03");
        assertEquals(303, restart.statusCode());
        assertEquals("/lab?scenario=case-2&lr=0.03&view=present&embed=1&lang=zh", restart.headers().firstValue("Location").orElseThrow(),
                "a restart too");
        assertEquals("stage /lab?scenario=case-2&embed=1&lang=zh 退出演示", viewSwitch(present.region("link")));
    }

    @Test
    void theCompareLinksOfAPresentedRunOpenTheComparisonNotPresentMode() {
        String compare = open("/lab?scenario=case-2&at=3&view=present").region("compare");
        assertTrue(compare.contains("id=\"compare-with-lower-lr\" href=\"/compare?a=scenario%3Dcase-2%26at%3D3&amp;b=scenario%3Dcase-2%26lr%3D0.03%26at%3D3\""),
                compare);
        assertFalse(compare.contains("view"), compare);
    }

    @Test
    void aViewOtherThanStageOrPresentIsA400NamingView() {
        HttpResponse<String> r = get("/lab?scenario=case-2&view=projector");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<dd><code>view</code></dd>"), r.body());
        assertTrue(r.body().contains("<dd><code>projector</code></dd>"), r.body());
        assertTrue(r.body().contains("stage (the default) or present (the stage alone in large type, for a projector)"), r.body());
    }

    @Test
    void theRemediesAreOnTheOnePanelAndHonourTheTeachersLocks() {
        Opened lab = open("/lab?scenario=case-2&at=30&lock=reinit,lr");
        String controls = lab.region("controls"), remedies = lab.region("remedies");
        assertFalse(controls.contains("/reinit\"") || controls.contains("/redraw\""), "the toolbars hold the run and its settings, not the remedies");
        assertTrue(controls.contains("id=\"toolbar-settings-label\">Settings</span>"), controls);
        assertEquals(1, lab.body().split("id=\"remedies-heading\"", -1).length - 1, "one remedies panel");
        assertTrue(Pattern.compile("<button type=\"submit\" id=\"reinit\" disabled[^>]*>Re-initialize all weights</button>").matcher(remedies).find(), remedies);
        assertTrue(Pattern.compile("<button type=\"submit\" id=\"redraw\"\\s*aria-describedby=\"remedy-redraw-note\">Re-draw only the dead neurons \\(1 now\\)</button>").matcher(remedies).find(), remedies);
        assertTrue(Pattern.compile("id=\"remedy-lr-lower\" disabled").matcher(remedies).find(), "λ is locked");
        assertTrue(Pattern.compile("id=\"remedy-lr-restart\" disabled").matcher(remedies).find(), "λ is locked");
        assertTrue(remedies.contains("locked by your teacher"), remedies);
        assertFalse(Pattern.compile("id=\"remedy-act-leaky\" disabled").matcher(remedies).find(), "the activation is not locked");
        assertEquals(403, htmx(lab.actions() + "/reinit").statusCode(), "and the server refuses it");
    }

    @Test
    void theDataTableStartsWithTheFocusedNeuronsZAndWhetherItIsActive() {
        String table = open("/lab?scenario=case-1").region("table");
        assertTrue(table.contains("<thead><tr><th scope=\"col\">#</th><th scope=\"col\" class=\"z-head\">z of h₁⁽¹⁾</th><th scope=\"col\">active?</th>"
                + "<th scope=\"col\">x₁</th>"), table);
        assertTrue(Pattern.compile("<th scope=\"row\">2</th><td class=\"z neg\">−[0-9.]+</td><td class=\"act no\">no</td><td>").matcher(table).find(), table);
    }
}
