package lab.deadrelu.experiment;

/**
 * The few statistics the experiments report, each with its 95% interval.
 * <ul>
 * <li>A fraction k of n (runs with a death, diverged runs) gets the Wilson score interval, which
 *     stays inside [0, 1] and does not collapse to a point at k = 0 or k = n (the normal interval
 *     p ± 1.96 SE would claim certainty from 0 of 100).</li>
 * <li>A mean (final dead fraction, final loss) gets mean ± 1.96 SE with SE = sd / sqrt(n), sd the
 *     sample standard deviation (divisor n - 1).</li>
 * </ul>
 * Sums run in the order the values are given, so equal inputs give equal results bit for bit.
 */
public final class Stats {
    /** The 97.5% quantile of the standard normal: a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Stats() {}

    /**
     * k of n, as p = k / n with its standard error sqrt(p (1 - p) / n) and the Wilson 95% interval
     * [low, high]. For n = 0 every number is NaN.
     */
    public record Fraction(long count, long of, double p, double se, double low, double high) {}

    /** Mean, sample standard deviation, standard error and mean ± 1.96 SE of n values; NaN where undefined (n = 0, or sd for n = 1). */
    public record Mean(long n, double mean, double sd, double se, double low, double high) {}

    public static Fraction fraction(long k, long n) {
        if (n <= 0) return new Fraction(k, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double low = k == 0 ? 0.0 : Math.max(0.0, centre - half), high = k == n ? 1.0 : Math.min(1.0, centre + half);
        return new Fraction(k, n, p, Math.sqrt(p * (1 - p) / n), low, high);
    }

    /** The mean of the first n values (n may be less than values.length). */
    public static Mean mean(double[] values, int n) {
        if (n <= 0) return new Mean(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += values[i];
        double mean = sum / n;
        if (n == 1) return new Mean(1, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        double sd = Math.sqrt(squares / (n - 1)), se = sd / Math.sqrt(n);
        return new Mean(n, mean, sd, se, mean - Z95 * se, mean + Z95 * se);
    }
}
