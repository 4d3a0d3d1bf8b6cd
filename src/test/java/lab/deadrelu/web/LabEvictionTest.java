package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIMS_PER_BROWSER = 2: a browser opening a third lab loses its least recently used one. Its page is
 * told (gone / HX-Refresh) to reopen its link, which recreates it. Idle eviction is tested on the Registry.
 */
class LabEvictionTest extends LabTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withLimits(new Config.Limits(10, 1, 2, 5000)));
    }

    @Test
    void aThirdLabEvictsTheBrowsersOldestSimulation() throws Exception {
        HttpClient browser = newBrowser();
        Opened first = open(browser, "/lab?scenario=case-2&at=10");
        Thread.sleep(5);   // distinct last-touched times
        Opened second = open(browser, "/lab?scenario=case-1");
        Thread.sleep(5);
        Opened third = open(browser, "/lab?scenario=healthy");

        try (SseStream s = stream(browser, first.id())) {
            List<SseStream.Event> events = s.untilEnd(WAIT);
            assertEquals(List.of("gone"), events.stream().map(SseStream.Event::name).toList());
        }
        assertEquals(404, postForm(browser, first.actions() + "/step", false).statusCode());
        HttpResponse<String> hx = postForm(browser, first.actions() + "/step", true);
        assertEquals(204, hx.statusCode());
        assertEquals("true", hx.headers().firstValue("HX-Refresh").orElse(""), "htmx reloads the link in the address bar");

        for (Opened kept : List.of(second, third)) {
            assertEquals(200, postForm(browser, kept.actions() + "/step", true).statusCode(), "the two newest stay");
            try (SseStream s = stream(browser, kept.id())) {
                assertNotNull(s.awaitNamed("status", WAIT));
            }
        }
        // Reopening the evicted link recreates the run where it was (and evicts the next oldest).
        assertEquals(10, step(open(browser, "/lab?scenario=case-2&at=10").region("status")));
    }

    @Test
    void usingASimulationKeepsItTheEvictionPicksTheLeastRecentlyUsed() throws Exception {
        HttpClient browser = newBrowser();
        Opened first = open(browser, "/lab?scenario=case-2");
        Thread.sleep(5);
        Opened second = open(browser, "/lab?scenario=case-1");
        Thread.sleep(5);
        assertEquals(200, postForm(browser, first.actions() + "/step", true).statusCode());   // first is now the more recent
        Thread.sleep(5);
        open(browser, "/lab?scenario=healthy");

        assertEquals(200, postForm(browser, first.actions() + "/step", true).statusCode(), "the one just used stays");
        assertEquals(404, postForm(browser, second.actions() + "/step", false).statusCode(), "the least recently used went");
    }

    @Test
    void anotherBrowsersLabsDoNotCountAgainstMine() {
        HttpClient me = newBrowser();
        Opened mine = open(me, "/lab?scenario=case-2");
        HttpClient other = newBrowser();
        for (int i = 0; i < 3; i++) open(other, "/lab?scenario=case-1&at=" + i);
        assertEquals(200, postForm(me, mine.actions() + "/step", true).statusCode());
    }
}
