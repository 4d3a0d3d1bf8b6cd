package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The request-rate limit over HTTP, at 5 requests in a burst and then 1 a minute (so no test can
 * refill a bucket by being slow): a flooding browser gets 429 with Retry-After, in its language,
 * as JSON under /api/; static files never count; every other browser goes on as before.
 */
class RateLimitTest extends LabTestBase {
    static final int BURST = 5;
    private static final Pattern REJECTED_429 = Pattern.compile("(?m)^lab_requests_rejected_total\\{status=\"429\"} (\\S+)$");
    /** /metrics is served on the app's port only with a token: this class scrapes it there, as a proxied Prometheus would. */
    private static final String TOKEN = "rate-limit-test-token-0123456789";

    /** Browsers that send their cookie by hand, so each test knows which session it floods. */
    private final HttpClient bare = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withLimits(Config.Limits.DEFAULT.withRequestRate(1, BURST))
                .withOps(Config.Ops.DEFAULT.withMetricsToken(TOKEN)));
    }

    private HttpResponse<String> as(String session, String path, String... headers) {
        return send(bare, HttpRequest.newBuilder(uri(path)).header("Cookie", Sessions.COOKIE + "=" + session).GET(), headers);
    }

    /** Sends the burst, which passes, then one more, which is refused and returned. */
    private HttpResponse<String> flood(String session, String path, String... headers) {
        for (int i = 0; i < BURST; i++) {
            HttpResponse<String> r = as(session, path, headers);
            assertTrue(r.statusCode() < 400, () -> "request within the burst answered " + r.statusCode());
        }
        HttpResponse<String> refused = as(session, path, headers);
        assertEquals(429, refused.statusCode());
        return refused;
    }

    private static long retryAfter(HttpResponse<String> r) {
        String value = r.headers().firstValue("Retry-After").orElse("");
        assertTrue(value.matches("\\d+"), () -> "Retry-After in whole seconds: '" + value + "'");
        long seconds = Long.parseLong(value);
        assertTrue(seconds >= 1 && seconds <= 60, "one request a minute: at most a minute to wait, got " + seconds);
        return seconds;
    }

    private double rejected429() {
        Matcher m = REJECTED_429.matcher(get("/metrics", "Authorization", "Bearer " + TOKEN).body());
        assertTrue(m.find(), "a 429 counter in /metrics");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aBrowserOverItsBurstGetsA429PageSayingHowLongToWaitWithRetryAfter() {
        HttpResponse<String> r = flood(newSession(), "/?x=1");
        long wait = retryAfter(r);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("Too many requests from this browser"), r.body());
        assertTrue(r.body().contains("Wait " + wait + " s, then try again"), "the page says how long: " + wait);
        assertTrue(r.body().contains("href=\"/?x=1\""), "a link to try the same page again");
        assertTrue(r.body().contains("class=\"site-header\""), "rendered in the app's layout");
        assertFalse(r.body().contains("Exception"));
    }

    @Test
    void theTooManyRequestsPageIsInChineseWhenTheBrowserAsksForIt() {
        HttpResponse<String> byQuery = flood(newSession(), "/lab?scenario=case-2&lang=zh");
        assertTrue(byQuery.body().contains("这个浏览器发出的请求太多了"), byQuery.body());
        assertTrue(byQuery.body().contains("请等 " + retryAfter(byQuery) + " 秒后再试"));
        assertTrue(byQuery.body().contains("再试一次"));

        HttpResponse<String> byHeader = flood(newSession(), "/", "Accept-Language", "zh-CN,zh;q=0.9");
        assertTrue(byHeader.body().contains("<html lang=\"zh-CN\"") || byHeader.body().contains("<html lang=\"zh"), "html lang is Chinese");
        assertTrue(byHeader.body().contains("请等 " + retryAfter(byHeader) + " 秒后再试"));
    }

    @Test
    void anApiClientOverTheRateGetsJsonLikeEveryOtherApiError() throws Exception {
        HttpResponse<String> r = flood(newSession(), "/api/scenarios");
        long wait = retryAfter(r);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertTrue(body.path("error").asText().contains("Wait " + wait + " s"), r.body());
        assertEquals(1, body.size(), "only the error: no parameter to name");
    }

    @Test
    void anHtmxControlOverTheRateGetsTheSentenceForThePagesMessageAreaAndNoReload() {
        String session = newSession();
        for (int i = 0; i < BURST; i++) as(session, "/");
        HttpResponse<String> r = send(bare, HttpRequest.newBuilder(uri("/lab/AAAAAAAAAAAAAAAAAAAAAA/play"))
                .header("Cookie", Sessions.COOKIE + "=" + session).header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(429, r.statusCode());
        long wait = retryAfter(r);
        assertTrue(r.headers().firstValue("HX-Refresh").isEmpty(), "no reload: the page stays and says why");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "a sentence, for static/js/lab.js");
        assertTrue(r.body().contains("Wait " + wait + " s"), r.body());
        assertFalse(r.body().contains("<"), "no page: " + r.body());
    }

    @Test
    void staticFilesWebjarsAndHealthChecksNeverCount() {
        String session = newSession();
        String htmx = "/webjars/htmx.org/" + Webjars.version("htmx.org") + "/dist/htmx.min.js";
        for (int i = 0; i < 4 * BURST; i++) {
            for (String path : new String[] {"/static/css/lab.css", "/static/js/lab.js", "/static/favicon.svg", htmx, "/healthz", "/metrics"}) {
                String[] auth = path.equals("/metrics") ? new String[] {"Authorization", "Bearer " + TOKEN} : new String[0];
                assertEquals(200, as(session, path, auth).statusCode(), path);
            }
        }
        for (int i = 0; i < BURST; i++) assertEquals(200, as(session, "/").statusCode(), "the whole burst is still there for pages");
    }

    @Test
    void anotherBrowserOpensItsLabPlaysAndStreamsWhileOneFloods() throws Exception {
        flood(newSession(), "/lab?scenario=case-1");

        HttpClient student = newBrowser();
        Opened lab = open(student, "/lab?scenario=case-2");
        assertEquals(200, postForm(student, lab.actions() + "/play", true).statusCode());
        try (SseStream s = stream(student, lab.id())) {
            assertEquals(200, s.response.statusCode());
            assertNotNull(s.next(WAIT), "the other student's stream sends frames");
        }
        assertEquals(200, postForm(student, lab.actions() + "/pause", true).statusCode());
    }

    @Test
    void everyRefusalIsCountedInTheMetrics() {
        double before = rejected429();
        String session = newSession();
        flood(session, "/");
        assertEquals(429, as(session, "/api/runs").statusCode());
        assertEquals(before + 2, rejected429());
    }

    @Test
    void requestsWithoutACookieShareOneLargerBucketPerAddress() {
        Javalin own = App.create(Config.forTests().withLimits(Config.Limits.DEFAULT.withRequestRate(1, 2))).start(0);
        try {
            int allowed = 2 * RateLimit.SHARED_ADDRESS, refusedAt = -1;
            for (int i = 0; i < allowed + 1 && refusedAt < 0; i++) {
                HttpResponse<String> r = send(bare, HttpRequest.newBuilder(at(own.port(), "/api/scenarios")).GET());
                if (r.statusCode() == 429) refusedAt = i;
            }
            assertEquals(allowed, refusedAt, "a classroom's first pages fit in the address's bucket, a cookie-less flood does not");
            HttpResponse<String> withCookie = send(bare, HttpRequest.newBuilder(at(own.port(), "/api/scenarios"))
                    .header("Cookie", Sessions.COOKIE + "=" + Sessions.of(own).cookieValue(Sessions.newId())).GET());
            assertEquals(200, withCookie.statusCode(), "a browser with its cookie has its own bucket");
        } finally {
            own.stop();
        }
    }

    @Test
    void madeUpCookiesShareTheAddressBucketInsteadOfGettingOneEach() {
        Javalin own = App.create(Config.forTests().withLimits(Config.Limits.DEFAULT.withRequestRate(1, 2))).start(0);
        try {
            int allowed = 2 * RateLimit.SHARED_ADDRESS, refusedAt = -1;
            for (int i = 0; i < allowed + 1 && refusedAt < 0; i++) {
                // a fresh well-formed id each time, as a hostile client would send: none of them was issued
                String invented = i % 2 == 0 ? Sessions.newId() : Sessions.newId() + "." + "A".repeat(43);
                HttpResponse<String> r = send(bare, HttpRequest.newBuilder(at(own.port(), "/api/scenarios"))
                        .header("Cookie", Sessions.COOKIE + "=" + invented).GET());
                if (r.statusCode() == 429) refusedAt = i;
            }
            assertEquals(allowed, refusedAt, "inventing cookies gains no requests over having none");
        } finally {
            own.stop();
        }
    }
}
