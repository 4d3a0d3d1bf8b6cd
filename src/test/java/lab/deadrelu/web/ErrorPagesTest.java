package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import lab.deadrelu.engine.InvalidParameter;
import org.junit.jupiter.api.Test;

class ErrorPagesTest extends HttpTestBase {

    /** Throwaway routes that fail the ways real handlers will. */
    @Override
    protected Javalin createApp() {
        return Javalin.create(javalin -> {
            App.configure(javalin, Config.forTests());
            javalin.routes.get("/throws/bad-request", ctx -> {
                throw new BadRequest("scenario", "case-9", "one of case-1, case-2", "/lab?scenario=case-2");
            });
            javalin.routes.get("/throws/invalid-parameter", ctx -> {
                throw new InvalidParameter("lr", "-1", "a number in (0, 1e6]");
            });
            javalin.routes.get("/throws/bug", ctx -> {
                throw new IllegalStateException("secret internal detail");
            });
            javalin.routes.get("/api/throws/bad-request", ctx -> {
                throw new BadRequest("seed", "abc", "a whole number");
            });
        });
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void anUnknownLanguageIsA400PageNamingTheParameterAndTheAllowedValues() {
        HttpResponse<String> r = get("/?lang=xx");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<code>lang</code>"));
        assertTrue(r.body().contains("<code>xx</code>"));
        assertTrue(r.body().contains("en, zh"));
        assertTrue(r.body().contains("href=\"/\""));
        assertTrue(r.body().contains("class=\"site-header\""), "rendered in the app's layout");
    }

    @Test
    void aBadRequestPageLinksToTheSuggestedDefault() {
        HttpResponse<String> r = get("/throws/bad-request");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<code>scenario</code>"));
        assertTrue(r.body().contains("one of case-1, case-2"));
        assertTrue(r.body().contains("href=\"/lab?scenario=case-2\""));
    }

    @Test
    void theBadRequestPageIsInChineseWhenAskedFor() {
        HttpResponse<String> r = get("/throws/bad-request?lang=zh");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("参数 scenario 不能取“case-9”。"));
        assertTrue(r.body().contains("href=\"/lab?scenario=case-2&amp;lang=zh\""));
    }

    @Test
    void anEngineInvalidParameterIsTheSame400() {
        HttpResponse<String> r = get("/throws/invalid-parameter");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<code>lr</code>"));
        assertTrue(r.body().contains("a number in (0, 1e6]"));
    }

    @Test
    void aBadRequestUnderApiIsJson() throws Exception {
        HttpResponse<String> r = get("/api/scenarios?lang=xx");
        assertEquals(400, r.statusCode());
        JsonNode body = json(r);
        assertEquals("lang", body.get("parameter").asText());
        assertEquals("en, zh", body.get("allowed").asText());
        assertEquals("xx", body.get("value").asText());
        assertTrue(body.get("error").asText().contains("lang"));

        JsonNode thrown = json(get("/api/throws/bad-request"));
        assertEquals("seed", thrown.get("parameter").asText());
        assertEquals("a whole number", thrown.get("allowed").asText());
    }

    @Test
    void anUnknownPathIsAReadable404Page() {
        HttpResponse<String> r = get("/no/such/page");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("Page not found"));
        assertTrue(r.body().contains("/no/such/page"));
        assertTrue(get("/no/such/page", "Accept-Language", "zh").body().contains("找不到这个页面"));
    }

    @Test
    void anUnknownPathUnderApiIsJson404() throws Exception {
        HttpResponse<String> r = get("/api/nope");
        assertEquals(404, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("/api/nope"));
    }

    @Test
    void aWrongMethodIsAReadable405Page() {
        HttpResponse<String> r = post("/", "");
        assertEquals(405, r.statusCode());
        assertTrue(r.body().contains("Method not allowed"));
        assertTrue(r.body().contains("does not accept POST"));
        assertTrue(r.headers().firstValue("Allow").orElse("").contains("GET"), r.headers().toString());
    }

    @Test
    void anUnexpectedExceptionIsA500PageWithoutDetails() {
        HttpResponse<String> r = get("/throws/bug");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("Something went wrong on our side"));
        assertFalse(r.body().contains("secret internal detail"));
        assertFalse(r.body().contains("IllegalStateException"));
        assertFalse(r.body().contains("at lab.deadrelu"));
    }

    @Test
    void aLinkToAProtocolRelativePathStaysOnThisSite() {
        String body = get("//evil.example/x").body();
        assertFalse(body.contains("href=\"//evil.example"), "the language switch must not point off-site");
    }

    @Test
    void aWrongMethodUnderApiIsJson405() throws Exception {
        HttpResponse<String> r = post("/api/scenarios", "");
        assertEquals(405, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("POST"));
    }

    @Test
    void anOffendingValueIsEscapedNotExecuted() {
        HttpResponse<String> r = get("/?lang=%3Cscript%3Ealert(1)%3C/script%3E");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("&lt;script&gt;alert(1)"), r.body());
        assertFalse(r.body().contains("<script>alert"));
    }

    @Test
    void aHugeValueIsClippedOnTheErrorPage() {
        HttpResponse<String> r = get("/?lang=" + "x".repeat(500));
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("x".repeat(41)));
    }
}
