package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import lab.deadrelu.view.site.ScenarioCard;
import org.junit.jupiter.api.Test;

/** Fragments render on their own (as SSE frames will) with the same escaping as pages. */
class JteRendererTest extends HttpTestBase {

    @Override
    protected Javalin createApp() {
        return Javalin.create(javalin -> {
            App.configure(javalin, Config.forTests());
            javalin.routes.get("/fragment", ctx -> ctx.html(JteRenderer.of(ctx).render("site/scenario_card.jte",
                    Map.of("ui", PageUi.of(ctx), "card", new ScenarioCard("x", "<b>bold</b>", "a & b", List.of("3-2-2-1"), "/lab?scenario=x")))));
        });
    }

    @Test
    void aFragmentRendersAloneWithItsParametersEscaped() {
        String html = get("/fragment?lang=zh").body();
        assertTrue(html.startsWith("<li class=\"scenario-card\" id=\"scenario-x\">"), html);
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"), html);
        assertTrue(html.contains("a &amp; b"), html);
        assertTrue(html.contains("在实验室中打开"), html);
        assertEquals(-1, html.indexOf("<html"), "no layout around a fragment");
    }
}
