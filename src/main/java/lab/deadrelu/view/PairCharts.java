package lab.deadrelu.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.deadrelu.sim.Series;
import lab.deadrelu.view.LineChart.Line;

/**
 * The compare page's charts: every kind drawn once per run, both on the same axes, so the eye can
 * go from one to the other. One x range for all six (first recorded step to the later run's step);
 * one log y range for the two losses, one 0..widest-layer range for the dead counts, one range
 * (with 0) for the focused neurons' weights. Lines, bands, markers and sentences are the lab's
 * ({@link Charts}); only the scales are shared.
 */
public final class PairCharts {
    private PairCharts() {}

    /**
     * What one run contributes. `letter` ("A", "B") goes in front of every chart title.
     *
     * @param widths      neurons per hidden layer
     * @param weightNames the focused neuron's incoming weights (and bias) in the post's notation
     * @param focus       the focused neuron's name, e.g. "h1^(2)"
     * @param deathStep   when the focused neuron became dead, or null while it is not
     */
    public record Run(String letter, Series loss, List<Series> dead, int[] widths, List<Series> weights,
                      List<String> weightNames, String focus, Long deathStep) {}

    /** The three charts of one run. */
    public record Panels(LineChart loss, LineChart dead, LineChart weights) {}

    /**
     * Both runs' charts with shared scales; ids end in "-a" and "-b". `marked`, when not null, is a
     * step drawn on both loss and dead charts with the label `markLabel` (the step their dead counts
     * first differ).
     */
    public static List<Panels> of(Run a, Run b, long step, Long marked, String markLabel, ChartWords words) {
        List<Run> runs = List.of(a, b);
        List<Series> losses = List.of(a.loss(), b.loss());
        LinearScale x = Charts.xScale(losses, step);
        LogScale lossY = lossScale(losses);
        int widest = 1;
        for (Run r : runs) for (int w : r.widths()) widest = Math.max(widest, w);
        LinearScale deadY = LinearScale.within(0, widest, Charts.BOTTOM - 4, Charts.TOP + 4, 5, 1);
        double lo = 0, hi = 0;
        for (Run r : runs) {
            for (Series s : r.weights()) {
                for (int k = 0; k < s.size(); k++) {
                    for (double v : new double[] {s.minOf(k), s.maxOf(k)}) {
                        if (!Double.isFinite(v)) continue;
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        LinearScale weightsY = LinearScale.covering(lo, hi, Charts.BOTTOM, Charts.TOP, 5);
        List<LineChart.Marker> marks = marked == null || marked < x.domainMin() || marked > x.domainMax() ? List.of()
                : List.of(Charts.marker(x, marked, markLabel, "marker differ"));
        List<Panels> panels = new ArrayList<>();
        for (Run r : runs) {
            String suffix = "-" + r.letter().toLowerCase(java.util.Locale.ROOT);
            panels.add(new Panels(loss("loss" + suffix, r, x, lossY, marks, words), dead("dead" + suffix, r, x, deadY, marks, words),
                    weights("weights" + suffix, r, x, weightsY, words)));
        }
        return panels;
    }

    /** Whole decades covering every finite positive loss of every series (as the lab's loss chart does for one). */
    static LogScale lossScale(List<Series> losses) {
        double lowestPositive = Double.NaN, highest = Double.NaN;
        for (Series loss : losses) {
            for (int k = 0; k < loss.size(); k++) {
                for (double v : new double[] {loss.minOf(k), loss.maxOf(k), loss.lastOf(k)}) {
                    if (!Double.isFinite(v)) continue;
                    if (v > 0 && !(v >= lowestPositive)) lowestPositive = v;
                    if (!(v <= highest)) highest = v;
                }
            }
        }
        return LogScale.covering(lowestPositive, highest, Charts.BOTTOM, Charts.TOP);
    }

    private static String title(Run r, String title) {
        return r.letter() + " · " + title;
    }

    private static LineChart loss(String id, Run r, LinearScale x, LogScale y, List<LineChart.Marker> marks, ChartWords words) {
        Series loss = r.loss();
        Line line = Charts.trace(loss, x, y, "series-loss", words.lossLine(), false, 0);
        List<Line> lines = line.points().isEmpty() ? List.of() : List.of(line);
        int first = Charts.firstFinite(loss), last = Charts.lastFinite(loss);
        String description = first < 0 ? words.noData()
                : words.lossSummary(loss.lastOf(first), loss.stepOf(first), loss.lastOf(last), loss.stepOf(last), Charts.lowestFinite(loss));
        return Charts.chart(id, title(r, words.lossTitle()), description, words.stepAxis(), words.lossAxis(), x, y, lines, null, marks, words);
    }

    private static LineChart dead(String id, Run r, LinearScale x, LinearScale y, List<LineChart.Marker> marks, ChartWords words) {
        List<Series> perLayer = r.dead();
        List<Line> lines = new ArrayList<>();
        int[] dead = new int[perLayer.size()], widths = new int[perLayer.size()];
        long lastStep = -1;
        for (int h = 0; h < perLayer.size(); h++) {
            Series s = perLayer.get(h);
            double nudge = (h - (perLayer.size() - 1) / 2.0) * -1.5;
            Line line = Charts.trace(s, x, y, Charts.style(h), words.layerLine(h + 1), true, nudge);
            if (!line.points().isEmpty()) lines.add(line);
            int last = Charts.lastFinite(s);
            if (last >= 0) {
                dead[h] = (int) Math.round(s.lastOf(last));
                lastStep = Math.max(lastStep, s.stepOf(last));
            }
            widths[h] = h < r.widths().length ? r.widths()[h] : 0;
        }
        String description = lastStep < 0 ? words.noData() : words.deadSummary(lastStep, dead, widths);
        return Charts.chart(id, title(r, words.deadTitle()), description, words.stepAxis(), words.deadAxis(), x, y, lines, null, marks, words);
    }

    private static LineChart weights(String id, Run r, LinearScale x, LinearScale y, ChartWords words) {
        List<Line> lines = new ArrayList<>();
        List<String> shownNames = new ArrayList<>();
        List<Series> weights = r.weights();
        double[] first = new double[weights.size()], last = new double[weights.size()];
        long firstStep = Long.MAX_VALUE, lastStep = -1;
        for (int i = 0; i < weights.size(); i++) {
            Series s = weights.get(i);
            String name = i < r.weightNames().size() ? r.weightNames().get(i) : "w" + (i + 1);
            Line line = Charts.trace(s, x, y, Charts.style(i), name, false, 0);
            if (line.points().isEmpty()) continue;
            lines.add(line);
            int f = Charts.firstFinite(s), l = Charts.lastFinite(s);
            first[shownNames.size()] = s.lastOf(f);
            last[shownNames.size()] = s.lastOf(l);
            shownNames.add(name);
            firstStep = Math.min(firstStep, s.stepOf(f));
            lastStep = Math.max(lastStep, s.stepOf(l));
        }
        List<LineChart.Marker> markers = new ArrayList<>();
        Long death = r.deathStep();
        if (death != null && death >= x.domainMin() && death <= x.domainMax())
            markers.add(Charts.marker(x, death, words.deathMarker(death), "marker death"));
        int n = shownNames.size();
        String description = n == 0 ? words.noData()
                : words.weightsSummary(r.focus(), List.copyOf(shownNames), Arrays.copyOf(first, n), Arrays.copyOf(last, n),
                        firstStep, lastStep, death);
        return Charts.chart(id, title(r, words.weightsTitle(r.focus())), description, words.stepAxis(), words.weightAxis(), x, y,
                lines, Format.r1(y.map(0)), markers, words);
    }
}
