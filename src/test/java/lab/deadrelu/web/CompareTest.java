package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compare page over HTTP: both runs on one page, lockstep controls, one SSE stream, ownership, bad links. */
class CompareTest extends HttpTestBase {
    static final String LOWER_LR = "/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-2%26lr%3D0.03";
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"([^\"]+)\"");
    private static final Pattern ACTIONS = Pattern.compile("action=\"(/compare/[^/\"]+)/play\"");

    /** One server-sent event. */
    record Sse(String name, String data) {}

    /** A compare page opened by this test's browser: its stream and the base URL of its controls. */
    record Opened(HttpResponse<String> page, String stream, String actions) {}

    Opened open(String path) {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), r.body());
        Matcher s = STREAM.matcher(r.body()), a = ACTIONS.matcher(r.body());
        assertTrue(s.find(), "the page names its stream");
        assertTrue(a.find(), "the page has a play form");
        return new Opened(r, s.group(1), a.group(1));
    }

    static String cell(String html, String id) {
        Matcher m = Pattern.compile("<td id=\"" + Pattern.quote(id) + "\">([^<]*)</td>").matcher(html);
        assertTrue(m.find(), "no cell " + id + " in " + html);
        return m.group(1);
    }

    /**
     * Reads the SSE stream at `path` with `http` until `until` holds for the events read so far, or the
     * timeout passes; then closes the connection.
     */
    List<Sse> events(HttpClient http, String path, Predicate<List<Sse>> until, Duration timeout) throws Exception {
        return events(http, path, () -> { }, until, timeout);
    }

    /** The same, doing `once` as soon as the first event came (so the stream is watched when it acts). */
    List<Sse> events(HttpClient http, String path, Runnable once, Predicate<List<Sse>> until, Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<Sse> seen = new ArrayList<>();
        try (InputStream body = response.body()) {
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String name = "message", line;
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null) {
                        if (line.isEmpty()) {
                            if (data.length() > 0) {
                                synchronized (seen) {
                                    seen.add(new Sse(name, data.toString()));
                                    if (seen.size() == 1) once.run();
                                    if (until.test(seen)) return;
                                }
                            }
                            name = "message";
                            data.setLength(0);
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            if (data.length() > 0) data.append('\n');
                            data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                        }
                    }
                } catch (Exception e) {
                    // closed under us: the timeout
                }
            });
            try {
                reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // return what came
            }
        }
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    static Map<String, String> latest(List<Sse> events) {
        Map<String, String> last = new LinkedHashMap<>();
        for (Sse e : events) last.put(e.name(), e.data());
        return last;
    }

    @Test
    void thePageShowsBothRunsWithTheirChartsAndTheDifferences() {
        HttpResponse<String> r = open(LOWER_LR + "&lang=en").page();
        String html = r.body();
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(html.contains("<title>Compare two runs · Dead ReLU Lab</title>"), html);
        for (String region : new String[] {"network-a", "network-b", "weights-a", "weights-b", "loss-a", "loss-b", "dead-a", "dead-b"}) {
            assertTrue(html.contains("sse-swap=\"" + region + "\""), region);
            assertTrue(html.contains("<figure class=\"" + (region.startsWith("network") ? "network" : "chart") + "\" id=\"" + region + "\">"), region);
        }
        assertTrue(html.contains("<title id=\"loss-a-t\">A · Loss</title>"));
        assertTrue(html.contains("<title id=\"loss-b-t\">B · Loss</title>"));
        assertTrue(html.contains("<title id=\"network-b-t\">B · The network</title>"), "the network's title names its run");
        assertTrue(html.contains("Settings that differ: λ: 0.3 in A, 0.03 in B."), "the one setting that differs");
        assertTrue(html.contains("<li>λ = 0.03</li>"), "B's heading lists its setting");
        assertEquals("0", cell(html, "step-a"));
        assertEquals("0", cell(html, "step-b"));
        assertTrue(html.contains("href=\"/lab?scenario=case-2&amp;lr=0.03&amp;lang=en\""), "B opens in the lab");
        assertTrue(html.contains("<a href=\"" + (LOWER_LR + "&lang=en").replace("&", "&amp;") + "\" aria-current=\"page\">"),
                "the preset on screen is marked: " + html);
        MarkupPolicyTest.assertNoInlineCode(html);
    }

    @Test
    void afterStepBothRunsAreAtStepOneAndTheLinkSaysSo() {
        Opened o = open(LOWER_LR);
        HttpResponse<String> r = post(o.actions() + "/step", "");
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertEquals("/compare?a=scenario%3Dcase-2%26at%3D1&b=scenario%3Dcase-2%26lr%3D0.03%26at%3D1", location);
        String page = get(location).body();
        assertEquals("1", cell(page, "step-a"));
        assertEquals("1", cell(page, "step-b"));

        HttpResponse<String> h = post(o.actions() + "/epoch", "", "HX-Request", "true");
        assertEquals(200, h.statusCode());
        assertEquals("/compare?a=scenario%3Dcase-2%26at%3D9&b=scenario%3Dcase-2%26lr%3D0.03%26at%3D9",
                h.headers().firstValue("HX-Replace-Url").orElseThrow());
        assertTrue(h.body().contains("id=\"play\""), "htmx gets the controls back");
        assertEquals(303, post(o.actions() + "/reset", "").statusCode());
        assertEquals(LOWER_LR, post(o.actions() + "/pause", "").headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theStreamSendsFramesForThePairAndPlayMovesBothInLockstep() throws Exception {
        Opened o = open(LOWER_LR);
        List<Sse> first = events(client, o.stream(), seen -> latest(seen).containsKey("link"), Duration.ofSeconds(10));
        Map<String, String> frame = latest(first);
        assertEquals(List.of("controls", "status", "differences", "network-a", "weights-a", "loss-a", "dead-a", "network-b", "weights-b",
                "loss-b", "dead-b", "link"), List.copyOf(frame.keySet()), "the first frame is every region, once");
        assertEquals("0", cell(frame.get("status"), "step-a"));

        assertEquals(303, post(o.actions() + "/speed", "speed=1000").statusCode());
        // 1,000 steps a second: past case 2's death (step 8) within a frame or two
        List<Sse> played = events(client, o.stream(), () -> post(o.actions() + "/play", ""), seen -> {
            String status = latest(seen).get("status");   // a whole frame: it ends with the link
            return status != null && Long.parseLong(cell(status, "step-a")) > 50 && seen.get(seen.size() - 1).name().equals("link");
        }, Duration.ofSeconds(20));
        assertEquals(303, post(o.actions() + "/pause", "").statusCode());
        Map<String, String> now = latest(played);
        String status = now.get("status");
        assertNotNull(status, "frames came while playing");
        assertEquals(cell(status, "step-a"), cell(status, "step-b"), "lockstep");
        assertTrue(Long.parseLong(cell(status, "step-a")) > 50);
        assertTrue(now.get("differences").contains("Their dead neurons first differed at step 8: A had 1 dead, B 0."), now.get("differences"));
        assertTrue(now.get("differences").contains("Dead in A only: h₁⁽²⁾ (since step 8)."), now.get("differences"));
        assertTrue(cell(status, "focus-a").contains("permanently dead"));
        assertEquals("h₁⁽²⁾: active", cell(status, "focus-b"));
        String link = URLDecoder.decode(now.get("link").replaceAll("(?s).*href=\"([^\"]+)\".*", "$1").replace("&amp;", "&"), StandardCharsets.UTF_8);
        assertTrue(link.matches("/compare\\?a=scenario=case-2&at=(\\d+)&b=scenario=case-2&lr=0.03&at=\\1"), "both at the same step: " + link);
    }

    @Test
    void aWholeFrameOfBothRunsAtStep500StaysSmall() throws Exception {
        Opened o = open("/compare?a=scenario%3Dcase-2%26at%3D500&b=scenario%3Dcase-2%26lr%3D0.03%26at%3D500");
        Map<String, String> frame = latest(events(client, o.stream(), seen -> latest(seen).containsKey("link"), Duration.ofSeconds(10)));
        int bytes = frame.values().stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        assertTrue(bytes < 40_000, "two runs (about 32 KB), each like a lab frame (under 16 KB): " + bytes);
    }

    @Test
    void anotherBrowserCanNeitherDriveNorWatchThePair() throws Exception {
        Opened o = open(LOWER_LR);
        HttpClient stranger = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = stranger.send(HttpRequest.newBuilder(uri(o.actions() + "/step")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        HttpResponse<String> h = stranger.send(HttpRequest.newBuilder(uri(o.actions() + "/play")).header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, h.statusCode());
        assertEquals("true", h.headers().firstValue("HX-Refresh").orElse(null), "htmx reloads the page's own link instead");
        List<Sse> seen = events(stranger, o.stream(), s -> !s.isEmpty(), Duration.ofSeconds(5));
        assertEquals(List.of("gone"), seen.stream().map(Sse::name).toList());
        assertEquals("0", cell(get(LOWER_LR).body(), "step-a"), "the owner's pair did not move");
        assertEquals(404, post("/compare/no-such-pair/step", "").statusCode());
        assertEquals(404, post(o.actions() + "/focus", "layer=1&neuron=1").statusCode(), "only the pair's controls");
    }

    @Test
    void badLinksAreRefusedNamingAOrBAndTheParameterInside() {
        String[][] cases = {
            {"/compare?a=scenario%3Dnope&b=scenario%3Dcase-2", "a.scenario"},
            {"/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-2%26lr%3D-1", "b.lr"},
            {"/compare?a=scenario%3Dcase-2%26lr%3D0.1%26lr%3D0.2&b=scenario%3Dcase-2", "a.lr"},
            {"/compare?a=scenario%3Dcase-2%26bogus%3D1&b=scenario%3Dcase-2", "a.bogus"},
            {"/compare?a=scenario%3Dcase-2", "b"},
            {"/compare?b=scenario%3Dcase-2", "a"},
            {"/compare?a=&b=scenario%3Dcase-2", "a"},
            {"/compare?a=%2Fhome%3Fscenario%3Dcase-2&b=scenario%3Dcase-2", "a"},
            {"/compare?a=/lab?scenario=case-2&lr=0.03&b=scenario%3Dcase-2", "lr"},
            {"/compare?a=scenario%3Dcase-2&a=scenario%3Dcase-1&b=scenario%3Dcase-2", "a"},
            {"/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-2%26at%3D2000000", "b.at"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = get(c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertTrue(r.body().contains("<dd><code>" + c[1] + "</code></dd>"), c[0] + " names " + c[1] + ": " + r.body());
            assertTrue(r.body().contains("href=\"" + LOWER_LR.replace("&", "&amp;") + "\""), "suggests a compare link that works");
        }
    }

    @Test
    void theWholeLabLinkFormIsAcceptedAndStepsAreLinedUp() {
        String html = open("/compare?a=%2Flab%3Fscenario%3Dcase-2%26at%3D5&b=http%3A%2F%2Fexample.org%2Frelu%2Flab%3Fscenario%3Dcase-2%26act%3Dleaky%26at%3D12%26lang%3Dzh").page().body();
        assertEquals("12", cell(html, "step-a"), "both open at the later step");
        assertEquals("12", cell(html, "step-b"));
        assertTrue(html.contains("Settings that differ: Activation: ReLU in A, Leaky ReLU in B."), html);
    }

    @Test
    void aBareCompareOpensTheFirstQuestion() {
        HttpResponse<String> r = get("/compare?lang=zh");
        assertEquals(303, r.statusCode());
        assertEquals(LOWER_LR + "&lang=zh", r.headers().firstValue("Location").orElseThrow());
        String zh = get(LOWER_LR + "&lang=zh").body();
        assertTrue(zh.contains("<title>比较两次运行 · "), "in Chinese");
        assertTrue(zh.contains("不同的设置：λ：A 为 0.3，B 为 0.03。"), zh);
    }

    @Test
    void theLabOffersToCompareItsRunWithVariantsAtTheCurrentStep() throws Exception {
        String html = get("/lab?scenario=case-2&at=3").body();
        assertTrue(html.contains("id=\"compare-with-lower-lr\" href=\"/compare?a=scenario%3Dcase-2%26at%3D3&amp;b=scenario%3Dcase-2%26lr%3D0.03%26at%3D3\""), html);
        assertTrue(html.contains("id=\"compare-with-seed\" href=\"/compare?a=scenario%3Dcase-2%26at%3D3&amp;b=scenario%3Dcase-2%26seed%3D11359%26at%3D3\""));
        assertTrue(html.contains("id=\"compare-with-act-leaky\" href=\"/compare?a=scenario%3Dcase-2%26at%3D3&amp;b=scenario%3Dcase-2%26act%3Dleaky%26at%3D3\""));
        assertTrue(html.contains("id=\"compare-with-act-elu\""));
        assertFalse(html.contains("id=\"compare-with-act-relu\""), "not the activation it already has");

        // the links follow the run: the lab's frame carries them
        String stream = html.replaceAll("(?s).*sse-connect=\"([^\"]+)\".*", "$1");
        String compare = latest(events(client, stream, s -> latest(s).containsKey("compare"), Duration.ofSeconds(10))).get("compare");
        assertTrue(compare.contains("lr%3D0.03%26at%3D3\""), compare);
        String actions = stream.replace("/stream", "");
        post(actions + "/step", "");
        compare = latest(events(client, stream, s -> latest(s).containsKey("compare"), Duration.ofSeconds(10))).get("compare");
        assertTrue(compare.contains("lr%3D0.03%26at%3D4\""), compare);
    }
}
