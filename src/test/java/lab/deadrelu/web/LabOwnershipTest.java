package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One browser can neither see nor drive another's simulation; another site cannot make a browser drive its own. */
class LabOwnershipTest extends LabTestBase {

    private HttpResponse<String> stepHtmx(String actions) {
        return htmx(actions + "/step");
    }

    @Test
    void anotherBrowserCannotDriveMySimulation() {
        Opened mine = open("/lab?scenario=case-2");
        HttpClient other = newBrowser();
        open(other, "/lab?scenario=case-2");   // the other browser has a session of its own

        for (String action : List.of("step", "play", "reset", "epoch")) {
            assertEquals(404, postForm(other, mine.actions() + "/" + action, false).statusCode(), action);
            HttpResponse<String> hx = postForm(other, mine.actions() + "/" + action, true);
            assertEquals(204, hx.statusCode(), "htmx: reload your own link, as if it were gone");
            assertEquals("true", hx.headers().firstValue("HX-Refresh").orElse(""));
            assertEquals("", hx.body());
        }
        assertEquals(404, postForm(other, mine.actions() + "/lr-now", false, "lr", "0.03").statusCode());
        assertEquals("/lab?scenario=case-2&at=1", stepHtmx(mine.actions()).headers().firstValue("HX-Replace-Url").orElse(""),
                "none of the other browser's posts reached my simulation");
    }

    @Test
    void aRequestWithoutAnyCookieCannotDriveIt() {
        Opened mine = open("/lab?scenario=case-2");
        HttpClient noCookies = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        assertEquals(404, postForm(noCookies, mine.actions() + "/step", false).statusCode());
        assertEquals("/lab?scenario=case-2&at=1", stepHtmx(mine.actions()).headers().firstValue("HX-Replace-Url").orElse(""));
    }

    @Test
    void anotherBrowserCannotWatchMySimulation() {
        Opened mine = open("/lab?scenario=case-2&at=100");
        HttpClient other = newBrowser();
        open(other, "/lab?scenario=case-1");
        try (SseStream s = stream(other, mine.id())) {
            List<SseStream.Event> events = s.untilEnd(WAIT);
            assertEquals(1, events.size(), events.toString());
            assertEquals("gone", events.get(0).name());
            assertTrue(!events.get(0).data().contains("step"), "nothing of the run leaks: " + events.get(0).data());
        }
    }

    @Test
    void myStreamDoesNotShowWhatAnotherBrowserDoesWithTheSameLink() {
        Opened mine = open("/lab?scenario=case-2");
        HttpClient other = newBrowser();
        Opened theirs = open(other, "/lab?scenario=case-2");
        try (SseStream s = stream(client, mine.id())) {
            assertNotNull(s.awaitNamed("link", WAIT), "first frame");
            assertEquals(200, postForm(other, theirs.actions() + "/epoch", true).statusCode());
            assertNull(s.awaitNamed("status", Duration.ofMillis(500)), "their epoch is not pushed to me");
        }
    }

    @Test
    void theSameLinkGivesAnotherBrowserItsOwnSimulationWithTheSameNumbers() {
        String link = "/lab?scenario=case-2&ops=reinit@30&at=90";
        Opened mine = open(link);
        Opened theirs = open(newBrowser(), link);
        assertNotEquals(mine.id(), theirs.id());
        for (String name : List.of("status", "network", "weights", "loss", "dead", "events", "link")) {
            assertEquals(withoutId(mine.region(name), mine.id()), withoutId(theirs.region(name), theirs.id()), name);   // the log's links post to its own run
        }
        assertEquals(90, step(theirs.region("status")));
    }

    @Test
    void aCrossSitePostIsRefusedAndChangesNothing() {
        Opened mine = open("/lab?scenario=case-2");
        String[][] crossSite = {
            {"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Site", "cross-site"},
            {"Origin", "https://evil.example"},
            {"Sec-Fetch-Site", "same-site"},
        };
        for (String[] headers : crossSite) {
            for (String action : List.of("step", "play", "reset")) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri(mine.actions() + "/" + action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("HX-Request", "true")
                        .POST(HttpRequest.BodyPublishers.ofString(""));
                HttpResponse<String> r = send(client, b, headers);
                assertEquals(403, r.statusCode(), String.join(" ", headers) + " " + action);
                assertTrue(r.headers().firstValue("HX-Replace-Url").isEmpty());
            }
        }
        HttpRequest.Builder sameOrigin = HttpRequest.newBuilder(uri(mine.actions() + "/step"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofString(""));
        HttpResponse<String> ok = send(client, sameOrigin, "Origin", "http://localhost:" + app.port(), "Sec-Fetch-Site", "same-origin");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("/lab?scenario=case-2&at=1", ok.headers().firstValue("HX-Replace-Url").orElse(""),
                "the refused posts never reached the simulation");
    }
}
