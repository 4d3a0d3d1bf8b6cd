package lab.deadrelu.view.compare;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.CompareLink;
import lab.deadrelu.scenario.Numbers;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.FirstDifference;
import lab.deadrelu.sim.History;
import lab.deadrelu.sim.PairState;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.BundleChartWords;
import lab.deadrelu.view.chart.ChartWords;
import lab.deadrelu.view.chart.NetworkDiagram;
import lab.deadrelu.view.chart.NeuronLink;
import lab.deadrelu.view.chart.PairCharts;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.lab.LabPage;
import lab.deadrelu.view.lab.LabViews;
import lab.deadrelu.view.site.Ui;

/** Builds the compare page's view from a pair's state, and the lab's "Compare with…" links, in the reader's language. */
public final class CompareViews {
    /** Neurons listed by name in "dead in A only"; more are counted. */
    static final int NAMES_LISTED = 10;
    /** Link parameters that are not settings: where the run is, what it looks at, how it is laid out, and whether playing stops at a death. */
    private static final Set<String> NOT_SETTINGS = Set.of("scenario", "at", "focus", "view", "pause", "plane");

    private CompareViews() {}

    /** The canonical compare link of two runs, with the base path and (if chosen by query) the language. */
    public static String compareLink(Ui ui, RunSpec a, RunSpec b) {
        return ui.link("/compare?" + new CompareLink(a, b).toQuery());
    }

    public static ComparePage build(PairState s, Ui ui) {
        String actions = ui.basePath() + "/compare/" + s.id();
        SimulationState a = s.a(), b = s.b();
        String link = compareLink(ui, a.run(), b.run());
        ChartWords words = new BundleChartWords(ui.messages());
        long step = Math.max(a.snapshot().step(), b.snapshot().step());
        FirstDifference first = s.firstDifference();
        List<PairCharts.Panels> panels = PairCharts.of(chartRun("A", a), chartRun("B", b), step, first.step(),
                first.step() == null ? null : ui.t("compare.marker", first.step()), words);
        NeuronLink focusBoth = (layer, neuron) -> compareLink(ui, focusIfFits(a.run(), layer, neuron), focusIfFits(b.run(), layer, neuron));
        return new ComparePage(s.id(), ui.t("compare.title"), ui.t("compare.lead"), link, actions + "/stream", actions,
                presets(ui, a.run(), b.run()), controls(s, ui, actions), status(s, ui), differences(s, ui),
                side("A", a, panels.get(0), focusBoth, ui, words), side("B", b, panels.get(1), focusBoth, ui, words));
    }

    private static RunSpec focusIfFits(RunSpec run, int layer, int neuron) {
        int[] layers = run.spec().layers();
        return layer < run.spec().hiddenLayers() && neuron < layers[layer + 1] ? run.focus(layer, neuron) : run;
    }

    static PairCharts.Run chartRun(String letter, SimulationState s) {
        RunSpec run = s.run();
        History h = s.history();
        int[] widths = new int[s.snapshot().states().length];
        for (int l = 0; l < widths.length; l++) widths[l] = s.snapshot().states()[l].length;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < h.focusWeights.length; j++) {
            boolean bias = j == run.spec().layers()[run.focusLayer()];
            names.add(new WeightRef(run.focusLayer(), run.focusNeuron(), bias ? WeightRef.BIAS : j).name());
        }
        return new PairCharts.Run(letter, h.loss, Arrays.asList(h.dead), widths, Arrays.asList(h.focusWeights), names,
                Event.neuronName(run.focusLayer(), run.focusNeuron()), s.focusDeathStep());
    }

    private static ComparePage.Side side(String letter, SimulationState s, PairCharts.Panels panels, NeuronLink focusBoth, Ui ui,
                                         ChartWords words) {
        RunSpec run = s.run();
        List<String> settings = new ArrayList<>();
        run.linkValues().forEach((k, v) -> { if (!NOT_SETTINGS.contains(k)) settings.add(settingName(k, ui) + " = " + settingValue(k, v, ui)); });
        NetworkDiagram network = NetworkDiagram.of("network-" + letter.toLowerCase(java.util.Locale.ROOT), s.snapshot(),
                run.focusLayer(), run.focusNeuron(), focusBoth, titled(words, letter));
        return new ComparePage.Side(letter, "run-" + letter.toLowerCase(java.util.Locale.ROOT),
                ui.t("scenario." + run.scenario().id + ".title"), settings, network, panels.weights(), panels.loss(), panels.dead());
    }

    /** The same words, with the network's title led by the run's letter ("A · The network"). */
    static ChartWords titled(ChartWords words, String letter) {
        return (ChartWords) Proxy.newProxyInstance(ChartWords.class.getClassLoader(), new Class<?>[] {ChartWords.class},
                (proxy, method, args) -> {
                    try {
                        Object said = method.invoke(words, args);
                        return method.getName().equals("networkTitle") ? letter + " · " + said : said;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static ComparePage.Controls controls(PairState s, Ui ui, String actions) {
        List<LabPage.Choice> speeds = new ArrayList<>();
        for (int v : Simulation.SPEEDS)
            speeds.add(new LabPage.Choice(Integer.toString(v), v == 0 ? ui.t("lab.speed.max") : ui.t("lab.speed.perSecond", v), v == s.speed()));
        return new ComparePage.Controls(actions, s.playing(), s.finished(), speeds);
    }

    static ComparePage.Status status(PairState s, Ui ui) {
        Snapshot a = s.a().snapshot(), b = s.b().snapshot();
        List<ComparePage.Row> rows = new ArrayList<>();
        rows.add(row("step", ui.t("lab.status.step"), Long.toString(a.step()), Long.toString(b.step()), true));
        rows.add(row("epoch", ui.t("lab.status.epoch"), Long.toString(a.epoch()), Long.toString(b.epoch()), true));
        rows.add(row("loss", ui.t("lab.status.loss"), Format.number(a.loss()), Format.number(b.loss()), false));
        rows.add(row("lr", "λ", Format.number(a.lr()), Format.number(b.lr()), true));
        rows.add(row("act", ui.t("lab.act"), ui.t("activation." + a.activation().code), ui.t("activation." + b.activation().code), true));
        int layers = Math.max(a.states().length, b.states().length);
        for (int l = 0; l < layers; l++)
            rows.add(row("dead-" + (l + 1), ui.t("compare.status.dead", l + 1), deadIn(a, l, ui), deadIn(b, l, ui), true));
        rows.add(row("focus", ui.t("lab.status.focus"), focus(s.a(), ui), focus(s.b(), ui), true));
        rows.add(row("state", ui.t("lab.status.state"), runState(s, s.a(), ui), runState(s, s.b(), ui), true));
        return new ComparePage.Status(rows, LabViews.labLink(ui, s.a().run()), LabViews.labLink(ui, s.b().run()));
    }

    private static ComparePage.Row row(String key, String label, String a, String b, boolean highlight) {
        return new ComparePage.Row(key, label, a, b, highlight && !a.equals(b));
    }

    private static String deadIn(Snapshot s, int layer, Ui ui) {
        return layer < s.states().length ? ui.t("compare.status.of", s.deadIn(layer), s.states()[layer].length) : "–";
    }

    private static String focus(SimulationState s, Ui ui) {
        RunSpec run = s.run();
        NeuronState state = s.snapshot().states()[run.focusLayer()][run.focusNeuron()];
        return Notation.neuron(run.focusLayer(), run.focusNeuron()) + ": " + ui.t("neuron." + state.code);
    }

    private static String runState(PairState p, SimulationState s, Ui ui) {
        return ui.t(s.diverged() ? "lab.status.diverged" : p.playing() ? "lab.status.playing" : "lab.status.paused");
    }

    // ---- the differences, in sentences ----

    static ComparePage.Differences differences(PairState s, Ui ui) {
        List<ComparePage.Item> items = new ArrayList<>();
        SimulationState a = s.a(), b = s.b();
        items.add(new ComparePage.Item("setup", setup(a.run(), b.run(), ui)));
        FirstDifference first = s.firstDifference();
        long step = Math.max(a.snapshot().step(), b.snapshot().step());
        String dead;
        if (first.step() != null) {
            dead = first.totalA() != first.totalB() ? ui.t("compare.diff.first", first.step(), first.totalA(), first.totalB())
                    : ui.t("compare.diff.firstLayers", first.step(), counts(first.deadA()), counts(first.deadB()));
        } else {
            dead = first.known() ? ui.t("compare.diff.sameCounts", step) : ui.t("compare.diff.unknown");
        }
        items.add(new ComparePage.Item("dead", dead));
        items.add(new ComparePage.Item("neurons", neurons(s, ui)));
        double la = a.snapshot().loss(), lb = b.snapshot().loss();
        String loss = ui.t("compare.diff.loss", Format.number(la), Format.number(lb));
        double ratio = Math.max(la, lb) / Math.min(la, lb);
        if (Double.isFinite(ratio) && ratio >= 1.005)
            loss += " " + ui.t("compare.diff.lower", la < lb ? "A" : "B", Format.number(ratio));
        else if (Format.number(la).equals(Format.number(lb)))
            loss += " " + ui.t("compare.diff.lossSame");
        items.add(new ComparePage.Item("loss", loss));
        for (SimulationState r : List.of(a, b))
            if (r.diverged()) items.add(new ComparePage.Item("diverged", ui.t("compare.diff.diverged", r == a ? "A" : "B", r.divergedAt())));
        return new ComparePage.Differences(items);
    }

    private static String counts(int[] perLayer) {
        StringBuilder s = new StringBuilder();
        for (int c : perLayer) s.append(s.length() == 0 ? "" : " + ").append(c);
        return s.toString();
    }

    /** The settings in which the two links differ ("λ: 0.3 in A, 0.03 in B"), or that they are the same run. */
    static String setup(RunSpec a, RunSpec b, Ui ui) {
        Map<String, String> va = a.values(), vb = b.values();
        List<String> differ = new ArrayList<>();
        for (String key : va.keySet()) {
            if (NOT_SETTINGS.contains(key) || va.get(key).equals(vb.get(key))) continue;
            differ.add(ui.t("compare.diff.setting", settingName(key, ui), settingValue(key, va.get(key), ui), settingValue(key, vb.get(key), ui)));
        }
        if (differ.isEmpty()) return ui.t("compare.diff.setupSame");
        return ui.t("compare.diff.setup", String.join(ui.t("chart.listSeparator"), differ));
    }

    private static String settingName(String key, Ui ui) {
        return switch (key) {
            case "lr" -> "λ";
            case "act" -> ui.t("lab.act");
            case "seed" -> ui.t("compare.param.seed");
            case "ops" -> ui.t("compare.param.ops");
            default -> key;
        };
    }

    private static String settingValue(String key, String value, Ui ui) {
        if (value == null || value.isEmpty()) return ui.t("compare.none");
        if (key.equals("act")) return ui.t("activation." + value);
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** Which neurons are dead in one run and not the other, and since when. */
    static String neurons(PairState s, Ui ui) {
        NeuronState[][] a = s.a().snapshot().states(), b = s.b().snapshot().states();
        boolean sameShape = a.length == b.length;
        for (int l = 0; sameShape && l < a.length; l++) sameShape = a[l].length == b[l].length;
        if (!sameShape) return ui.t("compare.diff.shapes");
        List<String> onlyA = new ArrayList<>(), onlyB = new ArrayList<>(), both = new ArrayList<>();
        for (int l = 0; l < a.length; l++) {
            for (int i = 0; i < a[l].length; i++) {
                boolean da = a[l][i].isDead(), db = b[l][i].isDead();
                String name = Notation.neuron(l, i);
                if (da && db) both.add(name);
                else if (da) onlyA.add(since(name, s.deadSinceA(), l, i, ui));
                else if (db) onlyB.add(since(name, s.deadSinceB(), l, i, ui));
            }
        }
        if (onlyA.isEmpty() && onlyB.isEmpty())
            return ui.t("compare.diff.sameNeurons", both.isEmpty() ? ui.t("compare.none") : names(both, ui));
        return ui.t("compare.diff.onlyA", onlyA.isEmpty() ? ui.t("compare.none") : names(onlyA, ui)) + " "
                + ui.t("compare.diff.onlyB", onlyB.isEmpty() ? ui.t("compare.none") : names(onlyB, ui));
    }

    private static String since(String name, long[][] deadSince, int layer, int neuron, Ui ui) {
        long step = layer < deadSince.length && neuron < deadSince[layer].length ? deadSince[layer][neuron] : -1;
        return step < 0 ? name : ui.t("compare.diff.since", name, step);
    }

    private static String names(List<String> names, Ui ui) {
        String sep = ui.t("chart.listSeparator");
        if (names.size() <= NAMES_LISTED) return String.join(sep, names);
        return String.join(sep, names.subList(0, NAMES_LISTED)) + sep + ui.t("compare.diff.more", names.size() - NAMES_LISTED);
    }

    // ---- presets and the lab's menu ----

    static List<ComparePage.Preset> presets(Ui ui, RunSpec a, RunSpec b) {
        String here = new CompareLink(a.at(0), b.at(0)).toQuery();
        List<ComparePage.Preset> out = new ArrayList<>();
        for (CompareLink.Preset p : CompareLink.presets()) {
            out.add(new ComparePage.Preset(ui.t("compare.preset." + p.id()), compareLink(ui, p.a(), p.b()),
                    p.link().toQuery().equals(here)));
        }
        return out;
    }

    /** The lab's "Compare with…" links for the run on screen: lower λ ÷10, the next seed, each other activation, each other optimizer. */
    public static CompareMenu menu(Ui ui, RunSpec shown) {
        RunSpec run = shown.withView(RunSpec.View.STAGE);   // the compare page has no present mode
        TrainingSpec spec = run.spec();
        Map<String, RunSpec> variants = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        double lower = tenth(spec.lr());
        if (lower > 0) {
            variants.put("lower-lr", run.withSpec(spec.withLr(lower)));
            labels.put("lower-lr", ui.t("compare.with.lower", Format.number(lower)));
        }
        long seed = spec.seed() == Long.MAX_VALUE ? 0 : spec.seed() + 1;
        variants.put("seed", run.withSpec(spec.withSeed(seed)));
        labels.put("seed", ui.t("compare.with.seed", seed));
        for (Activation act : Activation.values()) {
            if (act == spec.act()) continue;
            variants.put("act-" + act.code, run.withSpec(spec.withActivation(act, act.defaultAlpha())));
            labels.put("act-" + act.code, ui.t("compare.with.act", ui.t("activation." + act.code)));
        }
        for (Optimizer.Kind kind : Optimizer.Kind.values()) {   // does momentum or Adam prevent it? side by side, with their defaults
            if (kind == spec.opt().kind()) continue;
            variants.put("opt-" + kind.code, run.withSpec(spec.withOptimizer(Optimizer.withDefaults(kind))));
            labels.put("opt-" + kind.code, ui.t("compare.with.opt." + kind.code));
        }
        List<CompareMenu.Variant> out = new ArrayList<>();
        variants.forEach((id, b) -> {
            String lock = id.equals("lower-lr") ? "lr" : id.startsWith("act-") ? "act" : null;   // a variant the teacher's lock forbids
            boolean locked = lock != null && run.course().locked(lock);
            out.add(new CompareMenu.Variant(id, labels.get(id), compareLink(ui, run, b), locked ? ui.t("course.locked") : null));
        });
        return new CompareMenu(out, ui.embed());
    }

    /** A tenth of a link's number, exact in decimal (0.3 gives 0.03, not 0.029999999999999999). */
    static double tenth(double value) {
        return Numbers.shortest(value).movePointLeft(1).doubleValue();
    }
}
