package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The timeline in a real browser: the scrubber with the keyboard (← → Home End, and the lab's letter
 * keys still work on it) and the pointer, the event marks, going back and playing on, and case 2
 * stopping at its death.
 */
@ExtendWith(BrowserExtension.class)
class TimelineBrowserTest {

    private static void press(Browser b, CharSequence key) {
        new Actions(b.driver()).sendKeys(key).perform();
    }

    /**
     * Presses `key` on the scrubber and waits until the run shows `step` and the stream's frame for it came
     * too (the link goes last in a frame, after the timeline): that frame replaces the scrubber, and a key
     * pressed before it lands could change a scrubber about to be replaced, and post nothing.
     */
    private static void pressAndAwait(LabScreen lab, Browser b, CharSequence key, String step) {
        long frames = b.sseMessages("link");
        press(b, key);
        lab.awaitText("step", step);
        lab.until("the stream's frame at step " + step, d -> b.sseMessages("link") > frames);
        lab.awaitIdle();
    }

    /** Focuses the scrubber (as Tab would) and waits until the focus holds. */
    private static void focusScrubber(LabScreen lab, Browser b) {
        lab.until("the scrubber to have the focus", d -> {
            b.js("document.getElementById('timeline-scrubber').focus()");
            return "timeline-scrubber".equals(b.js("return document.activeElement && document.activeElement.id"));
        });
    }

    private static long scrubberValue(Browser b) {
        return Long.parseLong((String) b.js("return document.getElementById('timeline-scrubber').value"));
    }

    @Test
    void theKeysMoveTheRunOneStepAndToBothEndsAndTheAddressBarFollows(Browser b) {
        LabScreen lab = new LabScreen(b).open("/lab?scenario=case-2&pause=off&at=40");
        List<String> marks = lab.until("the event marks", d -> d.findElements(By.cssSelector("#timeline .tl-mark title")).stream()
                .map(e -> e.getAttribute("textContent")).toList());
        assertTrue(marks.contains("h₁⁽²⁾ died at step 8."), "the death is marked, with its sentence: " + marks);
        assertEquals("ArrowLeft ArrowRight Home End", b.driver().findElement(By.id("timeline-scrubber")).getAttribute("aria-keyshortcuts"));

        focusScrubber(lab, b);
        pressAndAwait(lab, b, Keys.ARROW_LEFT, "39");
        lab.awaitUrl("at=39", u -> LabScreen.hasParam(u, "at", "39"));
        lab.awaitIdle();
        pressAndAwait(lab, b, Keys.ARROW_LEFT, "38");
        lab.awaitIdle();
        pressAndAwait(lab, b, Keys.ARROW_RIGHT, "39");
        lab.awaitIdle();
        assertEquals("timeline-scrubber", b.js("return document.activeElement.id"), "the focus stays on the scrubber");
        assertTrue(lab.text("timeline-behind").contains("39"), "the page says the run went back: " + lab.text("timeline-behind"));
        assertFalse(b.driver().findElements(By.cssSelector("#weights-chart .marker.now")).isEmpty(), "the charts mark the step on screen");
        b.screenshot("timeline-back-at-39");

        pressAndAwait(lab, b, Keys.HOME, "0");
        lab.awaitUrl("no at (step 0)", u -> !u.contains("at="));
        lab.awaitIdle();
        pressAndAwait(lab, b, Keys.END, "40");
        lab.awaitUrl("at=40", u -> LabScreen.hasParam(u, "at", "40"));
        lab.awaitIdle();
        assertEquals(40, scrubberValue(b));

        pressAndAwait(lab, b, Keys.HOME, "0");
        lab.awaitIdle();
        focusScrubber(lab, b);
        press(b, "k");   // the lab's keys work on the scrubber: play from step 0 ...
        lab.until("the run to play on from step 0", d -> lab.step() > 3);
        press(b, "k");   // ... and pause
        long paused = lab.awaitPausedWithLink();
        assertTrue(paused > 3);
        lab.click("step-once");
        lab.awaitText("step", Long.toString(paused + 1));
        assertEquals(40, Long.parseLong(b.driver().findElement(By.id("timeline-scrubber")).getAttribute("max")),
                "the furthest step stays known: " + lab.text("timeline-position"));
    }

    @Test
    void clickingTheScrubberOpensThatStep(Browser b) {
        LabScreen lab = new LabScreen(b).open("/lab?scenario=case-2&pause=off&at=100");
        WebElement scrubber = b.driver().findElement(By.id("timeline-scrubber"));
        int width = scrubber.getSize().getWidth();
        new Actions(b.driver()).moveToElement(scrubber, -width / 4, 0).click().perform();   // a quarter of the way in
        long step = Long.parseLong(lab.awaitText("step", "a step near 25", t -> !t.equals("100")));
        assertTrue(step > 10 && step < 40, "near a quarter of 100: " + step);
        lab.awaitUrl("at=" + step, u -> LabScreen.hasParam(u, "at", Long.toString(step)));
        assertEquals(step, scrubberValue(b));
    }

    @Test
    void case2PlayedStopsAtItsDeathSaysSoAndPlaysOnWithThePauseSwitchedOff(Browser b) {
        LabScreen lab = new LabScreen(b).open("/lab?scenario=case-2");
        assertTrue(b.driver().findElement(By.id("pause-at-death")).isSelected(), "on by default in case 2");
        lab.click("play");
        assertEquals(8, lab.awaitPausedWithLink(), "stopped at the death");
        String status = lab.awaitText("death-pause", "the death named", t -> t.contains("h₁⁽²⁾ died"));
        assertTrue(status.contains("step 8"), status);
        assertTrue(GuidedWalkBrowserTest.text(b, "#announcer").contains("Playing paused here"), "the announcer says it too");
        String inspector = GuidedWalkBrowserTest.text(b, "#inspector");
        assertTrue(inspector.contains("Update of step 8"), "the inspector explains the update that killed it: " + inspector);
        b.screenshot("timeline-case-2-paused-at-death");

        b.driver().findElement(By.id("pause-at-death")).click();
        lab.awaitUrl("pause=off", u -> LabScreen.hasParam(u, "pause", "off"));
        lab.awaitIdle();
        assertFalse(b.driver().findElement(By.id("pause-at-death")).isSelected());
        lab.click("play");
        lab.until("the run to play on past step 20", d -> lab.step() > 20);
        lab.click("pause");
        lab.awaitPausedWithLink();
    }
}
