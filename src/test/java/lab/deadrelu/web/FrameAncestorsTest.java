package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameAncestorsTest extends HttpTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.fromEnv(Map.of("PORT", "0", "FRAME_ANCESTORS", "'self' https://course.example"), false));
    }

    @Test
    void theConfiguredEmbeddersAreAllowedToFrameThePages() {
        String csp = get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.endsWith("; frame-ancestors 'self' https://course.example"), csp);
    }
}
