package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Hosted behind a proxy under /relu: pages, assets and every link live under the prefix. */
class BasePathTest extends HttpTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withBasePath("/relu"));
    }

    @Test
    void theHomePageAndItsLinksLiveUnderTheBasePath() {
        HttpResponse<String> r = get("/relu/?lang=zh");
        assertEquals(200, r.statusCode());
        String body = r.body();
        assertTrue(body.contains("href=\"/relu/static/css/lab.css\""));
        assertTrue(body.contains("src=\"/relu/webjars/htmx.org/"));
        assertTrue(body.contains("href=\"/relu/lab?scenario=case-1&amp;lang=zh\""));
        assertTrue(body.contains("href=\"/relu/?lang=en\""), "language switch");
        assertTrue(body.contains("class=\"brand\" href=\"/relu/?lang=zh\""));
    }

    @Test
    void assetsAreServedUnderTheBasePath() {
        assertEquals(200, get("/relu/static/css/lab.css").statusCode());
        assertEquals(200, get("/relu/webjars/htmx-ext-sse/" + Webjars.version("htmx-ext-sse") + "/sse.js").statusCode());
    }

    @Test
    void errorPagesLinkHomeUnderTheBasePath() {
        HttpResponse<String> r = get("/relu/nothing");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("class=\"button\" href=\"/relu/\""));
    }
}
