package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.stream.Collectors;
import lab.deadrelu.web.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The lab embedded in a course page of another origin. The course site is a bare Javalin serving one
 * page of plain HTML (no script) with the lab's embed link in an iframe. It is reached two ways: as
 * http://127.0.0.1:port, the origin FRAME_ANCESTORS names, and as http://localhost:port, a different
 * origin (the host differs) that it does not name. The lab itself is http://localhost:otherport.
 */
class EmbedBrowserTest {
    private static final Javalin COURSE_SITE = Javalin.create(javalin -> javalin.routes.get("/week-3", ctx -> ctx.html(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Week 3</title></head><body>"
                    + "<h1>Week 3: dying ReLU</h1>"
                    + "<iframe id=\"lab\" title=\"Dead ReLU Lab\" width=\"1000\" height=\"800\" src=\""
                    + ctx.queryParam("lab").replace("&", "&amp;").replace("\"", "&quot;") + "\"></iframe></body></html>")))
            .start(0);

    @RegisterExtension
    static final BrowserExtension BROWSER = BrowserExtension.with(() ->
            new Config(0, "", "http://127.0.0.1:" + COURSE_SITE.port(), false, Config.Limits.DEFAULT));

    @AfterAll
    static void closeTheCourseSite() {
        COURSE_SITE.stop();
    }

    @AfterEach
    void backToTheTopPage(Browser browser) {
        browser.driver().switchTo().defaultContent();
    }

    /** The course page at this origin, with the lab link (a path of the lab) in its iframe. */
    private static void openCoursePage(Browser browser, String origin, String labPath) {
        browser.driver().get(origin + ":" + COURSE_SITE.port() + "/week-3?lab="
                + java.net.URLEncoder.encode(browser.url(labPath), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anAllowedCourseSiteShowsTheLabWithoutTheSiteHeaderAndItStaysEmbeddedAndLiveAfterAControl(Browser browser) {
        openCoursePage(browser, "http://127.0.0.1", "/lab?scenario=case-2&pause=off&embed=1");   // plays on past step 8, so that pause is there to press
        WebDriver d = browser.driver();
        LabScreen lab = new LabScreen(browser);
        d.switchTo().frame(lab.<WebElement>until("the iframe", x -> x.findElement(By.id("lab"))));
        lab.until("the lab in the frame", x -> x.findElement(By.id("step")));
        assertTrue(d.findElements(By.cssSelector(".site-header, .site-footer")).isEmpty(), "no site header or footer in the frame");
        assertTrue(d.findElement(By.cssSelector(".embed-bar .language-switch")).isDisplayed(), "the language switch is still there");
        lab.until("the stream to connect", x -> Boolean.TRUE.equals(browser.js(
                "var e = document.querySelector('[sse-connect]'); var s = e && e['htmx-internal-data'];"
                        + "return !!(s && s.sseEventSource && s.sseEventSource.readyState === 1);")));
        assertEquals("0", lab.text("step"));

        // The step's answer replaces only the controls: the new step on screen came over the stream.
        lab.click("step-once");
        lab.awaitText("step", "1");
        String frameUrl = lab.until("the frame's address to follow the run", x -> {
            String u = (String) browser.js("return location.href;");
            return LabScreen.hasParam(u, "at", "1") ? u : null;
        });
        assertTrue(LabScreen.hasParam(frameUrl, "embed", "1"), "still embedded: " + frameUrl);

        lab.click("play");
        lab.awaitText("step", "playing on", t -> Long.parseLong(t) > 1);
        lab.click("pause");
        String paused = lab.until("the frame's address to follow the paused run", x -> {
            String u = (String) browser.js("return location.href;");
            String step = x.findElement(By.id("step")).getText();
            return LabScreen.hasParam(u, "at", step) ? u : null;
        });
        assertTrue(LabScreen.hasParam(paused, "embed", "1"), "still embedded after play and pause: " + paused);
        assertTrue(d.findElements(By.cssSelector(".site-header")).isEmpty());
        String out = d.findElement(By.cssSelector(".embed-full")).getAttribute("href");
        assertFalse(out.contains("embed"), "the way out opens the whole lab: " + out);
    }

    @Test
    void aCourseSiteThatFrameAncestorsDoesNotNameGetsNoLabInItsFrame(Browser browser) {
        browser.console();   // forget earlier lines
        openCoursePage(browser, "http://localhost", "/lab?scenario=case-2&embed=1");
        WebDriver d = browser.driver();
        LabScreen lab = new LabScreen(browser);
        assertEquals("Week 3", d.getTitle(), "the course page itself loads");
        d.switchTo().frame(lab.<WebElement>until("the iframe", x -> x.findElement(By.id("lab"))));
        // Chromium puts its own error page in the frame; whatever it shows, it is not the lab.
        String where = lab.until("the frame to settle", x -> {
            String u = (String) browser.js("return location.href;");
            return u.equals("about:blank") ? null : u;
        });
        assertTrue(d.findElements(By.id("step")).isEmpty() && d.findElements(By.cssSelector("[sse-connect]")).isEmpty(),
                "no lab in the frame, which shows " + where);
        d.switchTo().defaultContent();
        String console = browser.console().stream().map(e -> e.getMessage()).collect(Collectors.joining("\n"));
        assertTrue(console.contains("frame-ancestors"), "the browser says why: " + console);
    }
}
