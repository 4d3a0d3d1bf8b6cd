package lab.deadrelu.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.function.LongSupplier;

/**
 * A before-filter: each client may send {@code REQUESTS_PER_MINUTE} requests, in bursts of up to
 * {@code REQUEST_BURST}; over that it gets a 429 ({@link TooManyRequests}). A client is its session
 * cookie, if this server signed it. Requests without one (a student's first page, scripts, made-up or
 * forged cookies) are counted per address ({@link ClientAddress}) in a bucket
 * {@link #SHARED_ADDRESS} times larger, since a school network or the reverse proxy puts a whole
 * class behind one address. Static files, webjars and health checks never count: they are cached
 * and cheap. An SSE stream counts once, when it opens.
 */
public final class RateLimit implements Handler {
    /** How many clients the per-address bucket stands for. */
    static final int SHARED_ADDRESS = 10;
    /** Clients remembered at most, per kind of key (about 100 bytes each). */
    public static final int MAX_CLIENTS = 100_000;

    private final TokenBuckets sessions, addresses;

    RateLimit(Config.Limits limits, LongSupplier nanoClock) {
        sessions = new TokenBuckets(limits.requestsPerMinute(), limits.requestBurst(), MAX_CLIENTS, nanoClock);
        addresses = new TokenBuckets(limits.requestsPerMinute() * SHARED_ADDRESS, limits.requestBurst() * SHARED_ADDRESS,
                MAX_CLIENTS, nanoClock);
    }

    @Override
    public void handle(Context ctx) {
        if (exempt(PageUi.appPath(ctx))) return;
        String session = Sessions.verified(ctx);
        long wait = session != null ? sessions.take(session) : addresses.take(ClientAddress.of(ctx));
        if (wait > 0) throw new TooManyRequests(session != null ? "a session" : "an address", wait);
    }

    static boolean exempt(String appPath) {
        return appPath.startsWith("/static/") || appPath.startsWith("/webjars/") || appPath.equals("/healthz") || appPath.equals("/metrics");
    }
}
