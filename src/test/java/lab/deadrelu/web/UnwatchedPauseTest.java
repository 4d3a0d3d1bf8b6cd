package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A playing run with no open stream for UNWATCHED_SECONDS (1 s here) stops advancing, and goes on by
 * itself when a stream for it opens: the page sees it playing, at the step where it was held. The
 * metrics count playing, watched and held runs.
 */
class UnwatchedPauseTest extends LabTestBase {
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final Pattern AT = Pattern.compile("[?&]at=(\\d+)");
    private static final Pattern COMPARE_STREAM = Pattern.compile("sse-connect=\"(/compare/([A-Za-z0-9_-]{22})/stream)\"");

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withOps(Config.Ops.DEFAULT.withUnwatchedSeconds(1).withMetricsPort(0)));
    }

    private double gauge(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(getMetrics("/metrics").body());
        assertTrue(m.find(), name);
        return Double.parseDouble(m.group(1));
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited in vain for " + what);
            Thread.sleep(50);
        }
    }

    /** The step in a lab link, or in the first run of a compare link (0 when it has no at=). */
    private static long at(String link) {
        Matcher m = AT.matcher(java.net.URLDecoder.decode(link, java.nio.charset.StandardCharsets.UTF_8));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The step the run is at now, from the link its speed control answers with (the speed stays 100). */
    private long stepNow(String actions) {
        HttpResponse<String> r = htmx(actions + "/speed", "speed", "100");
        assertEquals(200, r.statusCode(), r.body());
        return at(r.headers().firstValue("HX-Replace-Url").orElseThrow());
    }

    /** Waits until the run is held: counted as paused-unwatched, and not a step further across two readings with ticks between. */
    private long heldAt(String actions) throws InterruptedException {
        long[] held = {-1};
        until("the unwatched run to stop advancing", () -> {
            if (gauge("lab_simulations_paused_unwatched") < 1) return false;
            long a = stepNow(actions);
            try {
                Thread.sleep(400);   // four ticks at 10 a second: a playing run at 100 steps/s would move
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            long b = stepNow(actions);
            held[0] = b;
            return a == b && gauge("lab_simulations_paused_unwatched") >= 1;
        });
        return held[0];
    }

    @Test
    void aLabPlayedWithoutItsStreamStopsAfterTheGraceAndGoesOnWhenTheStreamOpens() throws Exception {
        Opened lab = open("/lab?scenario=case-2&pause=off");
        String actions = lab.actions();
        assertEquals(200, htmx(actions + "/speed", "speed", "100").statusCode());
        assertEquals(200, htmx(actions + "/play").statusCode());
        until("it to play during the grace", () -> stepNow(actions) > 0);
        assertTrue(gauge("lab_simulations_playing") >= 1);

        long held = heldAt(actions);
        try (SseStream s = stream(client, lab.id())) {
            SseStream.Event first = s.awaitNamed("status", LONG);
            assertNotNull(first);
            assertEquals(held, step(first.data()), "no time passed while nobody watched");
            assertTrue(first.data().contains("run-playing"), "still playing: the page sees no pause");
            SseStream.Event later = s.await(e -> e.name().equals("status") && e.data().contains("id=\"step\"") && step(e.data()) > held, LONG);
            assertNotNull(later, "watched again, it goes on by itself");
            until("the metrics to count it watched and not held", () -> gauge("lab_simulations_watched") >= 1);
        }
        heldAt(actions);   // the stream closed: after the grace it is held again
        htmx(actions + "/pause");
    }

    @Test
    void aComparedPairIsHeldTooAndGoesOnWhenItsStreamOpens() throws Exception {
        HttpResponse<String> page = get("/compare?a=scenario%3Dcase-2&b=scenario%3Dhealthy");
        assertEquals(200, page.statusCode());
        Matcher m = COMPARE_STREAM.matcher(page.body());
        assertTrue(m.find());
        String actions = "/compare/" + m.group(2);
        assertEquals(200, htmx(actions + "/speed", "speed", "100").statusCode());
        assertEquals(200, htmx(actions + "/play").statusCode());

        long held = heldAt(actions);
        try (SseStream s = SseStream.open(client, uri(m.group(1)))) {
            SseStream.Event later = s.await(e -> e.name().equals("status") && stepA(e.data()) > held, LONG);
            assertNotNull(later, "watched again, the pair goes on by itself");
        }
        htmx(actions + "/pause");
    }

    private static long stepA(String status) {
        Matcher m = Pattern.compile("<td id=\"step-a\">(\\d+)</td>").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
