package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Behind a proxy at /relu, every experiment link, stream and download carries the prefix. */
class ExperimentsBasePathTest extends HttpTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withBasePath("/relu"));
    }

    @Test
    void linksStreamsAndDownloadsCarryTheBasePath() throws InterruptedException {
        HttpResponse<String> r = get("/relu/experiments/sweep?scenario=case-2&seeds=3&steps=10&lang=zh");
        assertEquals(303, r.statusCode());
        String link = r.headers().firstValue("Location").orElseThrow();
        assertEquals("/relu/experiments/sweep?scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=3&steps=10&lang=zh", link);
        String body = get(link).body();
        for (int i = 0; i < 100 && !body.contains("result-heading"); i++) {
            Thread.sleep(100);
            body = get(link).body();
        }
        assertTrue(body.contains("href=\"/relu/api/experiments/sweep.csv?scenario=case-2&amp;vary=lr"), body);
        assertTrue(body.contains("href=\"/relu/lab?scenario=case-2&amp;lr=0.01"), body);
        assertTrue(body.contains("<a href=\"/relu/experiments/sweep?lang=zh\">"), "the header's navigation");
        HttpResponse<String> json = get("/relu/api/experiments/sweep?scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=3&steps=10");
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"lab\":\"/relu/lab?scenario=case-2"), json.body());
    }
}
