package lab.deadrelu.sim;

/**
 * Why a simulation (or pair) stopped for good: what was thrown while the ticker stepped or rendered
 * it. The run's link still opens it afresh; only this live copy is given up.
 *
 * @param kind  what sort of failure, for the page's words
 * @param error the throwable's class and message, for the log (not shown to students)
 */
public record Failure(Kind kind, String error) {

    public enum Kind {
        /** OutOfMemoryError: the heap (or another JVM resource) ran out. */
        MEMORY,
        /** StackOverflowError: a computation recursed too deep. */
        STACK,
        /** Anything else: a bug. */
        ERROR;

        /** Lower case, for message keys and JSON. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Longest error text kept: a message may embed a whole value. */
    static final int MAX_ERROR = 300;

    public static Failure of(Throwable t) {
        Kind kind = t instanceof OutOfMemoryError ? Kind.MEMORY : t instanceof StackOverflowError ? Kind.STACK : Kind.ERROR;
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        text = text.replaceAll("\\p{Cntrl}+", " ");
        return new Failure(kind, text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text);
    }

    /** The throwable's class name alone (what the page may name for an unexpected error). */
    public String errorClass() {
        int colon = error.indexOf(':');
        return colon < 0 ? error : error.substring(0, colon);
    }
}
