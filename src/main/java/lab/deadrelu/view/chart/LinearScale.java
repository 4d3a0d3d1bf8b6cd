package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.view.i18n.Format;

/**
 * A linear map from a domain of data values onto a range of viewBox units (the range may run
 * downwards, as a y axis does). Any domain is accepted: non-finite ends are clamped to +-1e300, an
 * empty domain is widened around its value, so positions are always finite.
 */
public final class LinearScale implements Scale {
    private static final double LIMIT = 1e300;

    private final double d0, d1, r0, r1, step;

    private LinearScale(double d0, double d1, double r0, double r1, double step) {
        this.d0 = d0;
        this.d1 = d1;
        this.r0 = finite(r0);
        this.r1 = finite(r1);
        this.step = step;
    }

    /** The domain exactly as given (after the guards), with about five 1-2-5 ticks inside it. */
    public LinearScale(double lo, double hi, double r0, double r1) {
        this(domain(lo, hi)[0], domain(lo, hi)[1], r0, r1, 5, 0);
    }

    private LinearScale(double lo, double hi, double r0, double r1, int ticks, double minStep) {
        this(lo, hi, r0, r1, Math.max(minStep, Ticks.niceStep(hi - lo, ticks)));
    }

    /** A domain widened to whole 1-2-5 steps so that the first and last ticks are its ends. */
    public static LinearScale covering(double lo, double hi, double r0, double r1, int ticks) {
        double[] d = domain(lo, hi);
        double step = Ticks.niceStep(d[1] - d[0], ticks);
        double a = Math.floor(d[0] / step) * step, b = Math.ceil(d[1] / step) * step;
        if (!(Math.abs(a) <= LIMIT && Math.abs(b) <= LIMIT && b > a)) {
            a = d[0];
            b = d[1];
        }
        return new LinearScale(a, b, r0, r1, step);
    }

    /** The domain exactly as given, with about `ticks` ticks that are whole multiples of at least `minStep`. */
    public static LinearScale within(double lo, double hi, double r0, double r1, int ticks, double minStep) {
        double[] d = domain(lo, hi);
        return new LinearScale(d[0], d[1], r0, r1, ticks, minStep);
    }

    /** Finite, ordered, non-empty. */
    static double[] domain(double lo, double hi) {
        if (Double.isNaN(lo)) lo = Double.isNaN(hi) ? 0 : hi;
        if (Double.isNaN(hi)) hi = lo;
        lo = Math.max(-LIMIT, Math.min(LIMIT, lo));
        hi = Math.max(-LIMIT, Math.min(LIMIT, hi));
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        double size = Math.max(Math.abs(lo), Math.abs(hi));
        if (hi - lo <= size * 1e-12) {
            double pad = size < 1e-100 ? 1 : size * 0.1;   // tiny or zero: a unit either way
            lo -= pad;
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    @Override
    public double map(double value) {
        if (Double.isNaN(value)) return r0;
        double v = Math.max(d0, Math.min(d1, value));
        double t = (v - d0) / (d1 - d0);   // finite: the domain lies within +-1e300 and is not empty
        t = Math.max(0, Math.min(1, t));
        return r0 + t * (r1 - r0);
    }

    @Override
    public double[] tickValues() {
        return Ticks.multiples(d0, d1, step);
    }

    @Override
    public List<Tick> ticks() {
        double[] values = tickValues();
        int digits = Ticks.digits(Math.max(Math.abs(d0), Math.abs(d1)), step);
        List<Tick> ticks = new ArrayList<>(values.length);
        for (double v : values) ticks.add(new Tick(Format.r1(map(v)), Format.compact(v, digits)));
        return ticks;
    }

    @Override
    public double domainMin() { return d0; }

    @Override
    public double domainMax() { return d1; }

    public double rangeStart() { return r0; }

    public double rangeEnd() { return r1; }

    public double step() { return step; }
}
