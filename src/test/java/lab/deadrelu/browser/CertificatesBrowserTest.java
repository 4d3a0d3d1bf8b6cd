package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The certificates, the announcer and the remedies live in a browser: SSE swaps them as the run moves. */
@ExtendWith(BrowserExtension.class)
class CertificatesBrowserTest {

    /** Read in the page: SSE swaps replace elements at any moment, so a found element may be gone when read. */
    static String text(Browser b, String css) {
        Object t = b.js("var e = document.querySelector(arguments[0]); return e ? e.textContent.trim().replace(/\\s+/g, ' ') : null", css);
        return t == null ? "" : t.toString();
    }

    /** Clicks the element matching css once it exists (looked up in the page, so a swap cannot make it stale). */
    static void click(Browser b, String css) {
        waitFor(b, () -> Boolean.TRUE.equals(b.js("var e = document.querySelector(arguments[0]); if (!e || e.disabled) return false; e.click(); return true;", css)));
    }

    static void waitFor(Browser b, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> condition.getAsBoolean());
    }

    @Test
    void stepping_into_the_death_announces_it_once_and_shows_its_certificate(Browser b) {
        b.console();
        b.open("/lab?scenario=case-2&at=6");
        assertEquals("", text(b, "#announcer"), "nothing new when the page opens");
        assertEquals(0, b.driver().findElements(By.cssSelector("#certificates .cert-card")).size());
        waitFor(b, () -> Boolean.TRUE.equals(b.js("return !!document.querySelector('.lab[sse-connect]') && htmx !== undefined")));

        click(b, "#step-once");
        waitFor(b, () -> text(b, "#step").equals("7"));
        assertEquals("", text(b, "#announcer"));
        click(b, "#step-once");
        waitFor(b, () -> text(b, "#step").equals("8"));
        waitFor(b, () -> b.js("return document.getElementById('announcer').textContent").toString().contains("Step 8"));
        assertEquals("Step 8: h₁⁽²⁾ died for good.", b.js("return document.getElementById('announcer').textContent.trim()"));
        assertEquals("polite", b.driver().findElement(By.id("announcer")).getAttribute("aria-live"));
        assertEquals("h₁⁽²⁾: permanently dead since step 8", text(b, "#certificates .cert-heading"));
        assertTrue(text(b, "#certificates .cert-text").startsWith("h₁⁽²⁾ was killed at step 8: the update λ·g (λ = 0.3) took w₂₁ from 0.848 to −0.588"));
        b.screenshot("certificates-case2-step8");

        // a remedy: lower λ now; it goes into the link
        click(b, "#remedy-lr-lower");
        waitFor(b, () -> b.driver().getCurrentUrl().contains("ops=lr:0.03@8"));
        waitFor(b, () -> text(b, "#lr-value").equals("0.03"));

        // the event's link focuses the neuron and marks the step on the charts
        click(b, "#events .event-died .event-focus");
        waitFor(b, () -> b.driver().getCurrentUrl().contains("mark=8"));
        assertEquals(2, b.driver().findElements(By.cssSelector(".chart-svg .marker.mark")).size(), "loss and dead charts mark step 8");
        assertEquals(1, b.driver().findElements(By.cssSelector("#weights .chart-svg .marker.death")).size(),
                "the weights chart's death marker already stands at step 8");

        List<LogEntry> problems = b.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(problems.isEmpty(), "console: " + problems);
    }
}
