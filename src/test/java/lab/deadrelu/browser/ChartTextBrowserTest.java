package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Charts people can read: on the lab (case 1, case 2, the deep net), the compare page and the
 * experiments' band charts, at a phone's and three desktop viewports, in English and Chinese, every
 * text and tspan of every svg renders at 12 CSS px or more (its font size times the scale its svg
 * draws it at) and lies inside its svg's box. Screenshots of each chart: target/screenshots/charts-*.png.
 * One browser for the whole class, resized for each viewport.
 */
@ExtendWith(BrowserExtension.class)
class ChartTextBrowserTest {
    static final int[][] VIEWPORTS = {{390, 844}, {1280, 720}, {1440, 900}, {1920, 1080}};
    static final List<String> LANGS = List.of("en", "zh");

    /**
     * Every text and tspan of every outermost svg that is rendered (display: none has no box; hidden
     * labels that hover shows are measured too): its rendered size is the computed font size times
     * the scale of its screen CTM. Returns {count, problems}.
     */
    static final String MEASURE = """
            var problems = [], count = 0;
            document.querySelectorAll('svg').forEach(function (svg) {
              if (svg.ownerSVGElement) return;
              var box = svg.getBoundingClientRect();
              if (box.width === 0 && box.height === 0) return;
              var where = (svg.closest('[id]') || {id: '?'}).id;
              svg.querySelectorAll('text, tspan').forEach(function (t) {
                var r = t.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) return;
                count++;
                var ctm = t.getScreenCTM();
                var scale = Math.sqrt(ctm.a * ctm.a + ctm.b * ctm.b);
                var px = parseFloat(getComputedStyle(t).fontSize) * scale;
                var what = where + ' "' + t.textContent.trim() + '"';
                if (px < 12 - 1e-6) problems.push(what + ' renders at ' + px.toFixed(2) + 'px');
                if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
                  problems.push(what + ' [' + [r.left, r.top, r.right, r.bottom].map(Math.round) + '] outside its svg ['
                      + [box.left, box.top, box.right, box.bottom].map(Math.round) + ']');
              });
            });
            return [count, problems];""";

    @Test
    void everyLabChartTextIsAtLeastTwelvePixelsAndInsideItsSvgAtEveryViewportInBothLanguages(Browser b) {
        List<String> problems = new ArrayList<>();
        for (String link : List.of("scenario=case-1", "scenario=case-2&at=30&mark=12", "scenario=deep-net-works-anyway&at=200")) {
            String name = link.split("&")[0].substring("scenario=".length());
            for (String lang : LANGS) {
                b.windowSize(1280, 900);
                new LabScreen(b).open("/lab?" + link + "&lang=" + lang);
                for (int[] v : VIEWPORTS) {
                    b.windowSize(v[0], v[1]);
                    String at = name + " " + lang + " " + v[0] + "x" + v[1];
                    long count = measure(b, at, problems);
                    assertTrue(count >= 40, at + ": only " + count + " texts measured");
                    assertChartsFillTheirContainers(b, at, problems);
                    for (String id : List.of("network-diagram", "weights-chart", "loss-chart", "dead-chart")) {
                        screenshot(b, id, "charts-lab-" + name + "-" + lang + "-" + v[0] + "x" + v[1] + "-" + id);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    @Test
    void atStepZeroCaseOneShowsItsThreeWeightsAsLabelledPointsBelowZeroWhoseLabelsOverlapNothing(Browser b) {
        for (int[] v : List.of(VIEWPORTS[0], VIEWPORTS[3])) {
            b.windowSize(v[0], v[1]);
            new LabScreen(b).open("/lab?scenario=case-1");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> points = (List<Map<String, Object>>) b.js("""
                    var zero = document.querySelector('#weights-chart .zero-line').getBoundingClientRect();
                    var marks = Array.from(document.querySelectorAll('#weights-chart .marker text')).map(function (m) {
                      var r = m.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom, text: m.textContent};
                    });
                    return Array.from(document.querySelectorAll('#weights-chart .point')).map(function (p) {
                      var mark = p.querySelector('circle, path').getBoundingClientRect(), label = p.querySelector('text');
                      var l = label.getBoundingClientRect();
                      return {below: mark.top + mark.height / 2 > zero.top + zero.height / 2, width: mark.width,
                              visible: getComputedStyle(label).visibility === 'visible', text: label.textContent,
                              l: l.left, t: l.top, r: l.right, b: l.bottom};
                    }).concat(marks);""");
            String at = v[0] + "x" + v[1] + ": " + points;
            assertEquals(4, points.size(), "three points and the born-dead marker's label: " + at);
            for (Map<String, Object> p : points.subList(0, 3)) {
                assertEquals(Boolean.TRUE, p.get("below"), "below the zero line: " + at);
                assertEquals(Boolean.TRUE, p.get("visible"), "its value shown without hovering: " + at);
                assertTrue(((Number) p.get("width")).doubleValue() >= 8, "a visible dot: " + at);
                assertTrue(((String) p.get("text")).matches("w₁[₁₂₃] = −\\d\\.\\d+"), at);
            }
            for (int i = 0; i < 4; i++) {
                for (int j = i + 1; j < 4; j++) {
                    Map<String, Object> p = points.get(i), q = points.get(j);
                    boolean apart = d(p, "b") <= d(q, "t") || d(q, "b") <= d(p, "t") || d(p, "r") <= d(q, "l") || d(q, "r") <= d(p, "l");
                    assertTrue(apart, "labels " + i + " and " + j + " overlap (the last is the marker's): " + at);
                }
            }
            screenshot(b, "weights-chart", "charts-step0-case-1-" + v[0] + "x" + v[1]);
        }
    }

    @Test
    void aFocusedPointShowsItsStepAndValue(Browser b) {
        b.windowSize(1280, 900);
        new LabScreen(b).open("/lab?scenario=case-2&at=30");
        String hidden = (String) b.js("var t = document.querySelector('#dead-chart .point:last-child text'); return getComputedStyle(t).visibility;");
        assertEquals("hidden", hidden, "labels of points wait for hover or focus");
        b.js("document.querySelector('#dead-chart .point:last-child').focus();");
        assertEquals("visible", b.js("return getComputedStyle(document.activeElement.querySelector('text')).visibility;"));
        String name = (String) b.js("return document.activeElement.querySelector('title').textContent;");
        assertTrue(name.matches("layer 2, step 30: 1"), name);
        assertEquals(name, b.driver().switchTo().activeElement().getAccessibleName(), "its title is its accessible name");
    }

    @Test
    void theComparePagesChartsAndTheExperimentsBandChartsAreReadableToo(Browser b) {
        List<String> problems = new ArrayList<>();
        for (String lang : LANGS) {
            b.windowSize(1280, 900);
            b.open("/compare?a=scenario%3Dcase-2%26at%3D40&b=scenario%3Ddeep-net-works-anyway%26at%3D40&lang=" + lang);
            waitFor(b, 20, "the compare charts", "return document.querySelectorAll('figure#loss-a, figure#loss-b, figure#weights-b').length === 3");
            for (int[] v : VIEWPORTS) {
                b.windowSize(v[0], v[1]);
                measure(b, "compare " + lang + " " + v[0] + "x" + v[1], problems);
                if (v[0] == 390 || v[0] == 1440) {
                    for (String id : List.of("weights-a", "weights-b", "dead-b")) screenshot(b, id, "charts-compare-" + lang + "-" + v[0] + "-" + id);
                }
            }
        }
        b.windowSize(1280, 900);
        b.open("/experiments/sweep?scenario=case-2&vary=lr&from=0.02&to=1&points=5&acts=relu,leaky&seeds=12&steps=200");
        waitFor(b, 120, "the sweep's charts", "return document.querySelectorAll('.band-chart').length >= 4");
        b.open("/experiments/born-dead?widths=2,4&depth=6&inputs=1&domain=1&init=he&bias=0&trials=2000&seed=1");
        waitFor(b, 120, "the born-dead charts", "return document.querySelectorAll('.band-chart').length >= 1");
        for (String page : List.of("/experiments/sweep?scenario=case-2&vary=lr&from=0.02&to=1&points=5&acts=relu,leaky&seeds=12&steps=200",
                "/experiments/born-dead?widths=2,4&depth=6&inputs=1&domain=1&init=he&bias=0&trials=2000&seed=1")) {
            for (String lang : LANGS) {
                b.windowSize(1280, 900);
                b.open(page + "&lang=" + lang);
                waitFor(b, 120, "the band charts of " + page, "return document.querySelectorAll('.band-chart').length >= 1");
                for (int[] v : VIEWPORTS) {
                    b.windowSize(v[0], v[1]);
                    measure(b, page + " " + lang + " " + v[0] + "x" + v[1], problems);
                    if (v[0] == 390 || v[0] == 1440) {
                        List<WebElement> charts = b.driver().findElements(By.cssSelector(".band-chart"));
                        String kind = page.contains("sweep") ? "sweep" : "born-dead";
                        screenshot(charts.get(0), "charts-" + kind + "-" + lang + "-" + v[0]);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    private static long measure(Browser b, String at, List<String> problems) {
        @SuppressWarnings("unchecked")
        List<Object> result = (List<Object>) b.js(MEASURE);
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) result.get(1);
        for (String p : found) problems.add(at + ": " + p);
        return ((Number) result.get(0)).longValue();
    }

    /** Each chart's svg as wide as its figure, and its figure as wide as the panel's content box. */
    private static void assertChartsFillTheirContainers(Browser b, String at, List<String> problems) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) b.js("""
                var out = [];
                document.querySelectorAll('figure.chart, figure.network').forEach(function (f) {
                  var svg = f.querySelector('svg.chart-svg, svg.network-svg'), p = f.parentElement, s = getComputedStyle(p);
                  var room = p.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
                  var w = svg.getBoundingClientRect().width, fw = f.getBoundingClientRect().width;
                  if (Math.abs(w - fw) > 1 || fw < room - 1) out.push(f.id + ' is ' + Math.round(w) + 'px of ' + Math.round(room) + 'px');
                  if (svg.getBoundingClientRect().height < 200) out.push(f.id + ' is only ' + svg.getBoundingClientRect().height + 'px high');
                });
                return out;""");
        for (String p : found) problems.add(at + ": " + p);
    }

    private static double d(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static void waitFor(Browser b, int seconds, String what, String script) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(seconds), Duration.ofMillis(100))
                .withMessage(() -> "waiting for " + what + " at " + b.driver().getCurrentUrl())
                .until(d -> Boolean.TRUE.equals(b.js(script)));
    }

    private static void screenshot(Browser b, String id, String name) {
        screenshot(b.driver().findElement(By.cssSelector("figure#" + id)), name);
    }

    /** One element as target/screenshots/&lt;name&gt;.png. */
    private static void screenshot(WebElement element, String name) {
        try {
            Files.createDirectories(Browser.SCREENSHOTS);
            Files.write(Browser.SCREENSHOTS.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
