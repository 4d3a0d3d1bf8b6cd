package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.sim.Series;

/**
 * When the student went back on the timeline, the charts still show every step reached (the run's
 * future is known) and a vertical line marks the step on screen.
 */
public final class NowMarker {
    private NowMarker() {}

    /** The chart with a marker at `step` on the x axis the chart drew for `series` (extended to `atLeast`, as it was). */
    public static LineChart add(LineChart chart, List<Series> series, long atLeast, long step, String label) {
        LinearScale x = Charts.xScale(series, atLeast);
        if (step < x.domainMin() || step > x.domainMax()) return chart;
        LineChart.Marker now = Charts.marker(x, step, label, "marker now");
        List<LineChart.Marker> markers = new ArrayList<>(chart.markers());
        markers.add(now);
        List<LineChart.LegendEntry> legend = new ArrayList<>(chart.legend());
        legend.add(new LineChart.LegendEntry(now.cssClass(), now.label(), LineChart.Kind.MARKER));
        return new LineChart(chart.id(), chart.title(), chart.description(), chart.xLabel(), chart.yLabel(), chart.xTicks(), chart.yTicks(),
                chart.lines(), chart.zeroY(), Charts.rows(markers), chart.points(), legend);
    }
}
