package lab.deadrelu.web;

import io.javalin.http.Context;
import java.util.Map;
import lab.deadrelu.view.HomePage;
import lab.deadrelu.view.ScenarioCard;

/** Handlers of the HTML pages: read the request, build the page model, render. */
final class Pages {
    private Pages() {}

    static void home(Context ctx) {
        ctx.render("pages/home.jte", Map.of("page", new HomePage(ScenarioCard.all(PageUi.of(ctx)))));
    }
}
