package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpRequest;
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

    /** An app of its own with these client settings; POST / answers 405 once past the guard, 403 when refused. */
    private int postOn(Config.Clients clients, String... headers) {
        Javalin own = App.create(Config.forTests().withClients(clients)).start(0);
        try {
            return send(HttpRequest.newBuilder(LabTestBase.at(own.port(), "/")).POST(HttpRequest.BodyPublishers.noBody()), headers).statusCode();
        } finally {
            own.stop();
        }
    }

    @Test
    void anHttpsOriginIsRefusedOnAnHttpServer() {
        HttpResponse<String> r = post("/", "", "Origin", "https://" + host());
        assertEquals(403, r.statusCode(), "same host and port, another scheme: another origin");
        assertTrue(r.body().contains("Refused: the request came from another site"));
    }

    @Test
    void aForgedForwardedHostIsNotBelievedWithoutTrustProxy() {
        assertEquals(403, post("/", "", "Origin", "https://evil.example", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https")
                .statusCode());
        assertEquals(403, post("/", "", "Origin", "http://evil.example", "X-Forwarded-Host", "evil.example").statusCode());
    }

    @Test
    void behindATrustedProxyTheForwardedSchemeAndHostAreThePublicOrigin() {
        Config.Clients trusted = Config.forTests().clients().withTrustProxy(true);
        String[] forwarded = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "relu.example.edu"};
        assertEquals(405, postOn(trusted, concat(forwarded, "Origin", "https://relu.example.edu")), "what the proxy was asked for");
        assertEquals(405, postOn(trusted, concat(forwarded, "Origin", "https://relu.example.edu:443")), "the default port is no port");
        assertEquals(403, postOn(trusted, concat(forwarded, "Origin", "http://relu.example.edu")), "another scheme");
        assertEquals(403, postOn(trusted, concat(forwarded, "Origin", "https://relu.example.edu:8443")), "another port");
        assertEquals(403, postOn(trusted, concat(forwarded, "Origin", "https://evil.example")));
    }

    @Test
    void publicUrlIsThePublicOriginWhenSet() {
        Config.Clients pub = Config.forTests().clients().withPublicUrl("https://relu.example.edu/");
        assertEquals(405, postOn(pub, "Origin", "https://relu.example.edu"));
        assertEquals(405, postOn(pub, "Origin", "https://RELU.example.edu:443"));
        assertEquals(403, postOn(pub, "Origin", "http://relu.example.edu"));
        assertEquals(403, postOn(pub, "Origin", "http://localhost"), "the address the server happens to be reached at is not its origin");
        assertEquals(403, postOn(pub.withTrustProxy(true), "Origin", "https://evil.example", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "evil.example"), "PUBLIC_URL wins over forwarded headers");
    }

    @Test
    void originsAreComparedBySchemeHostAndPort() {
        assertEquals("http://localhost:7070", CrossSiteGuard.origin("http://localhost:7070"));
        assertEquals("https://lab.example", CrossSiteGuard.origin("https://Lab.Example:443"));
        assertEquals("http://lab.example", CrossSiteGuard.origin("http://lab.example:80"));
        assertEquals("http://lab.example:443", CrossSiteGuard.origin("http://lab.example:443"));
        assertEquals("", CrossSiteGuard.origin("null"));
        assertEquals("", CrossSiteGuard.origin("http://[bad"));
        assertEquals("", CrossSiteGuard.origin("ftp://lab.example"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
