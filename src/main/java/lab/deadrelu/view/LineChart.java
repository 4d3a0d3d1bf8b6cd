package lab.deadrelu.view;

import java.util.List;

/**
 * Everything `fragments/chart_line.jte` draws, in viewBox units rounded to one decimal. The plot
 * area spans x from `left` to `right` and y from `top` to `bottom`; every point lies inside it.
 *
 * @param id          unique on the page; the template derives the ids of the title and desc from it
 * @param title       the visible heading and the SVG title
 * @param description the text alternative: a sentence with the numbers (the SVG desc)
 * @param axes        path d of the two axis lines and their tick marks
 * @param grid        path d of the horizontal grid lines at the y ticks
 * @param xLabel      the x axis name, e.g. "step"
 * @param yLabel      the y axis name, e.g. "loss (log scale)"
 * @param lines       drawn in order, the first at the bottom
 * @param zeroY       y of the zero line, or null for none
 * @param markers     vertical markers, e.g. the step a neuron died
 * @param legend      the entries of the HTML legend under the chart
 */
public record LineChart(String id, String title, String description, int width, int height,
                        int left, int top, int right, int bottom, String axes, String grid,
                        String xLabel, String yLabel,
                        List<Tick> xTicks, List<Tick> yTicks, List<Line> lines, Double zeroY,
                        List<Marker> markers, List<LegendEntry> legend) {

    public LineChart {
        xTicks = List.copyOf(xTicks);
        yTicks = List.copyOf(yTicks);
        lines = List.copyOf(lines);
        markers = List.copyOf(markers);
        legend = List.copyOf(legend);
    }

    public int plotWidth() { return right - left; }

    public int plotHeight() { return bottom - top; }

    /**
     * One series. `points` is the polyline's points attribute (the last value of each bucket);
     * `band` an SVG path d shading the min–max range where buckets hold more than one value
     * ("" when there is none). Both are "" when the series has no finite values.
     */
    public record Line(String cssClass, String label, String points, String band) {
        public boolean hasBand() { return !band.isEmpty(); }
    }

    /** A vertical line at x with a label placed at labelX, anchored "start" or "end". */
    public record Marker(double x, String label, String cssClass, double labelX, String anchor) {}

    /** A legend entry: a swatch drawn with the css class (a line, a band or a marker) and its label. */
    public record LegendEntry(String cssClass, String label, Kind kind) {}

    public enum Kind { LINE, BAND, MARKER }
}
