package lab.deadrelu.web;

/** Answered with 429 and Retry-After. No stack trace: it is an expected outcome. */
public final class TooManyRequests extends RuntimeException {
    /** What ran out: this client's request rate ({@link RateLimit}), its address's new sessions or its address's simulations. */
    enum Kind { REQUESTS, NEW_SESSIONS, SIMULATIONS, CLASSES, CLASS_KEYS }

    final Kind kind;
    final long retryAfterSeconds;
    /** The limit that was reached (simulations per address), or 0. */
    final int limit;

    TooManyRequests(String client, long retryAfterSeconds) {
        this(Kind.REQUESTS, client + " is over the request rate; retry in " + retryAfterSeconds + " s", retryAfterSeconds, 0);
    }

    private TooManyRequests(Kind kind, String message, long retryAfterSeconds, int limit) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
        this.limit = limit;
    }

    static TooManyRequests newSessions(long retryAfterSeconds) {
        return new TooManyRequests(Kind.NEW_SESSIONS, "an address was given its share of new sessions; retry in " + retryAfterSeconds + " s",
                retryAfterSeconds, 0);
    }

    /** An address opened as many classes as it may for now. */
    public static TooManyRequests classes(long retryAfterSeconds) {
        return new TooManyRequests(Kind.CLASSES, "an address opened its share of classes; retry in " + retryAfterSeconds + " s", retryAfterSeconds, 0);
    }

    /** An address sent too many wrong teacher keys. */
    public static TooManyRequests classKeys(long retryAfterSeconds) {
        return new TooManyRequests(Kind.CLASS_KEYS, "an address sent too many wrong class keys; retry in " + retryAfterSeconds + " s",
                retryAfterSeconds, 0);
    }

    static TooManyRequests simulations(int limit, long retryAfterSeconds) {
        return new TooManyRequests(Kind.SIMULATIONS, "an address already runs " + limit + " simulations", retryAfterSeconds, limit);
    }
}
