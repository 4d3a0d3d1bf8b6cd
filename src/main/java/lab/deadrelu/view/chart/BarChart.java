package lab.deadrelu.view.chart;

import java.util.List;
import lab.deadrelu.view.i18n.Format;

/**
 * Everything `chart/chart_bars.jte` draws: counts as bars over categories or bins, in the frame
 * of {@link LineChart} (per-mille plot units, the axes' words in the svg's padding; static/css/charts.css).
 */
public record BarChart(String id, String title, String description, String xLabel, String yLabel, List<Tick> xTicks,
                       List<Tick> yTicks, List<Bar> bars, String note) {

    public BarChart {
        xTicks = List.copyOf(xTicks);
        yTicks = List.copyOf(yTicks);
        bars = List.copyOf(bars);
    }

    /** One bar, in plot units (x to the right from its left edge, y down from its top), and its tooltip. */
    public record Bar(double x, double y, double width, double height, String title) {
        public String xU() { return u(x); }

        public String yU() { return u(y); }

        public String widthU() { return u(width); }

        public String heightU() { return u(height); }

        private static String u(double v) {
            StringBuilder out = new StringBuilder(6);
            Format.coord(out, v);
            return out.toString();
        }
    }
}
