package lab.deadrelu.engine;

/**
 * The engine's innermost loops, shaped so that HotSpot's C2 compiles them to SIMD code: every
 * vector is its own double[] walked with unit stride, and up to four of them are folded into one
 * pass (fewer passes over the output; more than four rows per loop exceed C2's unrolling budget
 * and it falls back to scalar code). Conditionals (z > 0 ? ...) stay scalar in C2 (JDK 17);
 * Math.min/max do not.
 * <p>
 * Bit-exactness: each element is still summed exactly as the formulas are written, term by term
 * in ascending order, left to right, with separate multiply and add (no FMA), so these loops give
 * the same bits as the plain one-term-at-a-time loops. Products may have their operands swapped:
 * x * y == y * x in IEEE 754 (and C2 reorders them itself).
 */
final class Kernels {
    private Kernels() {}

    /**
     * z[o] = s base[o] + c[0] rows[0][o] + c[1] rows[1][o] + ... + c[m-1] rows[m-1][o] for o < n
     * (m = rows.length), summed left to right. The first pass folds in base and 1-4 rows (so that
     * four rows are left for each later pass). Typical uses: z = 1.0 bias + W a (a forward pass
     * over units), z = b_i ones + sum_j w_ij a_j (over samples), g = 1.0 zeros + sum_k d_k a_k;
     * s or base[o] is 1, so s base[o] is exactly the start value.
     */
    static void combine(double[] z, double s, double[] base, double[][] rows, double[] c, int n) {
        int m = rows.length;
        int k = m == 0 ? 0 : (m - 1) % 4 + 1;
        switch (k) {
            case 4 -> {
                double c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
                double[] r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o] + c3 * r3[o];
            }
            case 3 -> {
                double c0 = c[0], c1 = c[1], c2 = c[2];
                double[] r0 = rows[0], r1 = rows[1], r2 = rows[2];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o];
            }
            case 2 -> {
                double c0 = c[0], c1 = c[1];
                double[] r0 = rows[0], r1 = rows[1];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o] + c1 * r1[o];
            }
            case 1 -> {
                double c0 = c[0];
                double[] r0 = rows[0];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o];
            }
            default -> { for (int o = 0; o < n; o++) z[o] = s * base[o]; }
        }
        for (; k + 3 < m; k += 4) {
            double c0 = c[k], c1 = c[k + 1], c2 = c[k + 2], c3 = c[k + 3];
            double[] r0 = rows[k], r1 = rows[k + 1], r2 = rows[k + 2], r3 = rows[k + 3];
            for (int o = 0; o < n; o++) z[o] = z[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o] + c3 * r3[o];
        }
    }

    /**
     * Exactly combine(), as a separate copy for the census's passes over (128) samples. HotSpot
     * profiles and compiles each method once, for the loop lengths it has seen: sharing one copy
     * between Sgd's 32-unit loops and the census's 128-sample loops cost the census 10% (W3
     * 12.5 k -> 11.2 k passes/s after W2 had run). Change both copies together.
     */
    static void combineOverSamples(double[] z, double s, double[] base, double[][] rows, double[] c, int n) {
        int m = rows.length;
        int k = m == 0 ? 0 : (m - 1) % 4 + 1;
        switch (k) {
            case 4 -> {
                double c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
                double[] r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o] + c3 * r3[o];
            }
            case 3 -> {
                double c0 = c[0], c1 = c[1], c2 = c[2];
                double[] r0 = rows[0], r1 = rows[1], r2 = rows[2];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o];
            }
            case 2 -> {
                double c0 = c[0], c1 = c[1];
                double[] r0 = rows[0], r1 = rows[1];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o] + c1 * r1[o];
            }
            case 1 -> {
                double c0 = c[0];
                double[] r0 = rows[0];
                for (int o = 0; o < n; o++) z[o] = s * base[o] + c0 * r0[o];
            }
            default -> { for (int o = 0; o < n; o++) z[o] = s * base[o]; }
        }
        for (; k + 3 < m; k += 4) {
            double c0 = c[k], c1 = c[k + 1], c2 = c[k + 2], c3 = c[k + 3];
            double[] r0 = rows[k], r1 = rows[k + 1], r2 = rows[k + 2], r3 = rows[k + 3];
            for (int o = 0; o < n; o++) z[o] = z[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o] + c3 * r3[o];
        }
    }

    /**
     * ReLU'(z) as a number, from a = ReLU(z) = (z > 0 ? z : 0): 1.0 when a > 0, else 0.0.
     * min(a 2^1074, 1) is exactly that for every a >= 0 (the smallest positive double is 2^-1074),
     * and unlike the ternary it compiles to SIMD code. `a` must not be NaN (ReLU never gives NaN).
     */
    static double reluSlope(double a) {
        return Math.min(a * 0x1p1000 * 0x1p74, 1.0);
    }

    /** t[j][i] = m[i][j]: the transpose of m into t (shaped [columns of m][rows of m]), four rows of m at a time. */
    static void transpose(double[][] m, double[][] t) {
        int i = 0;
        for (; i + 3 < m.length; i += 4) {
            double[] r0 = m[i], r1 = m[i + 1], r2 = m[i + 2], r3 = m[i + 3];
            for (int j = 0; j < r0.length; j++) {
                double[] tj = t[j];
                tj[i] = r0[j];
                tj[i + 1] = r1[j];
                tj[i + 2] = r2[j];
                tj[i + 3] = r3[j];
            }
        }
        for (; i < m.length; i++) {
            double[] row = m[i];
            for (int j = 0; j < row.length; j++) t[j][i] = row[j];
        }
    }
}
