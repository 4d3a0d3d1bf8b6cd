package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Figures, printed, not asserted (quality targets are measured by the benchmark commands, never by
 * timed tests): how long the lab page takes, how big a frame is, how long a far link takes to open.
 * Times are round trips over localhost from this JVM, so they include the client's share.
 */
class LabFiguresTest extends LabTestBase {

    private long timeGet(String link) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(client, HttpRequest.newBuilder(uri(link)).GET());
        long t = System.nanoTime() - t0;
        assertEquals(200, r.statusCode(), link);
        return t;
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return (s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0) / 1e6;
    }

    private long frameBytes(String link) {
        Opened lab = open(link);
        long bytes = 0;
        Set<String> seen = new HashSet<>();
        try (SseStream s = stream(client, lab.id())) {
            while (seen.size() < REGIONS.size()) {
                SseStream.Event e = s.next(WAIT);
                if (e == null) throw new AssertionError("no whole frame for " + link);
                if (seen.add(e.name())) bytes += e.data().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return bytes;
    }

    @Test
    void printTheLabsServerTimeFrameSizeAndTimeToOpenAFarLink() {
        String page = "/lab?scenario=case-2";
        for (int i = 0; i < 30; i++) timeGet(page);   // warm up the JIT and the templates
        long[] t = new long[20];
        for (int i = 0; i < t.length; i++) t[i] = timeGet(page);

        HttpResponse<byte[]> gz = bytes(HttpRequest.newBuilder(uri(page)).header("Accept-Encoding", "gzip").GET());
        long plain = open(page).body().getBytes(StandardCharsets.UTF_8).length;

        long frame = frameBytes(page), frame100 = frameBytes("/lab?scenario=case-2&at=100"), deep = frameBytes("/lab?scenario=deep-net-works-anyway&at=300");

        long[] far = new long[3];
        for (int i = 0; i < far.length; i++) far[i] = timeGet("/lab?scenario=case-2&at=100000");

        System.out.printf("%n[lab figures] GET %s: median %.1f ms over 20 (min %.1f, max %.1f), after 30 warm-up requests%n",
                page, median(t), Arrays.stream(t).min().getAsLong() / 1e6, Arrays.stream(t).max().getAsLong() / 1e6);
        System.out.printf("[lab figures] page size: %,d bytes, %,d gzip-compressed (%s)%n", plain, gz.body().length,
                gz.headers().firstValue("Content-Encoding").orElse("not compressed"));
        System.out.printf("[lab figures] full frame (sum of the data of the first frame's 8 events): case-2 at 0: %,d bytes; at 100: %,d bytes; deep net at 300: %,d bytes%n",
                frame, frame100, deep);
        System.out.printf("[lab figures] GET /lab?scenario=case-2&at=100000: %.0f ms, %.0f ms, %.0f ms (three opens)%n%n",
                far[0] / 1e6, far[1] / 1e6, far[2] / 1e6);
    }

    private HttpResponse<byte[]> bytes(HttpRequest.Builder b) {
        try {
            return client.send(b.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
