package lab.deadrelu.experiment;

import java.util.SplittableRandom;
import lab.deadrelu.engine.Seeds;

/**
 * Monte Carlo of freshly initialized ReLU networks: how likely is a network "born dead"?
 * <p>
 * A trial draws a network with `inputs` inputs and `depth` hidden ReLU layers of `width` neurons
 * (the linear output layer plays no part: see below), and a point x uniformly from the box
 * [-A, A)^inputs. It records, for every depth d from 1 to `depth` at once (the first d hidden
 * layers of the trial's network are the network of depth d):
 * <ul>
 * <li><b>dead at x</b>: some hidden layer among the first d outputs all zeros at x. Then no
 *     gradient reaches any weight below it at x;</li>
 * <li><b>constant on the domain</b>: the d-th hidden layer outputs the same vector at every point
 *     of E = G^inputs grid points ∪ {x}, the grid having G equally spaced values from -A to A on
 *     each axis, endpoints included, G the largest with G^inputs <= {@link #GRID_POINTS} (1024 points
 *     for one input, 32 x 32 for two, 10^3 for three, ..., 2^8 corners for eight). Then the network
 *     computes the same output everywhere on E whatever its output layer; conversely, when the
 *     last hidden layer is not constant, the output is constant only for output weights in a set
 *     of probability 0. This is "born dead" in the sense of Lu, Shin, Su and Karniadakis (2020),
 *     checked on a grid: a network that is alive only between grid points counts as constant.
 *     Without biases every layer is positively homogeneous (its output at t x is t times that at x
 *     for t > 0), so only one grid point per ray from the origin is evaluated, and a layer counts as
 *     constant when it is the same at all of them and that value is the zero vector (the others are
 *     then 0 too; a nonzero common value would differ at the left-out multiples). This is exactly the
 *     grid check, at a fraction of the cost: for one input, the rays are just the two half-lines.</li>
 * </ul>
 * <p>
 * Parameters: init HE draws every weight from N(0, 2 / fan-in) (fan-in = inputs for the first
 * layer, width after); with bias on, every bias is drawn like one more weight of its neuron
 * (N(0, 2 / fan-in)), with bias off biases are 0. init RAI (randomized asymmetric initialization,
 * Lu et al. 2020, section 5, as read here): for every neuron, one of its parameters (its fan-in
 * weights, and its bias when biases are on) is chosen uniformly at random and drawn from
 * Beta(2, 1) (density 2t on (0, 1): positive), the others from He's N(0, 2 / fan-in). The paper
 * also tunes the variance of the symmetric part by a second-moment condition; that tuning is not
 * reproduced here (He's variance is used), so this RAI is the paper's idea, not its exact numbers.
 * <p>
 * Reproducible: trial t draws from Seeds.derive(seed, PURPOSE, width, t): first x, then the
 * layers in order (neuron by neuron: weights by input, then the bias; RAI first picks the index),
 * and stops drawing once both answers are known for every depth. So the result of (width, depth
 * d) is the same whether it is asked alone or as part of a deeper curve, on any thread.
 */
public final class BornDead {
    /** The random stream's purpose, apart from the engine's (Seeds.DATA ... Seeds.NOISE). */
    static final long PURPOSE = 0x0B0D;
    /** At most this many grid points (see the class comment). */
    public static final int GRID_POINTS = 1024;
    static final int MAX_INPUTS = 8;

    public enum Init {
        HE("he"), RAI("rai");

        public final String code;

        Init(String code) {
            this.code = code;
        }

        public static Init fromCode(String code) {
            for (Init i : values()) if (i.code.equals(code)) return i;
            return null;
        }
    }

    private BornDead() {}

    /** G: grid values per axis, the largest G >= 2 with G^inputs <= GRID_POINTS. */
    public static int gridPerAxis(int inputs) {
        int g = 2;
        while (pow(g + 1, inputs) <= GRID_POINTS) g++;
        return g;
    }

    static long pow(int base, int exponent) {
        long v = 1;
        for (int i = 0; i < exponent; i++) v *= base;
        return v;
    }

    /**
     * Runs trials [from, to) of one width and adds, for every depth d (1-based), the trials dead at
     * x up to depth d to deadAt[d] and those constant up to depth d to constant[d].
     */
    static void trials(Trial trial, long seed, long from, long to, long[] deadAt, long[] constant, Work.Meter meter) {
        for (long t = from; t < to; t++) {
            trial.run(Seeds.derive(seed, PURPOSE, trial.width, t));
            int depth = trial.depth;
            for (int d = Math.max(1, trial.firstDead); trial.firstDead > 0 && d <= depth; d++) deadAt[d]++;
            for (int d = Math.max(1, trial.firstConstant); trial.firstConstant > 0 && d <= depth; d++) constant[d]++;
            if (meter != null && ((t - from) & 255) == 255) {
                meter.add(256);
                if (meter.cancelled()) throw new Work.Cancelled();
            }
        }
        if (meter != null) meter.add((to - from) & 255);
    }

    /** One network size, its buffers reused from trial to trial (one per thread). */
    static final class Trial {
        final int width, depth, inputs;
        final double domain;
        final Init init;
        final boolean bias;
        /** Points of E: index 0 is x, then the grid; coordinates by input: e[j][p]. */
        private final int points;
        private final double[][] e;
        /** The probes: x and a few grid points spread over the grid (indices into E). */
        private final int[] probes;
        /** Weights w[l][i][j] and biases b[l][i] of the layers drawn so far. */
        private final double[][][] w;
        private final double[][] b;
        /** Activations of the probes (probeA[i][k]) and of E (a[i][p]), two buffers each, swapped per layer. */
        private double[][] probeA, probeNext, a, next;
        /** Points of E still carried (see compact()). */
        private int count;
        /** Without biases: some grid points were left out as positive multiples of a kept one (same ray). */
        private final boolean raysMerged;
        private final Gaussian gaussian = new Gaussian();
        /** The answer of the last run: the first layer (1-based) dead at x / constant on E, 0 for none up to depth. */
        int firstDead, firstConstant;

        Trial(int width, int depth, int inputs, double domain, Init init, boolean bias) {
            this(width, depth, inputs, domain, init, bias, true);
        }

        /** `oneRayPoint` false: every grid point is evaluated even without biases (the reference the ray reduction is tested against). */
        Trial(int width, int depth, int inputs, double domain, Init init, boolean bias, boolean oneRayPoint) {
            this.width = width;
            this.depth = depth;
            this.inputs = inputs;
            this.domain = domain;
            this.init = init;
            this.bias = bias;
            int g = gridPerAxis(inputs);
            int all = (int) pow(g, inputs);
            // grid point p has integer coordinates m_j = 2 k_j - (G - 1) and sits at x_j = A m_j / (G - 1): ends exact,
            // and the point of -m at exactly -x. Without biases the network is positively homogeneous
            // (every layer of t x is t times that of x, t > 0), so one point per ray from the origin is enough:
            // the others are positive multiples of it (see constantOnE).
            java.util.Map<String, Boolean> rays = new java.util.HashMap<>();
            java.util.List<int[]> kept = new java.util.ArrayList<>();
            boolean merged = false;
            for (int p = 0; p < all; p++) {
                int[] m = new int[inputs];
                int rest = p, gcd = 0;
                for (int j = 0; j < inputs; j++) {
                    m[j] = 2 * (rest % g) - (g - 1);
                    rest /= g;
                    gcd = gcd(gcd, Math.abs(m[j]));
                }
                if (!bias && oneRayPoint) {
                    StringBuilder ray = new StringBuilder();
                    for (int v : m) ray.append(gcd == 0 ? 0 : v / gcd).append(',');
                    if (rays.putIfAbsent(ray.toString(), true) != null) {
                        merged = true;
                        continue;
                    }
                }
                kept.add(m);
            }
            raysMerged = merged;
            int grid = kept.size();
            points = grid + 1;
            e = new double[inputs][points];
            for (int p = 0; p < grid; p++)
                for (int j = 0; j < inputs; j++) e[j][p + 1] = domain * (kept.get(p)[j] / (double) (g - 1));
            probes = new int[] {0, 1, grid, 1 + grid / 2, 1 + grid / 3, 1 + 2 * grid / 3};
            w = new double[depth][width][];
            b = new double[depth][width];
            for (int l = 0; l < depth; l++) for (int i = 0; i < width; i++) w[l][i] = new double[l == 0 ? inputs : width];
            int widest = Math.max(width, inputs);
            probeA = new double[widest][probes.length];
            probeNext = new double[widest][probes.length];
            a = new double[widest][points];
            next = new double[widest][points];
        }

        /** One trial from its own random stream; sets firstDead and firstConstant. */
        void run(SplittableRandom rng) {
            gaussian.reset();
            for (int j = 0; j < inputs; j++) e[j][0] = domain * (2 * rng.nextDouble() - 1);   // x, uniform in [-A, A)
            for (int j = 0; j < inputs; j++) for (int k = 0; k < probes.length; k++) probeA[j][k] = e[j][probes[k]];
            firstDead = 0;
            firstConstant = 0;
            boolean onE = false;              // are the activations of all of E being carried along?
            for (int l = 0; l < depth; l++) {
                draw(l, rng);
                int fanIn = l == 0 ? inputs : width;
                layer(w[l], b[l], probeA, probeNext, fanIn, probes.length);
                double[][] t = probeA;
                probeA = probeNext;
                probeNext = t;
                if (firstDead == 0 && allZero(probeA, 0)) firstDead = l + 1;
                if (firstConstant == 0) {
                    if (onE) {
                        layer(w[l], b[l], a, next, fanIn, count);
                        swapE();
                        if (compact()) firstConstant = l + 1;
                    } else if (constant(probeA, probes.length)) {
                        // the probes agree: carry all of E through layers 0..l (the probes proved the earlier ones not constant)
                        for (int j = 0; j < inputs; j++) System.arraycopy(e[j], 0, a[j], 0, points);
                        count = points;
                        boolean same = false;
                        for (int m = 0; m <= l; m++) {
                            layer(w[m], b[m], a, next, m == 0 ? inputs : width, count);
                            swapE();
                            same = compact();
                        }
                        onE = true;
                        if (same) firstConstant = l + 1;
                    }
                }
                if (firstDead > 0 && firstConstant > 0) return;   // deeper layers change neither answer
            }
        }

        /**
     * Drops every point of E whose activations are all 0, but the first such: they are exact copies
     * of it from here on (the layers above see the same input), so neither the later layers nor the
     * "all points equal" test need them. Returns whether one point (one distinct vector) is left:
     * the layer is constant on E. (Points die as a network dies, so this keeps its cost down.)
     */
    private boolean compact() {
        int kept = 0;
        boolean zeroKept = false;
        for (int p = 0; p < count; p++) {
            boolean zero = true;
            for (int i = 0; i < width && zero; i++) zero = a[i][p] == 0.0;
            if (zero && zeroKept) continue;
            zeroKept |= zero;
            if (kept != p) for (int i = 0; i < width; i++) a[i][kept] = a[i][p];
            kept++;
        }
        count = kept;
        return constantOnE(count == 1 || constant(a, count));
    }

    /**
     * The layer is constant on all of E given that it is the same at every point carried. Points left
     * out as t times a kept point r (t > 0, no biases) have t times r's activations: equal to the
     * common value only if it is 0. So with such points the common value must be the zero vector.
     */
    private boolean constantOnE(boolean sameOnCarried) {
        return sameOnCarried && (!raysMerged || allZero(a, 0));
    }

    private void swapE() {
            double[][] t = a;
            a = next;
            next = t;
        }

        /** Draws layer l's weights and biases (see the class comment for the order). */
        private void draw(int l, SplittableRandom rng) {
            int fanIn = l == 0 ? inputs : width;
            double sd = StrictMath.sqrt(2.0 / fanIn);
            for (int i = 0; i < width; i++) {
                double[] row = w[l][i];
                int positive = init == Init.RAI ? rng.nextInt(fanIn + (bias ? 1 : 0)) : -1;
                for (int j = 0; j < fanIn; j++) row[j] = j == positive ? beta21(rng) : gaussian.next(rng) * sd;
                b[l][i] = !bias ? 0.0 : positive == fanIn ? beta21(rng) : gaussian.next(rng) * sd;
            }
        }

        /** out[i][p] = relu(b_i + sum_j w_ij in[j][p]), p over [0, count): samples as the inner loop. */
        private void layer(double[][] wl, double[] bl, double[][] in, double[][] out, int fanIn, int count) {
            for (int i = 0; i < width; i++) {
                double[] o = out[i], row = wl[i];
                double bi = bl[i];
                java.util.Arrays.fill(o, 0, count, bi);
                for (int j = 0; j < fanIn; j++) {
                    double wij = row[j];
                    double[] inj = in[j];
                    for (int p = 0; p < count; p++) o[p] += wij * inj[p];
                }
                for (int p = 0; p < count; p++) o[p] = o[p] > 0 ? o[p] : 0.0;
            }
        }

        /** Every unit of the layer is 0 at point p. */
        private boolean allZero(double[][] act, int p) {
            for (int i = 0; i < width; i++) if (act[i][p] != 0.0) return false;
            return true;
        }

        /** Every point has the same activation vector as point 0. */
        private boolean constant(double[][] act, int count) {
            for (int i = 0; i < width; i++) {
                double[] row = act[i];
                double first = row[0];
                for (int p = 1; p < count; p++) if (row[p] != first) return false;
            }
            return true;
        }
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Beta(2, 1), density 2t on (0, 1]: sqrt of a uniform in (0, 1] (inverse of the CDF t^2). Always > 0. */
    static double beta21(SplittableRandom rng) {
        return StrictMath.sqrt(1.0 - rng.nextDouble());
    }

    /**
     * Standard normal draws by the polar method, as Seeds.gaussian but keeping the second value of
     * each pair for the next call (half the logarithms). StrictMath: the same bits on every JVM.
     */
    static final class Gaussian {
        private double spare;
        private boolean hasSpare;

        void reset() {
            hasSpare = false;
        }

        double next(SplittableRandom rng) {
            if (hasSpare) {
                hasSpare = false;
                return spare;
            }
            while (true) {
                double u = 2 * rng.nextDouble() - 1, v = 2 * rng.nextDouble() - 1;
                double s = u * u + v * v;
                if (s > 0 && s < 1) {
                    double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
                    spare = v * f;
                    hasSpare = true;
                    return u * f;
                }
            }
        }
    }

    // ---- theory ----

    /**
     * P(dead at x) for a network whose weights (and biases, if any) are independent and drawn from
     * distributions symmetric about 0 with no atom at 0 (He: yes; RAI: no, so null):
     * <pre>
     * P = 1 - (1 - 2^-N)^L        (N = width, L = depth)
     * </pre>
     * Why. Fix x (x != 0, which has probability 1). Layer 1: z_i = b_i + w_i . x is a sum of
     * independent symmetric terms, so symmetric, and continuous (w_i . x has a density since x != 0;
     * b_i too when present), so P(z_i > 0) = 1/2, independently over the N neurons (they share no
     * parameter): the layer is all zeros with probability 2^-N. Layer l > 1, given the layer below's
     * output a: if a is all zeros the network is dead at x already; otherwise z_i = b_i + w_i . a is
     * again symmetric and continuous given a (a has a positive entry), so given a the layer is all
     * zeros with probability 2^-N whatever a is. (With biases the same holds even for a = 0.) So
     * the layers are "alive at x" independently with probability 1 - 2^-N each, and P(no hidden
     * layer all zero at x) = (1 - 2^-N)^L.
     */
    public static Double theoryDeadAtPoint(Init init, int width, int depth) {
        if (init != Init.HE) return null;
        return 1 - StrictMath.pow(1 - StrictMath.pow(2, -width), depth);
    }

    /**
     * P(constant on the domain), where it can be derived exactly (null elsewhere; He only):
     * <ul>
     * <li>width 1, no biases, any inputs and depth L: P = 1 - 2^-(L-1). Layer 1's single neuron
     *     relu(w . x) is positive on half of the box (the box and the grid are symmetric about 0,
     *     w != 0), so never constant. Layer l > 1 gets a scalar input a >= 0 that is positive
     *     somewhere and 0 elsewhere: z = w a is <= 0 everywhere iff w < 0 (probability 1/2),
     *     making the layer 0 everywhere (constant); if w > 0 it passes w a on, still not constant.
     *     So each layer after the first kills the network with probability 1/2, independently.</li>
     * <li>depth 1, biases on, one input (domain [-A, A]), any width N: P = (arctan(1 / A) / pi)^N.
     *     A neuron z = w x + b is constant on the interval only if dead on all of it (else it is
     *     linear and non-constant where positive), i.e. iff max z = A |w| + b <= 0. With w and b
     *     independent N(0, s^2), (w, b) / s is a standard normal vector in the plane, rotation
     *     invariant; b <= -A |w| is a wedge about the negative b axis of half-angle arctan(1 / A),
     *     so its probability is 2 arctan(1 / A) / (2 pi). The layer is constant iff all N
     *     (independent) neurons are dead. The check on the grid is exact here: max z is at an
     *     endpoint, and the grid holds both.</li>
     * </ul>
     */
    public static Double theoryConstant(Init init, int width, int depth, int inputs, double domain, boolean bias) {
        if (init != Init.HE) return null;
        if (width == 1 && !bias) return 1 - StrictMath.pow(2, -(depth - 1));
        if (depth == 1 && bias && inputs == 1) return StrictMath.pow(StrictMath.atan(1 / domain) / Math.PI, width);
        return null;
    }

    /** The formulas as the page and the API show them, matching the theory functions. */
    public static final String DEAD_AT_POINT_FORMULA = "1 - (1 - 2^-N)^L";
    public static final String CONSTANT_WIDTH_ONE_FORMULA = "1 - 2^-(L-1)";
    public static final String CONSTANT_DEPTH_ONE_FORMULA = "(arctan(1/A) / pi)^N";

    public static String constantFormula(Init init, int width, int depth, int inputs, boolean bias) {
        if (init != Init.HE) return null;
        if (width == 1 && !bias) return CONSTANT_WIDTH_ONE_FORMULA;
        if (depth == 1 && bias && inputs == 1) return CONSTANT_DEPTH_ONE_FORMULA;
        return null;
    }
}
