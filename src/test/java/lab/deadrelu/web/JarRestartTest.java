package lab.deadrelu.web;

import lab.deadrelu.support.AppProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Kill the server (SIGKILL) mid-run, start it again, reopen the links: same step, same weights, bit for
 * bit." The server runs as a real process ({@link ServerProcess}).
 */
class JarRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\"");
    private static final List<String> SAME = List.of("status", "network", "weights", "loss", "dead", "events", "link");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(WAIT).build();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aLinkReopensAtTheSameStepBitForBitAfterTheServerProcessIsKilled() throws Exception {
        AppProcess first = start("first");
        String link;
        Map<String, String> live = new LinkedHashMap<>();
        try {
            String page = get(first, "/lab?scenario=case-2&at=120").body();
            String id = id(page);
            link = replaceUrl(post(first, "/lab/" + id + "/step"));
            link = replaceUrl(post(first, "/lab/" + id + "/lr-now", "lr", "0.03"));
            link = replaceUrl(post(first, "/lab/" + id + "/step"));
            assertTrue(link.startsWith("/lab?") && link.contains("at=122"), link);

            // What the live simulation shows: the whole frame its stream starts with.
            try (SseStream s = SseStream.open(client, first.uri("/lab/" + id + "/stream"))) {
                while (!live.keySet().containsAll(SAME)) {
                    SseStream.Event e = s.next(WAIT);
                    assertNotNull(e, "a whole frame; got " + live.keySet());
                    live.put(e.name(), LabTestBase.withoutId(e.data(), id).strip());
                }
            }
            assertEquals(122, LabTestBase.step(live.get("status")));
        } finally {
            first.kill();   // SIGKILL: no shutdown hook runs
        }

        AppProcess second = start("second");
        try {
            HttpResponse<String> r = get(second, link);
            assertEquals(200, r.statusCode(), link);
            String id = id(r.body());
            for (String name : SAME) {
                assertEquals(live.get(name), LabTestBase.withoutId(LabTestBase.region(r.body(), name), id).strip(),
                        name + " after a SIGKILL and a restart, for " + link);
            }
        } finally {
            second.close();
        }
    }

    private static AppProcess start(String name) throws Exception {
        return ServerProcess.start("jar-restart-" + name, List.of("-Xmx256m", "-XX:+UseSerialGC"), Map.of());
    }

    private HttpResponse<String> get(AppProcess s, String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(s.uri(path)).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), () -> path + ": " + r.body());
        return r;
    }

    private HttpResponse<String> post(AppProcess s, String path, String... fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(LabTestBase.enc(fields[i])).append('=').append(LabTestBase.enc(fields[i + 1]));
        }
        return client.send(HttpRequest.newBuilder(s.uri(path)).timeout(WAIT).header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String replaceUrl(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("HX-Replace-Url").orElseThrow();
    }

    private static String id(String page) {
        Matcher m = STREAM.matcher(page);
        assertTrue(m.find(), "the page connects to its stream");
        return m.group(1);
    }
}
