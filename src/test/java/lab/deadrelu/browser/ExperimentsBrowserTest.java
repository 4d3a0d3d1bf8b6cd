package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@ExtendWith(BrowserExtension.class)
class ExperimentsBrowserTest {

    private static WebDriverWait waitFor(Browser browser, int seconds) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    /** Saves one element as target/screenshots/&lt;name&gt;.png (a close look at the charts). */
    private static void screenshot(WebElement element, String name) {
        try {
            java.nio.file.Files.createDirectories(Browser.SCREENSHOTS);
            java.nio.file.Files.write(Browser.SCREENSHOTS.resolve(name + ".png"), element.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertCleanConsole(Browser browser) {
        List<LogEntry> problems = browser.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(problems.isEmpty(), "console: " + problems);
        assertEquals(0L, browser.js("return document.querySelectorAll('style, [style]').length"), "nothing inline");
    }

    @Test
    void startASweepWatchItsProgressBarSeeTheChartsAndOpenAPointInTheLab(Browser browser) {
        browser.console();
        browser.open("/experiments/sweep");
        browser.screenshot("sweep-form");
        var d = browser.driver();
        new Select(d.findElement(By.id("scenario"))).selectByValue("case-2");
        new Select(d.findElement(By.id("vary"))).selectByValue("lr");
        d.findElement(By.id("from")).clear();
        d.findElement(By.id("from")).sendKeys("0.02");
        d.findElement(By.cssSelector("input[name='acts'][value='leaky']")).click();
        d.findElement(By.id("seeds")).clear();
        d.findElement(By.id("seeds")).sendKeys("400");
        d.findElement(By.id("steps")).clear();
        d.findElement(By.id("steps")).sendKeys("3000");
        d.findElement(By.id("run-sweep")).click();

        waitFor(browser, 10).until(x -> x.getCurrentUrl().contains("seeds=400"));
        assertEquals(browser.url("/experiments/sweep?scenario=case-2&vary=lr&from=0.02&to=1&points=10&acts=relu,leaky&seeds=400&steps=3000"),
                d.getCurrentUrl(), "the address bar holds the canonical link");
        // the bar is swapped in afresh with every progress event: read it with one script call, never hold on to it
        String bar = "var b = document.querySelector('#job progress.job-bar'); return b && b.offsetWidth > 0 ? b.value : -1";
        assertTrue(((Number) browser.js(bar)).intValue() >= 0, "the progress bar is shown");
        waitFor(browser, 30).until(x -> ((Number) browser.js(bar)).intValue() > 0 || !x.findElements(By.id("died-chart")).isEmpty());
        browser.screenshot("sweep-progress");

        waitFor(browser, 120).until(x -> !x.findElements(By.id("died-chart")).isEmpty());
        assertEquals(100, ((Number) browser.js(bar)).intValue());
        assertEquals(4, d.findElements(By.cssSelector(".band-chart")).size());
        assertEquals(20, d.findElements(By.cssSelector("#died-chart a")).size(), "a dot per point and curve, each a link");
        assertEquals(20, d.findElements(By.cssSelector("#sweep-table tbody tr")).size());
        browser.screenshot("sweep-result");
        screenshot(d.findElement(By.cssSelector(".experiment-charts")), "sweep-result-charts");
        assertCleanConsole(browser);

        WebElement dot = d.findElements(By.cssSelector("#died-chart .dots.series-1 a")).get(9);
        String href = dot.getDomAttribute("href");
        assertTrue(href.contains("/lab?scenario=case-2") && href.endsWith("&at=3000"), href);
        dot.click();
        waitFor(browser, 30).until(x -> x.getCurrentUrl().contains("/lab?"));
        waitFor(browser, 30).until(x -> !x.findElements(By.cssSelector("#network svg")).isEmpty());
        assertTrue(d.getCurrentUrl().contains("at=3000"), d.getCurrentUrl());
        browser.screenshot("sweep-point-in-lab");
    }

    @Test
    void aSweepCanBeCancelled(Browser browser) {
        browser.open("/experiments/sweep?scenario=healthy&vary=lr&from=0.01&to=1&points=10&seeds=300&steps=10000");
        var d = browser.driver();
        // the stream's first frame replaces the page's fragments once: click after it has (retrying if a swap wins the race)
        // (an element found may be swapped out before it is read: the wait then looks again)
        waitFor(browser, 30).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> x.findElement(By.id("progress")).getText().contains("steps done"));
        waitFor(browser, 10).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(x -> {
            x.findElement(By.id("cancel-job")).click();
            return true;
        });
        waitFor(browser, 10).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> x.findElement(By.id("job")).getText().contains("Cancelled."));
        assertTrue(d.findElements(By.cssSelector("[sse-connect]")).isEmpty(), "the section with the stream is gone");
        browser.screenshot("sweep-cancelled");
    }

    @Test
    void theBornDeadPageShowsMeasuredAndTheoryCurvesInBothLanguages(Browser browser) {
        browser.console();
        browser.open("/experiments/born-dead?widths=1,2,4,8&depth=10&inputs=1&domain=1&init=he&bias=0&trials=10000&seed=1");
        waitFor(browser, 120).until(x -> !x.findElements(By.id("dead-depth-chart")).isEmpty());
        var d = browser.driver();
        assertEquals(4, d.findElements(By.cssSelector(".band-chart")).size());
        assertFalse(d.findElements(By.cssSelector("#dead-depth-chart polyline.theory")).isEmpty(), "the theory is drawn");
        assertEquals(40, d.findElements(By.cssSelector("#born-dead-table tbody tr")).size());
        browser.screenshot("born-dead");
        screenshot(d.findElement(By.cssSelector(".experiment-charts")), "born-dead-charts");
        assertCleanConsole(browser);

        d.findElement(By.cssSelector(".language-switch a[hreflang='zh-Hans']")).click();
        waitFor(browser, 60).until(x -> !x.findElements(By.id("dead-depth-chart")).isEmpty());
        assertEquals("zh-Hans", d.findElement(By.tagName("html")).getAttribute("lang"));
        browser.screenshot("born-dead-zh");

        browser.windowSize(390, 844);
        try {
            browser.open("/experiments/sweep?scenario=case-2&vary=act&acts=relu,leaky,elu&seeds=50&steps=500&lang=zh");
            waitFor(browser, 60).until(x -> !x.findElements(By.id("died-chart")).isEmpty());
            assertEquals(Boolean.TRUE, browser.js("return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
            browser.screenshot("sweep-act-zh-phone");
        } finally {
            browser.windowSize(1280, 900);
        }
    }
}
