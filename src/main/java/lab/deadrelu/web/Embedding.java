package lab.deadrelu.web;

import io.javalin.http.Context;

/**
 * The lab's embed mode, ?embed=1: the lab without the site's header and footer, for an iframe on a
 * course page. Only the lab has it, and only its answers may be framed by FRAME_ANCESTORS; every other
 * page keeps frame-ancestors 'self', so a course site can show the lab but not, say, the course builder.
 */
final class Embedding {
    private Embedding() {}

    /** The lab asked for in embed mode; any other value of embed is a 400 naming it. */
    static boolean requested(Context ctx) {
        if (!onLab(ctx)) return false;
        String raw = ctx.queryParam("embed");
        if (raw != null && !raw.equals("1")) throw new BadRequest("embed", raw, "1 (the lab without the site's header and footer)");
        return raw != null;
    }

    /** For error pages: embed=1 shows them framed too, a bad value does not (that is the error shown). */
    static boolean requestedLeniently(Context ctx) {
        return onLab(ctx) && "1".equals(ctx.queryParam("embed"));
    }

    /**
     * May FRAME_ANCESTORS frame this answer? A lab link with embed, valid or not: its 400 must show in
     * the course page's frame rather than as the browser's "refused to connect".
     */
    static boolean framable(Context ctx) {
        return onLab(ctx) && ctx.queryParam("embed") != null;
    }

    private static boolean onLab(Context ctx) {
        return PageUi.appPath(ctx).equals("/lab");
    }
}
