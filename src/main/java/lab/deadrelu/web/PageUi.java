package lab.deadrelu.web;

import io.javalin.http.Context;
import lab.deadrelu.sim.Viewer;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.site.Ui;

/** Builds the {@link Ui} of a request once and keeps it on the request. */
public final class PageUi {
    private static final String ATTRIBUTE = "lab.ui";

    private PageUi() {}

    /** @throws BadRequest for an unknown ?lang=, or a lab's ?embed= other than 1 */
    public static Ui of(Context ctx) {
        Ui ui = ctx.attribute(ATTRIBUTE);
        if (ui != null) return ui;
        String path = appPath(ctx);
        Language.Choice c = Language.choose(ctx.queryParam("lang"), ctx.header("Accept-Language"), withoutLang(path, ctx.queryString()));
        ui = build(ctx, c, path, Embedding.requested(ctx));
        ctx.attribute(ATTRIBUTE, ui);
        return ui;
    }

    /** What a simulation keeps of the page that opened it, to write its frames later. */
    public static Viewer viewer(Ui ui) {
        return new Viewer(ui.lang().code, ui.path(), ui.query(), ui.langFromQuery(), ui.embed());
    }

    /** The page's words and links for a simulation's frames, as the page that opened it had them. */
    public static Ui of(Viewer v, App.Site site) {
        return new Ui(Lang.fromCode(v.lang()), site.config().basePath(), v.path(), v.query(), v.langFromQuery(), v.embed(), site.assets());
    }

    /** For error pages: an invalid ?lang= falls back to Accept-Language instead of failing again. */
    static Ui lenient(Context ctx) {
        Ui ui = ctx.attribute(ATTRIBUTE);
        if (ui != null) return ui;
        return build(ctx, Language.chooseLeniently(ctx.queryParam("lang"), ctx.header("Accept-Language")), appPath(ctx),
                Embedding.requestedLeniently(ctx));
    }

    private static Ui build(Context ctx, Language.Choice c, String path, boolean embed) {
        App.Site site = ctx.appData(App.SITE);
        return new Ui(c.lang(), site.config().basePath(), path, ctx.queryString(), c.fromQuery(), embed, site.assets());
    }

    /** The same app path and query with every lang parameter dropped: where to go after a bad ?lang=. */
    static String withoutLang(String path, String query) {
        if (query == null) return path;
        StringBuilder kept = new StringBuilder();
        for (String part : query.split("&")) {
            if (part.isEmpty() || part.equals("lang") || part.startsWith("lang=")) continue;
            kept.append(kept.length() == 0 ? "?" : "&").append(part);
        }
        return path + kept;
    }

    /** The request path inside the app: without the base path the app is hosted under. */
    public static String appPath(Context ctx) {
        String path = ctx.path();
        String base = ctx.appData(App.SITE).config().basePath();
        String inside = !base.isEmpty() && path.startsWith(base) ? path.substring(base.length()) : path;
        // "//evil.example" echoed into a link would point off-site.
        return inside.isEmpty() ? "/" : inside.replaceFirst("^[/\\\\]+", "/");
    }
}
