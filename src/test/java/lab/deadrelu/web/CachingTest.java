package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Deterministic answers are cacheable (public, max-age, an ETag, 304 for If-None-Match); the pages of
 * a session are not (no-store). Requests here carry no cookie unless a test says so.
 */
class CachingTest extends HttpTestBase {
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\"");
    private final HttpClient bare = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> fetch(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) b.headers(headers);
        try {
            return bare.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    private static long maxAge(HttpResponse<String> r) {
        Matcher m = Pattern.compile("max-age=(\\d+)").matcher(header(r, "Cache-Control"));
        assertTrue(m.find(), "a max-age: " + header(r, "Cache-Control"));
        return Long.parseLong(m.group(1));
    }

    /** Public, cached for at least `atLeast` seconds, with an ETag that brings a 304 (and no body) when sent back. */
    private String assertCacheable(String path, long atLeast, String... headers) {
        HttpResponse<String> r = fetch(path, headers);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertTrue(header(r, "Cache-Control").contains("public"), path + ": " + header(r, "Cache-Control"));
        assertTrue(maxAge(r) >= atLeast, path + ": " + header(r, "Cache-Control"));
        String etag = header(r, "ETag");
        assertTrue(etag.matches("(W/)?\"[^\"]+\""), path + ": ETag " + etag);
        assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), path + " sets no cookie: a shared cache may keep it");

        String[] withTag = java.util.Arrays.copyOf(headers, headers.length + 2);
        withTag[headers.length] = "If-None-Match";
        withTag[headers.length + 1] = etag;
        HttpResponse<String> again = fetch(path, withTag);
        assertEquals(304, again.statusCode(), path);
        assertEquals("", again.body(), path);
        if (!path.startsWith("/static/") && !path.startsWith("/webjars/")) assertEquals(etag, header(again, "ETag"), path);   // Jetty's files: bare 304

        withTag[headers.length + 1] = "W/\"somethingelse\"";
        assertEquals(200, fetch(path, withTag).statusCode(), path + ": another ETag gets the answer");
        return etag;
    }

    @Test
    void aRunsJsonIsCacheableAndItsEtagFollowsTheLink() {
        String a = assertCacheable("/api/runs?scenario=case-2&steps=20", 3600);
        String b = assertCacheable("/api/runs?scenario=case-2&steps=21", 3600);
        assertNotEquals(a, b);
        HttpResponse<String> bad = fetch("/api/runs?scenario=case-2&steps=-1");
        assertEquals(400, bad.statusCode());
        assertTrue(!header(bad, "Cache-Control").contains("public") && header(bad, "ETag").isEmpty(), "an error is not cached publicly");
    }

    @Test
    void theScenarioListIsCacheablePerLanguage() {
        String en = assertCacheable("/api/scenarios", 600, "Accept-Language", "en");
        String zh = assertCacheable("/api/scenarios", 600, "Accept-Language", "zh-CN");
        assertNotEquals(en, zh, "the words differ, so do the ETags");
        assertTrue(header(fetch("/api/scenarios"), "Vary").contains("Accept-Language"));
        assertCacheable("/api/scenarios?lang=zh", 600);
    }

    @Test
    void aFinishedExperimentsPageJsonAndCsvAreCacheableAndOneInProgressIsNot() throws Exception {
        String q = "width=3&depth=4&inputs=1&domain=1&init=he&bias=0&trials=400&seed=5";
        HttpResponse<String> first = fetch("/api/experiments/born-dead?" + q);
        for (int i = 0; i < 30 && first.statusCode() == 202; i++) first = fetch("/api/experiments/born-dead?" + q);   // each waits up to 2 s
        assertEquals(200, first.statusCode(), first.body());

        assertCacheable("/api/experiments/born-dead?" + q, 3600);
        String page = "/experiments/born-dead?" + q.replace("width=3", "widths=3");
        assertCacheable("/api/experiments/born-dead/table?" + q.replace("width=3", "widths=3"), 3600);
        String pageTag = assertCacheable(page, 3600);
        assertNotEquals(pageTag, assertCacheable(page + "&lang=zh", 3600), "the language is part of a page");
        assertTrue(header(fetch(page), "Vary").contains("Accept-Language"));
        assertCacheable("/api/experiments/born-dead/table.csv?" + q.replace("width=3", "widths=3"), 3600);

        String running = "scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=300&steps=10000&seed=99";
        HttpResponse<String> inProgress = send(HttpRequest.newBuilder(uri("/experiments/sweep?" + running)).GET());
        if (inProgress.statusCode() == 303) inProgress = send(HttpRequest.newBuilder(uri(header(inProgress, "Location"))).GET());
        assertEquals(200, inProgress.statusCode());
        assertEquals("no-store", header(inProgress, "Cache-Control"), "progress is this moment's");
        Matcher job = Pattern.compile("/experiments/jobs/([^/\"]+)/stream").matcher(inProgress.body());
        assertTrue(job.find());
        post("/experiments/jobs/" + job.group(1) + "/cancel", "");
    }

    @Test
    void staticFilesAndWebjarsAreCacheableWithEtags() {
        assertCacheable("/static/css/lab.css", 600);
        assertCacheable("/static/js/lab.js", 600);
        String htmx = "/webjars/htmx.org/" + Webjars.version("htmx.org") + "/dist/htmx.min.js";
        assertCacheable(htmx, 30L * 24 * 3600);
        assertTrue(header(fetch(htmx), "Cache-Control").contains("immutable"), "a versioned path never changes");
    }

    @Test
    void thePagesOfASessionAreNeverStored() {
        HttpResponse<String> lab = get("/lab?scenario=case-2");
        assertEquals("no-store", header(lab, "Cache-Control"));
        assertTrue(header(lab, "ETag").isEmpty());
        assertEquals("no-store", header(get("/course"), "Cache-Control"));
        HttpResponse<String> compare = get("/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-1");
        assertEquals(200, compare.statusCode());
        assertEquals("no-store", header(compare, "Cache-Control"));

        Matcher m = STREAM.matcher(lab.body());
        assertTrue(m.find());
        try (SseStream s = SseStream.open(client, uri("/lab/" + m.group(1) + "/stream"))) {
            List<String> cacheControl = s.response.headers().allValues("Cache-Control");
            assertTrue(String.join(",", cacheControl).contains("no-store"), "a stream: " + cacheControl);
        }
    }
}
