package lab.deadrelu.view.classes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import lab.deadrelu.classroom.ClassStats;
import lab.deadrelu.classroom.Classroom;
import lab.deadrelu.classroom.StudentRun;
import lab.deadrelu.view.chart.BandChart;
import lab.deadrelu.view.chart.BandCharts;
import lab.deadrelu.view.chart.BarChart;
import lab.deadrelu.view.chart.CategoryScale;
import lab.deadrelu.view.chart.Charts;
import lab.deadrelu.view.chart.LinearScale;
import lab.deadrelu.view.chart.QrCode;
import lab.deadrelu.view.chart.Tick;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;

/** Builds the class view ({@link ClassPage}) from what the store holds: the class and its students' rows. */
public final class ClassViews {
    /** A student is connected when an instance heard from their page this recently. */
    public static final long CONNECTED_MILLIS = 6000;
    /** Neurons the "which neuron" chart shows at most: the ones dead in most runs. */
    static final int MAX_NEURON_BARS = 8;

    private ClassViews() {}

    public static boolean connected(StudentRun s, long nowMillis) {
        return nowMillis - s.seenMillis() < CONNECTED_MILLIS;
    }

    /** Rows in a stable order: by nickname (ignoring case), then id. */
    public static List<StudentRun> sorted(List<StudentRun> students) {
        List<StudentRun> rows = new ArrayList<>(students);
        rows.sort(Comparator.comparing((StudentRun s) -> s.nickname().toLowerCase(Locale.ROOT)).thenComparing(StudentRun::id));
        return rows;
    }

    /** A row that has a run (a student who joined but opened no lab yet has none). */
    public static boolean started(StudentRun s) {
        return !s.link().isEmpty();
    }

    public static ClassPage page(Classroom c, List<StudentRun> students, long now, Ui ui, String studentLink, String key) {
        String actions = ui.basePath() + "/class/" + c.code();
        String stream = actions + "/stream?key=" + key + (ui.langFromQuery() ? "&lang=" + ui.lang().code : "");
        QrCode qr;
        try {
            qr = QrCode.of(studentLink);
        } catch (IllegalArgumentException e) {
            qr = null;
        }
        return new ClassPage(c.code(), c.title(), studentLink, qr, key, actions, stream, ui.basePath() + "/api/classes/" + c.code() + "?key=" + key,
                students(c, students, now, ui), charts(students, ui));
    }

    public static ClassPage.Students students(Classroom c, List<StudentRun> students, long now, Ui ui) {
        List<ClassPage.Row> rows = new ArrayList<>();
        int connected = 0;
        for (StudentRun s : sorted(students)) {
            boolean on = connected(s, now);
            if (on) connected++;
            boolean started = started(s);
            List<String> perLayer = s.deadPerLayer().stream().map(String::valueOf).toList();
            rows.add(new ClassPage.Row(s.nickname(), started ? ui.t("scenario." + s.scenario() + ".title") : "—",
                    started ? Format.number(s.lr()) : "—", started ? ui.t("activation." + s.act()) : "—", started ? Long.toString(s.seed()) : "—",
                    s.step(), !started || s.diverged() || !Double.isFinite(s.loss()) ? "—" : Format.number(s.loss()),
                    started ? String.join(" · ", perLayer) : "—", s.deadCount(), s.hiddenNeurons(), s.diverged(), on,
                    started ? ui.basePath() + s.link() + (ui.langFromQuery() ? "&lang=" + ui.lang().code : "") : null));
        }
        long left = Math.max(0, c.endsMillis() - now);
        String endsIn = ui.t("class.endsIn", left / 3_600_000, (left / 60_000) % 60);
        return new ClassPage.Students(connected, students.size(), endsIn, !c.openAt(now), rows);
    }

    public static ClassPage.Charts charts(List<StudentRun> students, Ui ui) {
        List<StudentRun> runs = students.stream().filter(ClassViews::started).toList();
        ClassStats stats = ClassStats.of(runs);
        String summary = runs.isEmpty() ? ui.t("class.charts.none") : ui.t("class.charts.summary", stats.withDead(), stats.runs());
        return new ClassPage.Charts(summary, runs.isEmpty() ? null : neurons(stats, ui), runs.isEmpty() ? null : byLr(stats, ui),
                runs.isEmpty() ? null : loss(stats, ui));
    }

    /** (a) Which neurons are dead, in how many runs: the {@value #MAX_NEURON_BARS} most often dead, in network order. */
    static BarChart neurons(ClassStats stats, Ui ui) {
        List<ClassStats.NeuronCount> shown = stats.neurons().stream()
                .sorted(Comparator.comparingInt(ClassStats.NeuronCount::runs).reversed()).limit(MAX_NEURON_BARS).toList();
        List<ClassStats.NeuronCount> inOrder = stats.neurons().stream().filter(shown::contains).toList();
        int more = stats.neurons().size() - inOrder.size();
        List<String> labels = inOrder.stream().map(n -> Notation.pretty(n.neuron())).toList();
        int max = inOrder.stream().mapToInt(ClassStats.NeuronCount::runs).max().orElse(0);
        LinearScale y = LinearScale.within(0, Math.max(1, max), Charts.BOTTOM, Charts.TOP, 5, 1);
        List<BarChart.Bar> bars = new ArrayList<>();
        double slot = (Charts.RIGHT - Charts.LEFT) / (double) Math.max(1, labels.size());
        for (int i = 0; i < inOrder.size(); i++) {
            double top = Format.r1(y.map(inOrder.get(i).runs()));
            double width = Math.min(slot * 0.6, 160);   // one or two neurons: bars, not a wall
            bars.add(new BarChart.Bar(Format.r1(Charts.LEFT + slot * (i + 0.5) - width / 2), top, Format.r1(width), Format.r1(Charts.BOTTOM - top),
                    ui.t("class.chart.neurons.bar", labels.get(i), inOrder.get(i).runs(), stats.runs())));
        }
        String note = inOrder.isEmpty() ? ui.t("class.chart.neurons.noneDead", stats.runs())
                : more > 0 ? ui.t("class.chart.neurons.more", more) : null;
        return new BarChart("class-neurons", ui.t("class.chart.neurons.title"),
                ui.t("class.chart.neurons.description", stats.withDead(), stats.runs()), ui.t("class.chart.neurons.x"),
                ui.t("class.chart.neurons.y"), new CategoryScale(labels, Charts.LEFT, Charts.RIGHT).ticks(), y.ticks(), bars, note);
    }

    /** (b) The share of runs with a dead neuron at each step size, with its 95% Wilson interval. */
    static BandChart byLr(ClassStats stats, Ui ui) {
        List<String> labels = stats.byLr().stream().map(s -> Format.number(s.lr())).toList();
        List<BandCharts.Value> values = new ArrayList<>();
        for (int i = 0; i < stats.byLr().size(); i++) {
            ClassStats.LrShare s = stats.byLr().get(i);
            values.add(new BandCharts.Value(i, s.share(), s.interval().low(), s.interval().high(), null,
                    ui.t("class.chart.lr.dot", labels.get(i), s.dead(), s.runs(), Math.round(s.interval().low() * 100),
                            Math.round(s.interval().high() * 100))));
        }
        return BandCharts.build("class-by-lr", ui.t("class.chart.lr.title"), ui.t("class.chart.lr.description"), BandCharts.categoryX(labels),
                ui.t("class.chart.lr.x"), false, BandCharts.Y.FRACTION, ui.t("class.chart.lr.y"),
                List.of(new BandCharts.Series("series-2", ui.t("class.chart.lr.series"), false, false, values)), ui.t("class.chart.lr.interval"));
    }

    /** (c) How the runs' losses spread: a histogram over log10(loss); diverged runs counted apart. */
    static BarChart loss(ClassStats stats, Ui ui) {
        ClassStats.LossHistogram h = stats.loss();
        double from = h.from(), to = h.from() + h.width() * Math.max(1, h.counts().size());
        // whole decades at least, so one bin is not drawn as the whole plot
        LinearScale x = LinearScale.within(Math.floor(from), Math.max(Math.ceil(to), Math.floor(from) + 1), Charts.LEFT, Charts.RIGHT, 5, 1);
        int max = h.counts().stream().mapToInt(Integer::intValue).max().orElse(0);
        LinearScale y = LinearScale.within(0, Math.max(1, max), Charts.BOTTOM, Charts.TOP, 5, 1);
        List<BarChart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < h.counts().size(); i++) {
            int n = h.counts().get(i);
            if (n == 0) continue;
            double a = from + i * h.width(), b = a + h.width();
            double left = Format.r1(x.map(a)), right = Format.r1(x.map(b)), top = Format.r1(y.map(n));
            bars.add(new BarChart.Bar(left + 1, top, Math.max(1, right - left - 2), Format.r1(Charts.BOTTOM - top),
                    ui.t("class.chart.loss.bar", n, Format.number(Math.pow(10, a)), Format.number(Math.pow(10, b)))));
        }
        List<Tick> xTicks = new ArrayList<>();
        double[] decades = x.tickValues();
        for (double v : decades) xTicks.add(new Tick(Format.r1(x.map(v)), Format.compact(Math.pow(10, v), 2)));
        String note = h.diverged() > 0 ? ui.t("class.chart.loss.diverged", h.diverged()) : null;
        return new BarChart("class-loss", ui.t("class.chart.loss.title"), ui.t("class.chart.loss.description"), ui.t("class.chart.loss.x"),
                ui.t("class.chart.loss.y"), xTicks, y.ticks(), bars, note);
    }

}
