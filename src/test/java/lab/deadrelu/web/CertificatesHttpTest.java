package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.view.Assets;
import lab.deadrelu.view.Lang;
import lab.deadrelu.view.Ui;
import org.junit.jupiter.api.Test;

/** The death certificates, the remedies and the announcer on the lab page, over HTTP and in frames. */
class CertificatesHttpTest extends HttpTestBase {
    private static final Pattern SIM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]+)/stream\"");

    static void assertContains(String body, String part) {
        assertTrue(body.contains(part), "\n expected to find: " + part + "\n in the page");
    }

    @Test
    void case2AtStep30ShowsTheCertificateNamingStep8AndTheWeightsBeforeAndAfter() {
        HttpResponse<String> r = get("/lab?scenario=case-2&at=30");
        assertEquals(200, r.statusCode());
        String body = r.body();
        MarkupPolicyTest.assertNoInlineCode(body);
        assertContains(body, "<link rel=\"stylesheet\" href=\"/static/css/certificates.css\">");
        assertContains(body, "<section id=\"certificates\" class=\"lab-certificates\" sse-swap=\"certificates\" aria-labelledby=\"certificates-heading\">");
        assertContains(body, "<section id=\"remedies\" class=\"lab-remedies\" sse-swap=\"remedies\" aria-labelledby=\"remedies-heading\">");
        assertContains(body, "<div id=\"announcer\" class=\"cert-announcer visually-hidden\" aria-live=\"polite\" sse-swap=\"announce\">");
        assertContains(body, "<h3 class=\"cert-heading\">h1^(2): permanently dead since step 8</h3>");
        assertContains(body, "h1^(2) was killed at step 8: the update λ·g (λ = 0.3) took w21 from 0.848 to −0.588 (λ·g = 1.44) "
                + "and w22 from 0.212 to −1.39 (λ·g = 1.6).");
        assertContains(body, "so z ≤ 0 for every possible input: it can never fire again.");
        // the event log: the short line as the heading, the certificate as the body, a link that focuses and marks
        assertContains(body, "<span class=\"event-text\">h1^(2) died at step 8.</span>");
        assertContains(body, "<p class=\"event-certificate\">h1^(2) was killed at step 8:");
        assertContains(body, "<a class=\"event-focus\" href=\"/lab?scenario=case-2&amp;at=30&amp;mark=8\">focus h1^(2), mark step 8</a>");
        assertContains(body, "<a class=\"cert-focus\" href=\"/lab?scenario=case-2&amp;at=30&amp;mark=8\">Focus h1^(2) and mark step 8</a>");
        // the remedies, with the post credited
        assertContains(body, "The post’s advice when many neurons die: re-initialize the weights and lower the step size λ");
        assertContains(body, "<input type=\"hidden\" name=\"lr\" value=\"0.03\">");
        assertContains(body, ">Lower λ now: 0.3 → 0.03</button>");
        assertContains(body, ">Restart from step 0 with λ = 0.03</button>");
        assertContains(body, "<input type=\"hidden\" name=\"act\" value=\"leaky\">");
        assertContains(body, ">Switch to Leaky ReLU now</button>");
        assertContains(body, ">Switch to ELU now</button>");
        // the page opened after step 8: the announcer is silent
        assertTrue(body.matches("(?s).*<div id=\"announcer\"[^>]*>\\s*</div>.*"), "an empty announcer");
    }

    @Test
    void inChineseTheCertificateReadsInChinese() {
        String body = get("/lab?scenario=case-2&at=30&lang=zh").body();
        assertContains(body, "h1^(2)：自第 8 步起永久死亡");
        assertContains(body, "h1^(2) 在第 8 步被一次更新“杀死”：这次更新 λ·g（λ = 0.3）让 w21 从 0.848 变成 −0.588（λ·g = 1.44），w22 从 0.212 变成 −1.39（λ·g = 1.6）。");
        assertContains(body, "博文《详解'死亡ReLU'问题》（王乐Levi，2025 年 2 月 24 日）的建议");
        assertContains(body, ">现在调小 λ：0.3 → 0.03</button>");
    }

    @Test
    void aMarkedStepIsDrawnOnTheChartsAndABadOneIsA400NamingMark() {
        String body = get("/lab?scenario=case-2&at=30&mark=12").body();
        assertEquals(6, body.split("<g class=\"marker mark\">", -1).length - 1, "loss, weights and dead charts: a marker and a legend entry each");
        assertEquals(3, body.split("<g class=\"marker mark\"><line x1=\"0\" y1=\"-7\"", -1).length - 1, "three legend swatches");
        assertContains(body, ">marked: step 12</text>");
        assertContains(body, "<g class=\"marker death\">");

        HttpResponse<String> bad = get("/lab?scenario=case-2&mark=1000001");
        assertEquals(400, bad.statusCode());
        assertContains(bad.body(), "mark");
        assertContains(bad.body(), "a whole number from 0 to 1000000");
        assertEquals(400, get("/lab?scenario=case-2&mark=-1").statusCode());
        assertEquals(400, get("/lab?scenario=case-2&mark=soon").statusCode());
        assertEquals(200, get("/lab?scenario=case-2&mark=1000000").statusCode());
    }

    @Test
    void theRemediesAreInterventionsInTheLink() {
        String body = get("/lab?scenario=case-2&at=30").body();
        Matcher m = SIM.matcher(body);
        assertTrue(m.find());
        String sim = "/lab/" + m.group(1);
        String form = "application/x-www-form-urlencoded";
        HttpResponse<String> lower = post(sim + "/lr-now", "lr=0.03", "Content-Type", form, "HX-Request", "true");
        assertEquals(200, lower.statusCode());
        assertEquals("/lab?scenario=case-2&ops=lr:0.03@30&at=30", lower.headers().firstValue("HX-Replace-Url").orElseThrow());
        HttpResponse<String> leaky = post(sim + "/act", "act=leaky", "Content-Type", form, "HX-Request", "true");
        assertEquals("/lab?scenario=case-2&ops=lr:0.03@30,act:leaky@30&at=30", leaky.headers().firstValue("HX-Replace-Url").orElseThrow());
        HttpResponse<String> restart = post(sim + "/lr-restart", "lr=0.03", "Content-Type", form);
        assertEquals(303, restart.statusCode(), "without htmx: back to the new link");
        assertEquals("/lab?scenario=case-2&lr=0.03", restart.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theAnnouncerChangesOnlyWhenANeuronChangesStateSoTheStreamStaysQuiet() {
        Registry registry = new Registry(10, 10, 60_000);
        Lab lab = new Lab(registry, new Streams(1), JteRenderer.forConfig(Config.forTests()));
        Ui ui = new Ui(Lang.EN, "", "/lab", "", false, new Assets(java.util.List.of("/c"), "/i", "/h", "/s", "/j"));
        Simulation sim = registry.open("me", RunSpec.parse(Map.of("scenario", "case-2", "at", "6"), Set.of()), ui, 0);

        Frame at6 = lab.frame(sim);
        sim.stepOnce();
        Frame at7 = lab.frame(sim);
        assertNotEquals(at6.fragments().get("status"), at7.fragments().get("status"), "the step moved on");
        assertEquals(at6.fragments().get("announce"), at7.fragments().get("announce"), "no event: identical, so not sent again");
        assertFalse(at7.fragments().get("announce").matches("(?s).*\\d.*"), "no step number without an event");

        sim.stepOnce();
        Frame at8 = lab.frame(sim);
        assertEquals("<p>Step 8: h1^(2) died for good.</p>", at8.fragments().get("announce").strip());
        sim.stepOnce();
        sim.stepOnce();
        Frame at10 = lab.frame(sim);
        assertEquals(at8.fragments().get("announce"), at10.fragments().get("announce"), "still the news of step 8: not sent again");
        assertEquals(at8.fragments().get("certificates").replace("at=8", "at=10"), at10.fragments().get("certificates"),
                "the certificate of a neuron dead for good only follows the step in its link");
        int bytes = 0;
        for (String name : new String[] {"certificates", "remedies", "announce", "events"}) {
            MarkupPolicyTest.assertNoInlineCode(at10.fragments().get(name));
            bytes += at10.fragments().get(name).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        assertTrue(bytes < 8_000, "the teaching fragments of a 3-2-2-1 frame: " + bytes + " bytes");
    }
}
