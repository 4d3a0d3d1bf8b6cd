package lab.deadrelu.web.api;

import io.javalin.http.Context;
import lab.deadrelu.view.site.ScenarioCard;
import lab.deadrelu.web.Caching;
import lab.deadrelu.web.PageUi;

/** Handlers of the JSON API under /api/, for notebooks and scripts. */
public final class Api {
    private Api() {}

    /** The scenario presets: id, title, summary and the link of the lab page that opens each one. */
    public static void scenarios(Context ctx) {
        if (Caching.notModified(ctx, Caching.FOR_AN_HOUR, PageUi.of(ctx))) return;
        ctx.json(ScenarioCard.all(PageUi.of(ctx)));
    }
}
