package lab.deadrelu.engine;

import java.util.SplittableRandom;

/**
 * A moving target (continual learning): with `shift = K` the data set's targets change every K
 * updates. The state after t updates is in phase p = floor(t / K); the update from t to t+1 fits the
 * targets of phase p. Phase 0 is the data set's own targets; every later phase keeps the inputs and
 * draws new random labels, the usual "new random labels each task" test of plasticity.
 */
public final class Shift {
    public static final long MAX = 1_000_000;
    public static final String ALLOWED = "0 (off) or a whole number of updates from 1 to 1000000 (the targets change every K updates)";

    private Shift() {}

    /** Refuses a K outside 0..MAX (0: off). */
    public static void check(long every) {
        if (every < 0 || every > MAX) throw new InvalidParameter("shift", Long.toString(every), ALLOWED);
    }

    /** p = floor(t / K) after t updates; always 0 when off (K = 0). */
    public static long phase(long updates, long every) {
        return every <= 0 ? 0 : updates / every;
    }

    /**
     * The targets of phase p into `into`: phase 0 the data set's own, phase p >= 1 new random labels
     * y_s = N(0,1), s = 0..n-1 in order, from the stream (dataSeed, SHIFT, p) (docs/RANDOMNESS.md).
     */
    public static void targets(double[] own, long dataSeed, long phase, double[] into) {
        if (phase == 0) {
            System.arraycopy(own, 0, into, 0, own.length);
            return;
        }
        SplittableRandom rng = Seeds.derive(dataSeed, Seeds.SHIFT, phase);
        for (int s = 0; s < into.length; s++) into[s] = Seeds.gaussian(rng);   // y_s ~ N(0,1), phase p >= 1
    }
}
