package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.MemoryBudget;
import lab.deadrelu.sim.MemoryCost;
import lab.deadrelu.sim.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server with a memory budget of 8 MB, a quarter of it per browser: what a hostile client managed
 * against the jar (many large labs from fresh cookies) ends in pages that say what is needed and what
 * is free, while a small lab from another browser still opens; nothing is ever a 500.
 */
class MemoryAdmissionTest extends LabTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BUDGET_MB = 8, SHARE_PERCENT = 25;
    /** About 0.9 MB each: 5,000 samples of 8 inputs. */
    static final String LARGE = "scenario=healthy&layers=8-4-1&n=5000";
    static final String SMALL = "scenario=case-2";
    /** More than a browser's share (2 MB) on its own: 10,000 samples and two layers of 64. */
    static final String HUGE = "scenario=healthy&layers=8-64-64-1&n=10000";

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withLimits(new Config.Limits(10, 1, 8, 5000))
                .withMemory(new Config.Memory(50, BUDGET_MB, SHARE_PERCENT)));
    }

    /** Each test starts from an empty server: the other's labs are evicted (as if idle). */
    @BeforeEach
    void evictEverything() {
        registry().evictIdle(System.currentTimeMillis() + 2 * 60_000);
        assertEquals(0, budget().used());
    }

    private MemoryBudget budget() {
        return registry().memory();
    }

    private Registry registry() {
        return app.unsafe.appDataManager.get(App.LIVE).registry();
    }

    static RunSpec link(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) params.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        return RunSpec.parse(params, Set.of());
    }

    private HttpResponse<String> fresh(String path, String... headers) {
        return send(newBrowser(), HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    @Test
    void manyLargeLabsFromFreshCookiesEndInServerFullPagesWhileASmallLabStillOpens() {
        long large = MemoryCost.simulation(link(LARGE)), small = MemoryCost.simulation(link(SMALL));
        long limit = budget().limit();
        assertEquals(BUDGET_MB * 1_000_000L, limit);
        long fit = limit / large, free = limit - fit * large;
        assertTrue(fit >= 3 && free >= 2 * small && large <= budget().perOwner(), "the test's sizes: " + large + " and " + small);

        int opened = 0, refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < fit + 4; i++) {
            HttpResponse<String> r = fresh("/lab?" + LARGE + "&seed=" + i);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 503, "never anything else: " + r.statusCode() + " " + r.body());
            if (r.statusCode() == 200) opened++;
            else {
                refused++;
                last = r;
            }
        }
        assertEquals(fit, opened, "as many as the budget holds");
        assertEquals(4, refused);
        assertEquals("60", last.headers().firstValue("Retry-After").orElse(""));
        String body = last.body();
        assertTrue(body.contains("The server’s memory is full right now"), body);
        assertTrue(body.contains("needs about " + ErrorPages.megabytes(large)), "names what it needs: " + body);
        assertTrue(body.contains(ErrorPages.megabytes(free) + " is free"), "and what is free: " + body);
        assertTrue(body.contains("fewer samples (n)") && body.contains("(layers)"), "and what to change: " + body);

        HttpResponse<String> zh = fresh("/lab?" + LARGE, "Accept-Language", "zh-CN,zh;q=0.9");
        assertEquals(503, zh.statusCode());
        assertTrue(zh.body().contains("服务器的内存暂时用满了") && zh.body().contains(ErrorPages.megabytes(large)), zh.body());

        Opened mine = open(newBrowser(), "/lab?" + SMALL);   // another browser's small lab still fits
        assertEquals(200, mine.response().statusCode());
        assertEquals(fit * large + small, budget().used());

        registry().evictIdle(System.currentTimeMillis() + 2 * 60_000);
        assertEquals(0, registry().size());
        assertEquals(0, budget().used(), "every charge came back with the evictions");
    }

    @Test
    void aLabOrARunLargerThanABrowsersShareIsA429SayingWhatToChange() throws Exception {
        long huge = MemoryCost.simulation(link(HUGE)), share = budget().perOwner();
        assertTrue(huge > share, "the test's lab is larger than a share: " + huge + " vs " + share);
        HttpClient browser = newBrowser();
        open(browser, "/lab?" + SMALL);

        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(uri("/lab?" + HUGE)).GET());
        assertEquals(429, page.statusCode(), page.body());
        assertTrue(page.body().contains("This browser holds as much of the server’s memory as it may"), page.body());
        assertTrue(page.body().contains(ErrorPages.megabytes(huge)) && page.body().contains("of its share of " + ErrorPages.megabytes(share)),
                page.body());

        String pair = "/compare?a=" + URLEncoder.encode(LARGE, StandardCharsets.UTF_8) + "&b=" + URLEncoder.encode(HUGE, StandardCharsets.UTF_8);
        HttpResponse<String> compare = send(browser, HttpRequest.newBuilder(uri(pair)).GET());
        assertEquals(429, compare.statusCode(), compare.body());
        assertTrue(compare.body().contains("This comparison of two runs needs about"), compare.body());

        HttpResponse<String> api = send(browser, HttpRequest.newBuilder(uri("/api/runs?" + HUGE + "&steps=5")).GET());
        assertEquals(429, api.statusCode(), api.body());
        JsonNode error = JSON.readTree(api.body());
        assertEquals(MemoryCost.apiRun(link(HUGE), 5), error.get("neededBytes").asLong());
        assertEquals(share, error.get("shareBytes").asLong());
        assertTrue(error.get("freeBytes").asLong() < share, "the small lab holds part of the share");
        assertEquals(List.of("steps", "n", "layers"), List.of(error.get("change").get(0).asText(), error.get("change").get(1).asText(),
                error.get("change").get(2).asText()));
        assertTrue(error.get("error").asText().startsWith("This run needs about"), api.body());

        HttpResponse<String> form = send(browser, HttpRequest.newBuilder(uri("/experiments/sweep?" + HUGE + "&points=2&seeds=1&steps=1&lang=zh")).GET());
        assertEquals(303, form.statusCode(), "to the sweep's canonical link");
        HttpResponse<String> sweep = send(browser, HttpRequest.newBuilder(uri(form.headers().firstValue("Location").orElseThrow())).GET());
        assertEquals(429, sweep.statusCode(), sweep.body());
        assertTrue(sweep.body().contains("这个浏览器占用的服务器内存已达上限") && sweep.body().contains("这个实验"), sweep.body());
        assertFalse(sweep.body().contains("Exception"), sweep.body());
    }
}
