package lab.deadrelu.view.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Initializer;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.experiment.Stats;
import lab.deadrelu.experiment.SweepResult;
import lab.deadrelu.experiment.SweepSpec;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.view.chart.BandChart;
import lab.deadrelu.view.chart.BandCharts;
import lab.deadrelu.view.chart.Charts;
import lab.deadrelu.view.chart.Scale;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.site.Ui;

/** Builds the sweep page's model (form, progress, charts, table) in the reader's language. */
public final class SweepViews {
    /** Base-link parameters the form shows as fields; the others travel as hidden inputs. */
    private static final Set<String> FIELDS = Set.of("scenario", "layers", "bias", "init", "lr", "seed", "redoEvery", "at", "focus");

    private SweepViews() {}

    /** The page: `spec` fills the form; `job` (or null) is the running job; `result` (or null) the finished sweep. */
    public static SweepPage page(SweepSpec spec, JobView job, SweepResult result, Ui ui) {
        List<SweepPage.Example> examples = new ArrayList<>();
        for (int i = 0; i < EXAMPLES.size(); i++)
            examples.add(new SweepPage.Example(ui.link("/experiments/sweep?" + EXAMPLES.get(i)), ui.t("sweep.example." + (i + 1))));
        return new SweepPage(ui.t("sweep.title"), form(spec, ui), job, result == null ? null : result(result, ui), examples);
    }

    /** Sweeps worth starting with (canonical links), described by sweep.example.1, 2, ... */
    public static final List<String> EXAMPLES = List.of(
            "scenario=case-2&vary=lr&from=0.01&to=1&points=10&acts=relu,leaky,elu&seeds=100&steps=500",
            "scenario=healthy&vary=depth&depths=1,2,3,4,5,6,7,8&seeds=100&steps=2000",
            "scenario=case-1&vary=init&inits=he,he-uniform,xavier,uniform&seeds=200&steps=1000",
            "scenario=deep-net-works-anyway&vary=lr&from=0.01&to=0.5&points=6&seeds=10&steps=1000");

    /** The sweep's own page link, with the base path and (if chosen by query) the language. */
    public static String pageLink(Ui ui, SweepSpec spec) {
        return ui.link("/experiments/sweep?" + spec.toQuery());
    }

    // ---- the form ----

    static SweepPage.Form form(SweepSpec spec, Ui ui) {
        Map<String, String> link = spec.base().linkValues();
        List<SweepPage.Choice> scenarios = new ArrayList<>();
        for (Scenario s : Scenario.values())
            scenarios.add(new SweepPage.Choice(s.id, ui.t("scenario." + s.id + ".title"), s == spec.base().scenario()));
        String bias = link.getOrDefault("bias", "");
        List<SweepPage.Choice> biasChoices = List.of(new SweepPage.Choice("", ui.t("sweep.form.scenarioDefault"), bias.isEmpty()),
                new SweepPage.Choice("true", ui.t("sweep.form.on"), bias.equals("true")),
                new SweepPage.Choice("false", ui.t("sweep.form.off"), bias.equals("false")));
        String init = link.getOrDefault("init", "");
        List<SweepPage.Choice> inits = new ArrayList<>();
        inits.add(new SweepPage.Choice("", ui.t("sweep.form.scenarioDefault"), init.isEmpty()));
        for (Initializer i : Initializer.values())
            if (i != Initializer.EXPLICIT || init.equals(i.code)) inits.add(new SweepPage.Choice(i.code, ui.t("init." + i.code), init.equals(i.code)));
        List<SweepPage.Choice> vary = new ArrayList<>();
        for (SweepSpec.Vary v : SweepSpec.Vary.values())
            vary.add(new SweepPage.Choice(v.code, ui.t("sweep.vary." + v.code), v == spec.vary()));
        boolean lr = spec.vary() == SweepSpec.Vary.LR;
        List<String> xs = spec.xs();
        List<String> chosenInits = spec.vary() == SweepSpec.Vary.INIT ? xs : SweepSpec.DEFAULT_INITS.stream().map(i -> i.code).toList();
        List<SweepPage.Choice> sweepInits = new ArrayList<>();
        for (Initializer i : Initializer.values())
            if (i != Initializer.EXPLICIT) sweepInits.add(new SweepPage.Choice(i.code, ui.t("init." + i.code), chosenInits.contains(i.code)));
        List<String> chosenOpts = spec.vary() == SweepSpec.Vary.OPT ? xs : SweepSpec.DEFAULT_OPTS.stream().map(o -> o.code).toList();
        List<SweepPage.Choice> opts = new ArrayList<>();
        for (Optimizer.Kind o : Optimizer.Kind.values()) opts.add(new SweepPage.Choice(o.code, ui.t("optimizer." + o.code), chosenOpts.contains(o.code)));
        boolean redo = spec.vary() == SweepSpec.Vary.REDO;
        String redos = String.join(",", redo ? xs : SweepSpec.DEFAULT_REDOS);
        String redoEvery = redo ? Long.toString(spec.redoEvery()) : link.getOrDefault("redoEvery", Long.toString(SweepSpec.DEFAULT_REDO_EVERY));
        List<SweepPage.Choice> acts = new ArrayList<>();
        for (Activation a : Activation.values()) acts.add(new SweepPage.Choice(a.code, ui.t("activation." + a.code), spec.acts().contains(a)));
        List<SweepPage.Hidden> hidden = new ArrayList<>();
        boolean keepAct = link.containsKey("alpha");   // alpha is the act's: keep them together
        for (Map.Entry<String, String> e : link.entrySet()) {
            if (FIELDS.contains(e.getKey()) || (e.getKey().equals("act") && !keepAct)) continue;
            hidden.add(new SweepPage.Hidden(e.getKey(), e.getValue()));
        }
        String budget = ui.t("sweep.form.budget", SweepSpec.MAX_SEEDS, grouped(SweepSpec.MAX_STEPS), "30");
        return new SweepPage.Form(ui.link("/experiments/sweep"), scenarios, link.getOrDefault("layers", ""), biasChoices, inits,
                link.getOrDefault("lr", ""), link.getOrDefault("seed", ""), vary,
                lr ? xs.get(0) : num(SweepSpec.DEFAULT_FROM), lr ? xs.get(xs.size() - 1) : num(SweepSpec.DEFAULT_TO),
                Integer.toString(lr ? xs.size() : SweepSpec.DEFAULT_POINTS), sweepInits,
                spec.vary() == SweepSpec.Vary.DEPTH ? String.join(",", xs) : SweepSpec.join(SweepSpec.DEFAULT_DEPTHS),
                spec.vary() == SweepSpec.Vary.WIDTH ? String.join(",", xs) : SweepSpec.join(SweepSpec.DEFAULT_WIDTHS),
                opts, redos, redoEvery, acts, Integer.toString(spec.seeds()), Integer.toString(spec.steps()), hidden, budget);
    }

    // ---- the result ----

    public static SweepPage.Result result(SweepResult r, Ui ui) {
        SweepSpec.Vary vary = r.vary();
        List<String> xLabels = new ArrayList<>();
        for (String x : r.xs()) xLabels.add(xLabel(vary, x, ui));
        double[] xNumbers = new double[r.xs().size()];
        for (int i = 0; i < xNumbers.length; i++) xNumbers[i] = vary.numeric() ? Double.parseDouble(r.xs().get(i)) : i;
        Scale x = switch (vary) {
            case LR -> BandCharts.logX(xNumbers[0], xNumbers[xNumbers.length - 1]);
            case DEPTH, WIDTH -> BandCharts.linearX(xNumbers[0], xNumbers[xNumbers.length - 1]);
            case INIT, ACT, OPT, REDO -> BandCharts.categoryX(xLabels);
        };
        boolean connect = vary.numeric();
        String xAxis = ui.t("sweep.axis." + vary.code), interval = ui.t("chart.interval");
        String xName = ui.t("sweep.x." + vary.code);

        List<BandChart> charts = new ArrayList<>();
        charts.add(chart("died-chart", ui.t("sweep.chart.died.title"), ui.t("sweep.chart.fractionAxis"), BandCharts.Y.FRACTION,
                r, x, xAxis, connect, xNumbers, xLabels, xName, interval, ui, Metric.DIED));
        charts.add(chart("dead-fraction-chart", ui.t("sweep.chart.dead.title"), ui.t("sweep.chart.deadAxis"), BandCharts.Y.FRACTION,
                r, x, xAxis, connect, xNumbers, xLabels, xName, interval, ui, Metric.DEAD_FRACTION));
        charts.add(chart("loss-chart", ui.t("sweep.chart.loss.title"), ui.t("sweep.chart.lossAxis"), BandCharts.Y.LOG,
                r, x, xAxis, connect, xNumbers, xLabels, xName, interval, ui, Metric.LOSS));
        charts.add(chart("diverged-chart", ui.t("sweep.chart.diverged.title"), ui.t("sweep.chart.fractionAxis"), BandCharts.Y.FRACTION,
                r, x, xAxis, connect, xNumbers, xLabels, xName, interval, ui, Metric.DIVERGED));

        List<SweepPage.Row> rows = new ArrayList<>();
        for (SweepResult.Curve c : r.curves()) {
            for (int i = 0; i < c.points().size(); i++) {
                SweepResult.Point p = c.points().get(i);
                rows.add(new SweepPage.Row(curveLabel(c, ui), xLabels.get(i), Long.toString(p.died().of()), fraction(p.died(), ui),
                        percent(p.bornDead().p()), meanSd(p.deadFraction(), ui), lossText(p.loss(), p.died().of(), ui),
                        percent(p.diverged().p()), ui.link("/lab?" + p.exampleQuery()),
                        ui.t(p.exampleDied() ? "sweep.table.seedDied" : "sweep.table.seed", p.exampleSeed())));
            }
        }
        String q = r.query();
        String summary = ui.t("sweep.result.summary", r.curves().size() * r.xs().size(), r.seeds(), r.firstSeed(),
                r.firstSeed() + r.seeds() - 1, grouped(r.steps()), grouped((long) r.curves().size() * r.xs().size() * r.seeds()));
        long dead = r.runsWithADeadNeuron();
        String bornDeadNote = dead == 0 ? null : ui.t("sweep.result.bornDead", dead, r.bornDeadRuns(), r.killedOnlyRuns());
        return new SweepPage.Result(summary, charts, xName, rows, ui.link("/api/experiments/sweep.csv?" + q),
                ui.link("/api/experiments/sweep?" + q), ui.link("/experiments/sweep?" + q), bornDeadNote, ui.link("/experiments/born-dead"));
    }

    private enum Metric { DIED, DEAD_FRACTION, LOSS, DIVERGED }

    private static BandChart chart(String id, String title, String yAxis, BandCharts.Y yKind, SweepResult r, Scale x, String xAxis,
                                   boolean connect, double[] xNumbers, List<String> xLabels, String xName, String interval, Ui ui,
                                   Metric metric) {
        List<BandCharts.Series> series = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (SweepResult.Curve c : r.curves()) {
            List<BandCharts.Value> values = new ArrayList<>();
            String first = null, last = null;
            int firstAt = -1, lastAt = -1;
            for (int i = 0; i < c.points().size(); i++) {
                SweepResult.Point p = c.points().get(i);
                double y, low, high;
                String text;
                switch (metric) {
                    case DIED -> { y = p.died().p(); low = p.died().low(); high = p.died().high(); text = fraction(p.died(), ui); }
                    case DIVERGED -> { y = p.diverged().p(); low = p.diverged().low(); high = p.diverged().high(); text = fraction(p.diverged(), ui); }
                    case DEAD_FRACTION -> { y = p.deadFraction().mean(); low = p.deadFraction().low(); high = p.deadFraction().high(); text = meanCi(p.deadFraction(), ui); }
                    default -> { y = p.loss().mean(); low = p.loss().low(); high = p.loss().high(); text = meanCi(p.loss(), ui); }
                }
                if (!Double.isFinite(y)) continue;
                String title2 = ui.t("sweep.dot", xName, xLabels.get(i), text, p.exampleSeed());
                values.add(new BandCharts.Value(xNumbers[i], y, low, high, ui.link("/lab?" + p.exampleQuery()), title2));
                String shown = metric == Metric.DIED || metric == Metric.DIVERGED ? percent(y) : Format.number(y);
                if (first == null) {
                    first = shown;
                    firstAt = i;
                }
                last = shown;
                lastAt = i;
            }
            String label = curveLabel(c, ui);
            series.add(new BandCharts.Series(curveClass(c), label, false, values));
            if (first != null) sentences.add(ui.t("sweep.chart.curveSummary", label, first, xName, xLabels.get(firstAt), last, xLabels.get(lastAt)));
        }
        String description = sentences.isEmpty() ? ui.t("sweep.chart.noData") : String.join(" ", sentences);
        return BandCharts.build(id, title, description, x, xAxis, connect, yKind, yAxis, series, interval);
    }

    /** ReLU, Leaky ReLU and ELU keep one colour each across every chart; a single curve over activations is the first. */
    private static String curveClass(SweepResult.Curve c) {
        return c.act() == null ? Charts.style(0) : Charts.style(Activation.fromCode(c.act()).ordinal());
    }

    private static String curveLabel(SweepResult.Curve c, Ui ui) {
        return c.act() == null ? ui.t("sweep.curve.all") : ui.t("activation." + c.act());
    }

    static String xLabel(SweepSpec.Vary vary, String x, Ui ui) {
        return switch (vary) {
            case INIT -> ui.t("init." + x);
            case ACT -> ui.t("activation." + x);
            case OPT -> ui.t("optimizer." + x);
            case REDO -> x.equals(SweepSpec.OFF) ? ui.t("sweep.redo.off") : ui.t("sweep.redo.tau", x);
            default -> x;
        };
    }

    /** "12% (5.1–22%)": the estimate and its Wilson interval. */
    static String fraction(Stats.Fraction f, Ui ui) {
        return ui.t("sweep.fraction", percent(f.p()), percent(f.low()), percent(f.high()));
    }

    static String percent(double p) {
        return Double.isFinite(p) ? Format.number(100 * p) + "%" : "–";
    }

    /** "0.25 ± 0.11" (mean ± sample standard deviation). */
    static String meanSd(Stats.Mean m, Ui ui) {
        if (!Double.isFinite(m.mean())) return "–";
        return Double.isFinite(m.sd()) ? ui.t("sweep.meanSd", Format.number(m.mean()), Format.number(m.sd())) : Format.number(m.mean());
    }

    /** "0.25 (0.21–0.29)": mean and 95% interval. */
    static String meanCi(Stats.Mean m, Ui ui) {
        if (!Double.isFinite(m.low())) return Format.number(m.mean());
        return ui.t("sweep.fraction", Format.number(m.mean()), Format.number(m.low()), Format.number(m.high()));
    }

    static String lossText(Stats.Mean loss, long runs, Ui ui) {
        if (loss.n() == 0) return ui.t("sweep.table.noFiniteLoss");
        String text = meanSd(loss, ui);
        return loss.n() == runs ? text : ui.t("sweep.table.lossOf", text, loss.n());
    }

    static String num(double v) {
        return lab.deadrelu.scenario.Numbers.format(v);
    }

    static String grouped(long v) {
        return String.format(java.util.Locale.ROOT, "%,d", v);
    }
}
