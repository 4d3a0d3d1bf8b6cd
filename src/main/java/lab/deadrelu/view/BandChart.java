package lab.deadrelu.view;

import java.util.List;

/**
 * Everything `fragments/chart_band.jte` draws: curves of estimates with their 95% intervals (a
 * shaded band along a numeric x, whiskers at every point), optional dashed theory curves, and one
 * dot per estimate that links to a run. Same frame, units and classes as {@link LineChart}
 * (static/css/charts.css), plus static/css/experiments.css for dots and whiskers.
 */
public record BandChart(String id, String title, String description, int width, int height,
                        int left, int top, int right, int bottom, String axes, String grid,
                        String xLabel, String yLabel, List<Tick> xTicks, List<Tick> yTicks,
                        List<Curve> curves, List<LineChart.LegendEntry> legend) {

    public BandChart {
        xTicks = List.copyOf(xTicks);
        yTicks = List.copyOf(yTicks);
        curves = List.copyOf(curves);
        legend = List.copyOf(legend);
    }

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
     * when there is none), the link it opens (null for none) and its tooltip.
     */
    public record Dot(double x, double y, double yLow, double yHigh, String href, String title) {
        public boolean hasWhisker() {
            return yLow - yHigh >= 1;
        }
    }
}
