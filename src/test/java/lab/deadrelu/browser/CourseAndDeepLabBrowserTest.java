package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The teacher's page and the deep scenario's page on real screens: /course never scrolls sideways
 * (phone to wide screen) once a long link is built, its copy buttons copy, and the deep network's
 * certificates and event log stay short. One browser for the class; screens set exactly through the
 * DevTools protocol (a window's frame differs between platforms). Screenshots: target/screenshots/course-*.png, deep-*.png.
 */
@ExtendWith(BrowserExtension.class)
class CourseAndDeepLabBrowserTest {
    static final int[] WIDTHS = {390, 1280, 1440, 1920};
    static final int SCREEN = 900;
    static final I18n EN = I18n.of(Lang.EN);
    /** The course page's boxes: none of them may be wider inside than it is. */
    static final String CARDS = ".course-form, .course-locks, .course-result, .course-link-box, .course-embed, .course-qr, .preset-card, .site-header-inner";

    @AfterEach
    void plainScreen(Browser b) {
        b.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void theCoursePageNeverScrollsSidewaysOnceALongLinkIsBuiltAndItsCopyButtonsCopy(Browser b) throws IOException {
        screen(b, 1440, SCREEN);
        b.open("/course?lang=en");
        WebDriver d = b.driver();
        new org.openqa.selenium.support.ui.Select(d.findElement(By.id("course-scenario"))).selectByValue("deep-net-works-anyway");
        d.findElement(By.id("course-lock-lr")).click();
        d.findElement(By.id("course-lock-walk")).click();
        d.findElement(By.id("course-title")).sendKeys("Week 3: why do so many neurons of a deep network die, and does it matter?");
        d.findElement(By.id("course-note")).sendKeys("Press play. Watch the dead neurons per layer and the loss. "
                + "Open the certificates of two neurons and write down why each died. Then explain in one sentence why the loss still falls. "
                + "Useless_long_word_to_make_sure_nothing_pushes_the_page_sideways_even_without_spaces.");
        d.findElement(By.id("course-build")).click();
        String link = until(b, "the built link", x -> x.findElements(By.id("course-link-out")).isEmpty() ? null
                : x.findElement(By.id("course-link-out")).getText());
        assertTrue(link.length() > 400 && link.contains("lock=lr,walk"), link);

        for (int width : WIDTHS) {
            screen(b, width, SCREEN);
            until(b, "the layout at " + width, x -> width == ((Number) b.js("return window.innerWidth")).intValue());
            long page = ((Number) b.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
            assertTrue(page <= 0, width + " px: the page scrolls sideways by " + page + " px");
            @SuppressWarnings("unchecked")
            List<String> wide = (List<String>) b.js("var out = []; document.querySelectorAll(arguments[0]).forEach(function (e) {"
                    + " if (e.scrollWidth > e.clientWidth) out.push(e.className + ': ' + e.scrollWidth + ' > ' + e.clientWidth); }); return out;", CARDS);
            assertTrue(wide.isEmpty(), width + " px: boxes wider inside than out: " + wide);
            assertTrue(((Number) b.js("return document.querySelectorAll(arguments[0]).length", CARDS)).intValue() >= 10, "the boxes are there");
            screenshot(b, "course-" + width);
        }

        screen(b, 390, SCREEN);
        for (String[] copy : new String[][] {{"copy-course-link", "course-link-status", "course-link-out"}, {"copy-course-embed", "course-embed-status", "course-embed"}}) {
            d.findElement(By.id(copy[0])).click();
            String said = until(b, "#" + copy[1] + " to say what happened", x -> {
                String t = x.findElement(By.id(copy[1])).getText();
                return t.isEmpty() ? null : t;
            });
            assertTrue(said.equals(EN.t("course.copied")) || said.equals(EN.t("course.selected")), said);
            String source = (String) b.js("return document.getElementById(arguments[0]).textContent", copy[2]);
            assertEquals(source, b.js("return window.getSelection().toString()"), "the copied text is selected, ready for Ctrl+C as well");
        }
        assertTrue(((String) b.js("return window.getSelection().toString()")).startsWith("<iframe src=\"" + link.replace("&", "&amp;")));
        screenshot(b, "course-390-copied");
    }

    @Test
    void theDeepScenariosCertificatesAndEventLogStayShortAndWhatIsOpenedStaysOpenWhenTheyAreSentAgain(Browser b) throws IOException {
        screen(b, 1440, SCREEN);
        LabScreen lab = new LabScreen(b).open("/lab?scenario=deep-net-works-anyway&lang=en");
        long rows = ((Number) b.js("return document.querySelectorAll('#certificates .cert-row').length")).longValue();
        assertTrue(rows > 4, "the deep network's dead neurons as table rows: " + rows);
        Map<String, Long> h = heights(b);
        System.out.println("deep scenario at 1440x900, step 0: " + h + " (document height minus the first screen: "
                + (h.get("document") - SCREEN) + " px; budget 3 x 900 = " + 3 * SCREEN + ")");
        assertTrue(h.get("document") - SCREEN <= 3 * SCREEN, "at most three screens below the first: " + h);
        assertTrue(h.get("certificates") <= SCREEN, "the certificates fit in one screen: " + h);
        assertTrue(h.get("events") <= SCREEN, "the event log fits in one screen: " + h);
        screenshot(b, "deep-1440");

        // open a certificate of a neuron dead for good and the older events; when the stream sends the table again, both are still open
        String id = (String) b.js("var row = document.querySelector('#certificates .cert-permanently-dead details');"
                + " row.querySelector('summary').click(); return row.id;");
        b.js("document.querySelector('#events-all > summary').click()");
        assertEquals(Boolean.TRUE, b.js("return document.getElementById(arguments[0]).open", id));
        lab.until("the opened certificate's text, fetched on demand", x -> hasText(b, id));
        // focusing that neuron from its certificate moves the table's highlight, so the stream sends the table again
        long frames = b.sseMessages("certificates");
        b.js("document.getElementById(arguments[0]).querySelector('.cert-focus').click()", id);
        lab.until("a new frame with the certificates", x -> b.sseMessages("certificates") > frames);
        assertEquals(Boolean.TRUE, b.js("return document.getElementById(arguments[0]).open", id), "the opened certificate stays open");
        assertEquals(Boolean.TRUE, b.js("return document.getElementById('events-all').open"), "show all stays open");
        lab.until("the certificate that stayed open, its text fetched again", x -> hasText(b, id));
        assertTrue(((String) b.js("return document.getElementById(arguments[0]).querySelector('.cert-text').innerText", id)).contains("was born dead"));
        screenshot(b, "deep-1440-opened");

        screen(b, 390, 844);
        b.open("/lab?scenario=deep-net-works-anyway&lang=en");
        new LabScreen(b).awaitStream();
        Map<String, Long> phone = heights(b);
        System.out.println("deep scenario at 390x844, step 0: " + phone);
        long sideways = ((Number) b.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
        assertTrue(sideways <= 0, "no sideways scroll on a phone: " + sideways);
        assertTrue(((Number) b.js("var w = document.querySelector('#certificates'); return w.scrollWidth - w.clientWidth")).longValue() <= 0,
                "the certificates table fits a phone");
        screenshot(b, "deep-390");
    }

    /** Whether the details element `id` holds its fetched certificate. */
    static boolean hasText(Browser b, String id) {
        return Boolean.TRUE.equals(b.js("var d = document.getElementById(arguments[0]); return d != null && d.querySelector('.cert-text') != null", id));
    }

    /** The page's height and the heights of its parts, in CSS pixels. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> heights(Browser b) {
        return (Map<String, Long>) b.js("var r = { document: document.documentElement.scrollHeight };"
                + " ['walk', 'controls', 'status', 'network', 'weights', 'table', 'inspector', 'certificates', 'remedies', 'events'].forEach(function (id) {"
                + "   var e = document.getElementById(id); if (e) r[id] = Math.round(e.getBoundingClientRect().height); });"
                + " var teach = document.querySelector('.lab-teach'); if (teach) r.teach = Math.round(teach.getBoundingClientRect().height);"
                + " var before = document.getElementById('certificates'); if (before) r.aboveCertificates = Math.round(before.getBoundingClientRect().top + scrollY);"
                + " return r;");
    }

    /** A screen of exactly this many CSS pixels (a phone's under 600 px wide). */
    static void screen(Browser b, int width, int height) {
        b.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** The whole page, not just the screen, as target/screenshots/&lt;name&gt;.png. */
    static void screenshot(Browser b, String name) throws IOException {
        Map<String, Object> shot = b.driver().executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.write(Browser.SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    static <T> T until(Browser b, String what, java.util.function.Function<WebDriver, T> condition) {
        return new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), LabScreen.PATIENCE)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + what)
                .until(condition);
    }
}
