package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The input plane in a browser: its tiles are drawn (the PNG decodes, so the strict CSP lets data: images
 * through), large enough to read, inside the page's width on a phone and a desktop; they follow the run
 * as the stream moves it, and a tile or a pair of inputs is chosen in place.
 */
@ExtendWith(BrowserExtension.class)
class PlaneBrowserTest {

    static void waitFor(Browser b, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(20)).until(d -> condition.getAsBoolean());
    }

    static String text(Browser b, String css) {
        Object t = b.js("var e = document.querySelector(arguments[0]); return e ? e.textContent.trim().replace(/\\s+/g, ' ') : null", css);
        return t == null ? "" : t.toString();
    }

    static void click(Browser b, String css) {
        waitFor(b, () -> Boolean.TRUE.equals(b.js("var e = document.querySelector(arguments[0]); if (!e) return false; e.click(); return true;", css)));
    }

    /** Each tile's drawn size, whether its picture decoded, and the page's sideways overflow. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> measure(Browser b) {
        return (Map<String, Object>) b.js("""
                var tiles = Array.from(document.querySelectorAll('#plane .plane-svg'));
                var decoded = tiles.map(function (svg) { var i = new Image(); i.src = svg.querySelector('image').getAttribute('href'); return i; });
                return {count: tiles.length,
                        smallest: Math.min.apply(null, tiles.map(function (t) { return t.getBoundingClientRect().width; })),
                        rightmost: Math.max.apply(null, tiles.map(function (t) { return t.getBoundingClientRect().right; })),
                        viewport: document.documentElement.clientWidth,
                        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                        widths: decoded.map(function (i) { return i.complete ? i.naturalWidth : -1; })};""");
    }

    @Test
    void the_tiles_are_drawn_readable_and_inside_the_page_on_a_phone_and_a_desktop(Browser b) {
        b.console();
        for (int[] size : new int[][] {{390, 844}, {1440, 900}}) {
            b.windowSize(size[0], size[1]);
            b.open("/lab?scenario=case-2&at=8");
            b.js("document.getElementById('plane').scrollIntoView()");
            waitFor(b, () -> ((List<?>) measure(b).get("widths")).stream().allMatch(w -> ((Number) w).intValue() == 24));
            Map<String, Object> m = measure(b);
            assertEquals(4L, ((Number) m.get("count")).longValue());
            assertTrue(((Number) m.get("smallest")).doubleValue() >= 90, "a tile at least 90 px wide: " + m);
            assertTrue(((Number) m.get("rightmost")).doubleValue() <= ((Number) m.get("viewport")).doubleValue(), "inside the page: " + m);
            assertEquals(0L, ((Number) m.get("sideways")).longValue(), "no sideways scrolling: " + m);
            b.viewportScreenshot("plane-case2-" + size[0] + "x" + size[1]);
        }
        List<LogEntry> problems = b.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(problems.isEmpty(), "console (a CSP refusal of the pictures would show here): " + problems);
    }

    @Test
    void the_tiles_follow_the_run_and_a_tile_or_a_pair_of_inputs_is_chosen_in_place(Browser b) {
        b.windowSize(1440, 900);
        b.open("/lab?scenario=case-2&at=6");
        waitFor(b, () -> Boolean.TRUE.equals(b.js("return !!document.querySelector('.lab[sse-connect]') && typeof htmx !== 'undefined'")));
        String before = (String) b.js("return document.querySelector('#plane li:nth-child(1) image').getAttribute('href')");
        click(b, "#step-once");
        waitFor(b, () -> text(b, "#step").equals("7"));
        waitFor(b, () -> !before.equals(b.js("return document.querySelector('#plane li:nth-child(1) image').getAttribute('href')")));

        click(b, "#plane .plane-row:nth-of-type(1) li:nth-child(2) .plane-tile");   // h₂⁽¹⁾
        waitFor(b, () -> b.driver().getCurrentUrl().contains("focus=1.2"));
        waitFor(b, () -> text(b, "#plane .plane-tile.focused .plane-name").equals("h₂⁽¹⁾"));

        click(b, "#plane .plane-axes-choice:nth-of-type(3)");   // x₂ · x₃
        waitFor(b, () -> b.driver().getCurrentUrl().contains("plane=2.3"));
        waitFor(b, () -> text(b, "#plane .plane-caption").contains("x₂ (across) and x₃ (up)"));
        assertTrue(text(b, "#plane .plane-slice").contains("x₁ = "), text(b, "#plane .plane-slice"));
    }
}
