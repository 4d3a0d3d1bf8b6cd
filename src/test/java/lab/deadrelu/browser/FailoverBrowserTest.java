package lab.deadrelu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.support.AppProcess;
import lab.deadrelu.support.Nginx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances (processes) behind the real nginx (deploy/nginx.conf.template): the instance holding a student's
 * playing run stops; the page's stream reaches the other one, which answers `gone`, and the page
 * reopens its link there at the step it showed and plays on by itself.
 */
@ExtendWith(BrowserExtension.class)
class FailoverBrowserTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> ENV = Map.of("SESSION_SECRET", "failover-browser-test-secret-of-32-characters-or-more",
            "TRUST_PROXY", "true");
    private static AppProcess first, second;
    private static Nginx nginx;

    @BeforeAll
    static void twoInstancesBehindNginx() throws Exception {
        Nginx.require();
        // as deploy/cluster starts them: one session secret, the proxy's X-Forwarded-* believed
        first = AppProcess.start("failover-first", List.of("-Xmx256m"), ENV);
        second = AppProcess.start("failover-second", List.of("-Xmx256m"), ENV);
        nginx = Nginx.start(List.of(first.port(), second.port()));
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (nginx != null) nginx.close();
        if (first != null) first.close();
        if (second != null) second.close();
    }

    /** Each test starts with both instances up (a test before may have killed one or both): on their ports, where nginx looks. */
    @org.junit.jupiter.api.BeforeEach
    void bothUp() throws Exception {
        boolean restarted = !first.alive() || !second.alive();
        if (!first.alive()) first = AppProcess.start("failover-first-again", List.of("-Xmx256m"), ENV, first.port());
        if (!second.alive()) second = AppProcess.start("failover-second-again", List.of("-Xmx256m"), ENV, second.port());
        // nginx keeps an instance it saw fail out of its rotation for fail_timeout after its last failure. Until
        // then a browser whose hash picks it opens its lab on the other one, and is sent back to it mid-test (a
        // play that finds no simulation there reloads the page, paused): wait until nginx takes it back. Its
        // last failure was before the restart, so this holds however busy the machine is.
        if (restarted) Thread.sleep((Nginx.FAIL_TIMEOUT_SECONDS + 1) * 1000L);
    }

    @Test
    void aPlayingLabWhoseServerForgotItComesBackAtTheSameStepAndPlaysOn(Browser browser) throws Exception {
        LabScreen lab = new LabScreen(browser).open(nginx.url("/lab?scenario=case-2&pause=off"));
        lab.click("play");
        lab.until("the run to pass step 20", d -> lab.step() >= 20);
        // the test's eyes on the old page: the step of each frame, kept across the reload; a mark that goes with the page
        browser.js("window.__beforeFailover = true; document.addEventListener('htmx:sseMessage', function (e) {"
                + " if (e.detail.type === 'link') sessionStorage.setItem('test.lastStep', document.getElementById('step').innerText.trim()); });");
        lab.until("a frame seen by the test", d -> browser.js("return sessionStorage.getItem('test.lastStep')") != null);

        holderOf(browser).kill();   // SIGKILL: nginx sends the stream to the other one

        lab.until("the page to reopen its link", d -> Boolean.FALSE.equals(browser.js("return window.__beforeFailover === true"))
                && "complete".equals(browser.js("return document.readyState")));
        lab.awaitStream();
        String reopened = (String) browser.js("return performance.getEntriesByType('navigation')[0].name");
        Matcher at = Pattern.compile("[?&]at=(\\d+)").matcher(reopened);
        assertTrue(at.find(), "the reopened link carries its step: " + reopened);
        long step = Long.parseLong(at.group(1));
        assertEquals(browser.js("return sessionStorage.getItem('test.lastStep')"), Long.toString(step),
                "reopened at the step of the last frame the old page showed");
        assertTrue(step >= 20, "not from the start: " + reopened);
        lab.until("the run to play on past step " + step, d -> lab.step() > step
                && d.findElement(org.openqa.selenium.By.id("run-state")).getAttribute("class").contains("run-playing"));
        assertNull(browser.js("return sessionStorage.getItem('deadrelu.resume')"), "the note is used once");
        assertTrue(nginx.errorLog().contains("upstream server temporarily disabled"), "nginx did find the instance gone:\n" + nginx.errorLog());
    }

    /**
     * No instance at all for a while: nothing answers `gone`. Once one is back the page reopens its link there, by
     * its own check of /healthz or by the stream's next retry meeting `gone`, whichever comes first.
     */
    @Test
    void aPlayingLabWhoseStreamStaysBrokenReopensItsLinkOnceAServerAnswersAgainAndPlaysOn(Browser browser) throws Exception {
        LabScreen lab = new LabScreen(browser).open(nginx.url("/lab?scenario=case-2&pause=off"));
        lab.click("play");
        lab.until("the run to pass step 20", d -> lab.step() >= 20);
        browser.js("window.__beforeOutage = true;");
        // every instance gone: nginx answers the stream's retries with errors, no `gone` comes
        if (first.alive()) first.kill();
        if (second.alive()) second.kill();
        lab.until("the stream to fail", d -> Boolean.TRUE.equals(browser.js(
                "var e = document.querySelector('[sse-connect]'); var d = e && e['htmx-internal-data'];"
                        + " return !!(d && d.sseEventSource && d.sseEventSource.readyState !== 1);")));
        String link = lab.url();   // the address bar: the link of the last whole frame
        Matcher at = Pattern.compile("[?&]at=(\\d+)").matcher(link);
        assertTrue(at.find(), link);
        long before = Long.parseLong(at.group(1));
        assertEquals(Boolean.TRUE, browser.js("return window.__beforeOutage === true"), "no reload while no server answers");
        first = AppProcess.start("failover-back", List.of("-Xmx256m"), ENV, first.port());   // back where nginx looks for it

        lab.until("the page to reopen its link", d -> Boolean.FALSE.equals(browser.js("return window.__beforeOutage === true"))
                && "complete".equals(browser.js("return document.readyState")));
        lab.awaitStream();
        String reopened = (String) browser.js("return performance.getEntriesByType('navigation')[0].name");
        assertEquals(link, reopened, "the link the address bar held, at step " + before);
        lab.until("the run to play on past step " + before, d -> lab.step() > before
                && d.findElement(org.openqa.selenium.By.id("run-state")).getAttribute("class").contains("run-playing"));
    }

    /** The instance that holds the page's simulation: the other one answers its stream with `gone`. */
    private static AppProcess holderOf(Browser browser) throws Exception {
        String stream = (String) browser.js("return document.querySelector('[sse-connect]').getAttribute('sse-connect')");
        String session = browser.driver().manage().getCookieNamed("lab_session").getValue();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port() + stream))
                .header("Accept", "text/event-stream").header("Cookie", "lab_session=" + session).timeout(Duration.ofSeconds(20)).build();
        HttpResponse<InputStream> r = HTTP.send(probe, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) return line.contains("gone") ? second : first;
            }
        }
        throw new AssertionError("the first instance's stream ended without an event");
    }
}
