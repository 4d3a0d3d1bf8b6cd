package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gate for heavy requests (HeavyWork), through the real app with one permit: while it is taken,
 * a large lab, comparison, control or API run is refused in words (503, or 429 when the same client
 * already waits on one) with Retry-After, in the visitor's language, while a light lab opens as
 * always. No test here waits on a clock: permits are held from the test, and a waiting request is
 * seen in the gate's queue.
 */
class HeavyWorkTest extends LabTestBase {
    /** 8 inputs, two hidden layers of 64, 10,000 samples: about 1.4e8 weight-sample operations to open. */
    static final String HEAVY = "scenario=case-2&layers=8-64-64-1&n=10000";
    static final String LIGHT = "scenario=case-2";

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withWork(new Config.Work(1, 0)));   // no wait: a taken permit is a refusal at once
    }

    private HeavyWork gate(Javalin app) {
        return app.unsafe.appDataManager.get(HeavyWork.KEY);
    }

    @Test
    void theLinksUsedHereAreHeavyAndLightByTheGatesMeasure() {
        assertTrue(HeavyWork.page(RunSpec.parse(java.util.Map.of("scenario", "case-2", "layers", "8-64-64-1", "n", "10000"), java.util.Set.of()))
                >= HeavyWork.HEAVY);
        assertTrue(HeavyWork.page(RunSpec.parse(java.util.Map.of("scenario", "case-2"), java.util.Set.of())) < HeavyWork.HEAVY);
        assertTrue(HeavyWork.page(RunSpec.parse(java.util.Map.of("scenario", "deep-net-works-anyway"), java.util.Set.of())) < HeavyWork.HEAVY,
                "the shipped scenarios open without the gate");
    }

    @Test
    void whileEveryPermitIsTakenALargeLabIsA503WithWordsAndALightLabOpens() {
        Runnable release = gate(app).holdAll();
        try {
            HttpResponse<String> refused = get("/lab?" + HEAVY);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals(String.valueOf(HeavyWork.RETRY_SECONDS), refused.headers().firstValue("Retry-After").orElse(""));
            assertTrue(refused.body().contains("The server is busy with large networks right now"), refused.body());
            assertTrue(refused.body().contains("/lab?" + HEAVY.replace("&", "&amp;")), "a link to try the same page again");

            HttpResponse<String> zh = get("/lab?" + HEAVY + "&lang=zh");
            assertEquals(503, zh.statusCode());
            assertTrue(zh.body().contains("服务器正忙于计算大型网络"), zh.body());

            open("/lab?" + LIGHT);   // asserts 200 and a stream to connect to
        } finally {
            release.run();
        }
        open("/lab?" + HEAVY);
    }

    @Test
    void whileEveryPermitIsTakenALargeApiRunIsA503InJsonAndALargeComparisonA503Page() {
        Runnable release = gate(app).holdAll();
        try {
            HttpResponse<String> run = get("/api/runs?" + HEAVY + "&steps=3");
            assertEquals(503, run.statusCode(), run.body());
            assertTrue(run.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(run.body().contains("\"error\":\"This link asks for a lot of computing"), run.body());
            assertTrue(run.headers().firstValue("Retry-After").isPresent());

            HttpResponse<String> compare = get("/compare?a=" + java.net.URLEncoder.encode(HEAVY, java.nio.charset.StandardCharsets.UTF_8)
                    + "&b=" + java.net.URLEncoder.encode(LIGHT, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(503, compare.statusCode(), compare.body());
            assertTrue(compare.body().contains("The server is busy with large networks right now"));

            assertEquals(200, get("/api/runs?" + LIGHT + "&steps=3").statusCode(), "a light run is not held up");
        } finally {
            release.run();
        }
        assertEquals(200, get("/api/runs?" + HEAVY + "&steps=3").statusCode());
    }

    @Test
    void aLargeLabsControlsAreRefusedInASentenceWhileThePermitIsTakenAndALightLabsAreNot() {
        Opened heavy = open("/lab?" + HEAVY), light = open("/lab?" + LIGHT);
        Runnable release = gate(app).holdAll();
        try {
            HttpResponse<String> step = htmx(heavy.actions() + "/step");
            assertEquals(503, step.statusCode(), step.body());
            assertTrue(step.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "htmx gets the sentence alone");
            assertTrue(step.body().contains("The server is busy with large networks right now"), step.body());
            assertEquals(200, htmx(light.actions() + "/step").statusCode());
        } finally {
            release.run();
        }
        assertEquals(200, htmx(heavy.actions() + "/step").statusCode());
    }

    /** A second app whose heavy requests wait for a permit as long as it takes (a minute): the test decides when one is free. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void oneClientWaitsOnOneHeavyRequestAtATimeWhileAnotherBrowserBehindTheSameAddressWaitsItsTurn() throws Exception {
        Javalin waiting = App.create(Config.forTests().withWork(new Config.Work(1, 60_000))).start(0);
        HttpClient noCookies = HttpClient.newHttpClient();
        try {
            HeavyWork gate = gate(waiting);
            Runnable release = gate.holdAll();
            CompletableFuture<HttpResponse<String>> first, otherBrowser;
            try {
                first = noCookies.sendAsync(request(waiting, "/lab?" + HEAVY), HttpResponse.BodyHandlers.ofString());
                await(gate, 1);
                HttpResponse<String> second = noCookies.send(request(waiting, "/lab?" + HEAVY), HttpResponse.BodyHandlers.ofString());
                assertEquals(429, second.statusCode(), "the same address without a session: one heavy request at a time");
                assertTrue(second.body().contains("Your large network is still being computed"), second.body());
                assertEquals(String.valueOf(HeavyWork.RETRY_SECONDS), second.headers().firstValue("Retry-After").orElse(""));
                assertEquals(200, noCookies.send(request(waiting, "/lab?" + LIGHT), HttpResponse.BodyHandlers.ofString()).statusCode(),
                        "a light lab from the same address opens meanwhile");

                String session = Sessions.of(waiting).cookieValue(Sessions.newId());   // a browser with its own session, same address
                otherBrowser = noCookies.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + waiting.port() + "/lab?" + HEAVY))
                        .header("Cookie", Sessions.COOKIE + "=" + session).build(), HttpResponse.BodyHandlers.ofString());
                await(gate, 2);
                assertFalse(first.isDone());
            } finally {
                release.run();
            }
            assertEquals(200, first.get(60, TimeUnit.SECONDS).statusCode());
            assertEquals(200, otherBrowser.get(60, TimeUnit.SECONDS).statusCode());
        } finally {
            waiting.stop();
        }
    }

    private static HttpRequest request(Javalin app, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build();
    }

    /** Until `count` heavy requests wait in the gate's queue (the request threads are parked there; no clock involved). */
    private static void await(HeavyWork gate, int count) throws InterruptedException {
        while (gate.waiting() < count) Thread.sleep(5);
    }
}
