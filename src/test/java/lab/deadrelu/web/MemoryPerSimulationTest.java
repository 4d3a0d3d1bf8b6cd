package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement for the README's "memory per student", not a check: opens N simulations of a link
 * through HTTP, each from a new browser (no cookie jar, so each request is a new session), and reports
 * the heap the idle simulations hold (MemoryMXBean after a full GC, before and after). Run it with
 * {@code mvn -o -q test -Dtest=MemoryPerSimulationTest -Ddeadrelu.measure=true}.
 */
@EnabledIfSystemProperty(named = "deadrelu.measure", matches = "true")
class MemoryPerSimulationTest {
    private static final int N = 200;

    @Test
    void heapPerIdleSimulation() throws Exception {
        for (String link : new String[] {"/lab?scenario=case-2", "/lab?scenario=case-2&at=120", "/lab?scenario=case-2&at=2000"}) {
            Javalin app = App.create(Config.forTests().withLimits(new Config.Limits(10, 60, 8, 100_000))).start(0);
            try {
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + link)).GET().build();
                assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());   // warm up
                long before = heapAfterGc();
                for (int i = 0; i < N; i++) {
                    assertEquals(200, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                }
                long after = heapAfterGc();
                String health = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                System.out.printf("MEASURE %s (%s): %d simulations, heap %.1f MB -> %.1f MB, %.1f KB per idle simulation%n",
                        link, health, N, before / 1e6, after / 1e6, (after - before) / 1e3 / N);
            } finally {
                app.stop();
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
