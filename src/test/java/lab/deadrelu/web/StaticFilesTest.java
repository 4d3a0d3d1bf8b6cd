package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class StaticFilesTest extends HttpTestBase {

    @Test
    void htmxIsServedFromItsWebjarWithALongCacheHeader() {
        HttpResponse<String> r = get("/webjars/htmx.org/" + Webjars.version("htmx.org") + "/dist/htmx.min.js");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("htmx"));
        long maxAge = Long.parseLong(r.headers().firstValue("Cache-Control").orElseThrow().replaceAll(".*max-age=(\\d+).*", "$1"));
        assertTrue(maxAge >= 30L * 24 * 3600, "cached for at least a month, got " + maxAge);
    }

    @Test
    void theSseExtensionIsServedFromItsWebjar() {
        assertEquals(200, get("/webjars/htmx-ext-sse/" + Webjars.version("htmx-ext-sse") + "/sse.js").statusCode());
    }

    @Test
    void theStylesheetAndIconAreServed() {
        HttpResponse<String> css = get("/static/css/lab.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals(200, get("/static/favicon.svg").statusCode());
    }

    @Test
    void pagesAndStylesAreGzippedForBrowsersThatAcceptIt() {
        for (String path : new String[] {"/", "/static/css/lab.css", "/webjars/htmx.org/" + Webjars.version("htmx.org") + "/dist/htmx.min.js"}) {
            HttpResponse<String> r = get(path, "Accept-Encoding", "gzip");
            assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(null), path);
        }
    }

    @Test
    void versionsAreReadFromTheWebjarsThemselves() {
        assertTrue(Webjars.version("htmx.org").matches("2\\.\\d+\\.\\d+"));
        assertTrue(Webjars.version("htmx-ext-sse").matches("2\\.\\d+\\.\\d+"));
    }
}
