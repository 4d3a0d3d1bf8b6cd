package lab.deadrelu.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser's session, in the cookie lab_session: a 128-bit random id and its HMAC-SHA256 under
 * SESSION_SECRET, "id.mac". Only ids this server (or another instance with the same secret) issued
 * are accepted, so a client cannot make up ids to get fresh per-browser limits, nor pick another
 * browser's id. An unknown, malformed or forged cookie is silently replaced by a new session. New
 * sessions are rationed per address (a token bucket: NEW_SESSION_BURST at once, then
 * NEW_SESSIONS_PER_MINUTE); beyond that a 429 says to wait. Nothing is stored server-side per session.
 */
public final class Sessions {
    public static final String COOKIE = "lab_session";
    static final Key<Sessions> KEY = new Key<>("lab.deadrelu.sessions");
    private static final String ATTRIBUTE = "lab.session.id", VERIFIED = "lab.session.verified";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    /** Addresses remembered at most by the new-session buckets (as RateLimit's). */
    static final int MAX_ADDRESSES = 100_000;

    private final SecretKeySpec key;
    private final TokenBuckets newPerAddress;

    Sessions(Config.Clients clients, LongSupplier nanoClock) {
        this.key = new SecretKeySpec(clients.sessionSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.newPerAddress = new TokenBuckets(clients.newSessionsPerMinute(), clients.newSessionBurst(), MAX_ADDRESSES, nanoClock);
    }

    /** This browser's id: the signed cookie's, else a fresh one set on the response (once per request). */
    public static String id(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) return known;
        String id = verified(ctx);
        if (id == null) id = ctx.appData(KEY).issue(ctx);
        ctx.attribute(ATTRIBUTE, id);
        return id;
    }

    /** The id of the request's cookie if this server signed it, else null. Checked once per request. */
    public static String verified(Context ctx) {
        Object known = ctx.attribute(VERIFIED);
        if (known != null) return known instanceof String s ? s : null;
        String id = ctx.appData(KEY).idIn(ctx.cookie(COOKIE));
        ctx.attribute(VERIFIED, id == null ? Boolean.FALSE : id);
        return id;
    }

    /** A new session for this request's address, or a 429 when that address had its share of new sessions. */
    private String issue(Context ctx) {
        long wait = newPerAddress.take(ClientAddress.of(ctx));
        if (wait > 0) throw TooManyRequests.newSessions(wait);
        String id = newId();
        // Session cookie (no Max-Age): the link, not the cookie, carries a run's state.
        if (Embedding.requestedLeniently(ctx)) ctx.res().addHeader("Set-Cookie", embedded(cookieValue(id)));
        else ctx.cookie(new Cookie(COOKIE, cookieValue(id), "/", -1, CrossSiteGuard.overHttps(ctx), true, null, SameSite.LAX));
        return id;
    }

    /** The id a cookie value carries if its MAC is right (compared in constant time), else null. */
    String idIn(String value) {
        if (value == null || value.length() != 22 + 1 + 43 || value.charAt(22) != '.') return null;
        String id = value.substring(0, 22);
        if (!isWellFormed(id)) return null;
        byte[] sent = value.substring(23).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(sent, mac(id).getBytes(StandardCharsets.US_ASCII)) ? id : null;
    }

    /** What the cookie holds for `id`: "id.mac". Tests sign their own ids with it (the app's instance: {@link #of}). */
    String cookieValue(String id) {
        return id + "." + mac(id);
    }

    static Sessions of(io.javalin.Javalin app) {
        return app.unsafe.appDataManager.get(KEY);
    }

    private String mac(String id) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return BASE64.encodeToString(hmac.doFinal(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * The cookie of a lab opened in embed mode. In a course page's frame on another site a Lax cookie is
     * neither stored nor sent, so every control and stream would come from a "new browser" and find no
     * simulation: SameSite=None (which browsers take only with Secure: https, or localhost), and
     * Partitioned, so it lives in a jar of that course site's own and still works where browsers block
     * third-party cookies. (Javalin's Cookie has no Partitioned, hence the header by hand.)
     */
    static String embedded(String value) {
        return COOKIE + "=" + value + "; Path=/; Secure; HttpOnly; SameSite=None; Partitioned";
    }

    static String newId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return BASE64.encodeToString(bits);
    }

    /** 16 bytes in URL-safe base64 without padding: 22 characters, the last carrying 2 bits (so A, Q, g or w). */
    static boolean isWellFormed(String id) {
        return id != null && id.length() == 22 && id.matches("[A-Za-z0-9_-]{21}[AQgw]");
    }
}
