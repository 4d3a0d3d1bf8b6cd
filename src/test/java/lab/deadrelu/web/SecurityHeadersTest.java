package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityHeadersTest extends HttpTestBase {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    @ParameterizedTest
    @ValueSource(strings = {"/", "/?lang=zh", "/?lang=xx", "/no/such/page", "/static/css/lab.css", "/api/scenarios", "/api/nope"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        HttpResponse<String> r = get(path);
        assertEquals(CSP, r.headers().firstValue("Content-Security-Policy").orElse(null), path);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
        assertEquals("same-origin", r.headers().firstValue("Referrer-Policy").orElse(null), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/no/such/page", "/static/css/lab.css"})
    void theServerDoesNotAnnounceItsSoftwareOrVersion(String path) {
        HttpResponse<String> r = get(path);
        assertTrue(r.headers().firstValue("Server").isEmpty(), "Server: " + r.headers().firstValue("Server").orElse(""));
        assertTrue(r.headers().firstValue("X-Powered-By").isEmpty());
        assertFalse(r.body().toLowerCase().contains("jetty"), "no Jetty banner in the body");
    }
}
