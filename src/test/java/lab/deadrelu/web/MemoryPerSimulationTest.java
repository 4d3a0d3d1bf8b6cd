package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.MemoryBudget;
import lab.deadrelu.sim.MemoryCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement for the README's "Memory" section, not a check: opens N simulations of a link through
 * HTTP, each from a new browser (no cookie jar, so each request is a new session), and reports the heap
 * the idle simulations hold (MemoryMXBean after a full GC, before and after) next to what MemoryCost
 * estimates and what the server charged them. Run it with
 * {@code mvn -o -q test -Dtest=MemoryPerSimulationTest -Ddeadrelu.measure=true}.
 */
@EnabledIfSystemProperty(named = "deadrelu.measure", matches = "true")
class MemoryPerSimulationTest {
    /** The post's network (n = 8), the deep scenario (3-32-32-32-1, n = 64), and 8 hidden layers of 64 on 10,000 samples. */
    private static final Map<String, Integer> LINKS = new LinkedHashMap<>();

    static {
        LINKS.put("scenario=case-2", 200);
        LINKS.put("scenario=case-2&at=2000", 200);
        LINKS.put("scenario=deep-net-works-anyway", 100);
        LINKS.put("scenario=case-2&layers=8-64-64-64-64-64-64-64-64-1&n=10000&lr=0.0001", 20);
    }

    @Test
    void heapPerIdleSimulation() throws Exception {
        for (Map.Entry<String, Integer> link : LINKS.entrySet()) {
            int n = link.getValue();
            Javalin app = App.create(Config.forTests().withLimits(new Config.Limits(10, 60, 8, 100_000))
                    .withMemory(new Config.Memory(90, 0, 100))).start(0);
            try {
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/lab?" + link.getKey())).GET().build();
                assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());   // warm up
                MemoryBudget budget = app.unsafe.appDataManager.get(App.LIVE).registry().memory();
                long before = heapAfterGc(), chargedBefore = budget.used();
                for (int i = 0; i < n; i++) {
                    assertEquals(200, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                }
                long after = heapAfterGc(), charged = budget.used() - chargedBefore;
                MemoryCost.Parts estimate = MemoryCost.simulationParts(parse(link.getKey()));
                System.out.printf("MEASURE %s: %d simulations, heap %.1f MB -> %.1f MB: measured %.1f KB per idle simulation; "
                                + "estimated %.1f KB (%.1f KB of it room for the next events), charged %.1f KB; %s%n",
                        link.getKey(), n, before / 1e6, after / 1e6, (after - before) / 1e3 / n, estimate.total() / 1e3,
                        estimate.events() / 1e3, charged / 1e3 / n, estimate);
            } finally {
                app.stop();
            }
        }
    }

    private static RunSpec parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        return RunSpec.parse(params, Set.of());
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
