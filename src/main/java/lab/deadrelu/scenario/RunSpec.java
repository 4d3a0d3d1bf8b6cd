package lab.deadrelu.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Initializer;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.Recycling;
import lab.deadrelu.engine.Shift;
import lab.deadrelu.engine.Target;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;

/**
 * A whole run as a link: the scenario, the parameters that differ from its defaults, the
 * interventions timeline (ops), the step on screen (at), the focused neuron, the weight the
 * gradient inspector explains (by default the focused neuron's first incoming weight), a step the
 * charts mark (mark, or null for none: it changes what is shown, not the run) and a teacher's
 * locks, title, note and class (course). Parsing is strict (every unknown or out-of-range value names
 * itself); formatting is canonical (fixed order, defaults left out), so equal runs have equal links.
 * Where the run stands in its scenario's guided walk is read from the run itself ({@link Walks#where}).
 * `view` is how the lab page lays the run out (the stage, or present mode for a projector): like
 * `mark`, part of the link so every control keeps it, not of the run.
 * `pauseAtDeath` (pause=death or off; by default on in the scenarios whose walks are about a death,
 * {@link Walks#pausesAtDeath}) stops playing at the first step a neuron dies: it changes how the run
 * plays, not its numbers. `plane` (plane=u.v) names the two inputs the input plane is drawn over: shown, not run.
 */
public record RunSpec(Scenario scenario, TrainingSpec spec, List<Op> ops, long at, int focusLayer, int focusNeuron,
                      WeightRef weight, Long mark, Course course, View view, boolean pauseAtDeath, PlaneAxes plane) {

    /** How the lab page shows the run: the stage with everything below it (default), or present mode (the stage alone, large type). */
    public enum View {
        STAGE("stage"), PRESENT("present");

        public final String code;

        View(String code) {
            this.code = code;
        }

        static final String ALLOWED = "stage (the default) or present (the stage alone in large type, for a projector)";

        static View parse(String text) {
            for (View v : values()) if (v.code.equals(text)) return v;
            throw new InvalidParameter("view", text, ALLOWED);
        }
    }

    public static final long MAX_STEP = 1_000_000;
    /** A parameter of older links (how many guided-walk steps were done): accepted, checked and left out. */
    static final String LEGACY_WALK = "walk";
    public static final int MAX_OPS = 200;

    /** The link's parameters in their canonical order. */
    public static final List<String> KEYS = List.of("scenario", "layers", "act", "alpha", "bias", "init", "scale", "w",
            "lr", "opt", "beta", "beta1", "beta2", "eps", "batch", "shuffle", "n", "data", "noise", "center", "dseed", "seed", "redo", "redoEvery", "shift", "ops", "at", "plane", "focus", "weight", "mark", "pause", "view", "lock", "title", "note", "class");

    public RunSpec {
        ops = List.copyOf(ops.stream().sorted(Comparator.comparingLong(Op::step)).toList());   // by step; same-step ops keep their order
        if (ops.size() > MAX_OPS) throw new InvalidParameter("ops", ops.size() + " interventions", "at most " + MAX_OPS + " interventions");
        if (at < 0 || at > MAX_STEP) throw new InvalidParameter("at", Long.toString(at), "a whole number from 0 to 1000000");
        int[] layers = spec.layers();
        if (focusLayer < 0 || focusLayer >= spec.hiddenLayers() || focusNeuron < 0 || focusNeuron >= layers[focusLayer + 1])
            throw new InvalidParameter("focus", (focusLayer + 1) + "." + (focusNeuron + 1),
                    "<hidden layer>.<neuron>, 1-based, within layers " + spec.shape());
        if (weight == null) weight = new WeightRef(focusLayer, focusNeuron, 0);
        else if (!fits(spec, weight)) throw new InvalidParameter("weight", formatWeight(weight), allowedWeights(spec));
        if (mark != null && (mark < 0 || mark > MAX_STEP)) throw new InvalidParameter("mark", Long.toString(mark), MARK_ALLOWED);
        if (course == null) course = Course.NONE;
        if (view == null) view = View.STAGE;
        if (plane == null) plane = PlaneAxes.DEFAULT;
        else if (!plane.fits(layers[0])) throw new InvalidParameter("plane", plane.format(), PlaneAxes.ALLOWED + ", within " + spec.shape());
    }

    static final String MARK_ALLOWED = "a whole number from 0 to 1000000 (the step the charts mark)";

    /** The run with the focused neuron's first incoming weight in the inspector, no marked step. */
    public RunSpec(Scenario scenario, TrainingSpec spec, List<Op> ops, long at, int focusLayer, int focusNeuron) {
        this(scenario, spec, ops, at, focusLayer, focusNeuron, null, null, Course.NONE, View.STAGE, Walks.pausesAtDeath(scenario), PlaneAxes.DEFAULT);
    }

    public static RunSpec of(Scenario s) {
        return new RunSpec(s, s.spec, List.of(), 0, s.focusLayer, s.focusNeuron);
    }

    /** Another spec; a focus or weight that no longer exists (fewer neurons, biases off) falls back to the default. */
    public RunSpec withSpec(TrainingSpec newSpec) {
        boolean focusFits = focusLayer < newSpec.hiddenLayers() && focusNeuron < newSpec.layers()[focusLayer + 1];
        return new RunSpec(scenario, newSpec, ops, at, focusFits ? focusLayer : 0, focusFits ? focusNeuron : 0,
                focusFits && fits(newSpec, weight) ? weight : null, mark, course, view, pauseAtDeath, plane.fits(newSpec.layers()[0]) ? plane : PlaneAxes.DEFAULT);
    }

    /** The same run from step 0 without interventions: what reset and "restart with" start from. */
    public RunSpec restarted(TrainingSpec newSpec) {
        return new RunSpec(scenario, spec, List.of(), 0, focusLayer, focusNeuron, weight, null, course, view, pauseAtDeath, plane).withSpec(newSpec);   // a new run: nothing to mark yet
    }

    public RunSpec withOp(Op op) {
        List<Op> more = new ArrayList<>(ops);
        more.add(op);
        return new RunSpec(scenario, spec, more, at, focusLayer, focusNeuron, weight, mark, course, view, pauseAtDeath, plane);
    }

    /** The same run with another interventions timeline. */
    public RunSpec withOps(List<Op> newOps) {
        return new RunSpec(scenario, spec, newOps, at, focusLayer, focusNeuron, weight, mark, course, view, pauseAtDeath, plane);
    }

    public RunSpec at(long step) {
        return new RunSpec(scenario, spec, ops, step, focusLayer, focusNeuron, weight, mark, course, view, pauseAtDeath, plane);
    }

    /** Another focused neuron; the inspector's weight goes back to its default unless the focus stays the same. */
    public RunSpec focus(int layer, int neuron) {
        boolean same = layer == focusLayer && neuron == focusNeuron;
        return new RunSpec(scenario, spec, ops, at, layer, neuron, same ? weight : null, mark, course, view, pauseAtDeath, plane);
    }

    /** Another weight in the gradient inspector (any weight or bias of the network); refused when the network lacks it. */
    public RunSpec withWeight(WeightRef ref) {
        return new RunSpec(scenario, spec, ops, at, focusLayer, focusNeuron, ref, mark, course, view, pauseAtDeath, plane);
    }

    /** The inspector's default: the focused neuron's first incoming weight. */
    public WeightRef defaultWeight() {
        return new WeightRef(focusLayer, focusNeuron, 0);
    }

    /** True when `ref` is a parameter of a network shaped by `spec` (a bias only when biases are on). */
    public static boolean fits(TrainingSpec spec, WeightRef ref) {
        int[] layers = spec.layers();
        return ref.layer() >= 0 && ref.layer() < layers.length - 1 && ref.to() >= 0 && ref.to() < layers[ref.layer() + 1]
                && (ref.isBias() ? spec.bias() : ref.from() >= 0 && ref.from() < layers[ref.layer()]);
    }

    /** A weight in link form: {@code <layer>.<to>.<from>}, 1-based, "b" as from for a bias; e.g. 2.1.2 is w22. */
    public static String formatWeight(WeightRef ref) {
        return (ref.layer() + 1) + "." + (ref.to() + 1) + "." + (ref.isBias() ? "b" : Integer.toString(ref.from() + 1));
    }

    private static String allowedWeights(TrainingSpec spec) {
        return "<layer>.<to>.<from>, 1-based, within layers " + spec.shape()
                + " (layer 1 takes the inputs; from = b for a bias" + (spec.bias() ? "" : ", only with biases on")
                + "), e.g. 2.1.2 for the weight into neuron 1 of layer 2 from neuron 2";
    }

    /** Reads the link form of a weight; whether the network has it is checked by the constructor. */
    static WeightRef parseWeight(String text, TrainingSpec spec) {
        String allowed = allowedWeights(spec);
        String[] parts = text == null ? new String[0] : text.split("\\.", -1);
        if (parts.length != 3) throw new InvalidParameter("weight", text, allowed);
        int layer = (int) Numbers.parseLong("weight", parts[0], 1, TrainingSpec.MAX_HIDDEN_LAYERS + 1, allowed) - 1;
        int to = (int) Numbers.parseLong("weight", parts[1], 1, TrainingSpec.MAX_WIDTH, allowed) - 1;
        int from = parts[2].equals("b") ? WeightRef.BIAS
                : (int) Numbers.parseLong("weight", parts[2], 1, Math.max(TrainingSpec.MAX_WIDTH, TrainingSpec.MAX_INPUTS), allowed) - 1;
        WeightRef ref = new WeightRef(layer, to, from);
        if (!fits(spec, ref)) throw new InvalidParameter("weight", text, allowed);
        return ref;
    }

    /** Older links said how far the guided walk had gone (walk=n); the page now reads that from the run. */
    private static String walkAllowed(Scenario s) {
        return "a whole number from 0 to " + Walks.of(s).size() + " (the steps of this scenario's guided walk)";
    }

    /** The same run, playing on past deaths (false) or stopping at the first step a neuron dies (true). */
    public RunSpec withPauseAtDeath(boolean pause) {
        return new RunSpec(scenario, spec, ops, at, focusLayer, focusNeuron, weight, mark, course, view, pause, plane);
    }

    static final String PAUSE_ALLOWED = "death (playing stops at the first step a neuron dies) or off";

    /** The same run with a teacher's locks, title and instruction. */
    public RunSpec withCourse(Course newCourse) {
        return new RunSpec(scenario, spec, ops, at, focusLayer, focusNeuron, weight, mark, newCourse, view, pauseAtDeath, plane);
    }

    /** The same run shown another way (the stage, or present mode). */
    public RunSpec withView(View newView) {
        return new RunSpec(scenario, spec, ops, at, focusLayer, focusNeuron, weight, mark, course, newView, pauseAtDeath, plane);
    }

    /** The same run with the input plane drawn along two other inputs. */
    public RunSpec withPlane(PlaneAxes axes) {
        return new RunSpec(scenario, spec, ops, at, focusLayer, focusNeuron, weight, mark, course, view, pauseAtDeath, axes);
    }

    /** The same run with `step` marked on the charts (null: no mark). */
    public RunSpec mark(Long step) {
        return new RunSpec(scenario, spec, ops, at, focusLayer, focusNeuron, weight, step, course, view, pauseAtDeath, plane);
    }

    /**
     * Work of replaying a run for `steps` steps, in weight-sample operations: every step updates
     * every parameter from its batch and takes a census of the n samples. A server bounds it, so a
     * link cannot hold a request for minutes (a deep, wide net on 10,000 samples costs ~3e8 a step).
     */
    public static final long MAX_REPLAY_WORK = 20_000_000_000L;

    public long replayWork(long steps) {
        long parameters = TrainingSpec.weightCount(spec.layers()) + (spec.bias() ? hiddenAndOutputUnits() : 0);
        return parameters * (spec.batch() + spec.n()) * Math.max(1, steps);
    }

    /** The most steps a replay of this network may take within MAX_REPLAY_WORK. */
    public long maxReplaySteps() {
        return maxReplaySteps(MAX_REPLAY_WORK);
    }

    /** The most steps a replay of this network may take within `work` weight-sample operations. */
    public long maxReplaySteps(long work) {
        return Math.max(1, work / replayWork(1));
    }

    private int hiddenAndOutputUnits() {
        int units = 0;
        for (int l = 1; l < spec.layers().length; l++) units += spec.layers()[l];
        return units;
    }

    // ---- parsing ----

    /**
     * Reads a link's parameters. `alsoAllowed` names parameters that belong to the caller (e.g.
     * lang); any other unknown name is refused.
     */
    public static RunSpec parse(Map<String, String> params, Set<String> alsoAllowed) {
        for (String key : params.keySet())
            if (!KEYS.contains(key) && !alsoAllowed.contains(key) && !key.equals(LEGACY_WALK))
                throw new InvalidParameter(key, params.get(key), "left out: the known parameters are " + String.join(", ", KEYS));
        String id = params.get("scenario");
        Scenario scenario = id == null ? null : Scenario.fromId(id);
        if (scenario == null) throw new InvalidParameter("scenario", id, "one of " + Scenario.ids());
        TrainingSpec d = scenario.spec;

        int[] layers = params.containsKey("layers") ? parseLayers(params.get("layers")) : d.layers();
        Activation act = params.containsKey("act") ? enumValue("act", params.get("act"), Activation::fromCode, "relu, leaky or elu") : d.act();
        double alpha = params.containsKey("alpha") ? Numbers.parseDouble("alpha", params.get("alpha"), "a number in (0, 10]")
                : defaultAlpha(d, act);
        boolean bias = params.containsKey("bias") ? bool("bias", params.get("bias")) : d.bias();
        double[] w = params.containsKey("w") ? parseWeights(params.get("w")) : d.weights();
        Initializer init = params.containsKey("init") ? enumValue("init", params.get("init"), Initializer::fromCode,
                "he, he-uniform, xavier, uniform, zeros or explicit")
                : params.containsKey("w") ? Initializer.EXPLICIT : d.init();
        double scale = params.containsKey("scale") ? Numbers.parseDouble("scale", params.get("scale"), "a number in (0, 100]") : d.initScale();
        double lr = params.containsKey("lr") ? Numbers.parseDouble("lr", params.get("lr"), "a number in (0, 1e6]") : d.lr();
        int n = params.containsKey("n") ? (int) Numbers.parseLong("n", params.get("n"), 1, TrainingSpec.MAX_SAMPLES, "a whole number from 1 to 10000") : d.n();
        int batch = params.containsKey("batch") ? parseBatch(params.get("batch"), n) : Math.min(d.batch(), n);
        boolean shuffle = params.containsKey("shuffle") ? bool("shuffle", params.get("shuffle")) : d.shuffle();
        Target data = params.containsKey("data") ? enumValue("data", params.get("data"), Target::fromCode, "sin, linear, sum, quad or const") : d.data();
        double noise = params.containsKey("noise") ? Numbers.parseDouble("noise", params.get("noise"), "a number in [0, 10]") : d.noise();
        boolean center = params.containsKey("center") ? bool("center", params.get("center")) : d.centred();
        long dseed = params.containsKey("dseed") ? seed("dseed", params.get("dseed")) : d.dataSeed();
        long seed = params.containsKey("seed") ? seed("seed", params.get("seed")) : d.seed();
        Optimizer opt = parseOptimizer(params, d.opt());
        Recycling redo = parseRecycling(params, d.redo());
        long shift = params.containsKey("shift") ? Numbers.parseLong("shift", params.get("shift"), 0, Shift.MAX, Shift.ALLOWED) : d.shift();
        TrainingSpec spec;
        try {
            spec = new TrainingSpec(layers, act, alpha, bias, lr, batch, shuffle, seed, init, scale, w, data, n, noise, center, dseed, opt, redo, shift);
        } catch (InvalidParameter e) {   // name the value as the link wrote it ("0", "3-0-1"), not as the engine holds it
            String raw = params.get(e.parameter);
            throw raw == null || e.parameter.equals("w") ? e : new InvalidParameter(e.parameter, raw, e.allowed);
        }

        List<Op> ops = new ArrayList<>();
        String opsText = params.get("ops");
        if (opsText != null && !opsText.isEmpty()) {
            String[] parts = opsText.split(",", -1);
            if (parts.length > MAX_OPS) throw new InvalidParameter("ops", parts.length + " interventions", "at most " + MAX_OPS + " interventions");
            for (String part : parts) ops.add(Op.parse(part));
            ops.sort(Comparator.comparingLong(Op::step));   // stable: same-step ops keep their order
        }
        long at = params.containsKey("at") ? Numbers.parseLong("at", params.get("at"), 0, MAX_STEP, "a whole number from 0 to 1000000") : 0;
        int focusLayer = scenario.focusLayer, focusNeuron = scenario.focusNeuron;
        if (params.containsKey("focus")) {
            String f = params.get("focus");
            String allowed = "<hidden layer>.<neuron>, 1-based, e.g. 2.1 for the first neuron of hidden layer 2";
            String[] ln = f.split("\\.", -1);
            if (ln.length != 2) throw new InvalidParameter("focus", f, allowed);
            focusLayer = (int) Numbers.parseLong("focus", ln[0], 1, TrainingSpec.MAX_HIDDEN_LAYERS, allowed) - 1;
            focusNeuron = (int) Numbers.parseLong("focus", ln[1], 1, TrainingSpec.MAX_WIDTH, allowed) - 1;
        } else if (focusLayer >= spec.hiddenLayers() || focusNeuron >= spec.layers()[focusLayer + 1]) {
            focusLayer = 0;
            focusNeuron = 0;
        }
        WeightRef weight = params.containsKey("weight") ? parseWeight(params.get("weight"), spec) : null;
        Long mark = params.containsKey("mark") ? Numbers.parseLong("mark", params.get("mark"), 0, MAX_STEP, MARK_ALLOWED) : null;
        if (params.containsKey(LEGACY_WALK))   // still checked, so a mistyped old link says so; no longer part of the run
            Numbers.parseLong(LEGACY_WALK, params.get(LEGACY_WALK), 0, Walks.of(scenario).size(), walkAllowed(scenario));
        Course course = new Course(params.containsKey("lock") ? Course.parseLocks(params.get("lock")) : List.of(),
                params.get("title"), params.get("note"), params.get("class"));
        View view = params.containsKey("view") ? View.parse(params.get("view")) : View.STAGE;
        boolean pause = params.containsKey("pause") ? parsePause(params.get("pause")) : Walks.pausesAtDeath(scenario);
        PlaneAxes plane = params.containsKey("plane") ? PlaneAxes.parse(params.get("plane"), spec) : PlaneAxes.DEFAULT;
        return new RunSpec(scenario, spec, ops, at, focusLayer, focusNeuron, weight, mark, course, view, pause, plane);
    }

    /** opt and the numbers it uses: beta with momentum, beta1, beta2 and eps with Adam; a number the optimizer does not use is refused. */
    private static Optimizer parseOptimizer(Map<String, String> params, Optimizer fallback) {
        Optimizer.Kind kind = params.containsKey("opt") ? enumValue("opt", params.get("opt"), Optimizer.Kind::fromCode, Optimizer.ALLOWED)
                : fallback.kind();
        String[][] uses = {{"beta", "momentum"}, {"beta1", "adam"}, {"beta2", "adam"}, {"eps", "adam"}};
        for (String[] use : uses) {
            if (params.containsKey(use[0]) && !kind.code.equals(use[1]))
                throw new InvalidParameter(use[0], params.get(use[0]), "given only with opt=" + use[1]);
        }
        double beta = optimizerNumber(params, "beta", fallback.beta(), "a number in [0, 1), e.g. 0.9");
        double beta1 = optimizerNumber(params, "beta1", fallback.beta1(), "a number in [0, 1), e.g. 0.9");
        double beta2 = optimizerNumber(params, "beta2", fallback.beta2(), "a number in [0, 1), e.g. 0.999");
        double eps = optimizerNumber(params, "eps", fallback.eps(), "a number in (0, 1], e.g. 1e-8");
        try {
            return new Optimizer(kind, beta, beta1, beta2, eps);
        } catch (InvalidParameter e) {
            throw new InvalidParameter(e.parameter, params.get(e.parameter), e.allowed);
        }
    }

    /** redo=τ with redoEvery=K: ReDo after every K-th update; one without the other is refused. */
    private static Recycling parseRecycling(Map<String, String> params, Recycling fallback) {
        boolean tau = params.containsKey("redo"), every = params.containsKey("redoEvery");
        if (!tau && !every) return fallback;
        if (!tau) throw new InvalidParameter("redoEvery", params.get("redoEvery"), "given only with redo=<τ>, e.g. redo=0.1&redoEvery=100");
        if (!every) throw new InvalidParameter("redo", params.get("redo"), "given with redoEvery=<K> (recycle after every K-th update), e.g. redo=0.1&redoEvery=100");
        double t = Numbers.parseDouble("redo", params.get("redo"), Recycling.TAU_ALLOWED);
        if (!Recycling.validTau(t)) throw new InvalidParameter("redo", params.get("redo"), Recycling.TAU_ALLOWED);
        long k = Numbers.parseLong("redoEvery", params.get("redoEvery"), 1, Recycling.MAX_EVERY, Recycling.EVERY_ALLOWED);
        return Recycling.every(k, t);
    }

    private static double optimizerNumber(Map<String, String> params, String name, double fallback, String allowed) {
        return params.containsKey(name) ? Numbers.parseDouble(name, params.get(name), allowed) : fallback;
    }

    private static boolean parsePause(String text) {
        if ("death".equals(text)) return true;
        if ("off".equals(text)) return false;
        throw new InvalidParameter("pause", text, PAUSE_ALLOWED);
    }

    private static double defaultAlpha(TrainingSpec d, Activation act) {
        return act == d.act() ? d.alpha() : act.defaultAlpha();
    }

    private static int[] parseLayers(String text) {
        String allowed = "numbers joined by '-': inputs (1-8), 1 to 8 hidden layers of 1 to 64, then 1, e.g. 3-2-2-1";
        if (text == null || !text.matches("\\d{1,4}(-\\d{1,4}){2,9}")) throw new InvalidParameter("layers", text, allowed);
        String[] parts = text.split("-");
        int[] layers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) layers[i] = Integer.parseInt(parts[i]);
        return layers;
    }

    private static double[] parseWeights(String text) {
        String allowed = "comma-separated numbers, one per weight (layer by layer, neuron by neuron, input by input)";
        if (text == null || text.isEmpty()) throw new InvalidParameter("w", text, allowed);
        String[] parts = text.split(",", -1);
        if (parts.length > 40_000) throw new InvalidParameter("w", parts.length + " numbers", allowed);
        double[] w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) w[i] = Numbers.parseDouble("w", parts[i], allowed);
        return w;
    }

    private static int parseBatch(String text, int n) {
        if ("full".equals(text)) return n;
        return (int) Numbers.parseLong("batch", text, 1, n, "a whole number from 1 to n (" + n + "), or full");
    }

    private static boolean bool(String parameter, String text) {
        return switch (text == null ? "" : text) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw new InvalidParameter(parameter, text, "true or false");
        };
    }

    private static long seed(String parameter, String text) {
        return Numbers.parseLong(parameter, text, 0, Long.MAX_VALUE, "a whole number from 0 to 9223372036854775807");
    }

    private static <T> T enumValue(String parameter, String text, java.util.function.Function<String, T> of, String allowed) {
        try {
            return of.apply(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(parameter, text, allowed);
        }
    }

    // ---- formatting ----

    /** Every parameter after defaults, in canonical order (the JSON "spec"). */
    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("scenario", scenario.id);
        v.put("layers", spec.shape());
        v.put("act", spec.act().code);
        v.put("alpha", Numbers.format(spec.alpha()));
        v.put("bias", Boolean.toString(spec.bias()));
        v.put("init", spec.init().code);
        v.put("scale", Numbers.format(spec.initScale()));
        v.put("w", joinNumbers(spec.weights()));
        v.put("lr", Numbers.format(spec.lr()));
        v.put("opt", spec.opt().kind().code);
        v.put("beta", Numbers.format(spec.opt().beta()));
        v.put("beta1", Numbers.format(spec.opt().beta1()));
        v.put("beta2", Numbers.format(spec.opt().beta2()));
        v.put("eps", Numbers.format(spec.opt().eps()));
        v.put("batch", Integer.toString(spec.batch()));
        v.put("shuffle", Boolean.toString(spec.shuffle()));
        v.put("n", Integer.toString(spec.n()));
        v.put("data", spec.data().code);
        v.put("noise", Numbers.format(spec.noise()));
        v.put("center", Boolean.toString(spec.centred()));
        v.put("dseed", Long.toString(spec.dataSeed()));
        v.put("seed", Long.toString(spec.seed()));
        v.put("redo", spec.redo().on() ? Numbers.format(spec.redo().tau()) : "");   // "": off, the default
        v.put("redoEvery", spec.redo().on() ? Long.toString(spec.redo().every()) : "");
        v.put("shift", Long.toString(spec.shift()));   // 0: a fixed target
        v.put("ops", String.join(",", ops.stream().map(Op::format).toList()));
        v.put("at", Long.toString(at));
        v.put("plane", plane.format());
        v.put("focus", (focusLayer + 1) + "." + (focusNeuron + 1));
        v.put("weight", formatWeight(weight));
        v.put("mark", mark == null ? "" : Long.toString(mark));   // "": no mark, the default
        v.put("pause", pauseAtDeath ? "death" : "off");
        v.put("view", view.code);
        v.put("lock", String.join(",", course.locks()));
        v.put("title", course.title());
        v.put("note", course.note());
        v.put("class", course.classCode());
        return v;
    }

    /** Only what differs from the scenario's defaults, in canonical order. */
    public Map<String, String> linkValues() {
        Map<String, String> mine = values(), defaults = defaultValues(scenario, spec.act());
        String defaultWeight = formatWeight(defaultWeight());   // the default follows the focus
        Map<String, String> link = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mine.entrySet())
            if (e.getKey().equals("scenario") || !e.getValue().equals(e.getKey().equals("weight") ? defaultWeight : defaults.get(e.getKey())))
                link.put(e.getKey(), e.getValue());
        return link;
    }

    /** The values of a scenario's default run with this activation; every link on every frame compares with them. */
    private static Map<String, String> defaultValues(Scenario scenario, Activation act) {
        return DEFAULT_VALUES.computeIfAbsent(scenario.id + " " + act.code, k -> Map.copyOf(of(scenario).withDefaultAlphaFor(act).values()));
    }

    private static final Map<String, Map<String, String>> DEFAULT_VALUES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The canonical query string, e.g. "scenario=case-2&lr=0.09&at=120". */
    public String toQuery() {
        StringBuilder q = new StringBuilder();
        linkValues().forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=')
                .append(k.equals("title") || k.equals("note") ? java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8) : v));
        return q.toString();
    }

    /** The scenario's defaults, except alpha follows a changed activation (as parse does). */
    private RunSpec withDefaultAlphaFor(Activation act) {
        TrainingSpec d = scenario.spec;
        return act == d.act() ? this : new RunSpec(scenario, d.withActivation(d.act(), defaultAlpha(d, act)), ops, at, focusLayer, focusNeuron,
                weight, mark, course, view, pauseAtDeath, plane);
    }

    private static String joinNumbers(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) s.append(s.length() == 0 ? "" : ",").append(Numbers.format(v));
        return s.toString();
    }
}
