package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * docs/RANDOMNESS.md says how a shuffled run orders its samples, for replays written elsewhere. This
 * test is such a replay: its generator is written from that page, not from java.util.SplittableRandom.
 */
class ShuffleReplayTest {

    /** SplitMix64 as the page spells it. */
    static final class PageGenerator {
        static final long GAMMA = 0x9E3779B97F4A7C15L;
        long s;

        PageGenerator(long seed) {
            s = seed;
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        static PageGenerator derive(long seed, long purpose, long... keys) {
            long h = mix(seed ^ (0x9E3779B97F4A7C15L * (purpose + 1)));
            for (long k : keys) h = mix(h ^ (k + 0x632BE59BD9B4E019L));
            return new PageGenerator(h);
        }

        long nextLong() {
            s += GAMMA;
            return mix(s);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        int nextInt() {
            s += GAMMA;
            long z = s;
            z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
            return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
        }

        int nextInt(int bound) {
            int r = nextInt(), m = bound - 1;
            if ((bound & m) == 0) return r & m;
            int u = r >>> 1;
            while (u + m - u % bound < 0) u = nextInt() >>> 1;   // the sum overflows: draw again
            return u % bound;
        }
    }

    static int[] order(long seed, long epoch, int n) {
        PageGenerator g = PageGenerator.derive(seed, 3, epoch);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = g.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        return order;
    }

    @Test
    void aReplayWrittenFromThePageOrdersTheSamplesAsTheEngineDoes() {
        for (long seed : new long[] {0, 7, 42, -1, Long.MAX_VALUE}) {
            for (int n : new int[] {8, 10, 37, 1000}) {
                for (int batch : new int[] {1, 3, n}) {
                    Training t = new Training(SpecBuilder.post().n(n).batch(batch).shuffle(true).seed(seed).build());
                    Sgd sgd = new Sgd(t.network(), t.data(), batch, true, seed);
                    for (long step : new long[] {0, 1, 2, 5, 17, 1000, 123_457}) {
                        for (int k = 0; k < batch; k++) {
                            long p = step * batch + k;
                            int expected = order(seed, p / n, n)[(int) (p % n)];
                            assertEquals(expected, sgd.sampleIndex(step, k), "seed " + seed + ", n " + n + ", step " + step + ", k " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void thePagesGeneratorDrawsWhatTheEnginesDoes() {
        for (long seed : new long[] {1, 7, 20261202}) {
            java.util.SplittableRandom engine = Seeds.derive(seed, Seeds.SHUFFLE, 5);
            PageGenerator page = PageGenerator.derive(seed, 3, 5);
            for (int i = 0; i < 1000; i++) {
                switch (i % 4) {
                    case 0 -> assertEquals(engine.nextLong(), page.nextLong());
                    case 1 -> assertEquals(engine.nextDouble(), page.nextDouble());
                    case 2 -> assertEquals(engine.nextInt(1 + i), page.nextInt(1 + i));
                    default -> assertEquals(engine.nextInt(1 << (i % 31)), page.nextInt(1 << (i % 31)));
                }
            }
        }
    }

    @Test
    void withoutShuffleEveryEpochGoesThroughTheDataInOrder() {
        Training t = new Training(SpecBuilder.post().n(10).batch(3).build());
        Sgd sgd = new Sgd(t.network(), t.data(), 3, false, 7);
        for (long step = 0; step < 50; step++) {
            for (int k = 0; k < 3; k++) assertEquals((int) ((step * 3 + k) % 10), sgd.sampleIndex(step, k));
        }
    }
}
