package lab.deadrelu.browser;

import static lab.deadrelu.browser.GuidedWalkBrowserTest.text;
import static lab.deadrelu.browser.GuidedWalkBrowserTest.waitFor;
import static lab.deadrelu.browser.GuidedWalkBrowserTest.waitForStep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The lab with the keyboard alone: Tab reaches every control with a visible focus; Enter, Space and the shortcuts work. */
@ExtendWith(BrowserExtension.class)
class KeyboardBrowserTest {

    /**
     * Marks the focused element and looks again 300 ms later: true if it is still focused and was not
     * swapped out meanwhile (a swap between Space's keydown and keyup would make no click).
     */
    static boolean settled(Browser b) {
        b.js("document.activeElement.setAttribute('data-test-settled', '1')");
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Boolean.TRUE.equals(b.js("return document.activeElement.getAttribute('data-test-settled') === '1'"
                + " && document.querySelector('.htmx-request') === null"));
    }

    static String active(Browser b) {
        return (String) b.js("var a = document.activeElement; if (!a || a === document.body) return 'body';"
                + " return a.id || a.tagName.toLowerCase() + '.' + (a.getAttribute('class') || '') + '#' + Array.prototype.indexOf.call(document.querySelectorAll('*'), a)");
    }

    static void key(Browser b, CharSequence keys) {
        new Actions(b.driver()).sendKeys(keys).perform();
    }

    /** Tabs from the top of the page until the element with `id` has the focus. */
    static void tabTo(Browser b, String id) {
        b.driver().findElement(By.tagName("body")).click();
        b.js("document.activeElement.blur(); window.scrollTo(0, 0)");
        for (int i = 0; i < 80; i++) {
            key(b, Keys.TAB);
            if (id.equals(active(b))) return;
        }
        fail("Tab never reached #" + id);
    }

    static void assertVisibleFocus(Browser b) {
        String style = (String) b.js("var s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth");
        assertFalse(style.startsWith("none") || style.endsWith(" 0px"), active(b) + " has no visible focus: " + style);
    }

    @Test
    void tabReachesEveryControlOfTheLabWithAVisibleFocus(Browser b) {
        b.open("/lab?scenario=case-2");
        b.js("document.activeElement.blur()");
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < 120; i++) {
            key(b, Keys.TAB);
            String a = active(b);
            if (a.isEmpty() || a.equals("body")) break;
            if (!seen.add(a)) break;
            if (a.startsWith("a.edge-link")) {   // diagram edges show focus with a thicker line (teaching.css), not an outline
                assertEquals("7px", b.js("return getComputedStyle(document.activeElement.querySelector('.edge')).strokeWidth"), a);
            } else if (!a.startsWith("a.node-link")) {
                assertVisibleFocus(b);   // diagram nodes show focus with a thicker ring (charts.css)
            }
        }
        // (the remedies' re-draw is disabled while no neuron is dead, so it is not among them at step 0)
        for (String id : List.of("walk-next", "play", "step-once", "step-epoch", "speed", "reset", "lr", "lr-now",
                "lr-restart", "act", "act-now", "bias", "bias-restart", "copy-link", "reinit", "remedy-lr-lower", "remedy-lr-restart")) {
            assertTrue(seen.contains(id), "Tab does not reach #" + id + "; reached " + seen);
        }
        tabTo(b, "step-epoch");
        b.screenshot("keyboard-focus-epoch");
    }

    @Test
    void enterOnPlayRunsTheLabAndTheShortcutsStepPauseAndReset(Browser b) {
        b.open("/lab?scenario=case-2&pause=off");   // plays on past step 8 (case 2 stops at its death by default)
        tabTo(b, "play");
        assertVisibleFocus(b);
        assertEquals("k", b.driver().findElement(By.id("play")).getAttribute("aria-keyshortcuts"));
        b.screenshot("keyboard-play-focused");

        key(b, Keys.ENTER);   // play
        waitFor(b, "the run plays", () -> Long.parseLong(text(b, "#step")) > 0);
        waitFor(b, "the focus moves to pause", () -> "pause".equals(active(b)));

        key(b, "k");          // pause
        waitFor(b, "paused", () -> !b.driver().findElements(By.cssSelector("#run-state.run-paused")).isEmpty());
        waitFor(b, "play is back and focused", () -> "play".equals(active(b)));
        long n = Long.parseLong(text(b, "#step"));

        key(b, "s");          // one update
        waitForStep(b, n + 1);
        b.screenshot("keyboard-after-s");
        key(b, "e");          // one epoch: 8 samples
        waitForStep(b, n + 9);
        // The step shown comes over the stream; the epoch's own answer may still be on its way and would
        // replace the button between Space's keydown and keyup (no click then).
        waitFor(b, "the epoch's answer swapped in", () -> Boolean.TRUE.equals(b.js("return document.querySelector('.htmx-request') === null"))
                && "play".equals(active(b)));
        waitFor(b, "the focused play button stays the same element", () -> settled(b));
        key(b, " ");          // Space on the focused play button
        waitFor(b, "Space plays", () -> Long.parseLong(text(b, "#step")) > n + 9);
        key(b, "k");
        waitFor(b, "paused again", () -> !b.driver().findElements(By.cssSelector("#run-state.run-paused")).isEmpty());
        key(b, "r");          // reset
        waitForStep(b, 0);

        // letters typed into a field stay there
        WebElement lr = b.driver().findElement(By.id("lr"));
        lr.click();
        lr.sendKeys(Keys.END, "s");
        assertTrue(lr.getAttribute("value").endsWith("s"));
        assertEquals("0", text(b, "#step"));
        lr.sendKeys(Keys.BACK_SPACE);
    }

    @Test
    void theWalkButtonWorksWithEnterAndKeepsTheFocusForTheNextStep(Browser b) {
        b.open("/lab?scenario=inactive-not-dead&lang=zh");
        I18n zh = I18n.of(Lang.ZH);
        tabTo(b, "walk-next");
        assertVisibleFocus(b);
        key(b, Keys.ENTER);
        waitFor(b, "the run where step 1 of the walk leads", () -> text(b, "#walk-progress").equals(zh.t("walk.where.at", 1, 1, 3)));
        waitFor(b, "the focus is on the next step's button", () -> "walk-next".equals(active(b)));
        assertEquals(zh.t("walk.inactive-not-dead.2.button"), b.driver().findElement(By.id("walk-next")).getText().trim());
        waitForStep(b, 1);
        key(b, Keys.ENTER);
        waitForStep(b, 8);
        b.screenshot("keyboard-walk-zh");
    }

    @Test
    void theShortcutsAreListedOnThePageInBothLanguages(Browser b) {
        for (Lang lang : Lang.values()) {
            b.open("/lab?scenario=healthy&lang=" + lang.code);
            List<String> keys = b.driver().findElements(By.cssSelector(".lab-keys kbd")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("k", "s", "e", "r", "←", "→", "Home", "End", "Tab"), keys);
            assertEquals(I18n.of(lang).t("keys.heading"), text(b, "#keys-heading"));
            for (String id : List.of("step-once", "step-epoch", "reset")) {
                assertFalse(b.driver().findElement(By.id(id)).getAttribute("aria-keyshortcuts").isEmpty());
            }
        }
    }
}
