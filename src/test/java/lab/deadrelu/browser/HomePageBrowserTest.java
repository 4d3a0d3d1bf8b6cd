package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

@ExtendWith(BrowserExtension.class)
class HomePageBrowserTest {

    @Test
    void theHomePageShowsEveryScenarioAndSwitchesToChinese(Browser browser) {
        browser.open("/");
        assertEquals("When does a ReLU neuron really die? · Dead ReLU Lab", browser.driver().getTitle());
        List<WebElement> cards = browser.driver().findElements(By.cssSelector(".scenario-card h3 a"));
        assertEquals(Scenario.values().length, cards.size());
        for (int i = 0; i < cards.size(); i++) {
            assertEquals(browser.url("/lab?scenario=" + Scenario.values()[i].id), cards.get(i).getAttribute("href"));
        }
        browser.screenshot("home-en");

        browser.driver().findElement(By.cssSelector(".language-switch a[hreflang='zh-Hans']")).click();
        assertEquals("zh-Hans", browser.driver().findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/?lang=zh"), browser.driver().getCurrentUrl());
        assertTrue(browser.driver().getTitle().startsWith("ReLU 神经元什么时候才算真的“死了”？"));
        assertTrue(browser.driver().findElement(By.cssSelector(".scenario-card h3 a")).getAttribute("href").endsWith("&lang=zh"));
        browser.screenshot("home-zh");
    }

    @Test
    void htmxLoadsAndTheConsoleStaysFreeOfErrorsAndCspViolations(Browser browser) {
        browser.console(); // drop earlier lines
        browser.open("/?lang=zh");
        assertEquals(Boolean.TRUE, browser.js("return typeof htmx !== 'undefined' && htmx.config.includeIndicatorStyles === false"));
        assertEquals(0L, browser.js("return document.querySelectorAll('style, [style]').length"), "nothing inline, not even from htmx");
        browser.open("/no/such/page");
        List<LogEntry> problems = browser.console().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(e -> !e.getMessage().contains("/no/such/page")) // the 404 we asked for
                .toList();
        assertTrue(problems.isEmpty(), "console: " + problems);
    }

    @Test
    void onAPhoneTheCardsStackInOneColumn(Browser browser) {
        browser.windowSize(390, 844);
        try {
            browser.open("/?lang=zh");
            List<WebElement> cards = browser.driver().findElements(By.cssSelector(".scenario-card"));
            assertEquals(cards.get(0).getLocation().getX(), cards.get(1).getLocation().getX());
            assertTrue(cards.get(1).getLocation().getY() > cards.get(0).getLocation().getY());
            assertEquals(Boolean.TRUE, browser.js("return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
            browser.screenshot("home-zh-phone");
        } finally {
            browser.windowSize(1280, 900);
        }
    }

    @Test
    void onAProjectorTheTextGrowsForTheBackRow(Browser browser) {
        browser.windowSize(1920, 1080);
        try {
            browser.open("/");
            Number px = (Number) browser.js("return parseFloat(getComputedStyle(document.documentElement).fontSize)");
            assertTrue(px.doubleValue() > 18, "root font size " + px);
            browser.screenshot("home-en-projector");
        } finally {
            browser.windowSize(1280, 900);
        }
    }

    @Test
    void aBadParameterPageNamesItInTheLayout(Browser browser) {
        browser.open("/?lang=xx");
        assertEquals("lang", browser.driver().findElement(By.cssSelector(".parameter-problem code")).getText());
        browser.screenshot("error-400");
    }

    @Test
    void keyboardFocusIsVisible(Browser browser) {
        browser.open("/");
        browser.driver().findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        String outline = (String) browser.js("return getComputedStyle(document.activeElement).outlineStyle");
        assertEquals("skip-link", browser.js("return document.activeElement.className"));
        assertTrue(!"none".equals(outline), "outline: " + outline);
    }
}
