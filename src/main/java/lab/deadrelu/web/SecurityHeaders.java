package lab.deadrelu.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Headers on every response. The CSP allows nothing inline: scripts and styles come only from our own
 * files, which is why templates carry no style= attributes, on*= handlers or inline script bodies.
 * FRAME_ANCESTORS applies to the lab's embed mode only (see {@link Embedding}); other pages keep 'self'.
 */
public final class SecurityHeaders implements Handler {
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors ";
    private final String page = POLICY + "'self'";
    private final String embedded;

    /** The policy with these frame ancestors ("'none'" for pages that must never be framed, such as a class view). */
    public static String policy(String frameAncestors) {
        return POLICY + frameAncestors;
    }

    SecurityHeaders(String frameAncestors) {
        this.embedded = POLICY + frameAncestors;
    }

    @Override
    public void handle(Context ctx) {
        ctx.header("Content-Security-Policy", Embedding.framable(ctx) ? embedded : page);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
    }
}
