package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;

/** The live lab in a real browser: the post's two cases played, paused, linked, re-opened; languages; screenshots. */
@ExtendWith(BrowserExtension.class)
class LabBrowserTest {
    private static final String DIED = "h₁⁽²⁾ died at step 8.";

    @Test
    void caseTwoPlayedKillsTheNeuronAtStepEightAndItsPausedLinkReopensTheSameStepInAFreshSession(Browser browser) {
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-2");
        assertEquals(0, lab.step());
        assertEquals("Layer 2: 0 of 2 neurons dead", lab.deadPerLayer().get(1));
        assertFalse(lab.text("events").contains(DIED));

        lab.click("play");   // case 2 pauses at a death by default: it stops at step 8 by itself
        lab.until("layer 2 to count one dead neuron", d -> lab.deadPerLayer().get(1).equals("Layer 2: 1 of 2 neurons dead"));
        lab.awaitText("events", DIED, t -> t.contains(DIED));
        long step = lab.awaitPausedWithLink();
        assertEquals(8, step, "paused at the death");
        // stopped at the death, the inspector shows w22: the weight the killing update pushed down the most
        String link = browser.url("/lab?scenario=case-2&at=" + step + "&weight=2.1.2");
        assertEquals(link, lab.url(), "the address bar holds the canonical link of the step on screen");
        String loss = lab.text("loss-value");
        String events = lab.text("events");
        String stream = stream(browser);

        browser.driver().manage().deleteAllCookies();   // another student, who only has the link
        lab.open(link);
        assertNotEquals(stream, stream(browser), "a simulation of its own");
        assertEquals(step, lab.step());
        assertEquals(loss, lab.text("loss-value"));
        assertEquals("paused", lab.text("run-state"));
        assertEquals("Layer 2: 1 of 2 neurons dead", lab.deadPerLayer().get(1));
        assertEquals(events, lab.text("events"));
        assertTrue(events.contains(DIED), events);
        assertEquals(link, lab.url());
    }

    @Test
    void aLinkInARegionThePlayingRunDidNotResendOpensTheStepOnScreen(Browser browser) {
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-2&pause=off&at=10");
        lab.click("play");   // the event log changes only in its links' at= while it plays: it is not sent again
        lab.until("the run to pass step 30", d -> lab.step() >= 30);
        lab.click("pause");
        long step = lab.awaitPausedWithLink();
        String selector = "#events a.event-focus";
        // as a reader reaches the link (Tab, a touch, a right-click), its step becomes the one on screen
        browser.js("document.querySelector(arguments[0]).focus()", selector);
        String href = (String) browser.js("return document.querySelector(arguments[0]).getAttribute('href')", selector);
        assertTrue(LabScreen.hasParam(href, "at", Long.toString(step)), "step " + step + " on screen, the link says " + href);
        browser.driver().findElement(org.openqa.selenium.By.cssSelector(selector)).click();
        lab.awaitUrl("the focus link's run at step " + step, u -> LabScreen.hasParam(u, "at", Long.toString(step)));
        assertEquals(step, lab.step(), "following it keeps the run where it stands");
    }

    @Test
    void caseOneKeepsTheFocusedWeightsFlatUntilReinitializingRevivesTheNeuron(Browser browser) {
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-1");
        assertEquals("h₁⁽¹⁾: permanently dead", lab.text("focus-state"));
        for (int k = 1; k <= 3; k++) stepOnce(lab, k);
        Map<String, String[]> flat = weights(lab.description("weights"));
        assertEquals(List.of("w11", "w12", "w13"), List.copyOf(flat.keySet()), lab.description("weights"));
        flat.forEach((w, fromTo) -> assertEquals(fromTo[0], fromTo[1], w + " stays flat: " + lab.description("weights")));
        assertEquals("h₁⁽¹⁾: permanently dead", lab.text("focus-state"));

        lab.click("reinit");
        lab.awaitUrl("ops=reinit@3", u -> LabScreen.hasParam(u, "ops", "reinit@3"));
        lab.awaitText("focus-state", "h₁⁽¹⁾: active");
        Map<String, String[]> reinitialized = weights(lab.description("weights"));
        reinitialized.forEach((w, fromTo) -> assertNotEquals(fromTo[0], fromTo[1], w + " was drawn anew: " + lab.description("weights")));
        for (int k = 4; k <= 6; k++) stepOnce(lab, k);
        Map<String, String[]> trained = weights(lab.description("weights"));
        assertTrue(trained.keySet().stream().anyMatch(w -> !trained.get(w)[1].equals(reinitialized.get(w)[1])),
                "the weights learn again after re-initializing: " + lab.description("weights"));
        assertEquals("h₁⁽¹⁾: active", lab.text("focus-state"));
        assertTrue(LabScreen.hasParam(lab.url(), "ops", "reinit@3") && LabScreen.hasParam(lab.url(), "at", "6"), lab.url());
        assertTrue(lab.text("events").contains("h₁⁽¹⁾ came back to life at step 3."), lab.text("events"));
        browser.screenshot("lab-case-1-reinitialized");
    }

    @Test
    void loweringLambdaAfterTheDeathDoesNotReviveTheNeuronButRestartingWithItAvoidsTheDeath(Browser browser) {
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-2&at=20");
        assertEquals("h₁⁽²⁾: permanently dead", lab.text("focus-state"));
        assertEquals("0.3", lab.text("lr-value"));

        lab.type("lr", "0.03");
        lab.click("lr-now");
        lab.awaitText("lr-value", "0.03");
        lab.awaitUrl("ops=lr:0.03@20", u -> LabScreen.hasParam(u, "ops", "lr:0.03@20"));
        lab.select("speed", "100");
        lab.click("play");
        lab.until("the run to pass step 40", d -> lab.step() > 40);
        lab.click("pause");
        long step = lab.awaitPausedWithLink();
        assertTrue(step > 40);
        assertEquals("h₁⁽²⁾: permanently dead", lab.text("focus-state"), "a smaller λ after step 8 cannot revive it");
        assertEquals("Layer 2: 1 of 2 neurons dead", lab.deadPerLayer().get(1));
        assertEquals("0.03", lab.text("lr-value"));

        lab.type("lr", "0.03");
        lab.click("lr-restart");
        lab.awaitText("step", "0");
        assertEquals("0.03", lab.text("lr-value"));
        assertEquals(browser.url("/lab?scenario=case-2&lr=0.03"), lab.awaitUrl("the restarted run's link", u -> !u.contains("ops=")));
        lab.click("play");
        lab.until("the run to pass step 50", d -> lab.step() > 50);
        lab.click("pause");
        lab.awaitPausedWithLink();
        assertEquals("h₁⁽²⁾: active", lab.text("focus-state"), "restarted with the smaller λ, it never dies");
        assertEquals("Layer 2: 0 of 2 neurons dead", lab.deadPerLayer().get(1));
        assertFalse(lab.text("events").contains("h₁⁽²⁾ died"), lab.text("events"));
    }

    @Test
    void theChineseSwitchKeepsTheRunAndABadLinkNamesItsParameter(Browser browser) {
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-2");
        for (int k = 1; k <= 2; k++) stepOnce(lab, k);
        browser.driver().findElement(By.cssSelector(".language-switch a[hreflang='zh-Hans']")).click();
        lab.awaitStream();
        assertEquals("zh-Hans", browser.driver().findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("播放", lab.text("play"));
        assertEquals("走一步更新", lab.text("step-once"));
        assertEquals("第 2 层：死亡 0/2", lab.deadPerLayer().get(1));
        assertEquals(2, lab.step(), "switching the language keeps the step the student had reached");
        assertEquals(browser.url("/lab?scenario=case-2&at=2&lang=zh"), lab.url());

        stepOnce(lab, 3);
        assertEquals(browser.url("/lab?scenario=case-2&at=3&lang=zh"), lab.awaitUrl("at=3", u -> LabScreen.hasParam(u, "at", "3")),
                "the link keeps lang=zh as the run moves");
        assertEquals(browser.url("/lab?scenario=case-2&at=3&lang=en"),
                browser.driver().findElement(By.cssSelector(".language-switch a[hreflang='en']")).getAttribute("href"));
        browser.screenshot("lab-case-2-zh");

        browser.open("/lab?scenario=case-2&lr=0");
        assertEquals("lr", browser.driver().findElement(By.cssSelector(".parameter-problem code")).getText());
        assertEquals(400L, browser.js("return fetch(location.href).then(function (r) { return r.status; });"));
        browser.screenshot("lab-error-400");
    }

    @Test
    void followingManyLabLinksNeverRunsOutOfConnectionsAndGoingBackReopensTheLinkLive(Browser browser) {
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-2");
        for (int k = 1; k <= 2; k++) stepOnce(lab, k);
        String first = stream(browser);
        // More pages than the six connections a browser opens to one server: each one's stream must
        // not stay open once the page is left (say, kept in the back/forward cache).
        for (int k = 1; k <= 8; k++) {
            lab.open("/lab?scenario=case-1&at=" + k);
            assertEquals(k, lab.step());
        }
        for (int k = 7; k >= 1; k--) browser.driver().navigate().back();
        lab.awaitText("focus-state", "h₁⁽¹⁾: permanently dead");
        browser.driver().navigate().back();
        lab.until("the first page's link to be reopened", d -> d.getCurrentUrl().equals(browser.url("/lab?scenario=case-2&at=2")));
        lab.awaitStream();
        lab.until("a live stream of its own", d -> !first.equals(stream(browser)));
        assertEquals(2, lab.step());
        stepOnce(lab, 3);
        lab.awaitUrl("at=3", u -> LabScreen.hasParam(u, "at", "3"));
    }

    @Test
    void everyScenarioIsScreenshotAtAStepWhereSomethingShows(Browser browser) {
        Map<String, Long> scenarios = new LinkedHashMap<>();
        scenarios.put("case-1", 40L);
        scenarios.put("case-2", 40L);
        scenarios.put("inactive-not-dead", 40L);
        scenarios.put("leaky-rescues-case-2", 40L);
        scenarios.put("deep-net-works-anyway", 300L);
        scenarios.put("healthy", 40L);
        scenarios.put("plane-case-1", 40L);
        scenarios.put("plane-case-2", 40L);
        scenarios.put("moving-target", 1200L);   // phase 2: the status says the target moved
        assertEquals(lab.deadrelu.scenario.Scenario.values().length, scenarios.size(), "every scenario");
        LabScreen lab = new LabScreen(browser);
        scenarios.forEach((id, at) -> {
            lab.open("/lab?scenario=" + id + "&at=" + at);
            assertEquals(at, lab.step(), id);
            assertFalse(lab.description("loss").isBlank(), id);
            if (id.equals("moving-target"))
                assertEquals("The target moves every 500 updates. Phase 2 now: new random targets from step 1000 to step 1499.", lab.text("shift"));
            browser.screenshot("lab-" + id);
        });
    }

    @Test
    void theConsoleStaysFreeOfErrorsAndCspViolationsWhileTheLabPlays(Browser browser) {
        browser.console(); // drop earlier lines
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-2&pause=off");   // plays on past step 8
        lab.select("speed", "1000");
        lab.click("play");
        lab.until("the run to pass step 100", d -> lab.step() > 100);
        lab.click("pause");
        lab.awaitPausedWithLink();
        lab.click("step-once");
        lab.click("reinit");
        lab.awaitUrl("ops=reinit@", u -> u.contains("ops=reinit@"));
        lab.click("step-epoch");
        lab.select("act", "leaky");
        lab.click("act-now");
        lab.awaitUrl("ops=…act:leaky@", u -> u.contains("act:leaky@"));
        lab.click("reset");
        lab.awaitText("step", "0");
        lab.open("/lab?scenario=deep-net-works-anyway&at=300&lang=zh");   // big frames, Chinese words
        lab.click("play");
        lab.until("the deep net to move", d -> lab.step() > 302);
        lab.click("pause");
        lab.awaitPausedWithLink();
        assertEquals(0L, browser.js("return document.querySelectorAll('style, [style]').length"), "nothing inline, not even from htmx");
        List<LogEntry> problems = new ArrayList<>();
        for (LogEntry e : browser.console()) if (e.getLevel().intValue() >= Level.WARNING.intValue()) problems.add(e);
        assertTrue(problems.isEmpty(), "console: " + problems);
    }

    @Test
    void whatMovesWhileItPlaysArrivesAsSvgInsideItsChartAndDiagram(Browser browser) {
        LabScreen lab = new LabScreen(browser).open("/lab?scenario=case-2&pause=off");
        lab.select("speed", "10");
        lab.click("play");
        // the charts' lines and the network's edges come as their own small regions (loss-now, network-now, ...)
        lab.until("the loss chart's text alternative to move past step 20", d -> {
            String desc = (String) browser.js("var d = document.getElementById('loss-chart-d'); return d ? d.textContent : ''");
            Matcher m = Pattern.compile("at step (\\d+)").matcher(desc == null ? "" : desc);
            long last = -1;
            while (m.find()) last = Long.parseLong(m.group(1));
            return last > 20;
        });
        lab.click("pause");
        lab.awaitPausedWithLink();
        String svg = "http://www.w3.org/2000/svg";
        for (String selector : new String[] {"#loss-chart polyline.line", "#weights-chart polyline.line", "#dead-chart polyline.line",
                "#network-diagram line.edge", "#loss-chart .points circle"}) {
            assertEquals(svg, browser.js("return document.querySelector('" + selector + "').namespaceURI"), selector);
            Number width = (Number) browser.js("return document.querySelector('" + selector + "').getBoundingClientRect().width");
            assertTrue(width.doubleValue() > 0, selector + " is drawn: " + width);
        }
        assertEquals(12L, browser.js("return document.querySelectorAll('#network-diagram line.edge').length"), "every edge of 3-2-2-1 (6 + 4 + 2), once");
        assertEquals(1L, browser.js("return document.querySelectorAll('#loss-chart-d').length"), "one text alternative per chart");
    }

    /** The page's stream URL, which names its simulation. */
    private static String stream(Browser browser) {
        return browser.driver().findElement(By.cssSelector("[sse-connect]")).getAttribute("sse-connect");
    }

    private static void stepOnce(LabScreen lab, long expectedStep) {
        lab.click("step-once");
        lab.awaitText("step", Long.toString(expectedStep));
    }

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)";
    private static final Pattern WEIGHT = Pattern.compile("(w\\d+) from " + NUMBER + " to " + NUMBER);

    /** "w11 from -0.119 to -0.119, w12 from ..." as name -> {from, to}. */
    private static Map<String, String[]> weights(String description) {
        Map<String, String[]> out = new LinkedHashMap<>();
        Matcher m = WEIGHT.matcher(description);
        while (m.find()) out.put(m.group(1), new String[] {m.group(2), m.group(3)});
        return out;
    }
}
