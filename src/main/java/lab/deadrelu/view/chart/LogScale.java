package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.view.i18n.Format;

/**
 * A log10 map from a positive domain onto a range of viewBox units. Values <= 0 (or below the
 * domain) sit at the bottom of the range; nothing maps to NaN or Infinity. Ticks are powers of ten.
 */
public final class LogScale implements Scale {
    /** How far below the largest value the domain may reach: smaller values are floored. */
    public static final double FLOOR = 1e-12;
    private static final int MIN_EXP = -307, MAX_EXP = 308, MAX_DECADE_TICKS = 6;

    private final double lo, hi, logLo, logHi, r0, r1;
    private final int firstExp, lastExp, every;

    /** The domain [lo, hi] exactly (both > 0 after the guards), ticks at the powers of ten inside it. */
    public LogScale(double lo, double hi, double r0, double r1) {
        double[] d = domain(lo, hi, Double.MIN_NORMAL);
        this.lo = d[0];
        this.hi = d[1];
        this.logLo = Math.log10(this.lo);
        this.logHi = Math.log10(this.hi);
        this.r0 = Double.isFinite(r0) ? r0 : 0;
        this.r1 = Double.isFinite(r1) ? r1 : 0;
        int e0 = (int) Math.ceil(logLo - 1e-9), e1 = (int) Math.floor(logHi + 1e-9);
        this.every = Math.max(1, (int) Math.ceil((e1 - e0) / (double) MAX_DECADE_TICKS));
        this.firstExp = Math.floorDiv(e0 + every - 1, every) * every;
        this.lastExp = e1;
    }

    /**
     * Whole decades around the data: from the power of ten at or below `lowestPositive` (but never
     * more than 12 decades below `highest`) to the power of ten at or above `highest`; with more
     * than six decades, ticks go every few decades and the ends are widened to a tick.
     */
    public static LogScale covering(double lowestPositive, double highest, double r0, double r1) {
        double hi = highest > 0 ? Math.min(highest, Double.MAX_VALUE) : 1;
        double[] d = domain(lowestPositive, hi, Math.max(hi * FLOOR, Double.MIN_NORMAL));
        int e0 = (int) Math.floor(Math.log10(d[0]) + 1e-9), e1 = (int) Math.ceil(Math.log10(d[1]) - 1e-9);
        if (e1 <= e0) e1 = e0 + 1;
        int every = Math.max(1, (int) Math.ceil((e1 - e0) / (double) MAX_DECADE_TICKS));
        e0 = Math.max(MIN_EXP, Math.floorDiv(e0, every) * every);
        e1 = Math.min(MAX_EXP, -Math.floorDiv(-e1, every) * every);
        return new LogScale(pow10(e0), pow10(e1), r0, r1);
    }

    /** Positive, ordered, non-empty; lo no lower than `floor` (hi / 10 when no lo is given). */
    static double[] domain(double lo, double hi, double floor) {
        if (!(hi > 0)) hi = lo > 0 ? lo : 1;
        hi = Math.min(hi, Double.MAX_VALUE);
        if (!(lo > floor)) lo = lo > 0 ? floor : Math.max(floor, hi / 10);
        lo = Math.min(lo, hi);
        if (hi <= lo * (1 + 1e-12)) {
            if (hi < Double.MAX_VALUE / 10) hi = lo * 10;
            else lo = hi / 10;
        }
        return new double[] {lo, hi};
    }

    static double pow10(int e) {
        return Double.parseDouble("1e" + e);
    }

    @Override
    public double map(double value) {
        double l = value > 0 ? Math.log10(Math.min(value, Double.MAX_VALUE)) : logLo;
        l = Math.max(logLo, Math.min(logHi, l));
        double t = (l - logLo) / (logHi - logLo);
        if (!Double.isFinite(t)) t = 0;
        return r0 + t * (r1 - r0);
    }

    @Override
    public double[] tickValues() {
        int n = firstExp > lastExp ? 0 : (lastExp - firstExp) / every + 1;
        double[] values = new double[Math.min(n, Ticks.MAX_TICKS + 1)];
        for (int i = 0; i < values.length; i++) values[i] = pow10(firstExp + i * every);
        return values;
    }

    @Override
    public List<Tick> ticks() {
        double[] values = tickValues();
        List<Tick> ticks = new ArrayList<>(values.length);
        for (double v : values) ticks.add(new Tick(Format.r1(map(v)), Format.compact(v)));
        return ticks;
    }

    @Override
    public double domainMin() { return lo; }

    @Override
    public double domainMax() { return hi; }

    /** Decades between two ticks. */
    public int decadesPerTick() { return every; }
}
