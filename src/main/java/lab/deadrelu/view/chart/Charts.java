package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import lab.deadrelu.sim.Series;
import lab.deadrelu.view.chart.LineChart.Line;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;

/**
 * Builds the lab's line charts from bounded histories, in per-mille of the plot area (0..1000 on
 * both axes; the template stretches lines over the plot and places text in CSS pixels, so labels
 * keep their size at any width). x runs over steps from the first recorded step to max(last step,
 * first + 1). Buckets closer than {@link #MIN_GAP} on x are drawn as one point (their last value)
 * whose min–max joins the band, so a chart never holds more points than it has room for, and a
 * spike still shows.
 */
public final class Charts {
    public static final int LEFT = 0, TOP = 0, RIGHT = 1000, BOTTOM = 1000;
    /** Smallest x distance between two drawn points, per-mille of the plot's width. */
    public static final double MIN_GAP = 10;
    /** Thinnest band drawn, per-mille of the plot's height: a thinner min–max range hides behind the line. */
    public static final double MIN_BAND = 8;
    /** Line classes cycle through this many styles (colour and dash). */
    public static final int STYLES = 8;
    /**
     * The smallest plot height the stylesheet allows, in CSS px (charts.css: min-height minus the
     * top and bottom padding). Labels shown side by side are spread for this height, so they stay
     * apart at any taller one.
     */
    public static final double MIN_PLOT_PX = 140;
    /** Line height of a point's label, CSS px. */
    static final double LABEL_PX = 16;
    /** A band's path is written in units of this many per-mille (chart_line.jte scales it back). */
    public static final int BAND_UNIT = 4;
    /** Radius of a point mark, CSS px. */
    static final double POINT_R = 4.5;
    /** More incoming weights than this and the weights chart names only the {@link #NAMED} that changed most. */
    public static final int MAX_NAMED = 8, NAMED = 5;
    /** Markers closer than this (per-mille) put their labels on separate rows. */
    static final double MARKER_ROOM = 400;

    private Charts() {}

    /** The loss on a log10 axis (values <= 0 sit on the floor of the axis). */
    public static LineChart loss(String id, Series loss, long currentStep, ChartWords words) {
        return loss(id, loss, currentStep, null, words);
    }

    /** The loss chart with a vertical marker at `mark` (a step the reader asked to see; null: none). */
    public static LineChart loss(String id, Series loss, long currentStep, Long mark, ChartWords words) {
        List<Series> all = List.of(loss);
        LinearScale x = xScale(all, currentStep);
        return lossChart(id, words.lossTitle(), loss, x, lossScale(all), stepMark(x, mark, words), words);
    }

    /** Whole decades covering every finite positive loss of every series. */
    static LogScale lossScale(List<Series> losses) {
        double lowestPositive = Double.NaN, highest = Double.NaN;
        for (Series loss : losses) {
            for (int b = 0; b < loss.size(); b++) {
                for (double v : new double[] {loss.minOf(b), loss.maxOf(b), loss.lastOf(b)}) {
                    if (!Double.isFinite(v)) continue;
                    if (v > 0 && !(v >= lowestPositive)) lowestPositive = v;
                    if (!(v <= highest)) highest = v;
                }
            }
        }
        return LogScale.covering(lowestPositive, highest, BOTTOM, TOP);
    }

    static LineChart lossChart(String id, String title, Series loss, Scale x, Scale y, List<LineChart.Marker> markers,
                               ChartWords words) {
        Line line = trace(loss, x, y, "series-loss", words.lossLine(), false, 0);
        List<Line> lines = line.hasPoints() ? List.of(line) : List.of();
        List<LineChart.Point> points = endPoints(loss, x, y, "series-loss", words.lossTitle(), "", "", 0, words);
        int first = firstFinite(loss), last = lastFinite(loss);
        String description = first < 0 ? words.noData()
                : words.lossSummary(loss.lastOf(first), loss.stepOf(first), loss.lastOf(last), loss.stepOf(last), lowestFinite(loss));
        return chart(id, title, description, words.stepAxis(), words.lossAxis(), x, y, lines, List.of(), null, markers,
                points, words);
    }

    /**
     * Dead neurons per hidden layer (perLayer.get(h) counts layer h, widths[h] its neurons), y from
     * 0 to the widest layer, whole numbers only. Lines are steps, nudged apart a little so equal
     * counts stay visible; each layer has its colour, dash and point shape, and a point wherever its
     * count changed.
     */
    public static LineChart deadCounts(String id, List<Series> perLayer, int[] widths, ChartWords words) {
        return deadCounts(id, perLayer, widths, null, words);
    }

    /** The dead-count chart with a vertical marker at `mark` (null: none). */
    public static LineChart deadCounts(String id, List<Series> perLayer, int[] widths, Long mark, ChartWords words) {
        LinearScale x = xScale(perLayer, -1);
        int widest = 1;
        for (int w : widths) widest = Math.max(widest, w);
        return deadChart(id, words.deadTitle(), perLayer, widths, x, deadScale(widest), stepMark(x, mark, words), words);
    }

    /**
     * The dead-count chart with ReDo's τ-dormant neurons beside the dead (Sokar et al. 2023): per layer h,
     * the fraction f_h of its neurons whose mean |a| over the data is at most τ times the layer's mean, at
     * τ = 0.025 (`dormantLow`) and τ = 0.1 (`dormantHigh`), drawn as counts f_h · widths[h] on the dead
     * axis, thin, in the layer's colour, nudged a little above the layer's dead line and drawn under it; a dead neuron is dormant at every τ, so
     * dead ≤ dormant(0.025) ≤ dormant(0.1). The dash tells τ, the colour the layer; one legend entry per τ.
     */
    public static LineChart deadCounts(String id, List<Series> perLayer, List<Series> dormantLow, List<Series> dormantHigh, int[] widths,
                                       Long mark, ChartWords words) {
        LineChart dead = deadCounts(id, perLayer, widths, mark, words);
        LinearScale x = xScale(perLayer, -1);
        int widest = 1;
        for (int w : widths) widest = Math.max(widest, w);
        LinearScale y = deadScale(widest);
        List<Line> lines = new ArrayList<>();
        int[] low = new int[widths.length], high = new int[widths.length];
        boolean any = false;
        for (int level = 0; level < 2; level++) {
            List<Series> fractions = level == 0 ? dormantLow : dormantHigh;
            int[] count = level == 0 ? low : high;
            String css = "dormant dormant-" + (level == 0 ? "low" : "high");
            for (int h = 0; h < fractions.size() && h < widths.length; h++) {
                Series f = fractions.get(h);
                Scale counts = times(y, widths[h]);   // count = f_h · width_h
                double nudge = (h - (widths.length - 1) / 2.0) * -8 - 8 * (level + 1);   // above the layer's dead line, so equal counts stay visible
                Line line = trace(f, x, counts, css + " " + style(h), words.layerLine(h + 1), true, nudge);
                if (!line.hasPoints()) continue;
                lines.add(new Line(line.cssClass(), line.label(), line.points(), ""));
                int last = lastFinite(f);
                count[h] = (int) Math.round(f.lastOf(last) * widths[h]);
                any = true;
            }
        }
        if (!any) return dead;
        lines.addAll(dead.lines());   // the dead on top
        List<LineChart.LegendEntry> legend = new ArrayList<>(dead.legend());
        int after = 0;
        while (after < legend.size() && legend.get(after).kind() == LineChart.Kind.LINE) after++;
        legend.add(after, new LineChart.LegendEntry("dormant dormant-high", words.dormantLine(lab.deadrelu.engine.Dormancy.HIGH), LineChart.Kind.LINE, ""));
        legend.add(after, new LineChart.LegendEntry("dormant dormant-low", words.dormantLine(lab.deadrelu.engine.Dormancy.LOW), LineChart.Kind.LINE, ""));
        String before = dead.description();   // sentences: a space between them, none after a full-width stop (。)
        String description = before + (before.endsWith("。") ? "" : " ") + words.dormantSummary(low, high, widths);
        return new LineChart(dead.id(), dead.title(), description, dead.xLabel(), dead.yLabel(), dead.xTicks(), dead.yTicks(), lines,
                dead.zeroY(), dead.markers(), dead.points(), legend);
    }

    /** y of a value times k: a fraction of a layer drawn on its counts' axis. */
    static Scale times(Scale y, double k) {
        return new Scale() {
            @Override public double map(double value) { return y.map(value * k); }
            @Override public double[] tickValues() { return y.tickValues(); }
            @Override public List<Tick> ticks() { return y.ticks(); }
            @Override public double domainMin() { return y.domainMin(); }
            @Override public double domainMax() { return y.domainMax(); }
        };
    }

    /** 0 to the widest layer, inset from the frame so a line at 0 or at the top stays clear of the axes. */
    static LinearScale deadScale(int widest) {
        return LinearScale.within(0, Math.max(1, widest), BOTTOM - 30, TOP + 30, 5, 1);
    }

    static LineChart deadChart(String id, String title, List<Series> perLayer, int[] widths, Scale x, Scale y,
                               List<LineChart.Marker> markers, ChartWords words) {
        List<Line> lines = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        List<LineChart.Point> points = new ArrayList<>();
        int[] dead = new int[perLayer.size()];
        long lastStep = -1;
        for (int h = 0; h < perLayer.size(); h++) {
            Series s = perLayer.get(h);
            double nudge = (h - (perLayer.size() - 1) / 2.0) * -8;
            String name = words.layerLine(h + 1), shape = Shapes.cycle(h) == Shapes.Kind.CIRCLE ? "" : Shapes.of(Shapes.cycle(h), POINT_R);
            Line line = trace(s, x, y, style(h), name, true, nudge);
            if (line.hasPoints()) {
                lines.add(line);
                shapes.add(Shapes.of(Shapes.cycle(h), 4));
                points.addAll(changes(s, x, y, style(h), name, shape, nudge, words));
            }
            int last = lastFinite(s);
            if (last >= 0) {
                dead[h] = (int) Math.round(s.lastOf(last));
                lastStep = Math.max(lastStep, s.stepOf(last));
            }
        }
        int[] shownWidths = new int[perLayer.size()];
        for (int h = 0; h < shownWidths.length; h++) shownWidths[h] = h < widths.length ? widths[h] : 0;
        String description = lastStep < 0 ? words.noData() : words.deadSummary(lastStep, dead, shownWidths);
        return chart(id, title, description, words.stepAxis(), words.deadAxis(), x, y, lines, shapes, null, markers,
                points, words);
    }

    /**
     * The focused neuron's incoming weights (and bias) over time: y always includes 0 and the zero
     * line is drawn; when `deathStep` is not null a marker shows the step the neuron died. More than
     * {@link #MAX_NAMED} weights: the {@link #NAMED} that moved most are drawn and named, the others
     * shaded as one band from their lowest to their highest value ("27 others").
     *
     * @param names  the weights' names as links and JSON write them (w21, w22, b^(2)_1), one per series
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
        LinearScale y = weightScale(weights);
        List<LineChart.Marker> markers = new ArrayList<>();
        if (deathStep != null) markers.add(marker(x, deathStep, words.deathMarker(deathStep), "marker death"));
        if (mark != null && !mark.equals(deathStep)) markers.addAll(stepMark(x, mark, words));   // the death marker already marks its own step
        return weightsChart(id, words.weightsTitle(Notation.pretty(neuron)), weights, names, neuron, deathStep, x, y, markers, words);
    }

    /** A range that includes 0 and every finite value, widened to whole ticks. */
    static LinearScale weightScale(List<Series> weights) {
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
        return LinearScale.covering(lo, hi, BOTTOM, TOP, 5);
    }

    static LineChart weightsChart(String id, String title, List<Series> weights, List<String> names, String neuron, Long deathStep,
                                  Scale x, Scale y, List<LineChart.Marker> markers, ChartWords words) {
        List<Integer> drawn = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) if (firstFinite(weights.get(i)) >= 0) drawn.add(i);
        List<Integer> named = drawn.size() > MAX_NAMED ? mostChanged(weights, drawn, NAMED) : drawn;
        List<Integer> others = new ArrayList<>(drawn);
        others.removeAll(named);

        List<Line> lines = new ArrayList<>();
        List<LineChart.Point> points = new ArrayList<>();
        List<String> shownNames = new ArrayList<>();
        double[] first = new double[named.size()], last = new double[named.size()];
        long firstStep = Long.MAX_VALUE, lastStep = -1;
        if (!others.isEmpty()) lines.add(envelope(weights, others, x, y, words.others(others.size())));
        for (int k = 0; k < named.size(); k++) {
            int i = named.get(k);
            Series s = weights.get(i);
            String ascii = i < names.size() ? names.get(i) : "w" + (i + 1);
            String name = Notation.pretty(ascii);
            lines.add(trace(s, x, y, style(k), name, false, 0));
            points.addAll(endPoints(s, x, y, style(k), name, name + " = ", "", 0, words));
            int f = firstFinite(s), l = lastFinite(s);
            first[k] = s.lastOf(f);
            last[k] = s.lastOf(l);
            shownNames.add(ascii);
            firstStep = Math.min(firstStep, s.stepOf(f));
            lastStep = Math.max(lastStep, s.stepOf(l));
        }
        int n = shownNames.size();
        String description = n == 0 ? words.noData()
                : words.weightsSummary(neuron, List.copyOf(shownNames), Arrays.copyOf(first, n), Arrays.copyOf(last, n),
                        firstStep, lastStep, deathStep);
        if (!others.isEmpty()) {
            double lo = Double.NaN, hi = Double.NaN;
            for (int i : others) {
                Series s = weights.get(i);
                double v = s.lastOf(lastFinite(s));
                if (!(v >= lo)) lo = v;
                if (!(v <= hi)) hi = v;
            }
            description += " " + words.othersSummary(others.size(), lo, hi);
        }
        return chart(id, title, description, words.stepAxis(), words.weightAxis(), x, y, lines, List.of(), Format.r1(y.map(0)),
                markers, points, words);
    }

    /**
     * The `count` series that moved most: by |last − first|, then by |last| (at step 0 nothing has
     * moved yet: the largest weights), then in order; returned in their original order.
     */
    static List<Integer> mostChanged(List<Series> weights, List<Integer> candidates, int count) {
        Comparator<Integer> byChange = Comparator.comparingDouble((Integer i) -> {
            Series s = weights.get(i);
            double d = Math.abs(s.lastOf(lastFinite(s)) - s.lastOf(firstFinite(s)));
            return Double.isFinite(d) ? -d : 0;
        }).thenComparingDouble(i -> {
            Series s = weights.get(i);
            double v = Math.abs(s.lastOf(lastFinite(s)));
            return Double.isFinite(v) ? -v : 0;
        }).thenComparingInt(i -> i);
        List<Integer> top = new ArrayList<>(candidates.stream().sorted(byChange).limit(count).toList());
        top.sort(Comparator.naturalOrder());
        return top;
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
    static List<LineChart.Marker> stepMark(Scale x, Long mark, ChartWords words) {
        if (mark == null || mark < x.domainMin() || mark > x.domainMax()) return List.of();
        return List.of(marker(x, mark, words.stepMarker(mark), "marker mark"));
    }

    /** A marker at a step: its label runs into the plot, away from the nearer edge. */
    static LineChart.Marker marker(Scale x, long step, String label, String cssClass) {
        double px = Format.r1(x.map(step));
        return new LineChart.Marker(px, label, cssClass, px > (LEFT + RIGHT) / 2.0 ? "end" : "start", 0);
    }

    /** Each marker's label on the first row no earlier marker within {@link #MARKER_ROOM} uses. */
    static List<LineChart.Marker> rows(List<LineChart.Marker> markers) {
        List<LineChart.Marker> out = new ArrayList<>();
        for (LineChart.Marker m : markers) {
            int row = 0;
            boolean taken = true;
            while (taken) {
                taken = false;
                for (LineChart.Marker o : out) {
                    if (o.row() == row && Math.abs(o.x() - m.x()) < MARKER_ROOM) {
                        taken = true;
                        row++;
                        break;
                    }
                }
            }
            out.add(new LineChart.Marker(m.x(), m.label(), m.cssClass(), m.anchor(), row));
        }
        return out;
    }

    /**
     * A chart from its parts. The legend: one entry per line (`shapes`, when given, are the marks of
     * the lines with points, in order), the merged steps' band when any line has one, the markers.
     */
    static LineChart chart(String id, String title, String description, String xLabel, String yLabel, Scale x, Scale y,
                           List<Line> lines, List<String> shapes, Double zeroY, List<LineChart.Marker> markers,
                           List<LineChart.Point> points, ChartWords words) {
        List<LineChart.LegendEntry> legend = new ArrayList<>(), grouped = new ArrayList<>();
        boolean band = false;
        int k = 0;
        for (Line l : lines) {
            if (!l.hasPoints()) {   // a band alone: the weights grouped as "N others", after the named ones
                if (l.hasBand()) grouped.add(new LineChart.LegendEntry("band " + l.cssClass(), l.label(), LineChart.Kind.BAND));
                continue;
            }
            String shape = k < shapes.size() ? shapes.get(k) : "";
            k++;
            legend.add(new LineChart.LegendEntry(l.cssClass(), l.label(), LineChart.Kind.LINE, shape));
            band |= l.hasBand();
        }
        legend.addAll(grouped);
        if (band) legend.add(new LineChart.LegendEntry("band", words.band(), LineChart.Kind.BAND));
        List<LineChart.Marker> placed = rows(markers);
        int markerRows = 0;
        for (LineChart.Marker m : placed) {
            legend.add(new LineChart.LegendEntry(m.cssClass(), m.label(), LineChart.Kind.MARKER));
            markerRows = Math.max(markerRows, m.row() + 1);
        }
        return new LineChart(id, title, description, xLabel, yLabel, x.ticks(), y.ticks(), lines, zeroY, placed,
                placed(points, markerRows == 0 ? 0 : markerRows * (LABEL_PX + 2) + 4), legend);
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

    // ---- points ----

    /** The first and the last finite value of a series as points (one when they are the same bucket). */
    static List<LineChart.Point> endPoints(Series s, Scale x, Scale y, String cssClass, String name, String labelPrefix,
                                           String shape, double nudge, ChartWords words) {
        int f = firstFinite(s), l = lastFinite(s);
        if (f < 0) return List.of();
        List<LineChart.Point> out = new ArrayList<>(2);
        boolean alone = f == l;
        for (int b : alone ? new int[] {f} : new int[] {f, l}) {
            out.add(point(s, b, x, y, cssClass, name, labelPrefix, shape, nudge, alone, words));
        }
        return out;
    }

    /** The points of a count where it changed (and its first and last), the last ten changes at most. */
    static List<LineChart.Point> changes(Series s, Scale x, Scale y, String cssClass, String name, String shape, double nudge,
                                         ChartWords words) {
        int f = firstFinite(s), l = lastFinite(s);
        if (f < 0) return List.of();
        List<Integer> at = new ArrayList<>();
        long previous = Math.round(s.lastOf(f));
        for (int b = f + 1; b < l; b++) {
            double v = s.lastOf(b);
            if (!Double.isFinite(v) || Math.round(v) == previous) continue;
            at.add(b);
            previous = Math.round(v);
        }
        List<Integer> buckets = new ArrayList<>();
        buckets.add(f);
        buckets.addAll(at.subList(Math.max(0, at.size() - 10), at.size()));
        if (l != f) buckets.add(l);
        List<LineChart.Point> out = new ArrayList<>(buckets.size());
        for (int b : buckets) out.add(point(s, b, x, y, cssClass, name, "", shape, nudge, false, words));
        return out;
    }

    private static LineChart.Point point(Series s, int b, Scale x, Scale y, String cssClass, String name, String labelPrefix,
                                         String shape, double nudge, boolean shown, ChartWords words) {
        double v = s.lastOf(b);
        String value = Signs.number(v);
        double px = Format.r1(x.map(s.stepOf(b))), py = clampY(y.map(v) + nudge);
        boolean right = px > (LEFT + RIGHT) / 2.0;
        return new LineChart.Point(cssClass, shape, px, py, labelPrefix + value, words.pointTitle(name, s.stepOf(b), value),
                shown, right ? "end" : "start", right ? -9 : 9, -9);
    }

    /**
     * Shown labels (beside points that are alone in their series, as at step 0) spread so none
     * covers another: on each side, sorted by height, at least {@link #LABEL_PX} apart on a plot
     * {@link #MIN_PLOT_PX} high (further apart on a taller one) and kept inside the plot, below
     * the `reservedTop` px that the markers' labels take.
     */
    static List<LineChart.Point> placed(List<LineChart.Point> points, double reservedTop) {
        List<LineChart.Point> out = new ArrayList<>(points);
        for (String side : List.of("start", "end")) {
            List<Integer> shown = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) if (out.get(i).shown() && out.get(i).anchor().equals(side)) shown.add(i);
            if (shown.isEmpty()) continue;
            shown.sort(Comparator.comparingDouble((Integer i) -> out.get(i).y()).thenComparingInt(i -> i));
            int n = shown.size();
            double[] at = new double[n];   // baselines in px on the smallest plot: centred on the point (+4), then pushed down
            double top = 12 + reservedTop, bottom = MIN_PLOT_PX - 3;
            for (int k = 0; k < n; k++) {
                double base = Math.max(top, out.get(shown.get(k)).y() / 1000 * MIN_PLOT_PX + 4);
                at[k] = k == 0 ? base : Math.max(base, at[k - 1] + LABEL_PX);
            }
            if (at[n - 1] > bottom) {   // past the bottom: back up from there (too many to fit: the lowest stay readable)
                at[n - 1] = bottom;
                for (int k = n - 2; k >= 0; k--) at[k] = Math.min(at[k], at[k + 1] - LABEL_PX);
            }
            for (int k = 0; k < n; k++) {
                LineChart.Point p = out.get(shown.get(k));
                double dy = Format.r1(at[k] - p.y() / 1000 * MIN_PLOT_PX);
                out.set(shown.get(k), new LineChart.Point(p.cssClass(), p.shape(), p.x(), p.y(), p.label(), p.title(), true,
                        p.anchor(), p.dx(), dy));
            }
        }
        return out;
    }

    // ---- lines and bands ----

    /**
     * The polyline points and the band path of one series. `stepped`: hold each value until the next
     * point (counts); `nudge`: shift on y in per-mille, kept inside the plot.
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
        return new Line(cssClass, label, points(px, py, stepped), band(px, top, bottom, MIN_BAND));
    }

    /**
     * The band from the lowest to the highest value of several series (recorded at the same steps,
     * as a history's weights are), its buckets merged like a line's; at least a few per-mille thick,
     * so weights that move together still show.
     */
    static Line envelope(List<Series> all, List<Integer> which, Scale x, Scale y, String label) {
        Series first = all.get(which.get(0));
        int n = first.size();
        for (int i : which) n = Math.min(n, all.get(i).size());
        double[] px = new double[n], top = new double[n], bottom = new double[n];
        int g = 0;
        double groupStart = 0;
        for (int b = 0; b < n; b++) {
            double lo = Double.NaN, hi = Double.NaN;
            for (int i : which) {
                Series s = all.get(i);
                for (double v : new double[] {s.minOf(b), s.maxOf(b), s.lastOf(b)}) {
                    if (!Double.isFinite(v)) continue;
                    if (!(v >= lo)) lo = v;
                    if (!(v <= hi)) hi = v;
                }
            }
            if (Double.isNaN(lo)) continue;
            double xb = x.map(first.stepOf(b)), t = y.map(hi), u = y.map(lo);
            double mid = (t + u) / 2, half = Math.max(3, (u - t) / 2);
            if (g >= 2 && xb - groupStart < MIN_GAP) {
                px[g - 1] = Format.r1(xb);
                top[g - 1] = Math.min(top[g - 1], clampY(mid - half));
                bottom[g - 1] = Math.max(bottom[g - 1], clampY(mid + half));
            } else {
                groupStart = xb;
                px[g] = Format.r1(xb);
                top[g] = clampY(mid - half);
                bottom[g] = clampY(mid + half);
                g++;
            }
        }
        if (g == 1) {   // one step: a short bar, not nothing
            px = new double[] {px[0], Math.min(RIGHT, px[0] + 8)};
            top = new double[] {top[0], top[0]};
            bottom = new double[] {bottom[0], bottom[0]};
            g = 2;
        }
        String d = g == 0 ? "" : band(Arrays.copyOf(px, g), Arrays.copyOf(top, g), Arrays.copyOf(bottom, g), 0);
        return new Line("others", label, "", d);
    }

    private static long unit(double v) {
        return Math.round(v / BAND_UNIT);
    }

    private static double clampY(double v) {
        return Format.r1(Math.max(TOP, Math.min(BOTTOM, v)));
    }

    /** "x,y x,y ...", with runs of equal y shortened to their ends; y in whole per-mille. */
    private static String points(double[] px, double[] py, boolean stepped) {
        List<double[]> pts = new ArrayList<>(px.length * (stepped ? 2 : 1));
        for (int i = 0; i < px.length; i++) {
            if (stepped && i > 0 && py[i] != py[i - 1]) pts.add(new double[] {px[i], py[i - 1]});
            pts.add(new double[] {px[i], py[i]});
        }
        StringBuilder out = new StringBuilder(pts.size() * 8);
        if (pts.size() == 1) pts.add(new double[] {pts.get(0)[0] + 0.1, pts.get(0)[1]});   // one point: a dot, not nothing
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            boolean inFlatRun = i > 0 && i < pts.size() - 1 && pts.get(i - 1)[1] == p[1] && pts.get(i + 1)[1] == p[1];
            if (inFlatRun) continue;
            if (out.length() > 0) out.append(' ');
            // a per-mille is about a pixel on the widest chart: the y values in whole units, x with a tenth (steps stay in order)
            Format.coord(out, p[0]);
            out.append(',').append(Math.round(p[1]));
        }
        return out.toString();
    }

    /**
     * Closed shapes over the runs of points whose min and max lie at least `minBand` apart
     * (thinner bands would not show), each from the previous point's x. A faint fill needs no
     * precision: in units of {@link #BAND_UNIT} per-mille (the template scales the path back up),
     * relative after the first ("M14,10l2,-1 2,1 0,2 -2,-1z"), which keeps a long history's band short.
     */
    static String band(double[] px, double[] top, double[] bottom, double minBand) {
        StringBuilder d = new StringBuilder();
        int i = 0;
        while (i < px.length) {
            if (bottom[i] - top[i] < minBand) {
                i++;
                continue;
            }
            int a = i;
            while (i < px.length && bottom[i] - top[i] >= minBand) i++;
            int b = i - 1;
            int n = 2 * (b - a + 1) + 2;
            long[] xs = new long[n], ys = new long[n];
            int k = 0;
            double start = a > 0 ? px[a - 1] : px[a];
            xs[k] = unit(start);
            ys[k++] = unit(top[a]);
            for (int j = a; j <= b; j++) {
                xs[k] = unit(px[j]);
                ys[k++] = unit(top[j]);
            }
            for (int j = b; j >= a; j--) {
                xs[k] = unit(px[j]);
                ys[k++] = unit(bottom[j]);
            }
            xs[k] = unit(start);
            ys[k] = unit(bottom[a]);
            d.append('M').append(xs[0]).append(',').append(ys[0]).append('l');
            for (int j = 1; j < n; j++) {
                if (j > 1) d.append(' ');
                d.append(xs[j] - xs[j - 1]).append(',').append(ys[j] - ys[j - 1]);
            }
            d.append('z');
        }
        return d.toString();
    }
}
