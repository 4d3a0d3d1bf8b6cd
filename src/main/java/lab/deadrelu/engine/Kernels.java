package lab.deadrelu.engine;

/**
 * The engine's innermost loops, shaped so that HotSpot's C2 compiles them to SIMD code: every
 * vector is its own double[] walked with unit stride, and up to four of them are folded into one
 * pass (fewer passes over the output; more than four rows per loop exceed C2's unrolling budget
 * and it falls back to scalar code).
 * <p>
 * Bit-exactness: each element is still summed exactly as the formulas are written, term by term
 * in ascending order, left to right, with separate multiply and add (no FMA), so these loops give
 * the same bits as the plain one-term-at-a-time loops. Products may have their operands swapped:
 * x * y == y * x in IEEE 754 (and C2 reorders them itself).
 */
final class Kernels {
    private Kernels() {}

    /**
     * z[o] = z[o] + c[0] rows[0][o] + c[1] rows[1][o] + ... + c[m-1] rows[m-1][o] for o < n,
     * added left to right (m = rows.length, four rows per pass).
     */
    static void addScaledRows(double[] z, double[][] rows, double[] c, int n) {
        int m = rows.length, k = 0;
        for (; k + 3 < m; k += 4) {
            double c0 = c[k], c1 = c[k + 1], c2 = c[k + 2], c3 = c[k + 3];
            double[] r0 = rows[k], r1 = rows[k + 1], r2 = rows[k + 2], r3 = rows[k + 3];
            for (int o = 0; o < n; o++) z[o] = z[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o] + c3 * r3[o];
        }
        switch (m - k) {
            case 3 -> {
                double c0 = c[k], c1 = c[k + 1], c2 = c[k + 2];
                double[] r0 = rows[k], r1 = rows[k + 1], r2 = rows[k + 2];
                for (int o = 0; o < n; o++) z[o] = z[o] + c0 * r0[o] + c1 * r1[o] + c2 * r2[o];
            }
            case 2 -> {
                double c0 = c[k], c1 = c[k + 1];
                double[] r0 = rows[k], r1 = rows[k + 1];
                for (int o = 0; o < n; o++) z[o] = z[o] + c0 * r0[o] + c1 * r1[o];
            }
            case 1 -> {
                double c0 = c[k];
                double[] r0 = rows[k];
                for (int o = 0; o < n; o++) z[o] = z[o] + c0 * r0[o];
            }
            default -> { }
        }
    }

    /** t[j][i] = m[i][j]: the transpose of m into t (shaped [columns of m][rows of m]). */
    static void transpose(double[][] m, double[][] t) {
        for (int i = 0; i < m.length; i++) {
            double[] row = m[i];
            for (int j = 0; j < row.length; j++) t[j][i] = row[j];
        }
    }
}
