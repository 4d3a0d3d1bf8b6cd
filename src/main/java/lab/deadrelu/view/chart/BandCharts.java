package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.view.i18n.Format;

/**
 * Builds {@link BandChart}s: estimates with 95% intervals along an x axis that is a log scale
 * (step sizes), a linear one (depths) or categories (initializers, activations, widths), in the
 * frame of {@link Charts}. Values that are not finite are left out (never drawn as 0).
 */
public final class BandCharts {
    /** Dots stay this far (per-mille) inside the plot's left and right edges, clear of the axis. */
    static final int INSET = 25;

    private BandCharts() {}

    /** One estimate: x (a value, or a category's index), y, its interval [low, high] (NaN: none), a link (or null) and a tooltip. */
    public record Value(double x, double y, double low, double high, String href, String title) {}

    /**
     * A curve: `theory` draws it as a dashed line without dots or interval; `line` false draws an
     * estimate's dots (and band) without the line through them, e.g. when a theory line runs there.
     */
    public record Series(String cssClass, String label, boolean theory, boolean line, List<Value> values) {
        public Series {
            values = List.copyOf(values);
        }

        public Series(String cssClass, String label, boolean theory, List<Value> values) {
            this(cssClass, label, theory, true, values);
        }
    }

    /** How y is scaled: a fraction from 0 to 1, a log10 axis over the values, or a linear one. */
    public enum Y { FRACTION, LOG, LINEAR }

    /** x on a log10 axis covering [min, max] (whole decades). */
    public static Scale logX(double min, double max) {
        return LogScale.covering(min, max, Charts.LEFT + INSET, Charts.RIGHT - INSET);
    }

    /** x on a linear axis from min to max, ticks on whole numbers. */
    public static Scale linearX(double min, double max) {
        return LinearScale.within(min, max, Charts.LEFT + INSET, Charts.RIGHT - INSET, 8, 1);
    }

    /** x as named categories, evenly spaced. */
    public static Scale categoryX(List<String> labels) {
        return new CategoryScale(labels, Charts.LEFT, Charts.RIGHT);
    }

    /**
     * @param connect   draw lines (and a band) through the estimates; false for categories that have no order
     * @param interval  the legend's words for the shaded interval, e.g. "95% interval"
     */
    public static BandChart build(String id, String title, String description, Scale x, String xLabel, boolean connect,
                                  Y yKind, String yLabel, List<Series> series, String interval) {
        Scale y = yScale(yKind, series);
        List<BandChart.Curve> curves = new ArrayList<>();
        List<LineChart.LegendEntry> legend = new ArrayList<>();
        boolean anyInterval = false;
        for (Series s : series) {
            List<double[]> pts = new ArrayList<>();          // x, y, yLow, yHigh in units
            List<BandChart.Dot> dots = new ArrayList<>();
            for (Value v : s.values()) {
                if (!Double.isFinite(v.x()) || !Double.isFinite(v.y()) || (yKind == Y.LOG && !(v.y() > 0))) continue;
                double px = Format.r1(x.map(v.x())), py = Format.r1(y.map(v.y()));
                boolean hasInterval = !s.theory() && Double.isFinite(v.low()) && Double.isFinite(v.high());
                double low = hasInterval ? Format.r1(y.map(v.low())) : py, high = hasInterval ? Format.r1(y.map(v.high())) : py;
                pts.add(new double[] {px, py, Math.max(low, py), Math.min(high, py)});
                if (!s.theory()) dots.add(new BandChart.Dot(px, py, Math.max(low, py), Math.min(high, py), v.href(), v.title()));
            }
            boolean line = s.theory() || (connect && s.line());
            String points = line ? polyline(pts) : "";
            String band = connect && !s.theory() ? band(pts) : "";
            anyInterval |= !band.isEmpty() || dots.stream().anyMatch(BandChart.Dot::hasWhisker);
            String cssClass = s.theory() ? s.cssClass() + " theory" : s.cssClass();
            curves.add(new BandChart.Curve(cssClass, s.label(), points, band, s.theory(), dots));
            // a curve drawn as dots alone gets a dot in the legend (Kind.MARKER in chart_band.jte)
            legend.add(new LineChart.LegendEntry(cssClass, s.label(), line ? LineChart.Kind.LINE : LineChart.Kind.MARKER));
        }
        if (anyInterval) legend.add(new LineChart.LegendEntry("band", interval, LineChart.Kind.BAND));
        return frame(id, title, description, xLabel, yLabel, x, y, curves, legend);
    }

    private static Scale yScale(Y kind, List<Series> series) {
        double lo = Double.NaN, hi = Double.NaN, lowestPositive = Double.NaN;
        for (Series s : series) {
            for (Value v : s.values()) {
                for (double d : new double[] {v.y(), v.low(), v.high()}) {
                    if (!Double.isFinite(d)) continue;
                    if (!(d >= lo)) lo = d;
                    if (!(d <= hi)) hi = d;
                    if (d > 0 && !(d >= lowestPositive)) lowestPositive = d;
                }
            }
        }
        return switch (kind) {
            case FRACTION -> LinearScale.within(0, 1, Charts.BOTTOM, Charts.TOP, 5, 0.1);
            case LOG -> LogScale.covering(lowestPositive, hi, Charts.BOTTOM, Charts.TOP);
            case LINEAR -> LinearScale.covering(Double.isNaN(lo) ? 0 : Math.min(0, lo), Double.isNaN(hi) ? 1 : hi, Charts.BOTTOM, Charts.TOP, 5);
        };
    }

    private static String polyline(List<double[]> pts) {
        StringBuilder out = new StringBuilder();
        for (double[] p : pts) {
            if (out.length() > 0) out.append(' ');
            Format.coord(out, p[0]);
            out.append(',');
            Format.coord(out, p[1]);
        }
        if (pts.size() == 1) {   // one point: a dot, not nothing
            out.append(' ');
            Format.coord(out, pts.get(0)[0] + 0.1);
            out.append(',');
            Format.coord(out, pts.get(0)[1]);
        }
        return out.toString();
    }

    /** A closed shape from the interval tops left to right and back along the bottoms, over runs of points with an interval. */
    private static String band(List<double[]> pts) {
        StringBuilder d = new StringBuilder();
        int i = 0;
        while (i < pts.size()) {
            if (pts.get(i)[2] - pts.get(i)[3] < Charts.MIN_BAND) {
                i++;
                continue;
            }
            int a = i;
            while (i < pts.size() && pts.get(i)[2] - pts.get(i)[3] >= Charts.MIN_BAND) i++;
            if (i - a < 2) continue;      // a lone interval shows as its whisker
            d.append('M');
            for (int j = a; j < i; j++) {
                if (j > a) d.append('L');
                Format.coord(d, pts.get(j)[0]);
                d.append(',');
                Format.coord(d, pts.get(j)[3]);
            }
            for (int j = i - 1; j >= a; j--) {
                d.append('L');
                Format.coord(d, pts.get(j)[0]);
                d.append(',');
                Format.coord(d, pts.get(j)[2]);
            }
            d.append('Z');
        }
        return d.toString();
    }

    private static BandChart frame(String id, String title, String description, String xLabel, String yLabel, Scale x, Scale y,
                                   List<BandChart.Curve> curves, List<LineChart.LegendEntry> legend) {
        return new BandChart(id, title, description, xLabel, yLabel, x.ticks(), y.ticks(), curves, legend);
    }
}
