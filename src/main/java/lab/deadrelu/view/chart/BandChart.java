package lab.deadrelu.view.chart;

import java.util.List;
import lab.deadrelu.view.i18n.Format;

/**
 * Everything `chart/chart_band.jte` draws: curves of estimates with their 95% intervals (a
 * shaded band along a numeric x, whiskers at every point), optional dashed theory curves, and one
 * dot per estimate that links to a run. Same frame, per-mille units and classes as {@link LineChart}
 * (static/css/charts.css), plus static/css/experiments.css for dots and whiskers.
 */
public record BandChart(String id, String title, String description, String xLabel, String yLabel, List<Tick> xTicks,
                        List<Tick> yTicks, List<Curve> curves, List<LineChart.LegendEntry> legend) {

    public BandChart {
        xTicks = List.copyOf(xTicks);
        yTicks = List.copyOf(yTicks);
        curves = List.copyOf(curves);
        legend = List.copyOf(legend);
    }

    public int left() { return Charts.LEFT; }

    public int top() { return Charts.TOP; }

    public int right() { return Charts.RIGHT; }

    public int bottom() { return Charts.BOTTOM; }

    /**
     * One curve. `points`: the polyline through its dots ("" when the dots stand alone, as for
     * categories); `band`: a path d of the interval around it ("" for none); `theory`: drawn dashed,
     * without dots.
     */
    public record Curve(String cssClass, String label, String points, String band, boolean theory, List<Dot> dots) {
        public Curve {
            dots = List.copyOf(dots);
        }

        public boolean hasBand() {
            return !band.isEmpty();
        }
    }

    /**
     * An estimate at (x, y), its interval from yHigh (top) to yLow (bottom) in viewBox units (equal
     * when there is none), all in per-mille of the plot, the link it opens (null for none) and its tooltip.
     */
    public record Dot(double x, double y, double yLow, double yHigh, String href, String title) {
        /** An interval too short to see behind the dot gets no whisker. */
        public boolean hasWhisker() {
            return yLow - yHigh >= 6;
        }

        public String xAt() { return Format.pct(x); }

        public String yAt() { return Format.pct(y); }

        public String lowAt() { return Format.pct(yLow); }

        public String highAt() { return Format.pct(yHigh); }
    }
}
