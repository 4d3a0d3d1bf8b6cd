package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Accessibility in the browser: axe-core's WCAG 2 A and AA rules on the home page and on lab pages
 * (both languages, mid-walk, the deep net), every control with an accessible name, every chart
 * image with a title or description, and the reduced-motion frame rate.
 *
 * <p>axe-core comes from the npm registry: .ci/run installs it with
 * {@code npm install --no-save --prefix target/axe axe-core@<version>}. Without it the axe test is
 * skipped with a one-line notice, except on CI (CI=true), where that is a failure. WebDriver runs
 * the injected script as a privileged script, which the page's CSP (script-src 'self') does not
 * block in Chromium; the test checks that axe really loaded.
 */
@ExtendWith(BrowserExtension.class)
class AccessibilityBrowserTest {
    static final Path AXE = Path.of("target", "axe", "node_modules", "axe-core", "axe.min.js");
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    static final List<String> PAGES = List.of(
            "/", "/?lang=zh",
            "/lab?scenario=case-2",
            "/lab?scenario=case-2&ops=lr:0.03@100&at=200&walk=4&lang=zh",
            "/lab?scenario=case-1&ops=reinit@500&at=600&walk=4",
            "/lab?scenario=deep-net-works-anyway&at=64&walk=1",
            "/course?scenario=case-2&lock=lr&title=Week+3&lang=zh",
            "/lab?scenario=nope");

    static String axeSource() throws IOException {
        if (!Files.isRegularFile(AXE)) {
            String how = "axe-core is missing at " + AXE + ": install it with `npm install --no-save --prefix target/axe axe-core@4`";
            if (BrowserExtension.onCi()) fail(how + " (CI=true, so this fails instead of skipping)");
            if (TOLD.compareAndSet(false, true)) System.out.println("Skipping the axe-core check. " + how + ".");
            Assumptions.abort(how);
        }
        return Files.readString(AXE, StandardCharsets.UTF_8);
    }

    /** Counts the stream's frames from the start of every page, so a test can wait for the first one. */
    static void countFrames(Browser b) {
        b.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__frames = 0; document.addEventListener('htmx:sseMessage', function () { window.__frames++; });"));
    }

    /**
     * Waits for the page to load and, on a lab page, for the stream's first frame to be swapped in
     * (it replaces every region once; a paused run sends nothing after it).
     */
    static void settle(Browser b) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(b.js(
                "return document.readyState === 'complete' && typeof htmx !== 'undefined'"
                        + " && (!document.querySelector('[sse-connect]') || window.__frames > 0)")));
        try {
            Thread.sleep(150);   // let htmx settle the last swap of that frame
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs axe on the open page; returns its violations, one line each (rule, impact, help, nodes). */
    static List<String> axe(Browser b, String source) {
        b.js(source);
        assertEquals(Boolean.TRUE, b.js("return typeof axe === 'object' && typeof axe.run === 'function'"), "axe-core loaded despite the CSP");
        b.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = b.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}).then(r => done(r.violations.map(v => ({"
                        + "  id: v.id, impact: v.impact, help: v.help,"
                        + "  nodes: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')' : ''))"
                        + "}))), e => done('axe failed: ' + e));");
        if (result instanceof String s) fail(s);
        List<String> lines = new ArrayList<>();
        for (Object o : (List<?>) result) {
            Map<?, ?> v = (Map<?, ?>) o;
            lines.add(v.get("id") + " [" + v.get("impact") + "] " + v.get("help") + ": " + v.get("nodes"));
        }
        return lines;
    }

    @Test
    void axeFindsNoWcag2AOrAaViolationsOnTheHomeAndLabPages(Browser b) throws IOException {
        String source = axeSource();
        countFrames(b);
        List<String> problems = new ArrayList<>();
        for (String page : PAGES) {
            b.open(page);
            settle(b);
            for (String v : axe(b, source)) problems.add(page + " -> " + v);
        }
        assertTrue(problems.isEmpty(), problems.size() + " axe-core violations:\n" + String.join("\n", problems));

        // and it does find problems under this CSP: a button without a name, planted
        b.open("/");
        settle(b);
        b.js("var x = document.createElement('button'); x.id = 'nameless'; document.querySelector('main').appendChild(x);");
        List<String> planted = axe(b, source);
        assertTrue(planted.stream().anyMatch(v -> v.startsWith("button-name") && v.contains("#nameless")), planted.toString());
    }

    @Test
    void everyControlHasAnAccessibleNameAndEveryChartImageATitleOrDescription(Browser b) {
        countFrames(b);
        List<String> problems = new ArrayList<>();
        for (String page : List.of("/", "/?lang=zh", "/lab?scenario=case-2", "/lab?scenario=deep-net-works-anyway&lang=zh",
                "/lab?scenario=case-2&ops=lr:0.03@100&at=200&walk=4")) {
            b.open(page);
            settle(b);
            b.js("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");   // what opens on demand has names too
            int controls = 0;
            // (not the <noscript> fallback button, which an htmx swap parses into the page but nobody sees)
            @SuppressWarnings("unchecked")
            List<WebElement> all = (List<WebElement>) b.js("return Array.from(document.querySelectorAll("
                    + "'button, select, input:not([type=hidden]), textarea, a, [role=button]')).filter(e => !e.closest('noscript'))");
            for (WebElement e : all) {
                controls++;
                String name = e.getAccessibleName();
                if (name == null || name.isBlank()) {
                    problems.add(page + ": " + e.getTagName() + " " + b.js("return arguments[0].outerHTML.slice(0, 160)", e) + " has no accessible name");
                }
            }
            assertTrue(controls > (page.startsWith("/lab") ? 15 : 5), page + ": only " + controls + " controls found");
            for (WebElement svg : b.driver().findElements(By.cssSelector("svg[role=img]"))) {
                String named = (String) b.js("var s = arguments[0];"
                        + "var t = s.querySelector(':scope > title'), d = s.querySelector(':scope > desc');"
                        + "return ((t ? t.textContent : '') + (d ? d.textContent : '')).trim()", svg);
                if (named.isEmpty()) problems.add(page + ": svg#" + svg.getAttribute("id") + " has no <title> or <desc>");
                String name = svg.getAccessibleName();
                if (name == null || name.isBlank()) problems.add(page + ": svg#" + svg.getAttribute("id") + " has no accessible name");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void underReducedMotionThePageAsksTheStreamForTwoFramesASecond(Browser b) {
        countFrames(b);
        try {
            b.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
            b.open("/lab?scenario=case-2&pause=off");   // plays on past step 8, so that pause is there to press
            settle(b);
            assertEquals(Boolean.TRUE, b.js("return matchMedia('(prefers-reduced-motion: reduce)').matches"));
            String url = (String) b.js("return document.querySelector('[sse-connect]').getAttribute('sse-connect')");
            assertTrue(url.endsWith("/stream?fps=2"), url);
            // the stream opened with it: the run plays and its frames arrive
            b.driver().findElement(By.id("play")).click();
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> !"0".equals(GuidedWalkBrowserTest.text(b, "#step")));
            b.driver().findElement(By.id("pause")).click();
        } finally {
            b.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
        b.open("/lab?scenario=case-2");
        settle(b);
        String url = (String) b.js("return document.querySelector('[sse-connect]').getAttribute('sse-connect')");
        assertTrue(url.endsWith("/stream"), "without the preference, every frame: " + url);
    }
}
