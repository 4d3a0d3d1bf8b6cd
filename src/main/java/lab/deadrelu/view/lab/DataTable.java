package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Dataset;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.Signs;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;

/**
 * The data set as `lab/data_table.jte` shows it: every sample with the focused neuron's z
 * (signed, so case 1 reads as a column of minus signs), whether it is active, y-hat and the error;
 * for more than {@link #MAX_ROWS} samples a summary with the sorted z as a strip of bars instead.
 *
 * @param caption      what the table holds, at which step
 * @param verdict      one sentence: active on how many samples, dead or saturated on all
 * @param inputHeaders x1 .. xd
 * @param zHeader      the heading of the z column, e.g. "z of h1^(2)"
 * @param rows         one per sample (empty when summarized)
 * @param summary      for large data sets, else null
 */
public record DataTable(String caption, String verdict, List<String> inputHeaders, String zHeader, List<Row> rows,
                        Summary summary) {
    public static final int MAX_ROWS = 32;
    public static final int MAX_BARS = 200;
    static final int STRIP_WIDTH = 600, STRIP_HEIGHT = 80, STRIP_PAD = 4;

    public DataTable {
        inputHeaders = List.copyOf(inputHeaders);
        rows = List.copyOf(rows);
    }

    public boolean summarized() {
        return summary != null;
    }

    /**
     * One sample. z is written with its sign (−0.42, +0.35, 0), `sign` is "pos", "neg" or "zero";
     * `next`: the sample the next step starts with; `inspected`: the sample of the update the gradient
     * inspector shows (when it shows the last update).
     */
    public record Row(int number, List<String> x, String y, String z, String sign, boolean active, String yHat,
                      String error, boolean next, boolean inspected) {
        public Row {
            x = List.copyOf(x);
        }

        /** "next", "inspected", both, or null (no class attribute). */
        public String cssClass() {
            String c = (next ? "next " : "") + (inspected ? "inspected" : "");
            return c.isEmpty() ? null : c.trim();
        }
    }

    /** n samples, `active` of them with z > 0; min, median and max of z; the strip of sorted z. */
    public record Summary(int n, int active, String activeLine, String min, String median, String max, Strip strip) {}

    /**
     * Sorted z as bars from a zero line in a `width` x `height` viewBox: up from it for z > 0, down for
     * z < 0 (so the sign shows without colour), at most MAX_BARS of them, evenly spaced through the
     * sorted samples.
     */
    public record Strip(int width, int height, double zeroY, List<Bar> bars, String title, String description) {
        public Strip {
            bars = List.copyOf(bars);
        }
    }

    /** One bar; sign: "pos", "neg" or "zero". */
    public record Bar(double x, double y, double width, double height, String sign) {}

    public static DataTable of(SimulationState s, Ui ui) {
        RunSpec run = s.run();
        Dataset data = s.data();
        double[] z = s.focusZ();
        int n = z.length;
        String neuron = Notation.neuron(run.focusLayer(), run.focusNeuron());
        int active = 0;
        for (double v : z) if (v > 0) active++;
        String verdict = active == 0
                ? ui.t(s.snapshot().activation() == Activation.RELU ? "lab.table.verdict.dead" : "lab.table.verdict.saturated", neuron, n)
                : active == n ? ui.t("lab.table.verdict.allActive", neuron, n)
                : ui.t("lab.table.verdict.some", neuron, active, n, n - active);
        List<String> inputs = new ArrayList<>();
        for (int j = 0; j < data.inputs(); j++) inputs.add(Notation.input(j));
        String caption = ui.t("lab.table.caption", n, neuron, s.snapshot().step());
        String zHeader = ui.t("lab.table.z", neuron);
        if (n > MAX_ROWS) {
            return new DataTable(caption, verdict, inputs, zHeader, List.of(), summary(z, active, neuron, ui));
        }
        int inspected = s.inspectedSample();
        double[] yHat = s.yHat();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> x = new ArrayList<>(data.inputs());
            for (double v : data.x[i]) x.add(Signs.number(v));
            String prediction = yHat == null ? "" : Signs.number(yHat[i]);
            String error = yHat == null ? "" : Signs.signed(yHat[i] - data.y[i]);
            rows.add(new Row(i + 1, x, Signs.number(data.y[i]), Signs.signed(z[i]), Signs.css(z[i]), z[i] > 0, prediction, error,
                    i == s.nextSample(), i == inspected));
        }
        return new DataTable(caption, verdict, inputs, zHeader, rows, null);
    }

    static Summary summary(double[] z, int active, String neuron, Ui ui) {
        int n = z.length;
        double[] sorted = z.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        String min = Signs.signed(sorted[0]), max = Signs.signed(sorted[n - 1]), med = Signs.signed(median);
        String title = ui.t("lab.table.strip.title", neuron, n);
        String description = ui.t("lab.table.strip.description", active, n, min, med, max)
                + (n > MAX_BARS ? " " + ui.t("lab.table.strip.sampled", MAX_BARS, n) : "");
        return new Summary(n, active, ui.t("lab.table.summary.active", active, n), min, med, max, strip(sorted, title, description));
    }

    /** The bars of `sorted` (ascending, finite or not), at most MAX_BARS picked evenly, min and max included. */
    static Strip strip(double[] sorted, String title, String description) {
        int n = sorted.length, m = Math.min(n, MAX_BARS);
        double lo = Math.min(finite(sorted[0]), 0), hi = Math.max(finite(sorted[n - 1]), 0);
        double span = hi - lo > 0 ? hi - lo : 1;
        double scale = (STRIP_HEIGHT - 2.0 * STRIP_PAD) / span;
        double zeroY = STRIP_PAD + hi * scale;
        double step = (double) STRIP_WIDTH / m;
        double barWidth = Format.r1(step > 3 ? step - 1 : step);
        List<Bar> bars = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            double v = finite(sorted[m == 1 ? 0 : (int) Math.round(k * (n - 1) / (double) (m - 1))]);
            double h = Math.max(1, Math.abs(v) * scale);
            double y = v > 0 ? zeroY - h : v < 0 ? zeroY : zeroY - 0.5;
            bars.add(new Bar(Format.r1(k * step), Format.r1(y), barWidth, Format.r1(h), Signs.css(v)));
        }
        return new Strip(STRIP_WIDTH, STRIP_HEIGHT, Format.r1(zeroY), bars, title, description);
    }

    /** Infinite z is drawn at the largest finite size (it cannot come from a finite run, but never draw NaN). */
    private static double finite(double v) {
        return Double.isNaN(v) ? 0 : Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, v));
    }
}
