package lab.deadrelu.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Initializer;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.Recycling;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.scenario.Numbers;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;

/**
 * A sweep: a base run (any lab link's run parameters), one parameter varied over a list of values,
 * one curve per activation in `acts`, `seeds` runs per point (seeds base.seed, base.seed + 1, ...,
 * the same seeds at every point) and `steps` steps per run.
 * <p>
 * The varied parameter:
 * <ul>
 * <li>lr: a log grid of `points` values from `from` to `to`: from * (to / from)^(i / (points - 1)),
 *     rounded to 3 significant digits (the ends exactly as given);</li>
 * <li>init: the initializers in `inits`;</li>
 * <li>act: the activations in `acts` (then one curve);</li>
 * <li>depth: `depths` hidden layers, each as wide as the base's first hidden layer;</li>
 * <li>width: `widths` neurons in each of the base's hidden layers;</li>
 * <li>opt: the optimizers in `opts` (sgd, momentum, adam), each with its default numbers (beta 0.9;
 *     beta1 0.9, beta2 0.999, eps 1e-8);</li>
 * <li>redo: the ReDo thresholds τ in `redos`, "off" for none, each recycling after every
 *     `redoEvery`-th update (default 100).</li>
 * </ul>
 * `redoEvery` is the base's (with its `redo`) unless the sweep varies redo; with neither it is
 * checked and left out, like `from` when varying depth.
 * A curve's activation keeps the base's alpha if it is the base's activation, else takes its own
 * default (0.01 for Leaky ReLU, 1 for ELU), as a lab link does.
 * <p>
 * The link is strict like a lab link (unknown or malformed parameters are refused with their name),
 * and canonical: the base's link without the varied parameter and without `at` and `focus` (a
 * sweep runs every seed from step 0), then vary and its values, acts (when more than one), seeds and
 * steps. Parameters that belong to another kind of sweep (`from` when varying depth, say) may come
 * from the form; they are checked, then left out of the canonical link. Equal canonical links mean
 * equal results. An empty value (a form field left empty) counts as not given: the scenario's value, or
 * the sweep's default.
 */
public record SweepSpec(RunSpec base, Vary vary, List<String> xs, List<Activation> acts, int seeds, int steps, long redoEvery) {

    public enum Vary {
        LR("lr"), INIT("init"), ACT("act"), DEPTH("depth"), WIDTH("width"), OPT("opt"), REDO("redo");

        public final String code;

        Vary(String code) {
            this.code = code;
        }

        public boolean numeric() {
            return this == LR || this == DEPTH || this == WIDTH;
        }

        static Vary fromCode(String code) {
            for (Vary v : values()) if (v.code.equals(code)) return v;
            throw new InvalidParameter("vary", code, "one of lr, init, act, depth, width, opt, redo");
        }
    }

    /** The sweep's own parameters, in canonical order. */
    public static final List<String> KEYS = List.of("vary", "from", "to", "points", "inits", "depths", "widths", "opts", "redos", "acts", "seeds", "steps");
    /** Parameters a form may send more than once (check boxes); each value may also be a comma-separated list. */
    static final Set<String> LISTS = Set.of("acts", "inits", "opts");

    public static final int MAX_SEEDS = 1000, MAX_STEPS = 100_000, MAX_POINTS = 40, MAX_WIDTHS = 20;
    public static final int DEFAULT_SEEDS = 100, DEFAULT_POINTS = 10;
    public static final double DEFAULT_FROM = 0.01, DEFAULT_TO = 1;
    public static final List<Integer> DEFAULT_DEPTHS = List.of(1, 2, 3, 4, 5, 6, 7, 8);
    public static final List<Integer> DEFAULT_WIDTHS = List.of(1, 2, 3, 4, 6, 8, 12, 16);
    public static final List<Optimizer.Kind> DEFAULT_OPTS = List.of(Optimizer.Kind.SGD, Optimizer.Kind.MOMENTUM, Optimizer.Kind.ADAM);
    /** The x value of runs without ReDo. */
    public static final String OFF = "off";
    public static final List<String> DEFAULT_REDOS = List.of(OFF, "0.025", "0.1");
    public static final long DEFAULT_REDO_EVERY = 100;
    public static final List<Initializer> DEFAULT_INITS = List.of(Initializer.HE, Initializer.HE_UNIFORM, Initializer.XAVIER, Initializer.UNIFORM);

    public SweepSpec {
        xs = List.copyOf(xs);
        acts = List.copyOf(acts);
    }

    /** A sweep that does not vary redo (redoEvery unused). */
    public SweepSpec(RunSpec base, Vary vary, List<String> xs, List<Activation> acts, int seeds, int steps) {
        this(base, vary, xs, acts, seeds, steps, DEFAULT_REDO_EVERY);
    }

    // ---- reading a link ----

    /** Reads a sweep link (the query as name -> values). `alsoAllowed` names the caller's own parameters (lang). */
    public static SweepSpec parse(Map<String, List<String>> query, Set<String> alsoAllowed) {
        Map<String, String> baseParams = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue();
            if (alsoAllowed.contains(name)) continue;
            boolean isBase = RunSpec.KEYS.contains(name), isOwn = KEYS.contains(name);
            if (!isBase && !isOwn) {
                List<String> known = new ArrayList<>(RunSpec.KEYS);
                known.addAll(KEYS);
                throw new InvalidParameter(name, String.join(",", values), "left out: the known parameters are " + String.join(", ", known));
            }
            if (values.size() != 1 && !LISTS.contains(name)) throw new InvalidParameter(name, String.join(",", values), "given once");
            String value = LISTS.contains(name) ? joinNonEmpty(values) : values.get(0);
            if (value.isEmpty()) continue;                     // an empty form field means "not given"
            if (isBase) baseParams.put(name, value);
            else own.put(name, value);
        }
        Vary vary = own.containsKey("vary") ? Vary.fromCode(own.get("vary")) : Vary.LR;
        // redoEvery: the sweep's K when it varies redo (the base's redo is then checked and left out), the base's with its redo,
        // else (a form's field) checked and left out
        long redoEvery = DEFAULT_REDO_EVERY;
        if (baseParams.containsKey("redoEvery") && (vary == Vary.REDO || !baseParams.containsKey("redo")))
            redoEvery = Numbers.parseLong("redoEvery", baseParams.remove("redoEvery"), 1, Recycling.MAX_EVERY, Recycling.EVERY_ALLOWED);
        if (vary == Vary.REDO && baseParams.containsKey("redo")) redos(baseParams.remove("redo"), "redo");
        if (!baseParams.containsKey("scenario"))
            throw new InvalidParameter("scenario", "", "one of " + Scenario.ids() + " (the sweep's base run)");
        RunSpec run = RunSpec.parse(baseParams, Set.of());

        TrainingSpec t = run.spec();
        boolean explicit = t.init() == Initializer.EXPLICIT;
        if (explicit && (vary == Vary.INIT || vary == Vary.DEPTH || vary == Vary.WIDTH))
            throw new InvalidParameter("w", t.weights().length + " numbers",
                    "left out when a sweep varies init, depth or width (explicit weights fit one network and one initialization)");

        // every value is checked, even those the chosen kind of sweep does not use
        double from = own.containsKey("from") ? lr("from", own.get("from")) : DEFAULT_FROM;
        double to = own.containsKey("to") ? lr("to", own.get("to")) : DEFAULT_TO;
        int points = own.containsKey("points") ? (int) Numbers.parseLong("points", own.get("points"), 2, MAX_POINTS,
                "a whole number from 2 to " + MAX_POINTS) : DEFAULT_POINTS;
        List<Initializer> inits = own.containsKey("inits") ? inits(own.get("inits")) : DEFAULT_INITS;
        List<Integer> depths = own.containsKey("depths") ? wholeNumbers("depths", own.get("depths"), 1, TrainingSpec.MAX_HIDDEN_LAYERS, TrainingSpec.MAX_HIDDEN_LAYERS) : DEFAULT_DEPTHS;
        List<Integer> widths = own.containsKey("widths") ? wholeNumbers("widths", own.get("widths"), 1, TrainingSpec.MAX_WIDTH, MAX_WIDTHS) : DEFAULT_WIDTHS;
        List<Optimizer.Kind> opts = own.containsKey("opts") ? opts(own.get("opts")) : DEFAULT_OPTS;
        List<String> redos = own.containsKey("redos") ? redos(own.get("redos"), "redos") : DEFAULT_REDOS;
        List<Activation> acts = own.containsKey("acts") ? acts(own.get("acts")) : List.of(t.act());
        int seeds = own.containsKey("seeds") ? (int) Numbers.parseLong("seeds", own.get("seeds"), 1, MAX_SEEDS, "a whole number from 1 to " + MAX_SEEDS) : DEFAULT_SEEDS;
        int steps = own.containsKey("steps") ? (int) Numbers.parseLong("steps", own.get("steps"), 1, MAX_STEPS, "a whole number from 1 to " + MAX_STEPS)
                : (int) Math.min(MAX_STEPS, run.scenario().steps);
        if (t.seed() > Long.MAX_VALUE - seeds)
            throw new InvalidParameter("seed", Long.toString(t.seed()), "at most " + (Long.MAX_VALUE - seeds) + " so that " + seeds + " seeds follow it");

        List<String> xs = switch (vary) {
            case LR -> {
                if (!(from < to)) throw new InvalidParameter("to", Numbers.format(to), "a step size larger than from (" + Numbers.format(from) + ")");
                yield logGrid(from, to, points);
            }
            case INIT -> inits.stream().map(i -> i.code).toList();
            case ACT -> acts.stream().map(a -> a.code).toList();
            case DEPTH -> depths.stream().map(String::valueOf).toList();
            case WIDTH -> widths.stream().map(String::valueOf).toList();
            case OPT -> opts.stream().map(o -> o.code).toList();
            case REDO -> redos;
        };
        SweepSpec spec = new SweepSpec(neutral(run, vary, acts), vary, xs, acts, seeds, steps, redoEvery);
        spec.checkShapes();
        spec.checkBudget();
        return spec;
    }

    /** The base run as the canonical link shows it: from step 0, default focus, the varied parameter at the scenario's value. */
    private static RunSpec neutral(RunSpec run, Vary vary, List<Activation> acts) {
        Scenario s = run.scenario();
        TrainingSpec t = run.spec();
        if (acts.size() == 1) t = t.withActivation(acts.get(0), alphaFor(t, acts.get(0)));
        if (vary == Vary.LR) t = t.withLr(s.spec.lr());
        if (vary == Vary.INIT) t = with(t, t.layers(), s.spec.init(), new double[0]);
        if (vary == Vary.OPT) t = t.withOptimizer(s.spec.opt());
        if (vary == Vary.REDO) t = t.withRecycling(s.spec.redo());
        RunSpec fitted = RunSpec.of(s).withSpec(t);   // the scenario's focus if it fits the network, else h1^(1)
        return new RunSpec(s, t, run.ops(), 0, fitted.focusLayer(), fitted.focusNeuron());
    }

    private static double alphaFor(TrainingSpec base, Activation act) {
        return act == base.act() ? base.alpha() : act.defaultAlpha();
    }

    /** from * (to / from)^(i / (points - 1)), rounded to 3 significant digits; the ends as given. */
    static List<String> logGrid(double from, double to, int points) {
        List<String> xs = new ArrayList<>();
        double ratio = to / from;
        for (int i = 0; i < points; i++) {
            double v = i == 0 ? from : i == points - 1 ? to
                    : new BigDecimal(from * StrictMath.pow(ratio, i / (double) (points - 1))).round(new MathContext(3, RoundingMode.HALF_EVEN)).doubleValue();
            String x = Numbers.format(v);
            if (xs.contains(x) || (i > 0 && Double.parseDouble(xs.get(i - 1)) >= v))
                throw new InvalidParameter("points", Integer.toString(points),
                        "few enough that the grid from " + Numbers.format(from) + " to " + Numbers.format(to)
                                + " has distinct values at 3 significant digits");
            xs.add(x);
        }
        return xs;
    }

    private static double lr(String name, String text) {
        String allowed = "a step size in (0, 1e6], e.g. 0.01";
        double v = Numbers.parseDouble(name, text, allowed);
        if (!(v > 0 && v <= TrainingSpec.MAX_LR)) throw new InvalidParameter(name, text, allowed);
        return v;
    }

    private static List<Initializer> inits(String text) {
        String allowed = "a comma-separated list of he, he-uniform, xavier, uniform, zeros";
        TreeSet<Initializer> set = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            Initializer i;
            try {
                i = Initializer.fromCode(part);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("inits", text, allowed);
            }
            if (i == Initializer.EXPLICIT) throw new InvalidParameter("inits", text, allowed + " (explicit weights are one network, not an initializer)");
            set.add(i);
        }
        return List.copyOf(set);
    }

    private static List<Optimizer.Kind> opts(String text) {
        TreeSet<Optimizer.Kind> set = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            try {
                set.add(Optimizer.Kind.fromCode(part));
            } catch (InvalidParameter e) {
                throw new InvalidParameter("opts", text, "a comma-separated list of sgd, momentum, adam");
            }
        }
        return List.copyOf(set);
    }

    /** "off" and distinct thresholds τ in (0, 1], off first, then τ ascending, each written as Numbers.format writes it. */
    private static List<String> redos(String text, String name) {
        String allowed = "a comma-separated list of off and thresholds τ with 0 < τ ≤ 1, e.g. off,0.025,0.1";
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_WIDTHS) throw new InvalidParameter(name, text, "at most " + MAX_WIDTHS + " values: " + allowed);
        boolean off = false;
        TreeSet<Double> taus = new TreeSet<>();
        for (String part : parts) {
            if (part.equals(OFF)) {
                off = true;
                continue;
            }
            double tau;
            try {
                tau = Numbers.parseDouble(name, part, allowed);
            } catch (InvalidParameter e) {
                throw new InvalidParameter(name, text, allowed);
            }
            if (!Recycling.validTau(tau)) throw new InvalidParameter(name, text, allowed);
            taus.add(tau);
        }
        List<String> xs = new ArrayList<>();
        if (off) xs.add(OFF);
        for (double tau : taus) xs.add(Numbers.format(tau));
        return xs;
    }

    private static List<Activation> acts(String text) {
        TreeSet<Activation> set = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            try {
                set.add(Activation.fromCode(part));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("acts", text, "a comma-separated list of relu, leaky, elu");
            }
        }
        return List.copyOf(set);
    }

    /** Distinct whole numbers in [min, max], at most `most` of them, sorted. */
    private static List<Integer> wholeNumbers(String name, String text, int min, int max, int most) {
        String allowed = "a comma-separated list of at most " + most + " whole numbers from " + min + " to " + max;
        String[] parts = text.split(",", -1);
        if (parts.length > most) throw new InvalidParameter(name, text, allowed);
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : parts) set.add((int) Numbers.parseLong(name, part, min, max, allowed));
        return List.copyOf(set);
    }

    private static String joinNonEmpty(List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) if (!v.isEmpty()) kept.add(v);
        return String.join(",", kept);
    }

    // ---- the runs ----

    /** Curves: one per activation, or a single one when the activation is what varies. */
    public int curves() {
        return vary == Vary.ACT ? 1 : acts.size();
    }

    public int points() {
        return xs.size();
    }

    public long runs() {
        return (long) curves() * points() * seeds;
    }

    /** The seed of run `k` (0-based) at every point. */
    public long seed(int k) {
        return base.spec().seed() + k;
    }

    /** The activation of a curve and point. */
    public Activation activation(int curve, int point) {
        return vary == Vary.ACT ? Activation.fromCode(xs.get(point)) : acts.get(curve);
    }

    /** The training of one curve and point (seeded with the first seed). */
    public TrainingSpec pointSpec(int curve, int point) {
        TrainingSpec t = base.spec();
        Activation act = activation(curve, point);
        t = t.withActivation(act, alphaFor(t, act));
        String x = xs.get(point);
        int[] layers = t.layers();
        return switch (vary) {
            case LR -> t.withLr(Double.parseDouble(x));
            case INIT -> with(t, layers, Initializer.fromCode(x), new double[0]);
            case ACT -> t;
            case DEPTH -> with(t, shape(layers[0], Integer.parseInt(x), layers[1]), t.init(), t.weights());
            case WIDTH -> with(t, shape(layers[0], layers.length - 2, Integer.parseInt(x)), t.init(), t.weights());
            case OPT -> t.withOptimizer(Optimizer.withDefaults(Optimizer.Kind.fromCode(x)));
            case REDO -> t.withRecycling(x.equals(OFF) ? Recycling.OFF : Recycling.every(redoEvery, Double.parseDouble(x)));
        };
    }

    /** The run (with the base's interventions) of one curve, point and seed, from step 0. */
    public RunSpec run(int curve, int point, int seedIndex) {
        TrainingSpec t = pointSpec(curve, point).withSeed(seed(seedIndex));
        return base.withSpec(t);
    }

    private static int[] shape(int inputs, int depth, int width) {
        int[] layers = new int[depth + 2];
        layers[0] = inputs;
        for (int l = 1; l <= depth; l++) layers[l] = width;
        layers[depth + 1] = 1;
        return layers;
    }

    private static TrainingSpec with(TrainingSpec t, int[] layers, Initializer init, double[] weights) {
        return new TrainingSpec(layers, t.act(), t.alpha(), t.bias(), t.lr(), t.batch(), t.shuffle(), t.seed(), init,
                t.initScale(), weights, t.data(), t.n(), t.noise(), t.centred(), t.dataSeed(), t.opt(), t.redo(), t.shift());
    }

    /** Every point's network must be one the engine accepts (explicit weights fit only their own shape). */
    private void checkShapes() {
        for (int c = 0; c < curves(); c++) for (int p = 0; p < points(); p++) pointSpec(c, p);
    }

    // ---- size ----

    /**
     * Estimated operations ({@link Cost}) of one step of a network. Each term is a weight-sample of
     * the census or something measured against one, P = weights + units (hidden and output), U =
     * units, B = batch, N = samples:
     * <pre>
     *   P x N x (1 + P/30000) the census over the data set (the unit); tens of thousands of weights no
     *                         longer fit the core's caches, and each weight-sample takes up to twice as long
     * + 6 P x B               the SGD update: forward, backward and gradient per weight and batch sample
     * + 24 P                  per weight and step: the update itself, the copy kept in case the run diverges
     * + (128 + a) U x B       per unit and batch sample in SGD (activation, derivative, deltas): narrow, deep
     * + (8 + c) U x N         networks are made of these; Leaky ReLU adds a = 48, c = 8; ELU (StrictMath.exp)
     *                         a = 160, c = 64
     * + 60 L x B              per layer (L = layers with weights) and batch sample: the loops around each layer
     * + 192 U + 1,000         per unit and per step: states compared, events
     * </pre>
     * Fitted to the CPU time per step of 31 networks, from 1-1-1 on one sample to 8-64x8-1 on 10,000
     * (full batch, ReLU, Leaky, ELU): the estimate came within 0.8 to 2 times the time measured, on the
     * safe side for most (CostEstimateTest prints estimate / measured for whole sweeps of such shapes,
     * with -Ddeadrelu.measure=true).
     */
    static double stepOperations(TrainingSpec t) {
        double weights = TrainingSpec.weightCount(t.layers()), units = 0;
        for (int l = 1; l < t.layers().length; l++) units += t.layers()[l];
        double p = weights + units, b = t.batch(), n = t.n();
        double perUnitBatch = 128 + switch (t.act()) { case RELU -> 0; case LEAKY -> 48; case ELU -> 160; };
        double perUnitSample = 8 + switch (t.act()) { case RELU -> 0; case LEAKY -> 8; case ELU -> 64; };
        double layers = t.layers().length - 1;
        return p * n * (1 + p / 30_000) + 6 * p * b + 24 * p + perUnitBatch * units * b + perUnitSample * units * n + 60 * layers * b
                + 192 * units + 1_000;
    }

    /**
     * One run of `steps` steps: its steps plus two (making the network, the data set's buffers and the
     * first census cost about that), the data set (800 per sample) and 70,000 for setting the run up.
     */
    static double runOperations(TrainingSpec t, long steps) {
        return (steps + 2) * stepOperations(t) + 800.0 * t.n() + 70_000;
    }

    /** One seed at every point and curve. */
    private double operationsPerSeed() {
        double perSeed = 0;
        for (int c = 0; c < curves(); c++) for (int p = 0; p < points(); p++) perSeed += runOperations(pointSpec(c, p), steps);
        return perSeed;
    }

    /** The sweep's estimated cost. */
    public Cost cost() {
        return new Cost(operationsPerSeed() * seeds);
    }

    /** A sweep over the cap is refused, naming seeds (or steps) and how many would fit. */
    private void checkBudget() {
        Cost cost = cost();
        if (cost.fits()) return;
        double perSeed = operationsPerSeed();
        long fit = (long) (Cost.MAX_OPERATIONS / perSeed);
        String estimate = String.format(Locale.ROOT, "this one is estimated at %s operations, about %.0f s", Cost.scientific(cost.operations()),
                cost.seconds());
        if (fit >= 1)
            throw new InvalidParameter("seeds", Integer.toString(seeds), "at most " + fit + " for this sweep (" + points() + " points x "
                    + curves() + " curve(s) x " + steps + " steps): " + Cost.capInWords() + "; " + estimate);
        double perStep = 0;
        for (int c = 0; c < curves(); c++) for (int p = 0; p < points(); p++) perStep += stepOperations(pointSpec(c, p));
        long stepsFit = (long) (Cost.MAX_OPERATIONS / perStep) - 2;
        if (stepsFit < 1) {
            String list = switch (vary) { case LR -> "points"; case INIT -> "inits"; case ACT -> "acts"; case DEPTH -> "depths"; case WIDTH -> "widths";
                case OPT -> "opts"; case REDO -> "redos"; };
            String value = vary == Vary.LR ? Integer.toString(points()) : String.join(",", xs);
            throw new InvalidParameter(list, value, "fewer (or a smaller network or data set): even one step of one seed at these "
                    + points() + " points x " + curves() + " curve(s) is over the cap: " + Cost.capInWords() + "; " + estimate);
        }
        throw new InvalidParameter("steps", Integer.toString(steps), "at most " + stepsFit + " with one seed for this sweep ("
                + points() + " points x " + curves() + " curve(s)): " + Cost.capInWords() + "; " + estimate);
    }

    // ---- the link ----

    /** The canonical query (without lang), e.g. "scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=100&steps=500". */
    public String toQuery() {
        StringBuilder q = new StringBuilder(base.toQuery());
        q.append("&vary=").append(vary.code);
        switch (vary) {
            case LR -> q.append("&from=").append(xs.get(0)).append("&to=").append(xs.get(xs.size() - 1)).append("&points=").append(xs.size());
            case INIT -> q.append("&inits=").append(String.join(",", xs));
            case DEPTH -> q.append("&depths=").append(String.join(",", xs));
            case WIDTH -> q.append("&widths=").append(String.join(",", xs));
            case OPT -> q.append("&opts=").append(String.join(",", xs));
            case REDO -> q.append("&redos=").append(String.join(",", xs)).append("&redoEvery=").append(redoEvery);
            case ACT -> { }
        }
        if (acts.size() > 1) q.append("&acts=").append(String.join(",", acts.stream().map(a -> a.code).toList()));
        q.append("&seeds=").append(seeds).append("&steps=").append(steps);
        return q.toString();
    }

    /** The cache key: equal keys, equal results. */
    public String key() {
        return "sweep?" + toQuery();
    }

    /** The x values as numbers (lr, depth, width); NaN for initializers, activations, optimizers and ReDo. */
    public double[] xNumbers() {
        double[] v = new double[xs.size()];
        for (int i = 0; i < v.length; i++) v[i] = vary.numeric() ? Double.parseDouble(xs.get(i)) : Double.NaN;
        return v;
    }

    @Override
    public String toString() {
        return "SweepSpec[" + toQuery() + "]";
    }

    /** Lists as a comma-separated string (for the form). */
    public static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
