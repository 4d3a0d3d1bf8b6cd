package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CSP forbids inline code and styles; every page we render must work without them. */
class MarkupPolicyTest extends HttpTestBase {
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern INLINE_HANDLER = Pattern.compile("(?i)\\son[a-z]+\\s*=");
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("(?i)\\sstyle\\s*=");
    private static final Pattern SCRIPT = Pattern.compile("(?is)<script\\b([^>]*)>(.*?)</script>");

    @Override
    protected Javalin createApp() {
        return Javalin.create(javalin -> {
            App.configure(javalin, Config.forTests());
            javalin.routes.get("/throws/bug", ctx -> {
                throw new IllegalStateException("bug");
            });
        });
    }

    @Test
    void noPageHasInlineScriptsStylesOrEventHandlers() {
        String[] pages = {
            get("/").body(), get("/?lang=zh").body(), get("/?lang=xx").body(), get("/no/such/page").body(),
            get("/throws/bug").body(), post("/", "").body(), post("/", "", "Sec-Fetch-Site", "cross-site").body()
        };
        for (String html : pages) {
            assertTrue(html.startsWith("<!DOCTYPE html>"), html);
            assertNoInlineCode(html);
        }
    }

    static void assertNoInlineCode(String html) {
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<style"), "no <style> element");
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String attributes = tags.group(2);
            assertFalse(INLINE_HANDLER.matcher(attributes).find(), "inline handler in " + tags.group());
            assertFalse(STYLE_ATTRIBUTE.matcher(attributes).find(), "style attribute in " + tags.group());
            assertFalse(attributes.toLowerCase(Locale.ROOT).contains("javascript:"), "javascript: URL in " + tags.group());
        }
        Matcher scripts = SCRIPT.matcher(html);
        while (scripts.find()) {
            assertTrue(scripts.group(1).contains("src="), "script without src: " + scripts.group());
            assertTrue(scripts.group(2).isBlank(), "inline script body: " + scripts.group());
        }
    }
}
