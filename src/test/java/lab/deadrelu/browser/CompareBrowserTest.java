package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The compare page in a real browser: opened from the lab, played in lockstep, the difference visible. */
@ExtendWith(BrowserExtension.class)
class CompareBrowserTest {
    /** A ceiling for conditions, generous because a busy machine may render slowly; nothing waits this long when all is well. */
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    static <T> T until(Browser browser, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), PATIENCE).withMessage(what).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition);
    }

    static void awaitStream(Browser browser) {
        until(browser, "the SSE stream to connect", d -> Boolean.TRUE.equals(browser.js(
                "var e = document.querySelector('[sse-connect]');"
                        + "var d = e && e['htmx-internal-data'];"
                        + "return !!(d && d.sseEventSource && d.sseEventSource.readyState === 1);")));
    }

    static void awaitIdle(Browser browser) {
        until(browser, "htmx requests to finish", d -> Boolean.TRUE.equals(browser.js("return document.querySelector('.htmx-request') === null;")));
    }

    /** Clicks an element looked up afresh: the server re-renders the regions it sits in. */
    static void click(Browser browser, String id) {
        until(browser, "#" + id + " to be clicked", d -> {
            d.findElement(By.id(id)).click();
            return true;
        });
        awaitIdle(browser);
    }

    static String text(Browser browser, String id) {
        return until(browser, "#" + id, d -> liveText(browser, id));
    }

    /**
     * The element's text read in one script call: frames replace these elements several times a second,
     * so a lookup followed by a separate read can keep meeting a replaced (stale) element on a busy machine.
     */
    static String liveText(Browser browser, String id) {
        Object text = browser.js("var e = document.getElementById(arguments[0]); return e ? e.innerText.trim() : null;", id);
        return (String) text;
    }

    static String focusedNodeClass(Browser browser, String diagram) {
        return until(browser, "the focused neuron of " + diagram,
                d -> d.findElement(By.cssSelector("#" + diagram + " g.node.focused")).getAttribute("class"));
    }

    static void assertConsoleClean(Browser browser) {
        List<LogEntry> problems = browser.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(problems.isEmpty(), "console: " + problems);
        assertEquals(0L, browser.js("return document.querySelectorAll('style, [style]').length"), "nothing inline (CSP)");
    }

    @Test
    void fromTheLabCompareCase2WithALowerLambdaAndWatchOnlyADie(Browser browser) {
        browser.console();
        browser.open("/lab?scenario=case-2");
        awaitStream(browser);
        until(browser, "the lab's compare links", d -> d.findElements(By.cssSelector(".compare-with-list a")).size() == 6);
        browser.screenshot("lab-compare-with");
        click(browser, "compare-with-lower-lr");

        until(browser, "the compare page", d -> d.getCurrentUrl().contains("/compare?"));
        assertEquals(browser.url("/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-2%26lr%3D0.03"), browser.driver().getCurrentUrl());
        assertEquals("Compare two runs · Dead ReLU Lab", browser.driver().getTitle());
        awaitStream(browser);
        assertEquals("0", text(browser, "step-a"));
        assertTrue(focusedNodeClass(browser, "network-a").contains("active"));
        assertTrue(focusedNodeClass(browser, "network-b").contains("active"));

        until(browser, "speed 20", d -> {
            new Select(d.findElement(By.id("speed"))).selectByValue("20");
            return true;
        });
        awaitIdle(browser);
        click(browser, "play");
        until(browser, "A's h₁⁽²⁾ to die", d -> {
            String focus = liveText(browser, "focus-a"), step = liveText(browser, "step-a");
            return focus != null && step != null && focus.contains("permanently dead") && Long.parseLong(step) >= 30;
        });
        click(browser, "pause");
        until(browser, "both runs to show paused", d -> "paused".equals(liveText(browser, "state-a")) && "paused".equals(liveText(browser, "state-b")));

        // one frame shows both steps: equal; B kept its neuron
        String stepA = text(browser, "step-a"), stepB = text(browser, "step-b");
        assertEquals(stepA, stepB, "lockstep");
        assertEquals("h₁⁽²⁾: active", text(browser, "focus-b"));
        assertTrue(focusedNodeClass(browser, "network-a").contains("permanently-dead"));
        assertTrue(focusedNodeClass(browser, "network-b").contains("active"));
        assertTrue(text(browser, "differences").contains("Their dead neurons first differed at step 8: A had 1 dead, B 0."));
        assertTrue(text(browser, "differences").contains("Dead in A only: h₁⁽²⁾ (since step 8)."));
        assertEquals(2, browser.driver().findElements(By.cssSelector("#dead-a .chart-svg .marker.differ, #dead-b .chart-svg .marker.differ")).size(),
                "both dead charts mark step 8");
        assertEquals(browser.driver().findElement(By.cssSelector("#loss-a .y-labels")).getAttribute("innerHTML"),
                browser.driver().findElement(By.cssSelector("#loss-b .y-labels")).getAttribute("innerHTML"), "one loss axis");

        // the address bar follows, both runs at the same step
        String url = until(browser, "the address bar to follow", d -> {
            String u = URLDecoder.decode(d.getCurrentUrl(), StandardCharsets.UTF_8);
            return u.contains("at=" + stepA + "&b=") ? u : null;
        });
        Matcher m = Pattern.compile("a=scenario=case-2&at=(\\d+)&b=scenario=case-2&lr=0.03&at=(\\d+)$").matcher(url);
        assertTrue(m.find(), url);
        assertEquals(m.group(1), m.group(2));

        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("compare-case-2-lower-lambda");
        assertConsoleClean(browser);

        // the link reopens the same comparison at the same step
        browser.driver().navigate().refresh();
        awaitStream(browser);
        assertEquals(stepA, text(browser, "step-a"));
        assertEquals(stepA, text(browser, "step-b"));
    }

    @Test
    void thePresetsOnAPhoneInChinese(Browser browser) {
        browser.windowSize(390, 844);
        try {
            browser.console();
            browser.open("/compare?a=scenario%3Dcase-2%26at%3D40&b=scenario%3Dleaky-rescues-case-2%26at%3D40&lang=zh");
            awaitStream(browser);
            assertEquals("page", browser.driver().findElement(By.cssSelector(".compare-presets a[aria-current]")).getAttribute("aria-current"));
            assertTrue(text(browser, "differences").contains("不同的设置：激活函数：A 为 ReLU，B 为 Leaky ReLU。"), text(browser, "differences"));
            assertTrue(text(browser, "differences").contains("只在 A 中死亡：h₁⁽²⁾（自第 8 步起）。"));
            assertEquals(Boolean.TRUE, browser.js("return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
            browser.screenshot("compare-leaky-zh-phone");
            assertConsoleClean(browser);
        } finally {
            browser.windowSize(1280, 900);
        }
    }

    @Test
    void seedAgainstSeedOnAProjector(Browser browser) {
        browser.windowSize(1920, 1080);
        try {
            browser.open("/compare");
            awaitStream(browser);
            browser.driver().findElements(By.cssSelector(".compare-presets a")).get(2).click();
            until(browser, "the seed preset", d -> d.getCurrentUrl().endsWith("/compare?a=scenario%3Dcase-1&b=scenario%3Dcase-1%26seed%3D38"));
            awaitStream(browser);
            assertTrue(text(browser, "differences").contains("Their dead neurons first differed at step 0: A had 1 dead, B 0."));
            click(browser, "step-epoch");
            until(browser, "one epoch", d -> "8".equals(liveText(browser, "step-b")));
            assertEquals("8", text(browser, "step-a"));
            browser.screenshot("compare-seed-projector");
        } finally {
            browser.windowSize(1280, 900);
        }
    }
}
