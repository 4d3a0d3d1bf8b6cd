package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, divergence and extremes: lr up to 1e6, 8 hidden layers of 64, n = 10,000. The lab page,
 * its controls and the runs API answer with a normal page or a plain diverged state, never NaN or
 * Infinity in HTML or JSON. Times are printed, not asserted (CI machines differ).
 */
class ExtremesTest extends LabTestBase {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final ServerLog LOG = new ServerLog();

    static final String DEEP = "3-64-64-64-64-64-64-64-64-1";
    static final List<String> LINKS = List.of(
            "scenario=case-1&lr=1e6",
            "scenario=case-1&lr=1e6&at=40",
            "scenario=healthy&lr=1000000&layers=" + DEEP + "&at=5",
            "scenario=case-1&layers=" + DEEP + "&n=10000&at=3",
            "scenario=case-1&lr=1e6&layers=" + DEEP + "&n=10000&at=2",
            "scenario=case-2&lr=1e6&n=10000&batch=10000&at=10",
            "scenario=case-1&lr=1e-300&at=10",
            "scenario=case-1&scale=100&lr=1e6&at=10");
    /** Non-finite numbers as Java, JavaScript or a formatter would print them. */
    static final Pattern NON_FINITE = Pattern.compile("NaN|Infinity|\u221e");

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withLimits(new Config.Limits(10, 10, 100, 5000)));
    }

    @Test
    void extremeLabLinksShowANormalPageOrAPlainDivergedState() {
        for (String link : LINKS) {
            long start = System.nanoTime();
            Opened lab = open("/lab?" + link);
            long pageMs = ms(start);
            assertFinite(link, lab.body());
            StringBuilder actMs = new StringBuilder();
            for (String action : List.of("step", "epoch", "step")) {
                start = System.nanoTime();
                HttpResponse<String> r = act(lab.actions() + "/" + action);
                actMs.append(' ').append(action).append(' ').append(ms(start)).append(" ms");
                assertEquals(200, r.statusCode(), () -> link + " " + action + ": " + r.body());
                assertFinite(link + " " + action, r.body());
            }
            try (SseStream s = stream(client, lab.id())) {   // the frame a watcher is sent
                SseStream.Event status = s.awaitNamed("status", WAIT);
                assertFinite(link + " stream", status == null ? "" : status.data());
                SseStream.Event net = s.awaitNamed("network", WAIT);
                assertFinite(link + " stream", net == null ? "" : net.data());
            }
            String state = lab.body().contains("diverged") ? "diverged" : "normal";
            System.out.printf("ExtremesTest: /lab?%s -> %s page in %d ms;%s%n", link, state, pageMs, actMs);
        }
    }

    @Test
    void extremeRunsInTheApiHaveNoNonFiniteNumbers() {
        for (String link : LINKS) {
            String query = link.replaceAll("&at=\\d+", "") + "&steps=30&every=5";
            long start = System.nanoTime();
            HttpResponse<String> r = get("/api/runs?" + query);
            long took = ms(start);
            assertEquals(200, r.statusCode(), () -> query + ": " + r.body());
            assertFinite(query, r.body());
            System.out.printf("ExtremesTest: /api/runs?%s -> %d bytes in %d ms%s%n", query, r.body().length(), took,
                    r.body().contains("\"diverged\":true") ? " (diverged)" : "");
        }
    }

    /** An htmx control, waited for as long as it takes: its time is printed, not bounded by the test. */
    private HttpResponse<String> act(String path) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(uri(path)).header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .timeout(java.time.Duration.ofMinutes(3));
        return send(b);
    }

    private static void assertFinite(String what, String text) {
        Matcher m = NON_FINITE.matcher(text);
        assertFalse(m.find(), () -> what + ": a non-finite number '" + m.group() + "' in ..."
                + text.substring(Math.max(0, m.start() - 200), Math.min(text.length(), m.end() + 100)));
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
