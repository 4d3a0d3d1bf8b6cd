package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FRAME_ANCESTORS lets a course site frame the lab's embed mode, and nothing else. */
class FrameAncestorsTest extends HttpTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.fromEnv(Map.of("PORT", "0", "FRAME_ANCESTORS", "'self' https://course.example"), false));
    }

    private String frameAncestors(String path) {
        String csp = get(path).headers().firstValue("Content-Security-Policy").orElseThrow();
        return csp.substring(csp.indexOf("frame-ancestors "));
    }

    @Test
    void theConfiguredEmbeddersMayFrameTheLabInEmbedMode() {
        assertEquals("frame-ancestors 'self' https://course.example", frameAncestors("/lab?scenario=case-1&embed=1"));
        assertEquals("frame-ancestors 'self' https://course.example", frameAncestors("/lab?scenario=case-2&lang=zh&at=5&embed=1"));
    }

    @Test
    void anEmbeddedLinkThatFailsMayStillBeFramedSoTheFrameShowsWhy() {
        assertEquals("frame-ancestors 'self' https://course.example", frameAncestors("/lab?scenario=nope&embed=1"));
        assertEquals("frame-ancestors 'self' https://course.example", frameAncestors("/lab?scenario=case-1&embed=yes"));
    }

    @Test
    void everyOtherPageMayBeFramedOnlyByTheSiteItself() {
        for (String path : new String[] {"/", "/lab?scenario=case-1", "/course", "/compare", "/experiments", "/static/js/lab.js",
                "/nowhere?embed=1", "/course?embed=1"}) {
            assertEquals("frame-ancestors 'self'", frameAncestors(path), path);
        }
    }
}
