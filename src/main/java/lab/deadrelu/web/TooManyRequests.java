package lab.deadrelu.web;

/** Thrown by {@link RateLimit}; answered with 429 and Retry-After. No stack trace: it is an expected outcome. */
final class TooManyRequests extends RuntimeException {
    final long retryAfterSeconds;

    TooManyRequests(String client, long retryAfterSeconds) {
        super(client + " is over the request rate; retry in " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
