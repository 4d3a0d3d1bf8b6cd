package lab.deadrelu.view.experiments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lab.deadrelu.experiment.BornDead;
import lab.deadrelu.experiment.BornDeadResult;
import lab.deadrelu.experiment.BornDeadSpec;
import lab.deadrelu.view.chart.BandChart;
import lab.deadrelu.view.chart.BandCharts;
import lab.deadrelu.view.chart.Charts;
import lab.deadrelu.view.chart.Scale;
import lab.deadrelu.view.site.Ui;

/** Builds the born-dead page's model in the reader's language. */
public final class BornDeadViews {
    private BornDeadViews() {}

    public static BornDeadPage page(BornDeadSpec spec, JobView job, BornDeadResult result, Ui ui) {
        return new BornDeadPage(ui.t("bornDead.title"), form(spec, ui), job, result == null ? null : result(result, ui));
    }

    public static String pageLink(Ui ui, BornDeadSpec spec) {
        return ui.link("/experiments/born-dead?" + spec.toQuery());
    }

    static BornDeadPage.Form form(BornDeadSpec spec, Ui ui) {
        List<SweepPage.Choice> inits = new ArrayList<>();
        for (BornDead.Init i : BornDead.Init.values()) inits.add(new SweepPage.Choice(i.code, ui.t("bornDead.init." + i.code), i == spec.init()));
        List<SweepPage.Choice> bias = List.of(new SweepPage.Choice("0", ui.t("sweep.form.off"), !spec.bias()),
                new SweepPage.Choice("1", ui.t("sweep.form.on"), spec.bias()));
        String grid = ui.t("bornDead.grid", spec.gridPerAxis(), spec.inputs(), SweepViews.grouped(spec.gridPoints()));
        String budget = ui.t("bornDead.form.budget", SweepViews.grouped(BornDeadSpec.MAX_TRIALS));
        return new BornDeadPage.Form(ui.link("/experiments/born-dead"), lab.deadrelu.experiment.SweepSpec.join(spec.widths()), Integer.toString(spec.depth()),
                Integer.toString(spec.inputs()), SweepViews.num(spec.domain()), inits, bias, Integer.toString(spec.trials()),
                Long.toString(spec.seed()), grid, budget);
    }

    public static BornDeadPage.Result result(BornDeadResult r, Ui ui) {
        BornDeadSpec spec = r.spec();
        String interval = ui.t("chart.interval");
        List<BandChart> charts = new ArrayList<>();
        Scale byDepth = BandCharts.linearX(1, Math.max(2, spec.depth()));
        charts.add(byDepthChart("dead-depth-chart", ui.t("bornDead.chart.deadDepth"), r, byDepth, true, ui, interval));
        charts.add(byDepthChart("constant-depth-chart", ui.t("bornDead.chart.constantDepth"), r, byDepth, false, ui, interval));
        List<String> widthLabels = spec.widths().stream().map(String::valueOf).toList();
        Set<Integer> depths = new LinkedHashSet<>(List.of(1, (spec.depth() + 1) / 2, spec.depth()));
        Scale byWidth = BandCharts.categoryX(widthLabels);
        charts.add(byWidthChart("dead-width-chart", ui.t("bornDead.chart.deadWidth"), r, byWidth, depths, true, ui, interval));
        charts.add(byWidthChart("constant-width-chart", ui.t("bornDead.chart.constantWidth"), r, byWidth, depths, false, ui, interval));

        List<BornDeadPage.Row> rows = new ArrayList<>();
        for (BornDeadResult.Row row : r.rows()) {
            rows.add(new BornDeadPage.Row(Integer.toString(row.width()), Integer.toString(row.depth()),
                    ui.t("bornDead.estimate", SweepViews.percent(row.pDeadAtPoint()), SweepViews.percent(row.pDeadAtPointSE())),
                    theory(row.theoryDeadAtPoint()),
                    ui.t("bornDead.estimate", SweepViews.percent(row.pConstant()), SweepViews.percent(row.pConstantSE())),
                    theory(row.theoryConstant())));
        }
        List<String> theory = new ArrayList<>();
        if (spec.init() == BornDead.Init.HE) {
            theory.add(ui.t("bornDead.theory.dead"));
            if (!spec.bias()) theory.add(ui.t("bornDead.theory.constantWidthOne"));
            if (spec.bias() && spec.inputs() == 1) theory.add(ui.t("bornDead.theory.constantDepthOne"));
            theory.add(ui.t("bornDead.theory.otherwise"));
        } else {
            theory.add(ui.t("bornDead.theory.rai"));
        }
        String summary = ui.t("bornDead.result.summary", SweepViews.grouped(spec.trials()), spec.widths().size(), spec.depth(), spec.seed());
        String q = spec.toQuery();
        return new BornDeadPage.Result(summary, charts, theory, rows, ui.link("/api/experiments/born-dead/table.csv?" + q),
                ui.link("/api/experiments/born-dead/table?" + q), ui.link("/experiments/born-dead?" + q));
    }

    private static BandChart byDepthChart(String id, String title, BornDeadResult r, Scale x, boolean dead, Ui ui, String interval) {
        BornDeadSpec spec = r.spec();
        List<BandCharts.Series> series = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (int w = 0; w < spec.widths().size(); w++) {
            int width = spec.widths().get(w);
            List<BandCharts.Value> measured = new ArrayList<>(), theory = new ArrayList<>();
            for (int d = 1; d <= spec.depth(); d++) {
                BornDeadResult.Row row = r.row(width, d);
                double p = dead ? row.pDeadAtPoint() : row.pConstant();
                double low = dead ? row.pDeadAtPointLow() : row.pConstantLow(), high = dead ? row.pDeadAtPointHigh() : row.pConstantHigh();
                Double t = dead ? row.theoryDeadAtPoint() : row.theoryConstant();
                measured.add(new BandCharts.Value(d, p, low, high, null, dotTitle(ui, width, d, p, t)));
                if (t != null) theory.add(new BandCharts.Value(d, t, Double.NaN, Double.NaN, null, ""));
            }
            String style = Charts.style(w);
            boolean drawTheory = theory.size() >= 2 || (theory.size() == 1 && spec.depth() == 1);
            // measured as dots with their interval, the theory (where there is one) as the line through them
            series.add(new BandCharts.Series(style, ui.t("bornDead.curve.width", width), false, !drawTheory, measured));
            if (drawTheory) series.add(new BandCharts.Series(style, ui.t("bornDead.curve.widthTheory", width), true, theory));
            BornDeadResult.Row first = r.row(width, 1), last = r.row(width, spec.depth());
            sentences.add(ui.t("bornDead.chart.summary", width, SweepViews.percent(dead ? first.pDeadAtPoint() : first.pConstant()),
                    spec.depth(), SweepViews.percent(dead ? last.pDeadAtPoint() : last.pConstant())));
        }
        return BandCharts.build(id, title, String.join(" ", sentences), x, ui.t("bornDead.axis.depth"), true, BandCharts.Y.FRACTION,
                ui.t("bornDead.axis.probability"), series, interval);
    }

    private static BandChart byWidthChart(String id, String title, BornDeadResult r, Scale x, Set<Integer> depths, boolean dead, Ui ui,
                                          String interval) {
        BornDeadSpec spec = r.spec();
        List<BandCharts.Series> series = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        int k = 0;
        for (int d : depths) {
            List<BandCharts.Value> measured = new ArrayList<>(), theory = new ArrayList<>();
            for (int w = 0; w < spec.widths().size(); w++) {
                int width = spec.widths().get(w);
                BornDeadResult.Row row = r.row(width, d);
                double p = dead ? row.pDeadAtPoint() : row.pConstant();
                Double t = dead ? row.theoryDeadAtPoint() : row.theoryConstant();
                measured.add(new BandCharts.Value(w, p, dead ? row.pDeadAtPointLow() : row.pConstantLow(),
                        dead ? row.pDeadAtPointHigh() : row.pConstantHigh(), null, dotTitle(ui, width, d, p, t)));
                if (t != null) theory.add(new BandCharts.Value(w, t, Double.NaN, Double.NaN, null, ""));
            }
            String style = Charts.style(4 + k++);
            boolean drawTheory = theory.size() >= 2;
            series.add(new BandCharts.Series(style, ui.t("bornDead.curve.depth", d), false, !drawTheory, measured));
            if (drawTheory) series.add(new BandCharts.Series(style, ui.t("bornDead.curve.depthTheory", d), true, theory));
            BornDeadResult.Row first = r.row(spec.widths().get(0), d), last = r.row(spec.widths().get(spec.widths().size() - 1), d);
            sentences.add(ui.t("bornDead.chart.widthSummary", d, first.width(), SweepViews.percent(dead ? first.pDeadAtPoint() : first.pConstant()),
                    last.width(), SweepViews.percent(dead ? last.pDeadAtPoint() : last.pConstant())));
        }
        return BandCharts.build(id, title, String.join(" ", sentences), x, ui.t("bornDead.axis.width"), spec.widths().size() > 1,
                BandCharts.Y.FRACTION, ui.t("bornDead.axis.probability"), series, interval);
    }

    private static String dotTitle(Ui ui, int width, int depth, double p, Double theory) {
        return theory == null ? ui.t("bornDead.dot", width, depth, SweepViews.percent(p))
                : ui.t("bornDead.dotTheory", width, depth, SweepViews.percent(p), SweepViews.percent(theory));
    }

    private static String theory(Double t) {
        return t == null ? "–" : SweepViews.percent(t);
    }
}
