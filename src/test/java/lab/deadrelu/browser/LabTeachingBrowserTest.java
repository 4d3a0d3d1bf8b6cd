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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The data table and the gradient inspector in a real browser: MathML drawn, the weight picked by select and by edge. */
@ExtendWith(BrowserExtension.class)
class LabTeachingBrowserTest {

    /** Read in one script: the stream may swap the inspector between a find and a getText. */
    static String inspectorHeading(Browser browser) {
        return (String) browser.js("var h = document.getElementById('inspector-heading'); return h ? h.innerText.trim() : '';");
    }

    @Test
    void pickingAWeightInTheSelectOrTheDiagramSwitchesTheInspectorAndTheLink(Browser browser) {
        browser.console();
        browser.open("/lab?scenario=case-2&at=8");
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
        assertEquals("Gradient inspector: w₂₁", inspectorHeading(browser));
        assertEquals(8L, browser.js("return document.querySelectorAll('#table tbody tr').length"));
        Number mathHeight = (Number) browser.js("return document.querySelector('#inspector math').getBoundingClientRect().height");
        assertTrue(mathHeight.doubleValue() > 20, "the browser lays MathML out (a fraction is taller than a line): " + mathHeight);
        browser.screenshot("lab-case-2-step-8-teaching");

        wait.until(d -> Boolean.TRUE.equals(browser.js("return !!document.querySelector('.lab[sse-connect]') && "
                + "htmx.find('.lab')['htmx-internal-data'] && !!htmx.find('.lab')['htmx-internal-data'].sseEventSource")));
        new Select(browser.driver().findElement(By.id("weight-from"))).selectByValue("2");
        wait.until(d -> inspectorHeading(browser).equals("Gradient inspector: w₂₂"));
        wait.until(d -> d.getCurrentUrl().endsWith("/lab?scenario=case-2&at=8&weight=2.1.2"));

        browser.driver().findElement(By.cssSelector("#network a.edge-link[href$='weight=3.1.1']")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/lab?scenario=case-2&at=8&weight=3.1.1"));
        wait.until(d -> inspectorHeading(browser).equals("Gradient inspector: w₃₁"));
        assertEquals(1L, browser.js("return document.querySelectorAll('#network .edge.inspected').length"));

        List<LogEntry> problems = browser.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(problems.isEmpty(), "console: " + problems);
        assertEquals(0L, browser.js("return document.querySelectorAll('style, [style]').length"));
    }
}
