package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.sim.Pair;
import lab.deadrelu.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Nothing one run throws stops the others. Through the app's real seam (a hook run before each
 * playing run's frame is rendered, on the ticker's worker) one chosen simulation or pair throws an
 * Error: it alone stops, its stream says so in the page's language with its link, its controls
 * reopen the link afresh; the others go on, and /healthz stays ok.
 */
class FailureIsolationTest extends LabTestBase {
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final Pattern COMPARE_STREAM = Pattern.compile("sse-connect=\"(/compare/([A-Za-z0-9_-]{22})/stream)\"");

    /** Run id -> what rendering its next frame throws. */
    private final Map<String, Runnable> doomed = new ConcurrentHashMap<>();

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests(), new App.Seams(System::currentTimeMillis, Health::jvmHeap, run -> {
            String id = run instanceof Simulation s ? s.id : run instanceof Pair p ? p.id : null;
            Runnable failure = id == null ? null : doomed.get(id);
            if (failure != null) failure.run();
        }));
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;   // a real StackOverflowError
    }

    private Opened playing(String link) {
        Opened lab = open(link);
        assertEquals(200, htmx(lab.actions() + "/speed", "speed", "100").statusCode());
        assertEquals(200, htmx(lab.actions() + "/play").statusCode());
        return lab;
    }

    /** The step the lab is at now, from the link its speed control answers with (the speed stays 100). */
    private long stepNow(Opened lab) {
        String link = htmx(lab.actions() + "/speed", "speed", "100").headers().firstValue("HX-Replace-Url").orElseThrow();
        Matcher at = Pattern.compile("[?&]at=(\\d+)").matcher(link);
        return at.find() ? Long.parseLong(at.group(1)) : 0;
    }

    /** The next status event showing a step beyond `beyond`; fails if none comes in time. */
    private static long stepBeyond(SseStream s, long beyond) {
        SseStream.Event e = s.await(ev -> ev.name().equals("status") && ev.data().contains("id=\"step\"") && step(ev.data()) > beyond, LONG);
        assertNotNull(e, "the stream goes on beyond step " + beyond);
        return step(e.data());
    }

    private static SseStream.Event failure(SseStream s) {
        SseStream.Event e = s.await(ev -> ev.name().equals("status") && ev.data().contains("run-failed"), LONG);
        assertNotNull(e, "the stream says the run failed");
        return e;
    }

    @Test
    void anOutOfMemoryErrorFailsOneLabItsPageSaysSoAndTheOtherLabGoesOn() throws Exception {
        Opened victim = playing("/lab?scenario=case-2&pause=off"), other = playing("/lab?scenario=healthy");
        try (SseStream v = stream(client, victim.id()); SseStream o = stream(client, other.id())) {
            stepBeyond(v, 0);
            stepBeyond(o, 0);
            doomed.put(victim.id(), () -> {
                throw new OutOfMemoryError("injected: Java heap space");
            });

            String said = failure(v).data();
            assertTrue(said.contains("This run stopped: the server failed while computing it."), said);
            assertTrue(said.contains("The server ran out of memory."), said);
            Matcher link = Pattern.compile("<a href=\"(/lab\\?scenario=case-2&amp;at=\\d+&amp;pause=off)\">Open its link again to start it afresh</a>").matcher(said);
            assertTrue(link.find(), "the run's link: " + said);
            assertTrue(!said.contains("injected"), "the error's message is for the log, not the page");

            stepBeyond(o, stepNow(other) + 10);   // the other lab keeps advancing after the failure

            // A control of the failed lab reloads its link (htmx), or redirects there (a plain form).
            HttpResponse<String> pressed = htmx(victim.actions() + "/play");
            assertEquals(204, pressed.statusCode());
            assertEquals("true", pressed.headers().firstValue("HX-Refresh").orElse(""));
            HttpResponse<String> plain = plain(victim.actions() + "/step");
            assertEquals(303, plain.statusCode());
            String href = link.group(1).replace("&amp;", "&");
            assertEquals(href, plain.headers().firstValue("Location").orElse(""));

            // A new stream of the failed lab starts with the failure; its link opens a fresh one that plays.
            try (SseStream again = stream(client, victim.id())) {
                SseStream.Event first = again.next(WAIT);
                assertNotNull(first);
                assertEquals("status", first.name());
                assertTrue(first.data().contains("run-failed"), first.data());
            }
            Opened fresh = playing(href);
            assertNotEquals(victim.id(), fresh.id());
            try (SseStream f = stream(client, fresh.id())) {
                long from = stepBeyond(f, 0);
                stepBeyond(f, from);
            }
            htmx(fresh.actions() + "/pause");
        } finally {
            doomed.remove(victim.id());
            htmx(other.actions() + "/pause");
        }
        HttpResponse<String> health = get("/healthz");
        assertEquals(200, health.statusCode(), "one failed run is not an unhealthy server: " + health.body());
        assertTrue(new ObjectMapper().readTree(health.body()).path("simulations").path("failed").asLong() >= 1, health.body());
    }

    @Test
    void aStackOverflowFailsOneLabAndItsChinesePageSaysSo() {
        Opened victim = playing("/lab?scenario=case-2&pause=off&lang=zh"), other = playing("/lab?scenario=case-1&pause=off");
        try (SseStream v = stream(client, victim.id()); SseStream o = stream(client, other.id())) {
            stepBeyond(v, 0);
            doomed.put(victim.id(), () -> recurse(0));
            String said = failure(v).data();
            assertTrue(said.contains("这次运行已停止：服务器在计算它时出错。"), said);
            assertTrue(said.contains("计算嵌套过深（栈溢出）。"), said);
            assertTrue(said.contains("重新打开它的链接，从头开始"), said);
            assertTrue(said.contains("lang=zh"), "the link keeps the language: " + said);
            stepBeyond(o, stepNow(other) + 10);
        } finally {
            doomed.remove(victim.id());
            htmx(other.actions() + "/pause");
        }
    }

    @Test
    void aComparedPairThatThrowsFailsAloneAndItsPageOffersItsLink() {
        HttpResponse<String> page = get("/compare?a=scenario%3Dcase-2&b=scenario%3Dcase-2%26lr%3D0.03");
        assertEquals(200, page.statusCode());
        Matcher m = COMPARE_STREAM.matcher(page.body());
        assertTrue(m.find());
        String actions = "/compare/" + m.group(2);
        Opened lab = playing("/lab?scenario=healthy");
        assertEquals(303, post(actions + "/speed", "speed=100", "Content-Type", "application/x-www-form-urlencoded").statusCode());
        assertEquals(303, post(actions + "/play", "", "Content-Type", "application/x-www-form-urlencoded").statusCode());
        try (SseStream pair = SseStream.open(client, uri(m.group(1))); SseStream o = stream(client, lab.id())) {
            assertNotNull(pair.awaitNamed("status", LONG));
            doomed.put(m.group(2), () -> {
                throw new IllegalStateException("injected bug");
            });
            String said = failure(pair).data();
            assertTrue(said.contains("An unexpected error (IllegalStateException); it has been logged."), said);
            assertTrue(said.contains("href=\"/compare?a="), "the compare link: " + said);
            stepBeyond(o, stepNow(lab) + 10);
            assertEquals(303, post(actions + "/step", "", "Content-Type", "application/x-www-form-urlencoded").statusCode(),
                    "a control of the failed pair leads to its link");
        } finally {
            doomed.remove(m.group(2));
            htmx(lab.actions() + "/pause");
        }
    }
}
