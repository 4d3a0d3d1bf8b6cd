package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * POST /lab/{id}/{action}: each control acts on this browser's simulation. htmx gets the controls
 * fragment and the new link in HX-Replace-Url; a plain form is redirected (303) to the new link.
 */
class LabControlsTest extends LabTestBase {

    private static String replaceUrl(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), () -> "answered " + r.statusCode() + ": " + r.body());
        return r.headers().firstValue("HX-Replace-Url").orElseThrow(() -> new AssertionError("no HX-Replace-Url: " + r.headers()));
    }

    /** The response is the controls fragment of this simulation, not a page. */
    private static void assertControls(HttpResponse<String> r, Opened lab) {
        String body = r.body();
        assertTrue(body.strip().startsWith("<div class=\"toolbar toolbar-run\""), body);
        assertTrue(body.contains("action=\"/lab/" + lab.id() + "/step\""), body);
        assertFalse(body.contains("<html"), "a fragment, not a page");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void stepMovesOneUpdateAndTheAddressBarFollows() {
        Opened lab = open("/lab?scenario=case-2");
        HttpResponse<String> r = htmx(lab.actions() + "/step");
        assertEquals("/lab?scenario=case-2&at=1", replaceUrl(r));
        assertControls(r, lab);
        assertEquals("/lab?scenario=case-2&at=2", replaceUrl(htmx(lab.actions() + "/step")));
    }

    @Test
    void epochMovesOnePassOverTheEightSamples() {
        Opened lab = open("/lab?scenario=case-2");
        assertEquals("/lab?scenario=case-2&at=8", replaceUrl(htmx(lab.actions() + "/epoch")));
        assertEquals("/lab?scenario=case-2&at=16", replaceUrl(htmx(lab.actions() + "/epoch")));
    }

    @Test
    void lrNowIsAnInterventionAtTheCurrentStepAndTheNeuronStaysDead() {
        Opened lab = open("/lab?scenario=case-2&at=100");
        HttpResponse<String> r = htmx(lab.actions() + "/lr-now", "lr", "0.03");
        String link = replaceUrl(r);
        assertEquals("/lab?scenario=case-2&ops=lr:0.03@100&at=100", link);
        assertTrue(r.body().contains("value=\"0.003\""), "the form now offers a tenth of the new lambda: " + r.body());

        String later = open(link.replace("at=100", "at=300")).region("status");
        assertTrue(dd(later, "lr-value").equals("0.03"), later);
        assertTrue(later.contains("h₁⁽²⁾: permanently dead"), "lowering lambda after step 8 does not revive it: " + later);
    }

    @Test
    void lrRestartStartsOverWithTheNewLambdaAndTheNeuronLives() {
        Opened lab = open("/lab?scenario=case-2&at=100");
        String link = replaceUrl(htmx(lab.actions() + "/lr-restart", "lr", "0.03"));
        assertEquals("/lab?scenario=case-2&lr=0.03", link);
        String later = open(link + "&at=300").region("status");
        assertTrue(later.contains("h₁⁽²⁾: active"), "restarting with a tenth of lambda avoids the death: " + later);
    }

    @Test
    void reinitIsAnInterventionAtTheCurrentStep() {
        Opened lab = open("/lab?scenario=case-2&at=40");
        assertEquals("/lab?scenario=case-2&ops=reinit@40&at=40", replaceUrl(htmx(lab.actions() + "/reinit")));
        assertEquals("/lab?scenario=case-2&ops=reinit@40&at=41", replaceUrl(htmx(lab.actions() + "/step")));
    }

    @Test
    void redrawIsAnInterventionAtTheCurrentStep() {
        Opened lab = open("/lab?scenario=case-2&at=40");
        assertEquals("/lab?scenario=case-2&ops=redraw@40&at=40", replaceUrl(htmx(lab.actions() + "/redraw")));
    }

    @Test
    void switchingToLeakyIsAnInterventionAtTheCurrentStep() {
        Opened lab = open("/lab?scenario=case-2&at=20");
        HttpResponse<String> r = htmx(lab.actions() + "/act", "act", "leaky");
        assertEquals("/lab?scenario=case-2&ops=act:leaky@20&at=20", replaceUrl(r));
        assertTrue(r.body().contains("<option value=\"leaky\" selected>"), "the select shows the new activation");
    }

    @Test
    void biasesOnRestartsTheRunWithBiases() {
        Opened lab = open("/lab?scenario=case-2&at=30");
        HttpResponse<String> r = htmx(lab.actions() + "/bias", "bias", "on");
        assertEquals("/lab?scenario=case-2&bias=true", replaceUrl(r));
        assertTrue(r.body().contains("name=\"bias\" checked"), r.body());
        // An unticked checkbox sends nothing: biases off again, which is the scenario's default.
        assertEquals("/lab?scenario=case-2", replaceUrl(htmx(lab.actions() + "/bias")));
    }

    @Test
    void speedChangesHowFastItPlaysButNotTheLink() {
        Opened lab = open("/lab?scenario=case-2&at=3");
        HttpResponse<String> r = htmx(lab.actions() + "/speed", "speed", "100");
        assertEquals("/lab?scenario=case-2&at=3", replaceUrl(r));
        assertTrue(r.body().contains("<option value=\"100\" selected>"), r.body());
        assertFalse(r.body().contains("<option value=\"10\" selected>"));
    }

    @Test
    void focusPicksAnotherNeuronOneBased() {
        Opened lab = open("/lab?scenario=case-2&at=12");
        assertEquals("/lab?scenario=case-2&at=12&focus=1.2", replaceUrl(htmx(lab.actions() + "/focus", "layer", "1", "neuron", "2")));
        assertEquals("/lab?scenario=case-2&at=12", replaceUrl(htmx(lab.actions() + "/focus", "layer", "2", "neuron", "1")),
                "the scenario's own neuron is the default, left out of the link");
    }

    @Test
    void resetGoesBackToTheScenariosBareLink() {
        Opened lab = open("/lab?scenario=case-2&at=100");
        htmx(lab.actions() + "/lr-now", "lr", "0.03");
        htmx(lab.actions() + "/step");
        assertEquals("/lab?scenario=case-2", replaceUrl(htmx(lab.actions() + "/reset")));
    }

    @Test
    void playAndPauseKeepTheLinkAndSwapTheButton() {
        Opened lab = open("/lab?scenario=case-2&at=5");
        HttpResponse<String> play = htmx(lab.actions() + "/play");
        assertEquals(200, play.statusCode());
        assertTrue(play.headers().firstValue("HX-Replace-Url").isEmpty(), "playing, the stream keeps the address bar");
        assertTrue(play.body().contains("id=\"pause\""));
        HttpResponse<String> pause = htmx(lab.actions() + "/pause");
        assertTrue(pause.body().contains("id=\"play\""));
    }

    @Test
    void theLinkKeepsTheLanguageTheLabWasOpenedIn() {
        Opened lab = open("/lab?scenario=case-2&lang=zh");
        HttpResponse<String> r = htmx(lab.actions() + "/step");
        assertEquals("/lab?scenario=case-2&at=1&lang=zh", replaceUrl(r));
        assertTrue(r.body().contains(">暂停</button>") || r.body().contains(">播放</button>"), "the controls stay in Chinese");
    }

    @Test
    void aPlainFormIsRedirectedToTheCanonicalLink() {
        Opened lab = open("/lab?scenario=case-2");
        HttpResponse<String> r = plain(lab.actions() + "/step");
        assertEquals(303, r.statusCode());
        assertEquals("/lab?scenario=case-2&at=1", r.headers().firstValue("Location").orElse(""));
        assertTrue(r.headers().firstValue("HX-Replace-Url").isEmpty());

        HttpResponse<String> lr = plain(lab.actions() + "/lr-now", "lr", "0.03");
        assertEquals(303, lr.statusCode());
        assertEquals("/lab?scenario=case-2&ops=lr:0.03@1&at=1", lr.headers().firstValue("Location").orElse(""));
    }

    @ParameterizedTest(name = "{0} with {1}={2} is a 400 naming {3}")
    @CsvSource({
        "lr-now, lr, abc, lr",
        "lr-now, lr, 0, lr",
        "lr-now, lr, -0.1, lr",
        "lr-now, lr, 1e7, lr",
        "lr-now, lr, NaN, lr",
        "lr-restart, lr, Infinity, lr",
        "lr-restart, lr, 0x10, lr",
        "act, act, tanh, act",
        "speed, speed, 3, speed",
        "speed, speed, fast, speed",
        "focus, layer, 9, layer",
        "focus, layer, 0, layer",
        "bias, bias, maybe, bias",
    })
    void badControlInputIsA400NamingTheFieldAndChangesNothing(String action, String field, String value, String named) {
        Opened lab = open("/lab?scenario=case-2");
        for (boolean htmx : new boolean[] {true, false}) {
            HttpResponse<String> r = postForm(client, lab.actions() + "/" + action, htmx, field, value, "neuron", "1");
            assertEquals(400, r.statusCode(), () -> action + " " + field + "=" + value + ": " + r.body());
            assertNamed(r, htmx, named);
            assertTrue(r.headers().firstValue("HX-Replace-Url").isEmpty());
        }
        assertEquals("/lab?scenario=case-2&at=1", replaceUrl(htmx(lab.actions() + "/step")), "nothing changed before");
    }

    @Test
    void aMissingFieldIsA400NamingIt() {
        Opened lab = open("/lab?scenario=case-2");
        for (String[] c : new String[][] {{"lr-now", "lr"}, {"lr-restart", "lr"}, {"act", "act"}, {"speed", "speed"}, {"focus", "layer"}}) {
            HttpResponse<String> r = htmx(lab.actions() + "/" + c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertNamed(r, true, c[1]);
            assertNamed(plain(lab.actions() + "/" + c[0]), false, c[1]);
        }
        HttpResponse<String> noNeuron = htmx(lab.actions() + "/focus", "layer", "1");
        assertEquals(400, noNeuron.statusCode());
        assertNamed(noNeuron, true, "neuron");
    }

    @Test
    void focusOnANeuronTheNetworkDoesNotHaveIsA400NamingFocus() {
        Opened lab = open("/lab?scenario=case-2");
        HttpResponse<String> layer = htmx(lab.actions() + "/focus", "layer", "3", "neuron", "1");
        assertEquals(400, layer.statusCode(), layer.body());
        assertNamed(layer, true, "focus");
        assertNamed(plain(lab.actions() + "/focus", "layer", "3", "neuron", "1"), false, "focus");
        HttpResponse<String> neuron = htmx(lab.actions() + "/focus", "layer", "1", "neuron", "3");
        assertEquals(400, neuron.statusCode(), neuron.body());
        assertEquals("/lab?scenario=case-2&at=1", replaceUrl(htmx(lab.actions() + "/step")));
    }

    /**
     * A refused control names the field: to htmx in a sentence for the page's message area (plain text,
     * static/js/lab.js shows it), to a plain form in the error page.
     */
    static void assertNamed(HttpResponse<String> r, boolean htmx, String named) {
        assertEquals(400, r.statusCode(), r.body());
        if (htmx) {
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
            assertTrue(r.body().startsWith(named + " cannot be “"), r.body());
            assertTrue(r.body().endsWith("Nothing was changed."), r.body());
        } else {
            assertTrue(r.body().contains("<code>" + named + "</code>"), r.body());
        }
    }

    @Test
    void aMarkWithTheFocusMarksThatStepAndABadOneIsA400() {
        Opened lab = open("/lab?scenario=case-2&at=30");
        assertEquals("/lab?scenario=case-2&at=30&focus=1.1&mark=8", replaceUrl(htmx(lab.actions() + "/focus?layer=1&neuron=1&mark=8")));
        assertNamed(htmx(lab.actions() + "/focus?layer=1&neuron=1&mark=x"), true, "mark");
        assertNamed(htmx(lab.actions() + "/focus?layer=1&neuron=1&mark=2000000"), true, "mark");
        assertEquals("/lab?scenario=case-2&at=31&focus=1.1&mark=8", replaceUrl(htmx(lab.actions() + "/step")), "nothing changed");
    }

    @Test
    void theToolbarHoldsPlainSettingsTheRemediesAreOnlyInTheirCardAndTheLambdaBoxIsTheNewLambda() {
        Opened lab = open("/lab?scenario=case-2&at=30");
        String controls = lab.region("controls");
        assertTrue(controls.contains("<label for=\"lr\">New λ</label>"), controls);
        assertTrue(controls.contains("<span class=\"lr-current\" id=\"lr-current\">(now 0.3)</span>"), controls);
        assertTrue(Pattern.compile("<input id=\"lr\"[^>]*value=\"0.03\"[^>]*aria-describedby=\"lr-current\"").matcher(controls).find(), controls);
        String page = lab.body();
        for (String action : List.of("reinit", "redraw", "lr-now", "lr-restart", "act")) {
            int forms = page.split("action=\"/lab/" + lab.id() + "/" + action + "\"", -1).length - 1;
            int expected = action.equals("act") ? 3 : action.startsWith("lr") ? 2 : 1;   // the settings' λ box and activation, and the remedies
            assertEquals(expected, forms, action + " on the page");
        }
        assertFalse(controls.contains("/reinit\"") || controls.contains("/redraw\""), "re-initialize and re-draw: in the Remedies card only");
        assertTrue(lab.region("remedies").contains("id=\"reinit\"") && lab.region("remedies").contains("id=\"redraw\""));
        String zh = open("/lab?scenario=case-2&at=30&lang=zh").region("controls");
        assertTrue(zh.contains("<label for=\"lr\">新的 λ</label>") && zh.contains("（当前 0.3）"), zh);
    }

    @Test
    void everyPageHasTheMessageAreaThatARefusedControlFills() {
        for (String lang : List.of("en", "zh")) {
            String page = open("/lab?scenario=case-2&lang=" + lang).body();
            String fallback = lab.deadrelu.view.i18n.I18n.of(lab.deadrelu.view.i18n.Lang.fromCode(lang)).t("request.failed");
            assertTrue(page.contains("<div id=\"request-message\" class=\"request-message\" role=\"alert\" data-fallback=\"" + fallback + "\"></div>"),
                    lang);
        }
        assertTrue(get("/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-1").body().contains("id=\"request-message\""), "the compare page's controls too");
    }

    @Test
    void anUnknownActionIs404() {
        Opened lab = open("/lab?scenario=case-2");
        assertEquals(404, htmx(lab.actions() + "/explode").statusCode());
        assertEquals(404, plain(lab.actions() + "/explode").statusCode());
        assertEquals("/lab?scenario=case-2&at=1", replaceUrl(htmx(lab.actions() + "/step")));
    }

    @Test
    void aGetOnAControlIsRefused() {
        Opened lab = open("/lab?scenario=case-2");
        assertEquals(405, get(lab.actions() + "/step").statusCode());
        assertEquals("/lab?scenario=case-2&at=1", replaceUrl(htmx(lab.actions() + "/step")), "a GET changed nothing");
    }
}
