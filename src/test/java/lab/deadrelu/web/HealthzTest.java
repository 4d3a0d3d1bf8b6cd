package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * /healthz tells a load balancer the truth: 200 while the server works, 503 with "unhealthy" and the
 * reasons when its ticker is stuck or its heap is exhausted. The real app, with its clock and its heap
 * reading handed in, and its ticker really stuck (a render that blocks).
 */
class HealthzTest extends LabTestBase {
    private final AtomicLong shiftMillis = new AtomicLong();
    private final AtomicReference<Health.Memory> memory = new AtomicReference<>(new Health.Memory(30, 100));
    /** When set, the next frame to render waits for it, and with it the whole tick. */
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final CountDownLatch held = new CountDownLatch(1);

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests(), new App.Seams(() -> System.currentTimeMillis() + shiftMillis.get(), memory::get, run -> {
            CountDownLatch wait = hold.get();
            if (wait == null) return;
            held.countDown();
            try {
                wait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the app is stopping
            }
        }));
    }

    @AfterEach
    void healthyAgain() {
        CountDownLatch wait = hold.getAndSet(null);
        if (wait != null) wait.countDown();
        memory.set(new Health.Memory(30, 100));
    }

    private record Health503(int status, JsonNode json, HttpResponse<String> response) {}

    private Health503 health() throws Exception {
        HttpResponse<String> r = get("/healthz");
        return new Health503(r.statusCode(), new ObjectMapper().readTree(r.body()), r);
    }

    /** Polls /healthz until it answers `status` (generous deadline: the machine may be busy). */
    private Health503 awaitHealth(int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Health503 h = health();
            if (h.status() == status) return h;
            if (System.nanoTime() > deadline) throw new AssertionError("/healthz never answered " + status + ": " + h.response().body());
            Thread.sleep(50);
        }
    }

    @Test
    void healthyIs200WithStatusOk() throws Exception {
        Health503 h = awaitHealth(200);
        assertEquals("ok", h.json().path("status").asText());
        assertEquals(0, h.json().path("reasons").size());
        assertEquals(30, h.json().path("memory").path("usedAfterGcPercent").asInt());
        assertEquals(70, h.json().path("memory").path("headroomPercent").asInt());
    }

    @Test
    void anExhaustedHeapIs503WithTheReasonAndTheSameFields() throws Exception {
        memory.set(new Health.Memory(97, 100));
        Health503 h = health();
        assertEquals(503, h.status(), h.response().body());
        assertEquals("unhealthy", h.json().path("status").asText());
        assertEquals(1, h.json().path("reasons").size(), h.response().body());
        assertTrue(h.json().path("reasons").get(0).asText().contains("heap is exhausted: 97%"), h.response().body());
        assertEquals(97, h.json().path("memory").path("usedAfterGcPercent").asInt());
        assertEquals("running", h.json().path("ticker").path("state").asText(), "the same JSON as when healthy");
        assertTrue(h.json().path("simulations").has("live") && h.json().path("experiments").has("threads"));
        assertEquals("5", h.response().headers().firstValue("Retry-After").orElse(""));

        memory.set(new Health.Memory(90, 100));
        assertEquals(200, health().status(), "90% after the last collection is busy, not exhausted");
    }

    @Test
    void aStuckTickerIs503AndHealthyAgainOnceItTicks() throws Exception {
        Opened lab = open("/lab?scenario=case-2");
        hold.set(new CountDownLatch(1));
        assertEquals(200, htmx(lab.actions() + "/play").statusCode());
        assertTrue(held.await(20, TimeUnit.SECONDS), "a frame to render, and the tick with it to stick");

        shiftMillis.addAndGet(10_000);   // ten seconds later, by the server's clock, with no tick done
        Health503 h = health();
        assertEquals(503, h.status(), h.response().body());
        assertEquals("unhealthy", h.json().path("status").asText());
        assertTrue(h.json().path("reasons").get(0).asText().startsWith("the ticker is stuck: no tick completed for 1"), h.response().body());
        assertTrue(h.json().path("ticker").path("lastTickAgeMillis").asLong() >= 10_000, h.response().body());

        hold.getAndSet(null).countDown();   // the render finishes: the ticker goes on
        Health503 back = awaitHealth(200);
        assertEquals("ok", back.json().path("status").asText());
        htmx(lab.actions() + "/pause");
    }
}
