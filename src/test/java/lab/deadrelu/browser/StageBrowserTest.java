package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The stage: what a visitor sees on the first screen of the lab, on a phone, a laptop, a desktop and a
 * projector, in both languages. Every scenario's run controls, network, the focused neuron's weights and
 * the status lie inside the first viewport, measured as a person sees them (on screen, not covered by
 * anything, the network as drawn inside its box); nothing on the page or in any card scrolls sideways.
 * One browser, one page per scenario and language, resized by device emulation (a phone as a phone: touch,
 * mobile layout); starting Chromium and loading pages cost seconds. A first-screen screenshot of each case lands
 * in target/screenshots/stage-&lt;scenario&gt;-&lt;w&gt;x&lt;h&gt;-&lt;lang&gt;.png.
 */
@ExtendWith(BrowserExtension.class)
class StageBrowserTest {
    static final int[][] VIEWPORTS = {{390, 844}, {1280, 720}, {1440, 900}, {1920, 1080}};
    static final List<String> LANGS = List.of("en", "zh");
    /** Each scenario at a step where something shows (as in LabBrowserTest's screenshots). */
    static final Map<String, Integer> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("case-1", 40);
        SCENARIOS.put("case-2", 40);
        SCENARIOS.put("inactive-not-dead", 40);
        SCENARIOS.put("leaky-rescues-case-2", 40);
        SCENARIOS.put("deep-net-works-anyway", 300);
        SCENARIOS.put("healthy", 40);
    }

    /**
     * For each [name, selector, how]: where it is, as a person sees it. "svg": the drawing inside an SVG's
     * box (the viewBox scaled to fit, centred: SVG's default "meet"). Visible means displayed, not hidden,
     * and the element (or one of its own parts) is what is on screen at its centre. Returns per name
     * {left, top, right, bottom, width, visible} or null when absent; and "viewport": {width, height}.
     */
    static final String WHERE = """
            var out = {viewport: {width: window.innerWidth, height: window.innerHeight}};
            arguments[0].forEach(function (q) {
              var e = document.querySelector(q[1]);
              if (!e) { out[q[0]] = null; return; }
              var r = e.getBoundingClientRect(), box = {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height};
              if (q[2] === 'svg' && e.viewBox && e.viewBox.baseVal && e.viewBox.baseVal.width) {
                var vb = e.viewBox.baseVal, s = Math.min(r.width / vb.width, r.height / vb.height), w = vb.width * s, h = vb.height * s;
                box = {left: r.left + (r.width - w) / 2, top: r.top + (r.height - h) / 2, width: w, height: h};
                box.right = box.left + w; box.bottom = box.top + h;
              }
              var style = getComputedStyle(e), cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
              var hit = cx >= 0 && cy >= 0 && cx < window.innerWidth && cy < window.innerHeight ? document.elementFromPoint(cx, cy) : null;
              box.visible = e.getClientRects().length > 0 && style.visibility === 'visible' && Number(style.opacity) > 0
                  && box.width > 0 && box.height > 0 && !!hit && (e === hit || e.contains(hit));
              out[q[0]] = box;
            });
            return out;""";

    /** Everything wider than its box: the document, and every element but those clipped on purpose (screen-reader text) and SVG content. */
    static final String SIDEWAYS = """
            var bad = [], d = document.documentElement;
            if (d.scrollWidth > d.clientWidth) bad.push('the document: ' + d.scrollWidth + ' > ' + d.clientWidth);
            document.querySelectorAll('body *').forEach(function (e) {
              if (e.clientWidth === 0 || e.closest('.visually-hidden, svg')) return;
              if (e.offsetWidth <= 1 && e.offsetHeight <= 1) return;   // text for screen readers only, clipped on purpose
              if (e.scrollWidth > e.clientWidth + 1)
                bad.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')
                    + ': ' + e.scrollWidth + ' > ' + e.clientWidth);
            });
            return bad;""";

    /** The stage's parts on every screen, and those a desktop shows besides (the phone has them right below). */
    static final List<List<String>> STAGE = List.of(
            List.of("play", "#play, #pause", "box"), List.of("step once", "#step-once", "box"), List.of("epoch", "#step-epoch", "box"),
            List.of("speed", "#speed", "box"), List.of("network", "#network svg.network-svg", "svg"), List.of("status", "#status", "box"),
            List.of("step", "#step", "box"), List.of("epoch number", "#epoch", "box"), List.of("loss", "#loss-value", "box"),
            List.of("λ", "#lr-value", "box"), List.of("dead per layer", "#dead-per-layer", "box"), List.of("focused neuron", "#focus-state", "box"));
    static final List<List<String>> DESKTOP_ALSO = List.of(List.of("weights", "#weights svg.chart-svg", "svg"),
            List.of("timeline", "#timeline-scrubber", "box"));

    @Test
    void everyScenarioShowsItsStageOnTheFirstScreenFromPhoneToProjectorInBothLanguagesAndNothingScrollsSideways(Browser browser) {
        LabScreen lab = new LabScreen(browser);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> s : SCENARIOS.entrySet()) {
            for (String lang : LANGS) {
                lab.open("/lab?scenario=" + s.getKey() + "&at=" + s.getValue() + "&lang=" + lang);
                for (int[] size : VIEWPORTS) {   // one page, resized: the layout is all CSS
                    viewport(browser, size[0], size[1]);
                    boolean phone = size[0] < 768;
                    String where = s.getKey() + " at " + size[0] + "x" + size[1] + " in " + lang;
                    List<List<String>> parts = new ArrayList<>(STAGE);
                    if (!phone) parts.addAll(DESKTOP_ALSO);
                    Map<String, Map<String, Object>> seen = where(browser, parts);
                    for (List<String> part : parts) {
                        String problem = outside(seen, part.get(0));
                        if (problem != null) problems.add(where + ": " + problem);
                    }
                    double drawn = number(seen.get("network"), "width"), width = size[0];
                    // the picture takes 40% of a desktop's width; on a phone the whole width (less the page's margins)
                    if (drawn < (phone ? 0.8 : 0.4) * width)
                        problems.add(where + ": the network is drawn " + Math.round(drawn) + " px wide, " + Math.round(100 * drawn / width) + "% of the screen");
                    for (String wide : sideways(browser)) problems.add(where + ": scrolls sideways: " + wide);
                    browser.viewportScreenshot("stage-" + s.getKey() + "-" + size[0] + "x" + size[1] + "-" + lang);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void presentModeShowsTheStageAloneInTypeTwiceAsLargeWithTheWalksWordsAndStaysOnThroughControls(Browser browser) {
        viewport(browser, 1920, 1080);
        LabScreen lab = new LabScreen(browser);
        lab.open("/lab?scenario=case-2&at=7");
        double stageStep = fontSize(browser, "#step"), stageWalk = fontSize(browser, ".walk-here .walk-text");
        lab.click("view-switch");   // "Present": the same step in present mode
        lab.awaitStream();
        assertEquals(browser.url("/lab?scenario=case-2&at=7&view=present"), lab.url());
        browser.viewportScreenshot("stage-present-case-2-1920x1080-en");

        assertTrue(browser.driver().findElements(By.cssSelector(".site-header, .site-footer")).isEmpty(), "no site header or footer");
        for (String hidden : List.of(".toolbar-settings", ".compare-with", "#table", "#inspector", "#certificates", "#remedies", "#events",
                "#loss", "#dead", ".lab-summary", ".lab-keys", ".walk-intro")) {
            assertFalse(displayed(browser, hidden), hidden + " is not on a projector's screen");
        }
        List<List<String>> parts = new ArrayList<>(STAGE);
        parts.addAll(DESKTOP_ALSO);
        parts.add(List.of("the walk's current words", ".walk-here .walk-text", "box"));
        parts.add(List.of("the walk's button", "#walk-next", "box"));
        parts.add(List.of("the way back", "#view-switch", "box"));
        Map<String, Map<String, Object>> seen = where(browser, parts);
        List<String> problems = new ArrayList<>();
        for (List<String> part : parts) {
            String problem = outside(seen, part.get(0));
            if (problem != null) problems.add(problem);
        }
        problems.addAll(sideways(browser));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        double step = fontSize(browser, "#step"), walk = fontSize(browser, ".walk-here .walk-text");
        assertTrue(step >= 1.8 * stageStep, "the step reads " + step + " px against " + stageStep + " px on the stage");
        assertTrue(walk >= 1.5 * stageWalk, "the walk's words read " + walk + " px against " + stageWalk + " px on the stage");
        assertEquals("Leave presentation", lab.text("view-switch"));

        lab.click("step-once");   // a control keeps present mode in the link, as embed=1 is kept
        lab.awaitText("step", "8");
        lab.awaitUrl("view=present at step 8", u -> LabScreen.hasParam(u, "view", "present") && LabScreen.hasParam(u, "at", "8"));
        lab.click("view-switch");
        lab.awaitStream();
        assertEquals(browser.url("/lab?scenario=case-2&at=8"), lab.url(), "back on the stage at the same step");
        assertTrue(displayed(browser, "#table"));
    }

    @Test
    void theComparePageShowsBothRunsPicturesAndItsControlsOnTheFirstScreenOfEveryDesktop(Browser browser) {
        List<List<String>> parts = List.of(List.of("play", "#play", "box"), List.of("step once", "#step-once", "box"),
                List.of("speed", "#speed", "box"), List.of("network A", "#network-a svg", "svg"), List.of("network B", "#network-b svg", "svg"),
                List.of("weights A", "#weights-a svg", "svg"), List.of("weights B", "#weights-b svg", "svg"));
        List<String> problems = new ArrayList<>();
        for (String lang : LANGS) {
            browser.open("/compare?lang=" + lang);
            CompareBrowserTest.awaitStream(browser);
            for (int[] size : VIEWPORTS) {
                viewport(browser, size[0], size[1]);
                String where = "compare at " + size[0] + "x" + size[1] + " in " + lang;
                if (size[0] >= 1280) {
                    Map<String, Map<String, Object>> seen = where(browser, parts);
                    for (List<String> part : parts) {
                        String problem = outside(seen, part.get(0));
                        if (problem != null) problems.add(where + ": " + problem);
                    }
                }
                for (String wide : sideways(browser)) problems.add(where + ": scrolls sideways: " + wide);
                browser.viewportScreenshot("stage-compare-" + size[0] + "x" + size[1] + "-" + lang);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void noOtherPageScrollsSidewaysOnAPhoneOrADesktop(Browser browser) {
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/", "/experiments", "/experiments/sweep", "/experiments/born-dead", "/course")) {
            for (String lang : LANGS) {
                browser.open(path + "?lang=" + lang);
                for (int[] size : VIEWPORTS) {
                    viewport(browser, size[0], size[1]);
                    for (String wide : sideways(browser)) problems.add(path + " at " + size[0] + "x" + size[1] + " in " + lang + ": " + wide);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Makes the page's viewport exactly width x height (DevTools' device emulation: the window's own size
     * does not matter); below 768 px wide, as a phone: mobile layout and touch (no hover, coarse pointer).
     */
    static void viewport(Browser browser, int width, int height) {
        boolean phone = width < 768;
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
        browser.driver().executeCdpCommand("Emulation.setTouchEmulationEnabled",
                phone ? Map.of("enabled", true, "maxTouchPoints", 5) : Map.of("enabled", false));
        new LabScreen(browser).until("a " + width + "x" + height + " viewport", d -> Boolean.TRUE.equals(browser.js(
                "return window.innerWidth === arguments[0] && window.innerHeight === arguments[1]", width, height)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> where(Browser browser, List<List<String>> parts) {
        return (Map<String, Map<String, Object>>) browser.js(WHERE, parts);
    }

    /** Why this part is not on the first screen, or null when it is. */
    static String outside(Map<String, Map<String, Object>> seen, String name) {
        Map<String, Object> box = seen.get(name), view = seen.get("viewport");
        if (box == null) return name + " is missing";
        double w = number(view, "width"), h = number(view, "height"), tolerance = 0.5;
        String at = String.format("[%.0f, %.0f]-[%.0f, %.0f] in %.0fx%.0f", number(box, "left"), number(box, "top"),
                number(box, "right"), number(box, "bottom"), w, h);
        if (number(box, "left") < -tolerance || number(box, "top") < -tolerance || number(box, "right") > w + tolerance
                || number(box, "bottom") > h + tolerance) return name + " is not all on the first screen: " + at;
        if (!Boolean.TRUE.equals(box.get("visible"))) return name + " is hidden or covered: " + at;
        return null;
    }

    static double number(Map<String, Object> box, String key) {
        return ((Number) box.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> sideways(Browser browser) {
        return (List<String>) browser.js(SIDEWAYS);
    }

    static double fontSize(Browser browser, String selector) {
        return Double.parseDouble(((String) browser.js("return getComputedStyle(document.querySelector(arguments[0])).fontSize", selector)).replace("px", ""));
    }

    static boolean displayed(Browser browser, String selector) {
        return Boolean.TRUE.equals(browser.js("var e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0;", selector));
    }
}
