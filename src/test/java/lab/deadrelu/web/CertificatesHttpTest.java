package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.site.Assets;
import lab.deadrelu.view.lab.DeathCertificates;
import lab.deadrelu.view.lab.LabPage;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.lab.Lab;
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
        assertContains(body, "<h3 class=\"cert-heading\">h₁⁽²⁾: permanently dead since step 8</h3>");
        assertContains(body, "h₁⁽²⁾ was killed at step 8: the update λ·g (λ = 0.3) took w₂₁ from 0.848 to −0.588 (λ·g = 1.44) "
                + "and w₂₂ from 0.212 to −1.39 (λ·g = 1.6).");
        assertContains(body, "so z ≤ 0 for every possible input: it can never fire again.");
        // the event log: the short line as the heading, the certificate as the body (open: a short log), a link that focuses and marks
        // (in place with htmx, so the page keeps its scroll position; the link itself without script)
        assertContains(body, "<details class=\"event-details\" id=\"event-8-died-2-1\" open>");
        assertContains(body, "<summary class=\"event-text\">h₁⁽²⁾ died at step 8.</summary>");
        assertContains(body, "<p class=\"event-certificate\">h₁⁽²⁾ was killed at step 8:");
        java.util.regex.Matcher sim = SIM.matcher(body);
        assertTrue(sim.find());
        String focus = "/lab/" + sim.group(1) + "/focus?layer=2&amp;neuron=1&amp;mark=8";
        assertContains(body, "<a class=\"event-focus\" href=\"/lab?scenario=case-2&amp;at=30&amp;mark=8\" hx-post=\"" + focus
                + "\" hx-target=\"#controls\" aria-label=\"focus h₁⁽²⁾, mark step 8\" title=\"focus h₁⁽²⁾, mark step 8\">focus</a>");
        assertContains(body, "<a class=\"cert-focus\" href=\"/lab?scenario=case-2&amp;at=30&amp;mark=8\" hx-post=\"" + focus
                + "\" hx-target=\"#controls\">Focus h₁⁽²⁾ and mark step 8</a>");
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
    void theDeepNetworksManyDeadNeuronsAreATableWithEachCertificateBehindItsCause() {
        String body = get("/lab?scenario=deep-net-works-anyway").body();
        String certs = LabTestBase.region(body, "certificates");
        int rows = count(certs, "<tr class=\"cert-row ");
        assertTrue(rows > DeathCertificates.CARDS_IN_FULL, "more than a few: " + rows);
        assertEquals(rows, count(certs, "<details class=\"cert-details\" id=\"cert-"), "every row's certificate, on demand");
        assertEquals(0, count(certs, "<li class=\"cert-card"), "no paragraph per neuron");
        assertEquals(0, count(certs, " open>"), "all closed at first");
        assertContains(certs, "<caption>" + rows + " neurons are dead or saturated. Open a cause to read the certificate.</caption>");
        assertContains(certs, "<th scope=\"col\">Neuron</th>");
        assertContains(certs, "<th scope=\"col\" class=\"num\">Since step</th>");
        int dead = 0;   // ReLU: nobody is saturated, so the rows are the dead of the status line
        Matcher perLayer = Pattern.compile("Layer \\d+: (\\d+) of 32 neurons dead").matcher(LabTestBase.region(body, "status"));
        while (perLayer.find()) dead += Integer.parseInt(perLayer.group(1));
        assertEquals(dead, rows);
        Matcher row = Pattern.compile("<tr class=\"cert-row cert-(?:permanently-dead|dead)\"><th scope=\"row\" class=\"cert-neuron\">(h[₀-₉]+⁽[⁰¹²³⁴-⁹]+⁾)</th>"
                + "<td colspan=\"3\" class=\"cert-entry\"><details class=\"cert-details\" id=\"(cert-\\d+-\\d+)\" hx-get=\"(/lab/[\\w-]+/details/\\2)\" hx-trigger=\"toggle once\"><summary>"
                + "<span class=\"cert-state\">(permanently dead|dead on the data set)</span><span class=\"cert-since num\">0</span><span class=\"cert-cause\">born dead</span></summary>"
                + "<div class=\"details-body\" aria-live=\"polite\">Loading…</div></details>").matcher(certs);
        assertTrue(row.find(), certs);
        assertEquals(0, count(certs, "class=\"cert-text\""), "the texts stay on the server until a row is opened");
        HttpResponse<String> opened = get(row.group(3));
        assertEquals(200, opened.statusCode());
        assertTrue(opened.body().startsWith("<p class=\"cert-text\">" + row.group(1) + " was born dead: z ≤ 0 on all 64 samples at initialization"), opened.body());
        assertContains(opened.body(), "<a class=\"cert-focus\" href=\"/lab?scenario=deep-net-works-anyway&amp;focus=");
        assertEquals(1, count(LabTestBase.region(get("/lab?scenario=case-2&at=30").body(), "certificates"), "<li class=\"cert-card"),
                "a few dead neurons keep a card each");
    }

    @Test
    void theEventLogListsTheNewestTwentyAndTheRestItKeepsBehindShowAll() {
        String events = LabTestBase.region(get("/lab?scenario=deep-net-works-anyway&at=300").body(), "events");
        String[] parts = events.split("<details class=\"events-all\" id=\"events-all\">");
        assertEquals(2, parts.length, events);
        assertEquals(LabPage.EventLog.SHOWN, count(parts[0], "<li class=\"event "), "the newest twenty");
        int earlier = SimulationState.EVENTS_SHOWN - LabPage.EventLog.SHOWN;
        assertEquals(earlier, count(parts[1], "<li class=\"event "), "the rest the run keeps");
        assertContains(parts[1], "<summary>Show all: " + earlier + " earlier events</summary>");
        Matcher more = Pattern.compile("<p class=\"events-more\">(\\d+) earlier events are not listed.</p>").matcher(parts[1]);
        assertTrue(more.find(), "and how many it did not keep");
        assertEquals(0, count(events, " open>"), "a long log opens each certificate on demand");
        Matcher onDemand = Pattern.compile("<details class=\"event-details\" id=\"(event-[\\w-]+)\" hx-get=\"(/lab/[\\w-]+/details/\\1)\" hx-trigger=\"toggle once\" "
                + "hx-target=\"find .details-body\"><summary class=\"event-text\">(h[₀-₉]+⁽[⁰¹²³⁴-⁹]+⁾) (died|came back to life|is permanently dead)[^<]*</summary>").matcher(events);
        assertTrue(onDemand.find(), "the newest events carry their certificates, on demand: " + events);
        assertEquals(0, count(events, "class=\"event-certificate\""), "not in the frame");
        HttpResponse<String> opened = get(onDemand.group(2));
        assertEquals(200, opened.statusCode());
        assertTrue(opened.body().startsWith("<p class=\"event-certificate\">" + onDemand.group(3)), opened.body());
        List<Long> steps = new java.util.ArrayList<>();
        Matcher step = Pattern.compile("data-step=\"(\\d+)\"").matcher(events);
        while (step.find()) steps.add(Long.parseLong(step.group(1)));
        for (int k = 1; k < steps.size(); k++) assertTrue(steps.get(k) <= steps.get(k - 1), "newest first, show-all continuing: " + steps);
        assertTrue(steps.get(0) <= 300 && steps.get(0) > 0, "events up to the step on screen");
    }

    @Test
    void aCertificateOpensOnlyForItsOwnBrowserAndAGoneOneSaysWhy() throws Exception {
        String body = get("/lab?scenario=deep-net-works-anyway").body();
        Matcher url = Pattern.compile("hx-get=\"(/lab/[\\w-]+/details/)(cert-\\d+-\\d+)\"").matcher(body);
        assertTrue(url.find(), "a row opened on demand");
        assertEquals(200, get(url.group(1) + url.group(2)).statusCode());
        HttpResponse<String> other = LabTestBase.newBrowser().send(java.net.http.HttpRequest.newBuilder(uri(url.group(1) + url.group(2))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode(), "another browser's simulation is not found");
        HttpResponse<String> gone = get(url.group(1) + "cert-9-99");
        assertEquals(404, gone.statusCode());
        assertTrue(gone.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "a sentence the page shows");
        assertContains(gone.body(), "That entry has changed since this page showed it");
    }

    @Test
    void theStreamSendsTheSameTableAndShortLogAsThePage() {
        Registry registry = new Registry(10, 10, 60_000);
        Assets assets = new Assets(java.util.List.of("/c"), "/i", "/h", "/s", "/j");
        Lab lab = new Lab(registry, new Streams(1), JteRenderer.forConfig(Config.forTests()), new App.Site(Config.forTests(), assets));
        Ui ui = new Ui(Lang.EN, "", "/lab", "", false, assets);
        Simulation sim = registry.open("me", RunSpec.parse(Map.of("scenario", "deep-net-works-anyway", "at", "300"), Set.of()), PageUi.viewer(ui), 0);
        Frame before = lab.frame(sim);
        sim.stepOnce();
        Frame after = lab.frame(sim);
        for (Frame f : new Frame[] {before, after}) {
            assertContains(f.fragments().get("certificates"), "<table class=\"cert-table\" hx-target=\"find .details-body\">");
            String events = f.fragments().get("events");
            assertEquals(LabPage.EventLog.SHOWN, count(events.split("<details class=\"events-all\"")[0], "<li class=\"event "));
            MarkupPolicyTest.assertNoInlineCode(f.fragments().get("certificates") + events);
        }
        List<String> rows = ids(before.fragments().get("certificates"), "cert-\\d+-\\d+");
        assertEquals(rows.size(), rows.stream().distinct().count(), "one id per neuron: " + rows);
        Set<String> kept = new java.util.HashSet<>(rows);
        kept.retainAll(ids(after.fragments().get("certificates"), "cert-\\d+-\\d+"));
        assertFalse(kept.isEmpty(), "a neuron still dead a step later keeps its id, so an opened certificate stays open");
    }

    static int count(String html, String part) {
        return html.split(Pattern.quote(part), -1).length - 1;
    }

    static List<String> ids(String html, String pattern) {
        List<String> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("id=\"(" + pattern + ")\"").matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void inChineseTheCertificateReadsInChinese() {
        String body = get("/lab?scenario=case-2&at=30&lang=zh").body();
        assertContains(body, "h₁⁽²⁾：自第 8 步起永久死亡");
        assertContains(body, "h₁⁽²⁾ 在第 8 步被一次更新“杀死”：这次更新 λ·g（λ = 0.3）让 w₂₁ 从 0.848 变成 −0.588（λ·g = 1.44），w₂₂ 从 0.212 变成 −1.39（λ·g = 1.6）。");
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
        Assets assets = new Assets(java.util.List.of("/c"), "/i", "/h", "/s", "/j");
        Lab lab = new Lab(registry, new Streams(1), JteRenderer.forConfig(Config.forTests()), new App.Site(Config.forTests(), assets));
        Ui ui = new Ui(Lang.EN, "", "/lab", "", false, assets);
        Simulation sim = registry.open("me", RunSpec.parse(Map.of("scenario", "case-2", "at", "6"), Set.of()), PageUi.viewer(ui), 0);

        Frame at6 = lab.frame(sim);
        sim.stepOnce();
        Frame at7 = lab.frame(sim);
        assertNotEquals(at6.fragments().get("status"), at7.fragments().get("status"), "the step moved on");
        assertEquals(at6.fragments().get("announce"), at7.fragments().get("announce"), "no event: identical, so not sent again");
        assertFalse(at7.fragments().get("announce").matches("(?s).*\\d.*"), "no step number without an event");

        sim.stepOnce();
        Frame at8 = lab.frame(sim);
        assertEquals("<p>Step 8: h₁⁽²⁾ died for good.</p>", at8.fragments().get("announce").strip());
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

    static String region(String html, String name) {
        return LabTestBase.region(html, name);
    }

    @Test
    void reinitializingWithTheLambdaThatKilledANeuronBringsThePostsAdviceToLowerItToo() {
        lab.deadrelu.view.i18n.I18n en = lab.deadrelu.view.i18n.I18n.of(Lang.EN), zh = lab.deadrelu.view.i18n.I18n.of(Lang.ZH);
        // case 2: the update of step 8 killed h₁⁽²⁾ at λ = 0.3; re-initialized at step 8 with λ still 0.3
        String at8 = region(get("/lab?scenario=case-2&ops=reinit@8&at=8").body(), "remedies");
        assertContains(at8, "<p class=\"remedy-advice\" id=\"remedy-advice\">"
                + en.t("remedies.advice.before", en.t("remedies.advice.what.reinit"), 8, "0.3", "h₁⁽²⁾", 8) + "</p>");
        assertContains(at8, "王乐Levi");
        assertContains(at8, "aria-describedby=\"remedy-advice\">Re-initialize all weights</button>");
        // one step on, the same λ killed another neuron
        String at9 = region(get("/lab?scenario=case-2&ops=reinit@8&at=9").body(), "remedies");
        assertContains(at9, en.t("remedies.advice.after", en.t("remedies.advice.what.reinit"), 8, "0.3", "h₂⁽²⁾", 9));
        String zh9 = region(get("/lab?scenario=case-2&ops=reinit@8&at=9&lang=zh").body(), "remedies");
        assertContains(zh9, zh.t("remedies.advice.after", zh.t("remedies.advice.what.reinit"), 8, "0.3", "h₂⁽²⁾", 9));
        // no advice when it is followed (λ lowered too), without a re-initialization, or when nothing died at this λ
        for (String link : new String[] {"scenario=case-2&ops=reinit@8,lr:0.03@8&at=20", "scenario=case-2&at=30",
                "scenario=healthy&ops=reinit@3&at=20", "scenario=case-2&ops=reinit@8,lr:0.03@8,reinit@9&at=20"}) {
            assertFalse(get("/lab?" + link).body().contains("remedy-advice"), link);
        }
    }

    @Test
    void theLogTellsInWhichOrderAnUpdateKilledANeuronAndAReinitializationRevivedItAtOneStep() {
        String events = region(get("/lab?scenario=case-2&ops=reinit@8&at=9").body(), "events");
        String revived = "h₁⁽²⁾ came back to life at step 8: the update of step 8 had killed it, then the re-initialization at step 8 revived it.";
        String undone = "At step 8, h₁⁽²⁾ was provably dead for good under gradient descent alone, until the re-initialization at step 8 revived it.";
        assertContains(events, "class=\"event-text\">" + revived + "</");   // a summary when its certificate is shown, else a span
        assertContains(events, "class=\"event-text\">" + undone + "</");   // a summary when its certificate is shown, else a span
        assertContains(events, "class=\"event-text\">h₁⁽²⁾ died at step 8.</");
        assertTrue(events.indexOf(revived) < events.indexOf(undone), "newest first: the revival above the proof it undid");
        assertFalse(events.contains("From step 8, h₁⁽²⁾ is provably dead for good."), "no unexplained 'for good' next to 'came back'");
        Matcher permanent = Pattern.compile("(?s)<li class=\"event event-permanent\" data-step=\"8\">(.*?)</li>").matcher(events);
        assertTrue(permanent.find(), events);
        assertFalse(permanent.group(1).contains("can never fire again"), "its certificate does not claim it either: " + permanent.group(1));
        assertContains(events, "class=\"event-text\">h₂⁽²⁾ died at step 9.</");
        assertContains(events, "class=\"event-text\">From step 9, h₂⁽²⁾ is provably dead for good.</");
    }
}
