package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.scenario.Walks;
import lab.deadrelu.view.I18n;
import lab.deadrelu.view.Lang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The case-2 walk, followed to its end by clicking its buttons, checking what each step shows. */
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
        waitFor(b, "walk progress " + n, () -> text(b, "#walk-progress").equals(EN.t("walk.progress", n, 5)));
        waitFor(b, "walk=" + n + " in the address bar", () -> b.driver().getCurrentUrl().contains("walk=" + n));
    }

    @Test
    void theCase2WalkCanBeFollowedToItsEndByClickingItsButtons(Browser b) {
        assertEquals(5, Walks.of(Scenario.CASE_2).size());
        b.open("/lab?scenario=case-2");
        assertEquals(EN.t("walk.progress", 0, 5), text(b, "#walk-progress"));
        assertTrue(text(b, "#walk").contains("王乐Levi"), "the first step credits the post");
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
        assertTrue(b.driver().getCurrentUrl().endsWith("/lab?scenario=case-2&lr=0.03&at=100&walk=5"), b.driver().getCurrentUrl());
        assertEquals(EN.t("walk.again"), b.driver().findElement(By.id("walk-next")).getText().trim());
        assertTrue(text(b, "#walk").contains(EN.t("walk.finished")));
        b.screenshot("walk-case-2-5");

        // the link of the end reopens at the end of the walk
        b.open("/lab?scenario=case-2&lr=0.03&at=100&walk=5");
        assertEquals(EN.t("walk.progress", 5, 5), text(b, "#walk-progress"));
        assertEquals("100", text(b, "#step"));
    }
}
