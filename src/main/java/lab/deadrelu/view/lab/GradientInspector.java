package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.GradientFactors;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.OptimizerStep;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Inspection;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.Signs;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;

/**
 * What `lab/gradient_inspector.jte` shows: the chain rule of the post for one weight in one
 * update, as MathML (symbols, then the numbers) and as a plain table of factors with sign badges.
 * dL/dw = (y-hat - y) * d(y-hat)/d(a) * f'(z) * a_j; the update subtracts lambda times it (times the
 * batch mean with batch > 1).
 *
 * @param weightName  the post's name of the weight, e.g. "w₂₁"
 * @param weight      the same as a math symbol
 * @param heading     which update: "Update of step 8" or "Next update (step 1)"
 * @param last        true when it is the update that led to the step on screen
 * @param context     a sentence: the sample, lambda, and for the next update why it is not the last one
 * @param terms       the factors of the formula, in the post's order (factors equal to 1 by construction left out)
 * @param gradient    dL/dw on the sample
 * @param update      the update line: before, lambda, the gradient it uses, after
 * @param rows        every factor and number of the update, for the plain table
 * @param batchNote   with batch > 1: this sample's share, the update uses the batch mean; else null
 * @param note        a sentence when a factor is zero (no update from this sample), else null
 * @param unavailable instead of all the above when the run has diverged, else null
 * @param form        the choice of weight
 */
public record GradientInspector(String weightName, MathSym weight, String heading, boolean last, String context,
                                List<Term> terms, String gradient, Update update, List<Row> rows, String batchNote,
                                String note, String unavailable, WeightForm form) {

    public GradientInspector {
        terms = List.copyOf(terms);
        rows = List.copyOf(rows);
    }

    public boolean available() {
        return unavailable == null;
    }

    /**
     * A symbol with optional subscript and superscript, each a list of tokens the template writes as
     * &lt;mn&gt; (digits), &lt;mo&gt; (brackets, commas) or &lt;mi&gt; (letters): w21 is ("w", ["21"], []),
     * h1a^(1) is ("h", ["1", "a"], ["(", "1", ")"]).
     */
    public record MathSym(String base, List<String> sub, List<String> sup) {
        public MathSym {
            sub = List.copyOf(sub);
            sup = List.copyOf(sup);
        }

        public boolean hasSub() { return !sub.isEmpty(); }

        public boolean hasSup() { return !sup.isEmpty(); }

        public static boolean isNumber(String token) { return token.matches("[0-9]+"); }

        public static boolean isOperator(String token) { return token.matches("[(),]"); }
    }

    /** What kind of factor a term is; the template writes each kind's symbol. */
    public enum Kind {
        /** (y-hat - y) */
        ERROR,
        /** the weight from the receiving neuron to the output (w31 for h1^(2)) */
        WEIGHT,
        /** d(y-hat)/d(a): the back-propagated sum, for neurons further from the output */
        SUM,
        /** f'(z) of the receiving neuron, with the activation's name */
        DERIVATIVE,
        /** the activation the weight multiplies: x_j or h_ja^(l); 1 for a bias */
        UPSTREAM
    }

    /**
     * One factor: its symbol (`symbol`; for DERIVATIVE also the function name in `function`), its
     * value as written in the formula (negative values in parentheses).
     */
    public record Term(Kind kind, MathSym symbol, String function, String value, boolean parenthesised) {}

    /** w <- w - lambda * g = before - lambda * g = after; `mean`: g is the batch mean (g-bar), not dL/dw. */
    /**
     * The update line. `optimizer`: "sgd" (w - λ·g), "momentum" (w - λ·v, with `velocity` = v) or "adam"
     * (w - λ·m̂/(√v̂ + ε), with `change` = what it subtracts); the other fields are "" when unused.
     */
    public record Update(String before, String lr, String gradient, boolean parenthesised, boolean mean, String after,
                         String optimizer, String velocity, String change) {
        public boolean momentum() { return optimizer.equals("momentum"); }

        public boolean adam() { return optimizer.equals("adam"); }
    }

    /** A row of the plain table: what it is, its value and its sign ("+", "−", "0"; "" where a sign says nothing). */
    public record Row(String key, String label, String value, String sign, String signClass) {}

    /**
     * The select of the focused neuron's incoming weights (and bias): it posts layer and to (1-based,
     * hidden) and from. `elsewhere`: the inspected weight's name when it is not one of them (picked
     * in the diagram), else null.
     */
    public record WeightForm(String action, int layer, int to, List<LabPage.Choice> options, String elsewhere) {
        public WeightForm {
            options = List.copyOf(options);
        }
    }

    public static GradientInspector of(SimulationState s, Ui ui, String actions) {
        RunSpec run = s.run();
        int[] sizes = run.spec().layers();
        Inspection in = s.inspection();
        WeightRef ref = in.weight();
        String name = Notation.weight(ref);
        WeightForm form = form(run, ref, actions, ui);
        if (in.factors() == null) {
            return new GradientInspector(name, symbol(ref), ui.t("lab.inspector.none"), false, null, List.of(), null, null,
                    List.of(), null, null, ui.t("lab.inspector.diverged"), form);
        }
        GradientFactors f = in.factors();
        int top = sizes.length - 2;                       // the output's weight layer
        boolean output = ref.layer() == top, beforeOutput = ref.layer() == top - 1;
        String receiving = output ? "ŷ" : Notation.neuron(ref.layer(), ref.to());
        Activation act = s.snapshot().activation();
        String function = switch (act) {
            case RELU -> "ReLU";
            case LEAKY -> "LeakyReLU";
            case ELU -> "ELU";
        };

        List<Term> terms = new ArrayList<>();
        terms.add(term(Kind.ERROR, null, null, f.error()));
        if (beforeOutput) terms.add(term(Kind.WEIGHT, symbol(new WeightRef(top, 0, ref.to())), null, f.downstream()));
        else if (!output) terms.add(term(Kind.SUM, activation(ref.layer() + 1, ref.to()), null, f.downstream()));
        if (!output) terms.add(term(Kind.DERIVATIVE, new MathSym("z", List.of(Integer.toString(ref.to() + 1)),
                List.of("(", Integer.toString(ref.layer() + 1), ")")), function, f.derivative()));
        if (!ref.isBias()) terms.add(term(Kind.UPSTREAM, upstreamSymbol(ref), null, f.upstream()));

        boolean batched = in.batch() > 1;
        double g = batched ? in.meanGradient() : f.gradient();
        OptimizerStep opt = in.optimizer();
        double after = in.last() ? in.weightNow() : opt != null ? f.weightBefore() - opt.change() : f.weightBefore() - f.lr() * g;
        boolean known = !Double.isNaN(g);
        Update update = new Update(Signs.number(f.weightBefore()), Signs.number(f.lr()), known ? Signs.number(g) : "?", g < 0, batched,
                known ? Signs.number(after) : "?", opt == null ? "sgd" : opt.kind().code,
                opt != null && opt.kind() == Optimizer.Kind.MOMENTUM ? Signs.number(opt.m()) : "",
                opt != null ? Signs.number(opt.change()) : "");

        List<Row> rows = new ArrayList<>();
        // the symbol with what it means: "x₂, input 2 of the sample", "h₁ₐ⁽¹⁾, the output of h₁⁽¹⁾ after ReLU"
        String upstreamName = ref.isBias() ? "1" : ref.layer() == 0 ? ui.t("lab.inspector.input", Notation.input(ref.from()), ref.from() + 1)
                : ui.t("lab.inspector.output", Notation.output(ref.layer() - 1, ref.from()), Notation.neuron(ref.layer() - 1, ref.from()), function);
        rows.add(row("upstream", ui.t(ref.isBias() ? "lab.inspector.row.upstreamBias" : "lab.inspector.row.upstream", upstreamName), f.upstream()));
        rows.add(row("error", ui.t("lab.inspector.row.error"), f.error()));
        String downstream = output ? ui.t("lab.inspector.row.downstreamOutput")
                : beforeOutput ? ui.t("lab.inspector.row.downstreamWeight", Notation.weight(new WeightRef(top, 0, ref.to())))
                : ui.t("lab.inspector.row.downstreamSum", receiving);
        rows.add(row("downstream", downstream, f.downstream()));
        rows.add(row("derivative", output ? ui.t("lab.inspector.row.derivativeOutput")
                : ui.t("lab.inspector.row.derivative", function, receiving), f.derivative()));
        rows.add(row("gradient", ui.t(batched ? "lab.inspector.row.gradientShare" : "lab.inspector.row.gradient", name), f.gradient()));
        if (batched) rows.add(row("mean", ui.t("lab.inspector.row.mean", in.batch()), g));
        rows.add(new Row("lr", ui.t("lab.inspector.row.lr"), Signs.number(f.lr()), "", ""));
        if (opt == null) {
            rows.add(row("change", ui.t(batched ? "lab.inspector.row.changeMean" : "lab.inspector.row.change"), f.lr() * g));
        } else if (opt.kind() == Optimizer.Kind.MOMENTUM) {
            rows.add(row("velocity", ui.t("lab.inspector.row.velocity"), opt.m()));
            rows.add(row("change", ui.t("lab.inspector.row.changeMomentum"), opt.change()));
        } else {
            rows.add(row("mHat", ui.t("lab.inspector.row.mHat"), opt.mHat()));
            rows.add(row("vHat", ui.t("lab.inspector.row.vHat"), opt.vHat()));
            rows.add(row("change", ui.t("lab.inspector.row.changeAdam"), opt.change()));
        }
        rows.add(row("before", ui.t("lab.inspector.row.before", name), f.weightBefore()));
        rows.add(row("after", ui.t("lab.inspector.row.after", name), after));

        String heading = in.last() ? ui.t("lab.inspector.last", in.step()) : ui.t("lab.inspector.next", in.step());
        String context = ui.t(in.last() ? "lab.inspector.context.last" : "lab.inspector.context.next", name, f.sample() + 1,
                Signs.number(f.lr()));
        if (!in.last() && in.step() > 1) context += " " + ui.t("lab.inspector.context.afterIntervention");
        String batchNote = batched ? ui.t("lab.inspector.batch", in.batch()) + (known ? "" : " " + ui.t("lab.inspector.batchTooLarge")) : null;
        String note = null;
        if (f.gradient() == 0) {
            boolean dead = !output && s.snapshot().states()[ref.layer()][ref.to()].isDead();
            String why = f.upstream() == 0 ? "lab.inspector.zero.upstream"
                    : f.derivative() == 0 ? (dead ? "lab.inspector.zero.derivativeDead" : "lab.inspector.zero.derivative")
                    : f.downstream() == 0 ? "lab.inspector.zero.downstream" : "lab.inspector.zero.error";
            note = ui.t(why, name, receiving, function);
        } else if (f.weightBefore() > 0 != after > 0 && known && after != 0 && f.weightBefore() != 0) {
            note = ui.t("lab.inspector.crossed", name, Signs.signed(f.weightBefore()), Signs.signed(after));
        }
        if (opt != null && opt.kind() == Optimizer.Kind.ADAM && known) {   // why Adam's step is about λ at most, unlike λ·g
            String bound = ui.t("lab.inspector.adam.bound", name, Signs.number(f.lr()), Signs.number(opt.change()), Signs.number(f.lr() * g));
            note = note == null ? bound : note + " " + bound;
        } else if (opt != null && opt.kind() == Optimizer.Kind.MOMENTUM && known) {
            String carried = ui.t("lab.inspector.momentum.carried", name);
            note = note == null ? carried : note + " " + carried;
        }
        return new GradientInspector(name, symbol(ref), heading, in.last(), context, terms, Signs.number(f.gradient()), update, rows,
                batchNote, note, null, form);
    }

    private static Term term(Kind kind, MathSym symbol, String function, double value) {
        return new Term(kind, symbol, function, Signs.number(value), value < 0);
    }

    private static Row row(String key, String label, double value) {
        return new Row(key, label, Signs.number(value), Signs.badge(value), "sign-" + Signs.css(value));
    }

    /** The post's names as symbols: w21 = w with subscript 21; others w^(l)_{i,j}; a bias b^(l)_i. */
    static MathSym symbol(WeightRef ref) {
        String layer = Integer.toString(ref.layer() + 1), to = Integer.toString(ref.to() + 1);
        if (ref.isBias()) return new MathSym("b", List.of(to), List.of("(", layer, ")"));
        if (ref.to() == 0 && ref.from() < 9) return new MathSym("w", List.of(layer + (ref.from() + 1)), List.of());
        return new MathSym("w", List.of(to, ",", Integer.toString(ref.from() + 1)), List.of("(", layer, ")"));
    }

    /** x_j for the inputs, h_ja^(l) (the post's name of a hidden neuron's output) otherwise. */
    static MathSym upstreamSymbol(WeightRef ref) {
        if (ref.layer() == 0) return new MathSym("x", List.of(Integer.toString(ref.from() + 1)), List.of());
        return activation(ref.layer(), ref.from());
    }

    /** h_ia^(l): the output of neuron i (0-based) of hidden layer l (1-based). */
    static MathSym activation(int hiddenLayer, int neuron) {
        return new MathSym("h", List.of(Integer.toString(neuron + 1), "a"), List.of("(", Integer.toString(hiddenLayer), ")"));
    }

    static WeightForm form(RunSpec run, WeightRef inspected, String actions, Ui ui) {
        int fanIn = run.spec().layers()[run.focusLayer()];
        List<LabPage.Choice> options = new ArrayList<>();
        boolean among = false;
        for (int j = -1; j < fanIn; j++) {
            if (j == WeightRef.BIAS && !run.spec().bias()) continue;
            WeightRef ref = new WeightRef(run.focusLayer(), run.focusNeuron(), j);
            String from = j == WeightRef.BIAS ? ui.t("lab.inspector.option.bias")
                    : run.focusLayer() == 0 ? Notation.input(j) : Notation.neuron(run.focusLayer() - 1, j);
            boolean chosen = ref.equals(inspected);
            among |= chosen;
            options.add(new LabPage.Choice(j == WeightRef.BIAS ? "b" : Integer.toString(j + 1),
                    ui.t("lab.inspector.option", Notation.weight(ref), from), chosen));
        }
        if (run.spec().bias()) options.add(options.remove(0));   // the bias last
        return new WeightForm(actions + "/weight", run.focusLayer() + 1, run.focusNeuron() + 1, options,
                among ? null : ui.t("lab.inspector.option.elsewhere", Notation.weight(inspected)));
    }
}
