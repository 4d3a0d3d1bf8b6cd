package lab.deadrelu.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests another site made a browser send (CSRF). Browsers tell us where a
 * request comes from in Sec-Fetch-Site and Origin; requests carrying neither (curl, scripts, tests)
 * cannot ride on a visitor's cookies, so they pass.
 */
final class CrossSiteGuard implements Handler {
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);

    @Override
    public void handle(Context ctx) {
        if (!UNSAFE.contains(ctx.method())) return;
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new CrossSiteRequestRefused("Sec-Fetch-Site: " + site);
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, ctx.header("Host"), ctx.header("X-Forwarded-Host"))) {
            throw new CrossSiteRequestRefused("Origin: " + origin);
        }
    }

    /**
     * Whether the Origin names the host the request was sent to. Behind a proxy that host may arrive as
     * X-Forwarded-Host; a browser cannot set that header cross-site, so trusting it opens nothing.
     */
    static boolean sameHost(String origin, String host, String forwardedHost) {
        String authority;
        try {
            authority = URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (authority == null) return false; // "null" origins: sandboxed frames, file pages
        String a = authority.toLowerCase(Locale.ROOT);
        return a.equals(lower(host)) || a.equals(lower(forwardedHost));
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
