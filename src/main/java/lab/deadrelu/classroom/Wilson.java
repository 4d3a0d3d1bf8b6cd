package lab.deadrelu.classroom;

/** The Wilson score interval of a share k of n: sensible at 0 of n and n of n, unlike p ± 1.96 se. */
public record Wilson(double low, double high) {
    static final double Z95 = 1.959963984540054;

    /** The 95% interval of k successes in n trials; n = 0 gives [0, 1] (nothing is known). */
    public static Wilson of95(int k, int n) {
        if (k < 0 || n < 0 || k > n) throw new IllegalArgumentException("need 0 <= k <= n, got " + k + " of " + n);
        if (n == 0) return new Wilson(0, 1);
        double p = (double) k / n, z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Wilson(k == 0 ? 0 : Math.max(0, centre - half), k == n ? 1 : Math.min(1, centre + half));
    }
}
