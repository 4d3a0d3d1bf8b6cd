package lab.deadrelu.engine;

import java.util.SplittableRandom;

/**
 * Every random stream of a run is derived from its seed and a purpose, so that (say) drawing new
 * weights never changes the data set, and any epoch's shuffle can be made without replaying earlier ones.
 */
public final class Seeds {
    public static final long DATA = 1, INIT = 2, SHUFFLE = 3, REINIT = 4, REDRAW = 5, NOISE = 6, RECYCLE = 7, SHIFT = 8;

    private Seeds() {}

    /** A random source for (seed, purpose, keys...): SplitMix64's finalizer folded over the keys. */
    public static SplittableRandom derive(long seed, long purpose, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L * (purpose + 1));
        for (long k : keys) h = mix(h ^ (k + 0x632BE59BD9B4E019L));
        return new SplittableRandom(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw by the polar method, through StrictMath so every JVM agrees bit for bit. */
    public static double gaussian(SplittableRandom rng) {
        while (true) {
            double u = 2 * rng.nextDouble() - 1, v = 2 * rng.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        }
    }
}
