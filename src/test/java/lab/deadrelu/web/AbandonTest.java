package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Registry;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, abandoned work. Simulations opened and abandoned are evicted, and the heap comes back;
 * SSE clients cut mid-stream leave no listener and no thread behind. CI runs 2,000 simulations and
 * 200 clients; the figures are a command:
 * {@code mvn -o -B test -Dtest=AbandonTest -Dabandon.sims=10000 -Dabandon.clients=500}.
 */
class AbandonTest extends HttpTestBase {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final ServerLog LOG = new ServerLog();

    static final int SIMS = Integer.getInteger("abandon.sims", 2_000);
    static final int CLIENTS = Integer.getInteger("abandon.clients", 200);
    static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\"");

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withLimits(new Config.Limits(10, 10, 100, 100_000)));
    }

    @Test
    void abandonedSimulationsAreEvictedAndTheHeapComesBack() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Registry registry = new Registry(8, 1_000_000, 60_000);
        RunSpec[] runs = {RunSpec.parse(Map.of("scenario", "case-1"), Set.of()), RunSpec.parse(Map.of("scenario", "healthy"), Set.of()),
                RunSpec.parse(Map.of("scenario", "case-2", "at", "20"), Set.of())};
        long before = settledHeap(memory);
        long now = 1_000_000L;
        long start = System.nanoTime();
        for (int i = 0; i < SIMS; i++) registry.open(Sessions.newId(), runs[i % runs.length], now);
        long openMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(SIMS, registry.size());
        long full = settledHeap(memory);

        assertEquals(0, registry.evictIdle(now + 30_000), "nothing is idle yet");
        int evicted = registry.evictIdle(now + 61_000);
        assertEquals(SIMS, evicted);
        assertEquals(0, registry.size(), "no live simulation is left");
        long after = settledHeap(memory);

        long mb = 1 << 20;
        System.out.printf("AbandonTest: %d simulations opened in %d ms; heap before %d MB, with them %d MB (%.1f KB each), after eviction %d MB%n",
                SIMS, openMs, before / mb, full / mb, (full - before) / 1024.0 / SIMS, after / mb);
        long tolerance = Math.max(16 * mb, (full - before) / 10);
        assertTrue(after <= before + tolerance, () -> "heap after eviction " + after / mb + " MB, before " + before / mb + " MB");
    }

    @Test
    void sseClientsCutMidStreamLeaveNoListenerAndNoThread() throws Exception {
        Streams streams = app.unsafe.appDataManager.get(App.LIVE).streams();
        int sendersBefore = threads("sse-sender");
        int allBefore = Thread.activeCount();

        // browsers of 8 labs each, each lab watched by several tabs, every lab playing
        List<String[]> labs = new ArrayList<>();   // session, id
        int browsers = Math.max(1, CLIENTS / 40);
        for (int b = 0; b < browsers; b++) {
            String session = newSession();
            for (int l = 0; l < 8; l++) {
                RawHttp.Response page = RawHttp.send(app.port(), get("/lab?scenario=" + (l % 2 == 0 ? "case-1&pause=off" : "healthy"), session) + "\r\nConnection: close", null, 10_000);
                assertEquals(200, page.status(), page.body());
                Matcher m = STREAM.matcher(page.body());
                assertTrue(m.find());
                labs.add(new String[] {session, m.group(1)});
            }
        }
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                String[] lab = labs.get(c % labs.size());
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write((get("/lab/" + lab[1] + "/stream", lab[0]) + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                sockets.add(s);
            }
            for (String[] lab : labs) {
                RawHttp.Response played = RawHttp.send(app.port(), post("/lab/" + lab[1] + "/play", lab[0]), new byte[0], 10_000);
                assertEquals(303, played.status(), played.body());
            }
            for (Socket s : sockets) readSome(s.getInputStream(), 256);   // each is mid-stream: it has had its first frame
            awaitClients(streams, CLIENTS, 20_000);
            System.out.printf("AbandonTest: %d SSE clients on %d playing labs; sse-sender threads %d, all threads %d%n",
                    streams.clients(), labs.size(), threads("sse-sender"), Thread.activeCount());
        } finally {
            for (Socket s : sockets) {
                s.setSoLinger(true, 0);   // cut: a reset, not a polite close
                s.close();
            }
        }
        long cut = System.nanoTime();
        awaitClients(streams, 0, 30_000);
        System.out.printf("AbandonTest: clients back to 0 in %d ms after the cut; sse-sender threads %d -> %d; all threads %d -> %d%n",
                (System.nanoTime() - cut) / 1_000_000, sendersBefore, threads("sse-sender"), allBefore, Thread.activeCount());
        // the senders are a fixed pool of 4, started as work comes: never more, however many clients came and went
        assertTrue(threads("sse-sender") <= 4, "no sse-sender thread leak: " + threads("sse-sender"));
        Registry registry = app.unsafe.appDataManager.get(App.LIVE).registry();
        for (String[] lab : labs) assertTrue(registry.get(lab[1], lab[0]) == null || !streams.watched(lab[1]), "nobody watches a cut lab");
    }

    private String get(String path, String session) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\nCookie: " + Sessions.COOKIE + "=" + session;
    }

    private String post(String path, String session) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\nConnection: close\r\nCookie: " + Sessions.COOKIE + "=" + session
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0";
    }

    private static void readSome(InputStream in, int bytes) throws Exception {
        byte[] buf = new byte[bytes];
        int got = 0;
        while (got < bytes) {
            int n = in.read(buf, got, bytes - got);
            if (n < 0) throw new AssertionError("the stream ended early: " + new String(buf, 0, got, StandardCharsets.UTF_8));
            got += n;
        }
    }

    private static void awaitClients(Streams streams, int wanted, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (streams.clients() != wanted && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertEquals(wanted, streams.clients(), "SSE clients registered");
    }

    private static int threads(String name) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals(name) && t.isAlive()) n++;
        return n;
    }

    private static long settledHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
