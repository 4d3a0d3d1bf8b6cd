package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;

/**
 * One notation: the pages write the post's names with real sub- and superscripts (h₁⁽²⁾, w₂₁), the
 * links, the JSON and the command line keep the ASCII ones (h1^(2), w21) for typing and parsing.
 */
class NotationHttpTest extends LabTestBase {
    /**
     * The chart fragments (network diagram, line charts) write their own labels and legends from
     * view/Charts.java and view/NetworkDiagram.java, which this check leaves to them.
     */
    static final List<String> LAB_CHARTS = List.of("network", "weights", "loss", "dead");
    static final List<String> COMPARE_CHARTS = List.of("network-a", "network-b", "weights-a", "weights-b", "loss-a", "loss-b", "dead-a", "dead-b");

    @Test
    void noLabPageOfAnyScenarioWritesTheAsciiNotationInEitherLanguage() {
        for (Scenario s : Scenario.values()) {
            for (Lang lang : Lang.values()) {
                // step 40: case 2's h₁⁽²⁾ has died (certificates, log, status), the deep network has lost many
                String body = without(open("/lab?scenario=" + s.id + "&at=40&lang=" + lang.code).body(), LAB_CHARTS);
                assertFalse(body.contains("^("), s.id + " " + lang + ": " + around(body, "^("));
                assertTrue(body.contains("h₁⁽"), s.id + " " + lang + ": the focused neuron named as the post writes it");
            }
        }
        String inspector = region(open("/lab?scenario=case-2&at=3&weight=2.1.1").body(), "inspector");
        assertTrue(inspector.contains("h₁ₐ⁽¹⁾, the output of h₁⁽¹⁾ after ReLU"), "the upstream symbol explained where it appears: " + inspector);
        assertTrue(inspector.contains("w₂₁"), inspector);
        String deep = region(open("/lab?scenario=deep-net-works-anyway&at=40").body(), "certificates");
        assertTrue(deep.contains("hᵢ⁽ˡ⁾ is neuron i of hidden layer l"), "the notation explained next to the certificates");
        assertFalse(deep.contains("w^") || deep.contains("b^"), deep);
    }

    @Test
    void noOtherPageWritesItEitherAndNoMessageInTheBundles() {
        for (Lang lang : Lang.values()) {
            String q = "lang=" + lang.code;
            String compare = without(get("/compare?a=scenario%3Dcase-2%26at%3D40&b=scenario%3Dcase-2%26lr%3D0.03%26at%3D40&" + q).body(), COMPARE_CHARTS);
            assertTrue(compare.contains("h₁⁽²⁾"), "the differences name the neuron dead in A only");
            assertTrue(compare.contains(I18n.of(lang).t("notation.neuron")), "and say what the name means");
            for (String page : new String[] {compare, get("/?" + q).body(), get("/course?scenario=case-2&" + q).body(), get("/experiments?" + q).body(),
                    get("/experiments/sweep?" + q).body(), get("/experiments/born-dead?" + q).body()}) {
                assertFalse(page.contains("^("), lang + ": " + around(page, "^("));
            }
            for (String key : I18n.of(lang).keys())
                assertFalse(I18n.of(lang).t(key).matches("(?s).*(\\^\\(|\\bw\\d\\d\\b).*"), lang + " " + key + ": " + I18n.of(lang).t(key));
        }
    }

    @Test
    void theJsonAndTheLinksKeepTheAsciiNames() throws Exception {
        JsonNode run = new ObjectMapper().readTree(get("/api/runs?scenario=case-2&steps=20").body());
        boolean died = false;
        for (JsonNode e : run.get("events")) {
            String name = e.get("name").asText();
            assertTrue(name.matches("h\\d+\\^\\(\\d+\\)|network"), name);
            died |= e.get("kind").asText().equals("died") && name.equals("h1^(2)");
        }
        assertTrue(died, "h1^(2) dies at step 8, named in ASCII");
        assertEquals("2.1", run.get("spec").get("focus").asText(), "a link names a neuron by numbers");
        String lab = open("/lab?scenario=case-2&at=30").body();
        assertTrue(lab.contains("href=\"/lab?scenario=case-2&amp;at=30&amp;mark=8\""), "links carry no names at all");
    }

    /** The page with these SSE regions emptied. */
    static String without(String html, List<String> regions) {
        for (String r : regions) html = html.replace(region(html, r), "");
        return html;
    }

    static String around(String html, String part) {
        int at = html.indexOf(part);
        return at < 0 ? "" : html.substring(Math.max(0, at - 200), Math.min(html.length(), at + 100));
    }
}
