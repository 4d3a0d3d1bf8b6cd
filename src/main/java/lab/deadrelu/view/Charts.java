package lab.deadrelu.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.deadrelu.sim.Series;
import lab.deadrelu.view.LineChart.Line;

/**
 * Builds the lab's line charts from bounded histories. x runs over steps from the first recorded
 * step to max(last step, first + 1). Buckets closer than {@link #MIN_GAP} units on x are drawn as
 * one point (their last value) whose min–max joins the band, so a chart never holds more points than
 * it has room for, and a spike still shows.
 */
public final class Charts {
    public static final int WIDTH = 640, HEIGHT = 232, LEFT = 56, TOP = 28, RIGHT = 620, BOTTOM = 190;
    /** Smallest x distance between two drawn points. */
    public static final double MIN_GAP = 5;
    /** Thinnest band drawn, in units: a min–max range any thinner hides behind the 2-unit line. */
    public static final double MIN_BAND = 1;
    /** Line classes cycle through this many styles (colour and dash). */
    public static final int STYLES = 8;

    private Charts() {}

    /** The loss on a log10 axis (values <= 0 sit on the floor of the axis). */
    public static LineChart loss(String id, Series loss, long currentStep, ChartWords words) {
        return loss(id, loss, currentStep, null, words);
    }

    /** The loss chart with a vertical marker at `mark` (a step the reader asked to see; null: none). */
    public static LineChart loss(String id, Series loss, long currentStep, Long mark, ChartWords words) {
        List<Series> all = List.of(loss);
        LinearScale x = xScale(all, currentStep);
        double lowestPositive = Double.NaN, highest = Double.NaN;
        for (int b = 0; b < loss.size(); b++) {
            for (double v : new double[] {loss.minOf(b), loss.maxOf(b), loss.lastOf(b)}) {
                if (!Double.isFinite(v)) continue;
                if (v > 0 && !(v >= lowestPositive)) lowestPositive = v;
                if (!(v <= highest)) highest = v;
            }
        }
        LogScale y = LogScale.covering(lowestPositive, highest, BOTTOM, TOP);
        Line line = trace(loss, x, y, "series-loss", words.lossLine(), false, 0);
        List<Line> lines = line.points().isEmpty() ? List.of() : List.of(line);
        int first = firstFinite(loss), last = lastFinite(loss);
        String description = first < 0 ? words.noData()
                : words.lossSummary(loss.lastOf(first), loss.stepOf(first), loss.lastOf(last), loss.stepOf(last), lowestFinite(loss));
        return chart(id, words.lossTitle(), description, words.stepAxis(), words.lossAxis(), x, y, lines, null,
                stepMark(x, mark, words), words);
    }

    /**
     * Dead neurons per hidden layer (perLayer.get(h) counts layer h, widths[h] its neurons), y from
     * 0 to the widest layer. Lines are steps, nudged apart by a pixel or two so equal counts stay visible.
     */
    public static LineChart deadCounts(String id, List<Series> perLayer, int[] widths, ChartWords words) {
        return deadCounts(id, perLayer, widths, null, words);
    }

    /** The dead-count chart with a vertical marker at `mark` (null: none). */
    public static LineChart deadCounts(String id, List<Series> perLayer, int[] widths, Long mark, ChartWords words) {
        LinearScale x = xScale(perLayer, -1);
        int widest = 1;
        for (int w : widths) widest = Math.max(widest, w);
        LinearScale y = LinearScale.within(0, widest, BOTTOM - 4, TOP + 4, 5, 1);
        List<Line> lines = new ArrayList<>();
        int[] dead = new int[perLayer.size()];
        long lastStep = -1;
        for (int h = 0; h < perLayer.size(); h++) {
            Series s = perLayer.get(h);
            double nudge = (h - (perLayer.size() - 1) / 2.0) * -1.5;
            Line line = trace(s, x, y, style(h), words.layerLine(h + 1), true, nudge);
            if (!line.points().isEmpty()) lines.add(line);
            int last = lastFinite(s);
            if (last >= 0) {
                dead[h] = (int) Math.round(s.lastOf(last));
                lastStep = Math.max(lastStep, s.stepOf(last));
            }
        }
        int[] shownWidths = new int[perLayer.size()];
        for (int h = 0; h < shownWidths.length; h++) shownWidths[h] = h < widths.length ? widths[h] : 0;
        String description = lastStep < 0 ? words.noData() : words.deadSummary(lastStep, dead, shownWidths);
        return chart(id, words.deadTitle(), description, words.stepAxis(), words.deadAxis(), x, y, lines, null,
                stepMark(x, mark, words), words);
    }

    /**
     * The focused neuron's incoming weights (and bias) over time: y always includes 0 and the zero
     * line is drawn; when `deathStep` is not null a marker shows the step the neuron died.
     *
     * @param names  the weights' names in the post's notation (w21, w22, b^(2)_1), one per series
     * @param neuron the neuron's name for the title and the text alternative, e.g. "h1^(2)"
     */
    public static LineChart weights(String id, List<Series> weights, List<String> names, Long deathStep, String neuron,
                                    ChartWords words) {
        return weights(id, weights, names, deathStep, neuron, null, words);
    }

    /** The weights chart with a second vertical marker at `mark` (null: none), e.g. the step of an event the reader clicked. */
    public static LineChart weights(String id, List<Series> weights, List<String> names, Long deathStep, String neuron,
                                    Long mark, ChartWords words) {
        LinearScale x = xScale(weights, deathStep == null ? -1 : deathStep);
        double lo = 0, hi = 0;
        for (Series s : weights) {
            for (int b = 0; b < s.size(); b++) {
                for (double v : new double[] {s.minOf(b), s.maxOf(b)}) {
                    if (!Double.isFinite(v)) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        LinearScale y = LinearScale.covering(lo, hi, BOTTOM, TOP, 5);
        List<Line> lines = new ArrayList<>();
        List<String> shownNames = new ArrayList<>();
        double[] first = new double[weights.size()], last = new double[weights.size()];
        long firstStep = Long.MAX_VALUE, lastStep = -1;
        for (int i = 0; i < weights.size(); i++) {
            Series s = weights.get(i);
            String name = i < names.size() ? names.get(i) : "w" + (i + 1);
            Line line = trace(s, x, y, style(i), name, false, 0);
            if (line.points().isEmpty()) continue;
            lines.add(line);
            int f = firstFinite(s), l = lastFinite(s);
            first[shownNames.size()] = s.lastOf(f);
            last[shownNames.size()] = s.lastOf(l);
            shownNames.add(name);
            firstStep = Math.min(firstStep, s.stepOf(f));
            lastStep = Math.max(lastStep, s.stepOf(l));
        }
        List<LineChart.Marker> markers = new ArrayList<>();
        if (deathStep != null) markers.add(marker(x, deathStep, words.deathMarker(deathStep), "marker death"));
        if (mark != null && !mark.equals(deathStep)) {   // the death marker already marks its own step
            for (LineChart.Marker m : stepMark(x, mark, words)) {
                if (markers.isEmpty()) markers.add(m);
                else markers.addAll(apart(markers.remove(0), m));
            }
        }
        int n = shownNames.size();
        String description = n == 0 ? words.noData()
                : words.weightsSummary(neuron, List.copyOf(shownNames), Arrays.copyOf(first, n),
                        Arrays.copyOf(last, n), firstStep, lastStep, deathStep);
        return chart(id, words.weightsTitle(neuron), description, words.stepAxis(), words.weightAxis(), x, y, lines,
                Format.r1(y.map(0)), markers, words);
    }

    /** The css class of the i-th line: series-1 .. series-8, then again. */
    public static String style(int i) {
        return "series-" + (Math.floorMod(i, STYLES) + 1);
    }

    // ---- geometry ----

    /** Steps from the first recorded one to max(last recorded, `atLeast`, first + 1). */
    static LinearScale xScale(List<Series> series, long atLeast) {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (Series s : series) {
            if (s.isEmpty()) continue;
            first = Math.min(first, s.firstStep());
            last = Math.max(last, s.stepOf(s.size() - 1));
        }
        if (first == Long.MAX_VALUE) {
            first = 0;
            last = 0;
        }
        last = Math.max(last, atLeast);
        return LinearScale.within(first, Math.max(last, first + 1), LEFT, RIGHT, 6, 1);
    }

    /**
     * The marker of a step the reader asked to see (the link's mark): drawn only when the step lies
     * on the chart's x axis (a mark beyond the current step waits until the run gets there).
     */
    static List<LineChart.Marker> stepMark(LinearScale x, Long mark, ChartWords words) {
        if (mark == null || mark < x.domainMin() || mark > x.domainMax()) return List.of();
        return List.of(marker(x, mark, words.stepMarker(mark), "marker mark"));
    }

    /**
     * Two markers whose labels (both at the top of the plot) would run into each other: the left one's
     * label goes to the left of its line, the right one's to the right.
     */
    static List<LineChart.Marker> apart(LineChart.Marker a, LineChart.Marker b) {
        if (Math.abs(a.x() - b.x()) >= 160) return List.of(a, b);
        boolean aLeft = a.x() < b.x() || a.x() == b.x() && a.anchor().equals("end");
        return List.of(side(a, aLeft), side(b, !aLeft));
    }

    private static LineChart.Marker side(LineChart.Marker m, boolean left) {
        return new LineChart.Marker(m.x(), m.label(), m.cssClass(), Format.r1(left ? m.x() - 4 : m.x() + 4), left ? "end" : "start");
    }

    static LineChart.Marker marker(Scale x, long step, String label, String cssClass) {
        double px = Format.r1(x.map(step));
        boolean right = px > LEFT + 0.7 * (RIGHT - LEFT);
        return new LineChart.Marker(px, label, cssClass, Format.r1(right ? px - 4 : px + 4), right ? "end" : "start");
    }

    static LineChart chart(String id, String title, String description, String xLabel, String yLabel,
                                   Scale x, Scale y, List<Line> lines, Double zeroY, List<LineChart.Marker> markers,
                                   ChartWords words) {
        List<LineChart.LegendEntry> legend = new ArrayList<>();
        boolean band = false;
        for (Line l : lines) {
            legend.add(new LineChart.LegendEntry(l.cssClass(), l.label(), LineChart.Kind.LINE));
            band |= l.hasBand();
        }
        if (band) legend.add(new LineChart.LegendEntry("band", words.band(), LineChart.Kind.BAND));
        for (LineChart.Marker m : markers) legend.add(new LineChart.LegendEntry(m.cssClass(), m.label(), LineChart.Kind.MARKER));
        List<Tick> xTicks = x.ticks(), yTicks = y.ticks();
        Frame f = frame(xTicks, yTicks);
        return new LineChart(id, title, description, WIDTH, HEIGHT, LEFT, TOP, RIGHT, BOTTOM, f.axes(),
                f.grid(), xLabel, yLabel, xTicks, yTicks, lines, zeroY, markers, legend);
    }

    /** The plot area's axis lines with their tick marks, and the grid lines at the y ticks, as SVG path data. */
    record Frame(String axes, String grid) {}

    static Frame frame(List<Tick> xTicks, List<Tick> yTicks) {
        StringBuilder axes = new StringBuilder("M").append(LEFT).append(',').append(TOP).append('V').append(BOTTOM)
                .append('H').append(RIGHT);
        StringBuilder grid = new StringBuilder();
        for (Tick t : yTicks) {
            axes.append('M').append(LEFT - 5).append(',');
            Format.coord(axes, t.pos());
            axes.append("h5");
            grid.append('M').append(LEFT).append(',');
            Format.coord(grid, t.pos());
            grid.append('H').append(RIGHT);
        }
        for (Tick t : xTicks) {
            axes.append('M');
            Format.coord(axes, t.pos());
            axes.append(',').append(BOTTOM).append("v5");
        }
        return new Frame(axes.toString(), grid.toString());
    }

    static int firstFinite(Series s) {
        for (int b = 0; b < s.size(); b++) if (Double.isFinite(s.lastOf(b))) return b;
        return -1;
    }

    static int lastFinite(Series s) {
        for (int b = s.size() - 1; b >= 0; b--) if (Double.isFinite(s.lastOf(b))) return b;
        return -1;
    }

    static double lowestFinite(Series s) {
        double lo = Double.NaN;
        for (int b = 0; b < s.size(); b++) if (Double.isFinite(s.minOf(b)) && !(s.minOf(b) >= lo)) lo = s.minOf(b);
        return lo;
    }

    /**
     * The polyline points and the band path of one series. `stepped`: hold each value until the next
     * point (counts); `nudge`: shift on y in units, kept inside the plot.
     */
    static Line trace(Series s, Scale x, Scale y, String cssClass, String label, boolean stepped, double nudge) {
        int n = s.size();
        double[] gx = new double[n], gLast = new double[n], gMin = new double[n], gMax = new double[n];
        int g = 0;
        double groupStart = 0;
        for (int b = 0; b < n; b++) {
            double v = s.lastOf(b);
            if (!Double.isFinite(v)) continue;
            double lo = Math.min(v, s.minOf(b)), hi = Math.max(v, s.maxOf(b));   // NaN-proof: min/max keep v
            if (Double.isNaN(lo)) lo = v;
            if (Double.isNaN(hi)) hi = v;
            double px = x.map(s.stepOf(b));
            if (g >= 2 && px - groupStart < MIN_GAP) {   // join the previous point (never the first one)
                gx[g - 1] = px;
                gLast[g - 1] = v;
                gMin[g - 1] = Math.min(gMin[g - 1], lo);
                gMax[g - 1] = Math.max(gMax[g - 1], hi);
            } else {
                groupStart = px;
                gx[g] = px;
                gLast[g] = v;
                gMin[g] = lo;
                gMax[g] = hi;
                g++;
            }
        }
        if (g == 0) return new Line(cssClass, label, "", "");
        double[] px = new double[g], py = new double[g], top = new double[g], bottom = new double[g];
        for (int i = 0; i < g; i++) {
            px[i] = Format.r1(gx[i]);
            py[i] = clampY(y.map(gLast[i]) + nudge);
            top[i] = clampY(y.map(gMax[i]) + nudge);
            bottom[i] = clampY(y.map(gMin[i]) + nudge);
        }
        return new Line(cssClass, label, points(px, py, stepped), band(px, top, bottom));
    }

    private static double clampY(double v) {
        return Format.r1(Math.max(TOP, Math.min(BOTTOM, v)));
    }

    /** "x,y x,y ...", with runs of equal y shortened to their ends. */
    private static String points(double[] px, double[] py, boolean stepped) {
        List<double[]> pts = new ArrayList<>(px.length * (stepped ? 2 : 1));
        for (int i = 0; i < px.length; i++) {
            if (stepped && i > 0 && py[i] != py[i - 1]) pts.add(new double[] {px[i], py[i - 1]});
            pts.add(new double[] {px[i], py[i]});
        }
        StringBuilder out = new StringBuilder(pts.size() * 11);
        if (pts.size() == 1) pts.add(new double[] {pts.get(0)[0] + 0.1, pts.get(0)[1]});   // one point: a dot, not nothing
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            boolean inFlatRun = i > 0 && i < pts.size() - 1 && pts.get(i - 1)[1] == p[1] && pts.get(i + 1)[1] == p[1];
            if (inFlatRun) continue;
            if (out.length() > 0) out.append(' ');
            Format.coord(out, p[0]);
            out.append(',');
            Format.coord(out, p[1]);
        }
        return out.toString();
    }

    /**
     * Closed shapes over the runs of points whose min and max lie at least {@link #MIN_BAND} apart
     * (thinner bands would not show), each from the previous point's x. A faint fill needs no
     * sub-unit precision: whole units, relative after the first ("M56,40l6,-3 6,2 0,9 -6,-1z"),
     * which keeps a long history's band short.
     */
    private static String band(double[] px, double[] top, double[] bottom) {
        StringBuilder d = new StringBuilder();
        int i = 0;
        while (i < px.length) {
            if (bottom[i] - top[i] < MIN_BAND) {
                i++;
                continue;
            }
            int a = i;
            while (i < px.length && bottom[i] - top[i] >= MIN_BAND) i++;
            int b = i - 1;
            int n = 2 * (b - a + 1) + 2;
            long[] xs = new long[n], ys = new long[n];
            int k = 0;
            double start = a > 0 ? px[a - 1] : px[a];
            xs[k] = Math.round(start);
            ys[k++] = Math.round(top[a]);
            for (int j = a; j <= b; j++) {
                xs[k] = Math.round(px[j]);
                ys[k++] = Math.round(top[j]);
            }
            for (int j = b; j >= a; j--) {
                xs[k] = Math.round(px[j]);
                ys[k++] = Math.round(bottom[j]);
            }
            xs[k] = Math.round(start);
            ys[k] = Math.round(bottom[a]);
            d.append('M').append(xs[0]).append(',').append(ys[0]).append('l');
            for (int j = 1; j < n; j++) {
                if (j > 1) d.append(' ');
                d.append(xs[j] - xs[j - 1]).append(',').append(ys[j] - ys[j - 1]);
            }
            d.append('z');
        }
        return d.toString();
    }

    private static void pair(StringBuilder d, double x, double y) {
        Format.coord(d, x);
        d.append(',');
        Format.coord(d, y);
    }
}
