package lab.deadrelu.browser;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lab page as a test sees it: its controls by id, its status texts, and waits on what the
 * server pushes. Every wait is bounded ({@link #PATIENCE}); nothing sleeps. htmx replaces the
 * controls and status on every frame, so elements are looked up afresh each time and a stale one
 * is simply looked up again.
 */
final class LabScreen {
    static final Duration PATIENCE = Duration.ofSeconds(45);   // a ceiling for a busy machine; nothing waits this long when all is well

    private final Browser browser;

    LabScreen(Browser browser) {
        this.browser = browser;
    }

    /** Opens a lab link (a path, or a whole URL) and waits until its stream is connected (so what follows sees live frames). */
    LabScreen open(String link) {
        browser.driver().get(link.startsWith("/") ? browser.url(link) : link);
        awaitStream();
        return this;
    }

    /**
     * Waits until the page's stream is open and its first frame is on screen (the frame's last event
     * is the link), so that nothing typed or read afterwards is replaced by that first frame.
     */
    void awaitStream() {
        until("the SSE stream to connect and send its first frame", d -> browser.sseMessages("link") > 0 && Boolean.TRUE.equals(browser.js(
                "var e = document.querySelector('[sse-connect]');"
                        + "var d = e && e['htmx-internal-data'];"
                        + "return !!(d && d.sseEventSource && d.sseEventSource.readyState === 1);")));
    }

    /** Clicks a control, looked up afresh (the controls are re-rendered on every action). */
    void click(String id) {
        until("#" + id + " to be clickable", d -> {
            WebElement e = d.findElement(By.id(id));
            if (!e.isDisplayed() || !e.isEnabled()) return false;
            e.click();
            return true;
        });
        awaitIdle();
    }

    /** Waits until no htmx request is in flight (so one control's answer cannot land after the next one's). */
    void awaitIdle() {
        until("htmx requests to finish", d -> Boolean.TRUE.equals(browser.js("return document.querySelector('.htmx-request') === null;")));
    }

    /** Types into a text field, replacing what it held. */
    void type(String id, String text) {
        until("#" + id + " to take " + text, d -> {
            WebElement e = d.findElement(By.id(id));
            e.clear();
            e.sendKeys(text);
            return text.equals(e.getAttribute("value"));
        });
    }

    void select(String id, String value) {
        until("#" + id + " to select " + value, d -> {
            new Select(d.findElement(By.id(id))).selectByValue(value);
            return true;
        });
        awaitIdle();
    }

    /** The visible text of an element (waits for it to exist). */
    String text(String id) {
        return until("#" + id, d -> liveText(id));
    }

    /**
     * The element's visible text read in one script call (null while it is missing): frames replace these
     * elements several times a second, so a lookup and a separate read can keep meeting a replaced one.
     */
    String liveText(String id) {
        return (String) browser.js("var e = document.getElementById(arguments[0]); return e ? e.innerText.trim() : null;", id);
    }

    long step() {
        return Long.parseLong(text("step"));
    }

    List<String> deadPerLayer() {
        return until("#dead-per-layer", d -> d.findElements(By.cssSelector("#dead-per-layer li")).stream().map(WebElement::getText).toList());
    }

    /** The text alternative of a chart or the diagram in a region (its SVG &lt;desc&gt;, which has no visible text). */
    String description(String region) {
        return until("the description in #" + region, d -> (String) browser.js(
                "var e = document.querySelector('#' + arguments[0] + ' svg desc'); return e ? e.textContent : null;", region));
    }

    String url() {
        return browser.driver().getCurrentUrl();
    }

    /** Waits until the element's text passes the test; returns that text. */
    String awaitText(String id, String what, Predicate<String> ok) {
        return until("#" + id + " to show " + what, d -> {
            String t = liveText(id);
            return t != null && ok.test(t) ? t : null;
        });
    }

    String awaitText(String id, String expected) {
        return awaitText(id, "'" + expected + "'", expected::equals);
    }

    String awaitUrl(String what, Predicate<String> ok) {
        return until("the address bar to hold " + what, d -> {
            String u = d.getCurrentUrl();
            return ok.test(u) ? u : null;
        });
    }

    /** Waits until the run is paused on screen and the address bar holds the link of the step shown. */
    long awaitPausedWithLink() {
        until("the run to show as paused", d -> d.findElement(By.id("run-state")).getAttribute("class").contains("run-paused"));
        long step = step();
        awaitUrl("at=" + step, u -> step == 0 ? !u.contains("at=") : hasParam(u, "at", Long.toString(step)));
        return step;
    }

    /** Whether a link's query has name=value (exactly, not as a prefix of a longer value). */
    static boolean hasParam(String link, String name, String value) {
        return java.util.regex.Pattern.compile("[?&]" + java.util.regex.Pattern.quote(name + "=" + value) + "(&|#|$)").matcher(link).find();
    }

    <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), PATIENCE)
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + what + "; page at " + url())
                .until(condition::apply);
    }
}
