package lab.deadrelu.web;

import io.javalin.http.Context;
import java.util.Map;
import lab.deadrelu.view.site.HomePage;
import lab.deadrelu.view.site.ScenarioCard;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.classes.Classes;

/** Handlers of the HTML pages: read the request, build the page model, render. */
final class Pages {
    private Pages() {}

    static void home(Context ctx) {
        Ui ui = PageUi.of(ctx);
        String classCode = Classes.homeClass(ctx);   // ?class=CODE: a student who joined a class without a start link picks a scenario
        ctx.render("site/home.jte", Map.of("page", new HomePage(ScenarioCard.all(ui, classCode), classCode == null ? "" : classCode)));
    }
}
