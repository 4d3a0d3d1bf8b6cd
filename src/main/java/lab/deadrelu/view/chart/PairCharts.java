package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.sim.Series;
import lab.deadrelu.view.i18n.Notation;

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
        LinearScale deadY = Charts.deadScale(widest);
        List<Series> allWeights = new ArrayList<>(a.weights());
        allWeights.addAll(b.weights());
        LinearScale weightsY = Charts.weightScale(allWeights);
        List<LineChart.Marker> marks = marked == null || marked < x.domainMin() || marked > x.domainMax() ? List.of()
                : List.of(Charts.marker(x, marked, markLabel, "marker differ"));
        List<Panels> panels = new ArrayList<>();
        for (Run r : runs) {
            String suffix = "-" + r.letter().toLowerCase(java.util.Locale.ROOT);
            List<LineChart.Marker> death = new ArrayList<>();
            Long d = r.deathStep();
            if (d != null && d >= x.domainMin() && d <= x.domainMax()) death.add(Charts.marker(x, d, words.deathMarker(d), "marker death"));
            panels.add(new Panels(
                    Charts.lossChart("loss" + suffix, title(r, words.lossTitle()), r.loss(), x, lossY, marks, words),
                    Charts.deadChart("dead" + suffix, title(r, words.deadTitle()), r.dead(), r.widths(), x, deadY, marks, words),
                    Charts.weightsChart("weights" + suffix, title(r, words.weightsTitle(Notation.pretty(r.focus()))), r.weights(),
                            r.weightNames(), r.focus(), d, x, weightsY, death, words)));
        }
        return panels;
    }

    /** Whole decades covering every finite positive loss of every series (as the lab's loss chart does for one). */
    static LogScale lossScale(List<Series> losses) {
        return Charts.lossScale(losses);
    }

    private static String title(Run r, String title) {
        return r.letter() + " · " + title;
    }
}
