package lab.deadrelu.view.chart;

import java.util.List;
import lab.deadrelu.view.i18n.Format;

/**
 * Everything `chart/chart_line.jte` draws. Positions are in per-mille of the plot area (x from
 * {@link Charts#LEFT} 0 to {@link Charts#RIGHT} 1000, y from {@link Charts#TOP} 0 down to
 * {@link Charts#BOTTOM} 1000): lines and bands go into an inner svg stretched over the plot, every
 * tick, label, marker and point is placed at a percentage of it with offsets in CSS pixels, so text
 * keeps its CSS size (static/css/charts.css) whatever width or height the chart is drawn at.
 *
 * @param id          unique on the page; the template derives the ids of the title and desc from it
 * @param title       the visible heading and the SVG title
 * @param description the text alternative: a sentence with the numbers (the SVG desc)
 * @param xLabel      the x axis title, e.g. "step"
 * @param yLabel      the y axis title, e.g. "loss (log scale)"
 * @param lines       drawn in order, the first at the bottom
 * @param zeroY       y of the zero line, or null for none
 * @param markers     vertical markers, e.g. the step a neuron died
 * @param points      marks at chosen points (the first and the current value, the steps where a count
 *                    changed) that show their step and value on hover and focus
 * @param legend      the entries of the HTML legend under the chart
 */
public record LineChart(String id, String title, String description, String xLabel, String yLabel,
                        List<Tick> xTicks, List<Tick> yTicks, List<Line> lines, Double zeroY,
                        List<Marker> markers, List<Point> points, List<LegendEntry> legend) {

    public LineChart {
        xTicks = List.copyOf(xTicks);
        yTicks = List.copyOf(yTicks);
        lines = List.copyOf(lines);
        markers = List.copyOf(markers);
        points = List.copyOf(points);
        legend = List.copyOf(legend);
    }

    public int left() { return Charts.LEFT; }

    public int top() { return Charts.TOP; }

    public int right() { return Charts.RIGHT; }

    public int bottom() { return Charts.BOTTOM; }

    /** The zero line's y in the plot's units, as the template writes it (only when zeroY is not null). */
    public String zeroU() { return coord(zeroY == null ? 0 : zeroY); }

    /**
     * One series. `points` is the polyline's points attribute (the last value of each bucket);
     * `band` an SVG path d shading the min–max range where buckets hold more than one value
     * ("" when there is none). Both are "" when the series has no finite values; a band alone
     * (points "") draws the envelope of the weights a legend groups as "N others".
     */
    public record Line(String cssClass, String label, String points, String band) {
        public boolean hasBand() { return !band.isEmpty(); }

        public boolean hasPoints() { return !points.isEmpty(); }
    }

    /**
     * A vertical line at x with its label at the top of the plot: anchored "start" (right of the
     * line) in the left half, "end" in the right half, so it never runs out of the plot; `row` 0, 1, …
     * puts the labels of markers that lie close together under one another.
     */
    public record Marker(double x, String label, String cssClass, String anchor, int row) {
        public String at() { return Format.pct(x); }

        public int dx() { return anchor.equals("end") ? -5 : 5; }

        public int dy() { return 15 + 16 * row; }
    }

    /**
     * A point of a series at (x, y), drawn as `shape` (path data around its own centre, CSS px; ""
     * for a circle of radius {@link #r()}).
     * `title` says what it is (series, step, value) as its tooltip and accessible name; `label` is
     * the short text beside it, shown always when `shown`, else on hover and focus; it sits `dx`,
     * `dy` pixels from the point, anchored `anchor` (placed apart from the other shown labels).
     */
    public record Point(String cssClass, String shape, double x, double y, String label, String title, boolean shown,
                        String anchor, double dx, double dy) {
        public String xAt() { return Format.pct(x); }

        public String yAt() { return Format.pct(y); }

        public boolean round() { return shape.isEmpty(); }

        public double r() { return Charts.POINT_R; }

        /** dx and dy as the template writes them: "9", "-9", "16.9". */
        public String dxs() { return coord(dx); }

        public String dys() { return coord(dy); }
    }

    private static String coord(double v) {
        StringBuilder out = new StringBuilder(6);
        Format.coord(out, v);
        return out.toString();
    }

    /**
     * A legend entry: a swatch drawn with the css class (a line, a band or a marker) and its label;
     * `shape` (path data around the swatch's centre, "" for none) is the mark its points wear.
     */
    public record LegendEntry(String cssClass, String label, Kind kind, String shape) {
        public LegendEntry(String cssClass, String label, Kind kind) {
            this(cssClass, label, kind, "");
        }

        public boolean hasShape() { return !shape.isEmpty(); }
    }

    public enum Kind { LINE, BAND, MARKER }
}
