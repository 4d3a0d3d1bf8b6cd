package lab.deadrelu.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Headers on every response. The CSP allows nothing inline: scripts and styles come only from our own
 * files, which is why templates carry no style= attributes, on*= handlers or inline script bodies.
 */
final class SecurityHeaders implements Handler {
    private final String csp;

    SecurityHeaders(String frameAncestors) {
        this.csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + frameAncestors;
    }

    @Override
    public void handle(Context ctx) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
    }
}
