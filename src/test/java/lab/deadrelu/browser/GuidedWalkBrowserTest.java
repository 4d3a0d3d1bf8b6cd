package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.scenario.Walks;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lab's guide and guards in one browser: the case-2 walk followed to its end by clicking its
 * buttons (and from step 20 back to step 7), a teacher's locks (disabled, saying why, a forced request
 * refused with a message on the page), and an event's link that keeps the page where it is.
 */
@ExtendWith(BrowserExtension.class)
class GuidedWalkBrowserTest {
    private static final I18n EN = I18n.of(Lang.EN);
    private static final Pattern WEIGHT = Pattern.compile("(w2[12]) from (\\S+?) to (-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)");

    static String text(Browser b, String css) {
        Object t = b.js("var e = document.querySelector(arguments[0]); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null", css);
        if (t == null) throw new org.openqa.selenium.NoSuchElementException(css);
        return (String) t;
    }

    static void waitFor(Browser b, String what, java.util.function.Supplier<Boolean> done) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(10)).withMessage(what).until(d -> done.get());
    }

    static void waitForStep(Browser b, long step) {
        waitFor(b, "step " + step + " on screen", () -> text(b, "#step").equals(Long.toString(step)));
    }

    /** The last value of each of w21, w22 as the weights chart's description states it. */
    static double[] lastWeights(Browser b) {
        String desc = (String) b.js("return document.querySelector('#weights-chart desc').textContent");
        double[] w = new double[2];
        Matcher m = WEIGHT.matcher(desc);
        int found = 0;
        while (m.find()) {
            w[m.group(1).equals("w21") ? 0 : 1] = Double.parseDouble(m.group(3));
            found++;
        }
        assertEquals(2, found, desc);
        return w;
    }

    void press(Browser b, int n) {
        WebElement button = b.driver().findElement(By.id("walk-next"));
        assertEquals(EN.t("walk.case-2." + n + ".button"), button.getText().trim());
        button.click();
        RunSpec target = Walks.of(Scenario.CASE_2).target(n);
        waitFor(b, "the walk at step " + n, () -> text(b, "#walk-progress").equals(EN.t("walk.where.at", target.at(), n, 5)));
        waitFor(b, "step " + n + "'s link in the address bar", () -> b.driver().getCurrentUrl().endsWith("/lab?" + target.toQuery()));
        assertEquals(EN.t("walk.case-2." + n + ".text"), text(b, "#walk .walk-here .walk-text"), "its words, now that the run is there");
    }

    @Test
    void theCase2WalkCanBeFollowedToItsEndByClickingItsButtons(Browser b) {
        assertEquals(5, Walks.of(Scenario.CASE_2).size());
        b.open("/lab?scenario=case-2");
        assertEquals(EN.t("walk.where.start", 0), text(b, "#walk-progress"));
        assertTrue(text(b, "#walk").contains("王乐Levi"), "the walk credits the post");
        b.screenshot("walk-case-2-0");

        press(b, 1);   // 7 steps: w21, w22 both positive, h1^(2) active
        waitForStep(b, 7);
        double[] w = lastWeights(b);
        assertTrue(w[0] > 0 && w[1] > 0, "w₂₁, w₂₂ at step 7: " + w[0] + ", " + w[1]);
        assertEquals("h₁⁽²⁾: " + EN.t("neuron.active"), text(b, "#focus-state"));
        assertTrue(text(b, "#walk").contains(EN.t("walk.case-2.2.button")));
        b.screenshot("walk-case-2-1");

        press(b, 2);   // one more: both below zero, died at step 8
        waitForStep(b, 8);
        w = lastWeights(b);
        assertTrue(w[0] < 0 && w[1] < 0, "w₂₁, w₂₂ at step 8: " + w[0] + ", " + w[1]);
        assertEquals("h₁⁽²⁾: " + EN.t("neuron.permanently-dead"), text(b, "#focus-state"));
        waitFor(b, "the death in the event log", () -> text(b, "#events").contains("h₁⁽²⁾ died at step 8."));
        assertTrue(b.driver().findElements(By.cssSelector("#weights-chart .chart-svg .marker.death")).size() == 1, "the death is marked on the chart");
        b.screenshot("walk-case-2-2");

        press(b, 3);   // to step 100: flat lines
        waitForStep(b, 100);
        double[] flat = lastWeights(b);
        assertEquals(w[0], flat[0]);
        assertEquals(w[1], flat[1]);
        b.screenshot("walk-case-2-3");

        press(b, 4);   // lambda 0.03 now, 100 steps: nothing changes for h1^(2)
        waitForStep(b, 200);
        assertEquals("0.03", text(b, "#lr-value"));
        assertEquals("h₁⁽²⁾: " + EN.t("neuron.permanently-dead"), text(b, "#focus-state"));
        assertEquals(w[0], lastWeights(b)[0]);
        assertTrue(b.driver().getCurrentUrl().contains("ops=lr:0.03@100"), b.driver().getCurrentUrl());
        b.screenshot("walk-case-2-4");

        press(b, 5);   // restart with 0.03, to step 100: alive
        waitForStep(b, 100);
        waitFor(b, "h₁⁽²⁾ alive", () -> text(b, "#focus-state").equals("h₁⁽²⁾: " + EN.t("neuron.active")));
        assertEquals("0.03", text(b, "#lr-value"));
        assertFalse(text(b, "#events").contains("died"), text(b, "#events"));
        assertTrue(b.driver().getCurrentUrl().endsWith("/lab?scenario=case-2&lr=0.03&at=100"), b.driver().getCurrentUrl());
        assertEquals(EN.t("walk.again"), b.driver().findElement(By.id("walk-next")).getText().trim());
        assertTrue(text(b, "#walk").contains(EN.t("walk.finished")));
        b.screenshot("walk-case-2-5");

        // the link of the end reopens at the end of the walk
        b.open("/lab?scenario=case-2&lr=0.03&at=100");
        assertEquals(EN.t("walk.where.at", 100, 5, 5), text(b, "#walk-progress"));
        assertEquals("100", text(b, "#step"));
    }

    @Test
    void fromStep20TheFirstStepGoesBackToStep7WhereItsWordsHoldAndManualStepsMoveThePanel(Browser b) {
        b.open("/lab?scenario=case-2&at=20");
        waitFor(b, "the stream", () -> b.sseMessages("link") > 0);
        assertEquals(EN.t("walk.where.past", 20, 2, 5, 100), text(b, "#walk-progress"));
        assertTrue(b.driver().findElements(By.cssSelector("#walk .walk-text")).isEmpty(), "no step's words at step 20");
        b.driver().findElement(By.id("walk-go-1")).click();
        waitForStep(b, 7);
        waitFor(b, "the walk at step 1", () -> text(b, "#walk-progress").equals(EN.t("walk.where.at", 7, 1, 5)));
        assertTrue(text(b, "#walk .walk-text").contains("w₂₁ and w₂₂ are both positive"), text(b, "#walk .walk-text"));
        double[] w = lastWeights(b);
        assertTrue(w[0] > 0 && w[1] > 0, "w21, w22 at step 7: " + w[0] + ", " + w[1]);
        assertEquals("h₁⁽²⁾: " + EN.t("neuron.active"), text(b, "#focus-state"));
        // a manual step: the panel follows the run, and step 2's words appear because the run is where step 2 leads
        b.driver().findElement(By.id("step-once")).click();
        waitForStep(b, 8);
        waitFor(b, "the walk at step 2", () -> text(b, "#walk-progress").equals(EN.t("walk.where.at", 8, 2, 5)));
        b.driver().findElement(By.id("step-once")).click();
        waitForStep(b, 9);
        waitFor(b, "past step 2", () -> text(b, "#walk-progress").equals(EN.t("walk.where.past", 9, 2, 5, 100)));
        assertTrue(b.driver().findElements(By.cssSelector("#walk .walk-text")).isEmpty(), "no stale words");
        b.screenshot("walk-case-2-from-20");
    }

    @Test
    void aLockLinkDisablesWhatItLocksSaysWhyAndARefusedRequestShowsItsMessage(Browser b) {
        b.open("/lab?scenario=case-2&at=100&lock=lr,reinit,reset");
        waitFor(b, "the stream", () -> b.sseMessages("link") > 0);
        for (String id : new String[] {"lr", "lr-now", "lr-restart", "reinit", "remedy-lr-lower", "remedy-lr-restart", "reset", "walk-next"}) {
            WebElement e = b.driver().findElement(By.id(id));
            assertFalse(e.isEnabled(), "#" + id + " is disabled");
            String note = e.getAttribute("aria-describedby");
            assertTrue(note != null && java.util.Arrays.stream(note.split(" "))
                    .anyMatch(n -> text(b, "#" + n).equals(EN.t("course.locked"))), "#" + id + " says why: " + note);
        }
        assertTrue(b.driver().findElement(By.id("step-once")).isEnabled(), "what is not locked stays enabled");
        assertTrue(b.driver().findElements(By.cssSelector("a#compare-with-lower-lr")).isEmpty(), "no link to compare with another λ");
        assertEquals("", text(b, "#request-message"));

        // the keyboard's r: reset is locked, and the page says so
        b.driver().findElement(By.tagName("body")).sendKeys("r");
        waitFor(b, "the shortcut's message", () -> text(b, "#request-message").equals("Reset: " + EN.t("course.locked")));
        assertEquals("100", text(b, "#step"));

        // a request forced past the disabled button: refused by the server, and the page says why
        b.js("var x = document.getElementById('lr-now'); x.disabled = false; document.getElementById('lr').disabled = false; x.click();");
        waitFor(b, "the refusal's message", () -> text(b, "#request-message").startsWith(EN.t("course.locked.title") + ": "));
        assertTrue(text(b, "#request-message").contains(EN.t("course.lock.lr")), text(b, "#request-message"));
        assertEquals("alert", b.driver().findElement(By.id("request-message")).getAttribute("role"));
        b.screenshot("lock-refused");
        assertTrue(b.driver().getCurrentUrl().endsWith("/lab?scenario=case-2&at=100&lock=lr,reinit,reset"), "nothing changed: " + b.driver().getCurrentUrl());
        assertEquals("0.3", text(b, "#lr-value"));

        // the next control that goes through clears the message
        b.driver().findElement(By.id("step-once")).click();
        waitForStep(b, 101);
        waitFor(b, "the message cleared", () -> text(b, "#request-message").isEmpty());
    }

    @Test
    void aBadLambdaIsRefusedWithItsReasonOnThePageAndAnEventsLinkKeepsThePageWhereItIs(Browser b) {
        b.open("/lab?scenario=case-2&at=30");
        waitFor(b, "the stream", () -> b.sseMessages("link") > 0);
        WebElement lr = b.driver().findElement(By.id("lr"));
        lr.clear();
        lr.sendKeys("abc");
        b.driver().findElement(By.id("lr-now")).click();
        waitFor(b, "the 400's message", () -> text(b, "#request-message").startsWith("lr cannot be “abc”"));
        assertEquals("30", text(b, "#step"));

        // clicking an event focuses and marks in place: no page load, no jump to the top
        b.js("window.__samePage = true; document.getElementById('events').scrollIntoView();");
        long scrolled = ((Number) b.js("return Math.round(window.scrollY)")).longValue();
        assertTrue(scrolled > 0, "the log is further down the page");
        b.driver().findElement(By.cssSelector("#events .event-died .event-focus")).click();
        waitFor(b, "the mark in the address bar", () -> b.driver().getCurrentUrl().contains("mark=8"));
        waitFor(b, "the charts mark step 8", () -> b.driver().findElements(By.cssSelector(".chart-svg .marker.mark")).size() == 2);
        assertEquals(Boolean.TRUE, b.js("return window.__samePage === true"), "the page was not reloaded");
        long now = ((Number) b.js("return Math.round(window.scrollY)")).longValue();
        assertTrue(Math.abs(now - scrolled) < 40, "the page stays where it was: " + scrolled + " -> " + now);
    }
}
