package lab.deadrelu.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests another site made a browser send (CSRF). Browsers tell us where a
 * request comes from in Sec-Fetch-Site and Origin; requests carrying neither (curl, scripts, tests)
 * cannot ride on a visitor's cookies, so they pass. An Origin must name the lab's public origin
 * exactly: scheme, host and port.
 */
public final class CrossSiteGuard implements Handler {
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);

    @Override
    public void handle(Context ctx) {
        if (!UNSAFE.contains(ctx.method())) return;
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new CrossSiteRequestRefused("Sec-Fetch-Site: " + site);
        }
        String origin = ctx.header("Origin");
        // A page sent with Referrer-Policy: no-referrer (a class view: its address holds the teacher's key) makes
        // the browser send "Origin: null" with its forms; Sec-Fetch-Site, which no page can forge, still says same-origin.
        boolean hiddenOrigin = "null".equals(origin) && "same-origin".equals(site);
        if (origin != null && !hiddenOrigin && !origin(origin).equals(publicOrigin(ctx))) {
            throw new CrossSiteRequestRefused("Origin: " + origin + " (this lab is at " + publicOrigin(ctx) + ")");
        }
    }

    /**
     * Where visitors reach the lab, as an origin ("https://relu.example.edu", "http://localhost:7070"):
     * PUBLIC_URL when set; else this request's scheme, Host and port. X-Forwarded-Proto and
     * X-Forwarded-Host say what the proxy was asked for, but any client can send them, so they count
     * only with TRUST_PROXY=true (then their last value: the one our proxy set).
     */
    public static String publicOrigin(Context ctx) {
        Config.Clients clients = ctx.appData(App.SITE).config().clients();
        if (clients.publicUrl() != null) return clients.publicUrl();
        String scheme = ctx.scheme(), host = ctx.header("Host");
        if (host == null || host.isBlank()) host = ctx.req().getServerName() + ":" + ctx.req().getServerPort();
        if (clients.trustProxy()) {
            String proto = last(ctx.header("X-Forwarded-Proto")), forwardedHost = last(ctx.header("X-Forwarded-Host"));
            if (proto != null) scheme = proto;
            if (forwardedHost != null) host = forwardedHost;
        }
        String own = origin(scheme + "://" + host.trim());
        return own.isEmpty() ? scheme + "://" + host.trim() : own;
    }

    /** Whether visitors reach the lab over https (its session cookie is then Secure). */
    static boolean overHttps(Context ctx) {
        return publicOrigin(ctx).startsWith("https://");
    }

    /**
     * An origin reduced to compare: lower-case scheme and host, the port only when not the scheme's
     * default. "" for anything that is not an http(s) origin ("null" from sandboxed frames, garbage).
     */
    static String origin(String raw) {
        try {
            URI uri = new URI(raw.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) return "";
            int port = uri.getPort();
            boolean standard = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String last(String header) {
        if (header == null) return null;
        String[] values = header.split(",");
        String v = values[values.length - 1].trim();
        return v.isEmpty() ? null : v.toLowerCase(Locale.ROOT);
    }
}
