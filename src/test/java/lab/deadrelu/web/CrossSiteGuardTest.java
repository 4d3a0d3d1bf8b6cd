package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** POST / has no route: a refused request gets 403, one let through reaches routing and gets 405. */
class CrossSiteGuardTest extends HttpTestBase {

    private String host() {
        return "localhost:" + app.port();
    }

    @Test
    void aForgedCrossSitePostIsRefusedWithAReadablePage() {
        HttpResponse<String> r = post("/", "", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("Refused: the request came from another site"));
    }

    @Test
    void aSameOriginPostPassesTheGuard() {
        assertEquals(405, post("/", "", "Origin", "http://" + host(), "Sec-Fetch-Site", "same-origin").statusCode());
    }

    @Test
    void aPostWithoutBrowserHeadersPassesTheGuard() {
        assertEquals(405, post("/", "").statusCode());
    }

    @Test
    void aSameSiteButOtherOriginPostIsRefused() {
        assertEquals(403, post("/", "", "Sec-Fetch-Site", "same-site").statusCode());
    }

    @Test
    void anOriginOfAnotherHostIsRefusedEvenWithoutSecFetchSite() {
        assertEquals(403, post("/", "", "Origin", "http://localhost:1").statusCode());
        assertEquals(403, post("/", "", "Origin", "null").statusCode());
    }

    @Test
    void putDeleteAndPatchAreGuardedToo() {
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> r = send(java.net.http.HttpRequest.newBuilder(uri("/"))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()), "Sec-Fetch-Site", "cross-site");
            assertEquals(403, r.statusCode(), method);
        }
    }

    @Test
    void aCrossSiteGetIsNotAffected() {
        assertEquals(200, get("/", "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example").statusCode());
    }

    @Test
    void theRefusalIsJsonUnderApi() {
        HttpResponse<String> r = post("/api/scenarios", "", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
    }

    @Test
    void originsAreComparedByHostAndPortOnly() {
        assertTrue(CrossSiteGuard.sameHost("http://localhost:7070", "localhost:7070", null));
        assertTrue(CrossSiteGuard.sameHost("https://Lab.Example", "lab.example", null));
        assertTrue(CrossSiteGuard.sameHost("https://lab.example", "127.0.0.1:7070", "lab.example"));
        assertFalse(CrossSiteGuard.sameHost("https://lab.example.evil", "lab.example", null));
        assertFalse(CrossSiteGuard.sameHost("null", "lab.example", null));
        assertFalse(CrossSiteGuard.sameHost("http://[bad", "lab.example", null));
    }
}
