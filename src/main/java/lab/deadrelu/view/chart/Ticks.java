package lab.deadrelu.view.chart;

/** "Nice" tick steps: 1, 2 or 5 times a power of ten. */
public final class Ticks {
    /** Never more ticks than this, whatever the caller asks for. */
    public static final int MAX_TICKS = 20;

    private Ticks() {}

    /** A 1-2-5 step that cuts `span` into about `count` intervals (at least one). */
    public static double niceStep(double span, int count) {
        if (!(span > 0) || !Double.isFinite(span)) return 1;
        double rough = span / Math.max(1, count);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        if (!(magnitude > 0) || !Double.isFinite(magnitude)) return rough;
        double residual = rough / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Multiples of `step` from lo to hi (both inclusive, up to a tiny tolerance), at most MAX_TICKS + 1. */
    static double[] multiples(double lo, double hi, double step) {
        if (!(step > 0) || !Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) return new double[0];
        double tolerance = step * 1e-9;
        double first = Math.ceil((lo - tolerance) / step);
        double last = Math.floor((hi + tolerance) / step);
        if (!Double.isFinite(first) || !Double.isFinite(last) || last < first) return new double[0];
        int n = (int) Math.min(MAX_TICKS + 1, last - first + 1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double v = (first + i) * step;
            values[i] = Math.abs(v) < tolerance ? 0 : v;   // no -0 and no 1e-17 instead of 0
        }
        return values;
    }

    /** Significant digits that tell ticks `step` apart up to `largest`: 3 at least. */
    static int digits(double largest, double step) {
        if (!(step > 0) || !(largest > 0) || !Double.isFinite(largest)) return 3;
        int d = (int) (Math.floor(Math.log10(largest)) - Math.floor(Math.log10(step))) + 1;
        return Math.max(3, Math.min(15, d));
    }
}
