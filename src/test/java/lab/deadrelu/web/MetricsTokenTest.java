package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * With METRICS_TOKEN set, /metrics is served on the app's port too, but only to a scraper that sends
 * "Authorization: Bearer &lt;token&gt;"; the metrics listener asks for it as well.
 */
class MetricsTokenTest extends HttpTestBase {
    private static final String TOKEN = "s3cret-scraper-token-for-tests";

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withOps(Config.Ops.DEFAULT.withMetricsToken(TOKEN).withMetricsPort(0)));
    }

    private static void refused(HttpResponse<String> r, String what) {
        assertEquals(401, r.statusCode(), what);
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""), what);
        assertFalse(r.body().contains("jvm_"), what + ": nothing of the metrics");
    }

    @Test
    void theAppsPortAnswersMetricsOnlyToTheToken() {
        refused(get("/metrics"), "no Authorization");
        refused(get("/metrics", "Authorization", "Bearer " + TOKEN.substring(1)), "a wrong token");
        refused(get("/metrics", "Authorization", "Bearer " + TOKEN + "x"), "a longer token");
        refused(get("/metrics", "Authorization", "Basic " + TOKEN), "another scheme");
        refused(get("/metrics", "Authorization", "Bearer"), "an empty token");
        HttpResponse<String> ok = get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("lab_simulations_live"), ok.body());
        assertEquals(200, get("/metrics", "Authorization", "bearer " + TOKEN).statusCode(), "the scheme is case-insensitive");
    }

    @Test
    void theMetricsListenerAsksForTheTokenToo() {
        refused(getMetrics("/metrics"), "no Authorization on the listener");
        refused(getMetrics("/metrics", "Authorization", "Bearer nope-nope-nope-nope"), "a wrong token on the listener");
        assertEquals(200, getMetrics("/metrics", "Authorization", "Bearer " + TOKEN).statusCode());
    }

    @Test
    void healthzStaysPublic() {
        assertEquals(200, get("/healthz").statusCode());
    }
}
