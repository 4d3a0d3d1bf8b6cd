package lab.deadrelu.engine;

/**
 * ReDo as a setting of the run (Sokar et al. 2023): after every `every`-th update, every hidden
 * neuron that is τ-dormant (see {@link Dormancy}) is recycled (see {@link Training#recycleDormant}).
 * {@link #OFF}: never.
 *
 * @param tau   the threshold τ in (0, 1]
 * @param every K >= 1: recycle after updates K, 2K, 3K, ...
 */
public record Recycling(double tau, long every) {
    public static final Recycling OFF = new Recycling(0, 0);
    public static final long MAX_EVERY = 1_000_000;
    public static final String TAU_ALLOWED = "a number τ with 0 < τ ≤ 1 (a neuron is recycled when its mean |a| is at most τ times"
            + " its layer's mean), e.g. 0.1";
    public static final String EVERY_ALLOWED = "a whole number of updates from 1 to 1000000 (recycle after every K-th update)";

    public Recycling {
        if (tau != 0 || every != 0) {
            if (!validTau(tau)) throw new InvalidParameter("redo", Double.toString(tau), TAU_ALLOWED);
            if (every < 1 || every > MAX_EVERY) throw new InvalidParameter("redoEvery", Long.toString(every), EVERY_ALLOWED);
        }
    }

    public static Recycling every(long every, double tau) {
        return new Recycling(tau, every);
    }

    /** 0 < τ ≤ 1. */
    public static boolean validTau(double tau) {
        return tau > 0 && tau <= 1;
    }

    public boolean on() {
        return every > 0;
    }

    /** True when recycling is due after update number `updates` (1-based: the step count after it). */
    public boolean dueAfter(long updates) {
        return on() && updates > 0 && updates % every == 0;
    }
}
