package lab.deadrelu.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.Numbers;

/**
 * A born-dead experiment: `trials` networks for each width in `widths`, each `depth` hidden layers
 * deep (results for every depth 1..depth come out of the same trials), `inputs` inputs, domain
 * [-domain, domain]^inputs, initializer, biases on or off, seed. See {@link BornDead}.
 * <p>
 * Links: the page reads widths (a list) and depth (the deepest), the API reads width (one) and
 * depth; both are canonical with every parameter written out in a fixed order.
 */
public record BornDeadSpec(List<Integer> widths, int depth, int inputs, double domain, BornDead.Init init, boolean bias,
                           int trials, long seed) {

    public static final int MAX_WIDTH = 64, MAX_DEPTH = 64, MAX_WIDTHS = 8, MAX_TRIALS = 100_000;
    public static final double MAX_DOMAIN = 1000;
    public static final List<Integer> DEFAULT_WIDTHS = List.of(1, 2, 4, 8);
    public static final int DEFAULT_WIDTH = 4, DEFAULT_DEPTH = 10, DEFAULT_TRIALS = 10_000;

    /** The page's parameters, in canonical order (the API has width instead of widths). */
    public static final List<String> PAGE_KEYS = List.of("widths", "depth", "inputs", "domain", "init", "bias", "trials", "seed");
    public static final List<String> API_KEYS = List.of("width", "depth", "inputs", "domain", "init", "bias", "trials", "seed");

    public BornDeadSpec {
        widths = List.copyOf(widths);
    }

    public static BornDeadSpec defaults() {
        return new BornDeadSpec(DEFAULT_WIDTHS, DEFAULT_DEPTH, 1, 1.0, BornDead.Init.HE, false, DEFAULT_TRIALS, 1);
    }

    /**
     * Reads a link. `single`: the API's form (width=N), else the page's (widths=a,b,c). Parameters
     * in `alsoAllowed` (lang) are the caller's; any other unknown one is refused by name.
     */
    public static BornDeadSpec parse(Map<String, List<String>> query, boolean single, Set<String> alsoAllowed) {
        List<String> keys = single ? API_KEYS : PAGE_KEYS;
        java.util.Map<String, String> p = new java.util.HashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (alsoAllowed.contains(e.getKey())) continue;
            if (!keys.contains(e.getKey()))
                throw new InvalidParameter(e.getKey(), String.join(",", e.getValue()), "left out: the known parameters are " + String.join(", ", keys));
            if (e.getValue().size() != 1) throw new InvalidParameter(e.getKey(), String.join(",", e.getValue()), "given once");
            if (!e.getValue().get(0).isEmpty()) p.put(e.getKey(), e.getValue().get(0));
        }
        List<Integer> widths;
        if (single) {
            widths = List.of(p.containsKey("width") ? (int) Numbers.parseLong("width", p.get("width"), 1, MAX_WIDTH,
                    "a whole number from 1 to " + MAX_WIDTH) : DEFAULT_WIDTH);
        } else {
            widths = p.containsKey("widths") ? widths(p.get("widths")) : DEFAULT_WIDTHS;
        }
        int depth = p.containsKey("depth") ? (int) Numbers.parseLong("depth", p.get("depth"), 1, MAX_DEPTH, "a whole number from 1 to " + MAX_DEPTH) : DEFAULT_DEPTH;
        int inputs = p.containsKey("inputs") ? (int) Numbers.parseLong("inputs", p.get("inputs"), 1, BornDead.MAX_INPUTS,
                "a whole number from 1 to " + BornDead.MAX_INPUTS) : 1;
        double domain = 1.0;
        if (p.containsKey("domain")) {
            String allowed = "a number A in (0, 1000]: the inputs range over [-A, A]";
            domain = Numbers.parseDouble("domain", p.get("domain"), allowed);
            if (!(domain > 0 && domain <= MAX_DOMAIN)) throw new InvalidParameter("domain", p.get("domain"), allowed);
        }
        BornDead.Init init = BornDead.Init.HE;
        if (p.containsKey("init")) {
            init = BornDead.Init.fromCode(p.get("init"));
            if (init == null) throw new InvalidParameter("init", p.get("init"), "he (He normal) or rai (randomized asymmetric initialization)");
        }
        boolean bias = false;
        if (p.containsKey("bias")) {
            bias = switch (p.get("bias")) {
                case "1", "true", "on" -> true;
                case "0", "false", "off" -> false;
                default -> throw new InvalidParameter("bias", p.get("bias"), "0 or 1 (biases off or on)");
            };
        }
        int trials = p.containsKey("trials") ? (int) Numbers.parseLong("trials", p.get("trials"), 1, MAX_TRIALS,
                "a whole number from 1 to " + MAX_TRIALS + " (and within the cost cap)") : DEFAULT_TRIALS;
        long seed = p.containsKey("seed") ? Numbers.parseLong("seed", p.get("seed"), 0, Long.MAX_VALUE,
                "a whole number from 0 to 9223372036854775807") : 1;
        BornDeadSpec spec = new BornDeadSpec(widths, depth, inputs, domain, init, bias, trials, seed);
        spec.checkBudget(single);
        return spec;
    }

    private static List<Integer> widths(String text) {
        String allowed = "a comma-separated list of at most " + MAX_WIDTHS + " whole numbers from 1 to " + MAX_WIDTH;
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_WIDTHS) throw new InvalidParameter("widths", text, allowed);
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : parts) set.add((int) Numbers.parseLong("widths", part, 1, MAX_WIDTH, allowed));
        return List.copyOf(set);
    }

    /** Weights of a network of this width and depth (inputs x width + (depth - 1) x width^2). */
    public long weights(int width) {
        return (long) inputs * width + (long) (depth - 1) * width * width;
    }

    /**
     * Estimated operations ({@link Cost}) of one trial of each width, summed. A trial draws its
     * weights (and biases) from the initializer, 200 operations each (a seeded Gaussian is about
     * 28 ns); when its probes agree it carries all of E (grid points + 1) through the layers, about
     * as often as the network is dead at a point, q = 1 - (1 - 2^-width)^depth, 2 operations per
     * multiply-add; and 10,000 for the trial itself. Measured per trial on 20 shapes (width 1 to 64,
     * depth 1 to 64, 1 to 8 inputs, biases, rai) the estimate was 1.0 to 2 times the time taken, up to
     * 9 for networks of width 1, which die at once and so skip most of E.
     */
    public double operationsPerTrial() {
        double ops = 10_000;
        long e = gridPoints() + 1;
        for (int width : widths) {
            double q = 1 - StrictMath.pow(1 - StrictMath.pow(2, -width), depth);
            long drawn = weights(width) + (bias ? (long) width * depth : 0);
            ops += 200.0 * drawn + 2.0 * weights(width) * e * q;
        }
        return ops;
    }

    /** The experiment's estimated cost. */
    public Cost cost() {
        return new Cost(operationsPerTrial() * trials);
    }

    private void checkBudget(boolean single) {
        Cost cost = cost();
        if (cost.fits()) return;
        long fit = (long) (Cost.MAX_OPERATIONS / operationsPerTrial());
        String why = String.format(Locale.ROOT, "%s; this one is estimated at %s operations, about %.0f s (trials x (200 x weights drawn "
                + "+ 2 x weights x grid points x (1 - (1 - 2^-width)^depth))%s)", Cost.capInWords(), Cost.scientific(cost.operations()),
                cost.seconds(), single ? "" : ", summed over the widths");
        if (fit >= 1) throw new InvalidParameter("trials", Integer.toString(trials), "at most " + fit + " for these networks: " + why);
        throw new InvalidParameter(single ? "width" : "widths", single ? widths.get(0).toString() : SweepSpec.join(widths),
                "smaller: one trial of these networks is already over the cap: " + why);
    }

    public int gridPerAxis() {
        return BornDead.gridPerAxis(inputs);
    }

    public long gridPoints() {
        return BornDead.pow(gridPerAxis(), inputs);
    }

    /** The page's canonical query. */
    public String toQuery() {
        return "widths=" + SweepSpec.join(widths) + "&" + common();
    }

    /** The API's canonical query for one width (the first). */
    public String toApiQuery(int width) {
        return "width=" + width + "&" + common();
    }

    private String common() {
        return "depth=" + depth + "&inputs=" + inputs + "&domain=" + Numbers.format(domain) + "&init=" + init.code
                + "&bias=" + (bias ? 1 : 0) + "&trials=" + trials + "&seed=" + seed;
    }

    /** The cache key: equal keys, equal results. */
    public String key() {
        return "born-dead?" + toQuery();
    }

    /** The same experiment for one width. */
    public BornDeadSpec onlyWidth(int width) {
        return new BornDeadSpec(List.of(width), depth, inputs, domain, init, bias, trials, seed);
    }

    public List<String> widthCodes() {
        List<String> out = new ArrayList<>();
        for (int w : widths) out.add(Integer.toString(w));
        return out;
    }
}
