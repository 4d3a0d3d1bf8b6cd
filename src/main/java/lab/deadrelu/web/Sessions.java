package lab.deadrelu.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The browser's session id, in the cookie lab_session: 128 random bits, so one browser cannot guess
 * another's id and see or drive its simulations. Nothing is stored server-side here; the id is a key.
 */
public final class Sessions {
    public static final String COOKIE = "lab_session";
    private static final String ATTRIBUTE = "lab.session.id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sessions() {}

    /** This browser's id: the cookie's when well-formed, else a fresh one, set on the response (once per request). */
    public static String id(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) return known;
        String id = ctx.cookie(COOKIE);
        if (!isWellFormed(id)) {
            id = newId();
            // Session cookie (no Max-Age): the link, not the cookie, carries a run's state.
            if (Embedding.requestedLeniently(ctx)) ctx.res().addHeader("Set-Cookie", embedded(id));
            else ctx.cookie(new Cookie(COOKIE, id, "/", -1, cameOverHttps(ctx), true, null, SameSite.LAX));
        }
        ctx.attribute(ATTRIBUTE, id);
        return id;
    }

    /**
     * The cookie of a lab opened in embed mode. In a course page's frame on another site a Lax cookie is
     * neither stored nor sent, so every control and stream would come from a "new browser" and find no
     * simulation: SameSite=None (which browsers take only with Secure: https, or localhost), and
     * Partitioned, so it lives in a jar of that course site's own and still works where browsers block
     * third-party cookies. (Javalin's Cookie has no Partitioned, hence the header by hand.)
     */
    static String embedded(String id) {
        return COOKIE + "=" + id + "; Path=/; Secure; HttpOnly; SameSite=None; Partitioned";
    }

    static String newId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** 16 bytes in URL-safe base64 without padding: 22 characters, the last carrying 2 bits (so A, Q, g or w). */
    static boolean isWellFormed(String id) {
        return id != null && id.length() == 22 && id.matches("[A-Za-z0-9_-]{21}[AQgw]");
    }

    private static boolean cameOverHttps(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(ctx.scheme())
                || (forwarded != null && forwarded.split(",")[0].trim().equalsIgnoreCase("https"));
    }
}
