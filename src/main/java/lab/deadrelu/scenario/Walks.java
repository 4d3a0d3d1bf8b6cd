package lab.deadrelu.scenario;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.Recycling;
import lab.deadrelu.engine.TrainingSpec;

/**
 * The guided walks, as data: for each scenario a short story in numbered steps. Each step names
 * absolute targets (focus h1^(2), go to step 8, at step 100 set λ = 0.03, restart with λ = 0.03), so
 * every step leads to one fixed run, its {@link Walk#target target}: pressing its button brings the
 * run there from wherever it stands, and the step's words are about that run. Its words live in
 * the message bundles under "walk.&lt;scenario&gt;.&lt;n&gt;.text" (what the run shows once there) and
 * ".button" (the button's label: where it goes).
 *
 * <p>Where a run stands against the walk is read from the run itself ({@link #where}), never kept
 * apart from it, so the panel cannot fall out of step with the controls. WalkClaimsTest checks
 * every step's words against its target, reached from several starting links.
 */
public final class Walks {
    /** No walk is longer than this. */
    public static final int MAX_STEPS = 20;

    private Walks() {}

    /** One thing a walk step does to the run. Build them with the static factories. */
    public record Action(Kind kind, long count, double value, Activation act, int layer, int neuron) {

        public enum Kind {
            /** go to step `count` (the walk only moves forward from one target to the next) */
            STEP_TO,
            /** re-initialize all weights at the current step (an intervention in the link) */
            REINIT,
            /** re-draw the dead neurons at the current step (an intervention in the link) */
            REDRAW,
            /** set λ to `value` at the current step (an intervention in the link) */
            LR_NOW,
            /** restart from step 0 with λ = `value` */
            LR_RESTART,
            /** switch the activation to `act` at the current step (an intervention in the link) */
            ACT,
            /** focus hidden neuron (`layer`, `neuron`), 0-based */
            FOCUS,
            /** restart from step 0 with Adam (its default betas and eps) at λ = `value` */
            ADAM_RESTART,
            /** restart from step 0 with ReDo: τ = `value`, after every `count`-th update */
            REDO_RESTART
        }

        public static Action stepTo(long k) { return new Action(Kind.STEP_TO, k, 0, null, 0, 0); }
        public static Action reinit() { return new Action(Kind.REINIT, 0, 0, null, 0, 0); }
        public static Action redraw() { return new Action(Kind.REDRAW, 0, 0, null, 0, 0); }
        public static Action lrNow(double lr) { return new Action(Kind.LR_NOW, 0, lr, null, 0, 0); }
        public static Action lrRestart(double lr) { return new Action(Kind.LR_RESTART, 0, lr, null, 0, 0); }
        public static Action act(Activation act) { return new Action(Kind.ACT, 0, 0, act, 0, 0); }
        /** The neuron as the link and the page write it: 1-based, e.g. focus(2, 1) for h1^(2). */
        public static Action focus(int layer, int neuron) { return new Action(Kind.FOCUS, 0, 0, null, layer - 1, neuron - 1); }
        public static Action adamRestart(double lr) { return new Action(Kind.ADAM_RESTART, 0, lr, null, 0, 0); }
        public static Action redoRestart(double tau, long every) { return new Action(Kind.REDO_RESTART, every, tau, null, 0, 0); }

        /** The run after this action, on paper: the same link the lab's control would make. */
        RunSpec applyTo(RunSpec r) {
            return switch (kind) {
                case STEP_TO -> {
                    if (count < r.at()) throw new IllegalStateException("a walk moves forward: step " + count + " after " + r.at());
                    yield r.at(count);
                }
                case REINIT -> r.withOp(Op.reinit(r.at()));
                case REDRAW -> r.withOp(Op.redraw(r.at()));
                case LR_NOW -> r.withOp(Op.lr(r.at(), value));
                case LR_RESTART -> r.restarted(r.spec().withLr(value));
                case ACT -> r.withOp(Op.act(r.at(), act, act == r.spec().act() ? r.spec().alpha() : act.defaultAlpha()));
                case FOCUS -> r.focus(layer, neuron);
                case ADAM_RESTART -> r.restarted(r.spec().withOptimizer(Optimizer.withDefaults(Optimizer.Kind.ADAM)).withLr(value));
                case REDO_RESTART -> r.restarted(r.spec().withRecycling(Recycling.every(count, value)));
            };
        }
    }

    /** Step `number` (1-based) of a walk: its actions, applied in order, lead from the previous step's target to its own. */
    public record Step(int number, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    /** One scenario's walk, with the run each step leads to. */
    public record Walk(Scenario scenario, List<Step> steps, List<RunSpec> targets) {
        public Walk {
            steps = List.copyOf(steps);
            targets = List.copyOf(targets);
        }

        public int size() {
            return steps.size();
        }

        /** Step n, 1-based. */
        public Step step(int n) {
            return steps.get(n - 1);
        }

        /**
         * The run step n leaves on screen (no locks, title or note: the caller adds its own); step 0
         * is the walk's start, the scenario's default run.
         */
        public RunSpec target(int n) {
            return targets.get(n);
        }

        public String textKey(int n) {
            return "walk." + scenario.id + "." + n + ".text";
        }

        public String buttonKey(int n) {
            return "walk." + scenario.id + "." + n + ".button";
        }
    }

    // ---- where a run stands ----

    /** How a run relates to its scenario's walk. */
    public enum Standing {
        /** exactly the run step `step` leads to (step 0: the walk's start), focus included */
        AT,
        /** the run step `step` leads to, with another neuron in focus */
        AT_ELSEWHERE,
        /** on the way from step `step` to step `step` + 1 (or past the last step, with nothing of one's own) */
        PAST,
        /** went on from step `step` in its own way (other interventions, or no longer where the next step goes) */
        LEFT,
        /** settings that no step of the walk has (another λ, seed, activation, ...) */
        OTHER
    }

    /** Where a run stands: `step` is the walk step it is at or came from (0 for OTHER), `at` the run's own step. */
    public record Position(Standing standing, int step, long at) {}

    /** Where `run` stands against its scenario's walk, from the run alone. */
    public static Position where(RunSpec run) {
        Walk w = of(run.scenario());
        for (int n = w.size(); n >= 0; n--) {
            RunSpec t = w.target(n);
            if (continues(run, t)) {
                if (run.at() == t.at() && run.ops().equals(t.ops()))
                    return new Position(n == 0 || sameFocus(run, t) ? Standing.AT : Standing.AT_ELSEWHERE, n, run.at());   // the start has no words
                boolean onTheWay = n < w.size() ? continues(w.target(n + 1), run) : run.ops().equals(t.ops());
                return new Position(onTheWay ? Standing.PAST : Standing.LEFT, n, run.at());
            }
            // step n restarts with other settings: a run restarted so is on its way there, past step n - 1
            if (n > 0 && !t.spec().equals(w.target(n - 1).spec()) && continues(t, run)) return new Position(Standing.PAST, n - 1, run.at());
        }
        return new Position(Standing.OTHER, 0, run.at());
    }

    /**
     * True when `later` is `earlier` run on: the same settings, at the same step or further, with
     * `earlier`'s interventions and possibly more, none of them before `earlier`'s step.
     */
    public static boolean continues(RunSpec later, RunSpec earlier) {
        if (!later.spec().equals(earlier.spec()) || later.at() < earlier.at()) return false;
        List<Op> mine = later.ops(), theirs = earlier.ops();
        if (mine.size() < theirs.size() || !mine.subList(0, theirs.size()).equals(theirs)) return false;
        for (Op op : mine.subList(theirs.size(), mine.size())) if (op.step() < earlier.at()) return false;
        return true;
    }

    private static boolean sameFocus(RunSpec a, RunSpec b) {
        return a.focusLayer() == b.focusLayer() && a.focusNeuron() == b.focusNeuron();
    }

    /**
     * The teacher's lock that keeps `run` from going to step `to` of its walk, or null when none
     * does: "walk" when the walk is locked, else the first lock covering what the move would change
     * (λ, activation, biases, re-initializations, re-draws: in the settings or the interventions).
     */
    public static String lockFor(RunSpec run, int to) {
        Course c = run.course();
        if (c.locked("walk")) return "walk";
        RunSpec t = of(run.scenario()).target(to);
        TrainingSpec a = run.spec(), b = t.spec();
        if (c.locked("lr") && (a.lr() != b.lr() || differ(run, t, Op.Kind.LR))) return "lr";
        if (c.locked("act") && (a.act() != b.act() || a.alpha() != b.alpha() || differ(run, t, Op.Kind.ACT))) return "act";
        if (c.locked("bias") && a.bias() != b.bias()) return "bias";
        if (c.locked("reinit") && differ(run, t, Op.Kind.REINIT)) return "reinit";
        if (c.locked("redraw") && differ(run, t, Op.Kind.REDRAW)) return "redraw";
        return null;
    }

    private static boolean differ(RunSpec a, RunSpec b, Op.Kind kind) {
        return !a.ops().stream().filter(o -> o.kind() == kind).toList().equals(b.ops().stream().filter(o -> o.kind() == kind).toList());
    }

    // ---- the walks ----

    private static final Map<Scenario, Walk> WALKS = build();

    /**
     * Whether playing stops at the first step a neuron dies unless the link says pause=off: so in the
     * post's two cases and their two-input versions, whose walks are about one neuron's death (case 1
     * born dead: play stops at once; case 2 killed by the update of step 8, on two inputs too), and not
     * in the scenarios that show something else.
     */
    public static boolean pausesAtDeath(Scenario s) {
        return s == Scenario.CASE_1 || s == Scenario.CASE_2 || s == Scenario.PLANE_CASE_1 || s == Scenario.PLANE_CASE_2;
    }

    public static Walk of(Scenario s) {
        return WALKS.get(s);
    }

    private static Map<Scenario, Walk> build() {
        Map<Scenario, Walk> w = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            List<List<Action>> steps = switch (s) {
                case CASE_1 -> List.of(
                        List.of(Action.focus(1, 1), Action.stepTo(8)),          // one epoch: w11, w12, w13 flat, the loss falls
                        List.of(Action.stepTo(500)),                             // still flat at step 500
                        List.of(Action.reinit()),                                // new weights at 500: h1^(1) revives
                        List.of(Action.stepTo(600)));                            // and now its weights move
                case CASE_2 -> List.of(
                        List.of(Action.focus(2, 1), Action.stepTo(7)),          // w21, w22 both positive at step 7
                        List.of(Action.stepTo(8)),                               // step 8: both below zero, dead for good
                        List.of(Action.stepTo(100)),                             // flat lines
                        List.of(Action.lrNow(0.03), Action.stepTo(200)),         // λ = 0.03 at 100 changes nothing for h1^(2)
                        List.of(Action.lrRestart(0.03), Action.stepTo(100)));    // restarting with it: h1^(2) survives
                case INACTIVE_NOT_DEAD -> List.of(
                        List.of(Action.focus(1, 1), Action.stepTo(1)),          // sample 1: z <= 0, no update, not dead
                        List.of(Action.stepTo(8)),                               // the rest of the epoch: the weights move
                        List.of(Action.stepTo(2_000)));                          // never dead
                case LEAKY_RESCUES_CASE_2 -> List.of(
                        List.of(Action.focus(2, 1), Action.stepTo(8)),          // w21, w22 below zero, yet not dead
                        List.of(Action.stepTo(9)),                               // and they still move
                        List.of(Action.stepTo(500)),                             // never dead, the loss falls
                        List.of(Action.act(Activation.RELU)),                    // plain ReLU at 500: dead at once
                        List.of(Action.stepTo(600)));                            // flat from here on
                case DEEP_NET_WORKS_ANYWAY -> List.of(
                        List.of(Action.focus(2, 10), Action.stepTo(64)),        // one epoch: a fifth dead at birth, more now
                        List.of(Action.stepTo(3_000)),                           // 20-40 % dead, loss below a tenth
                        List.of(Action.redraw()),                                // re-draw the dead at 3000: fewer dead, loss jumps
                        List.of(Action.stepTo(3_064)),                           // about half die again within an epoch
                        List.of(Action.stepTo(4_000)));                          // the loss is back where it was
                case HEALTHY -> List.of(
                        List.of(Action.focus(1, 1), Action.stepTo(8)),          // one epoch: everyone active
                        List.of(Action.stepTo(2_000)),                           // nobody died, loss below a tenth
                        List.of(Action.lrRestart(1.0), Action.stepTo(100)),     // λ = 1: three of four die in 8 steps
                        List.of(Action.lrNow(0.05), Action.stepTo(2_000)));     // λ = 0.05 at 100: the dead stay dead
                case PLANE_CASE_1 -> List.of(
                        List.of(Action.focus(1, 1), Action.stepTo(8)),          // one epoch: w11, w12 flat and negative, dark on the whole square
                        List.of(Action.stepTo(500)),                             // still flat at step 500
                        List.of(Action.reinit()),                                // new weights at 500: both positive, h1^(1) revives
                        List.of(Action.stepTo(600)));                            // its weights move, the loss is below step 500's
                case PLANE_CASE_2 -> List.of(
                        List.of(Action.focus(2, 1), Action.stepTo(7)),          // w21, w22 both positive at step 7
                        List.of(Action.stepTo(8)),                               // step 8: both below zero, dark on the whole square
                        List.of(Action.stepTo(100)),                             // flat lines
                        List.of(Action.lrNow(0.03), Action.stepTo(200)),         // λ = 0.03 at 100 changes nothing for h1^(2)
                        List.of(Action.lrRestart(0.03), Action.stepTo(100)));    // restarting with it: h1^(2) survives
                case MOVING_TARGET -> List.of(
                        List.of(Action.focus(1, 4), Action.stepTo(499)),        // the last step of phase 0: sin learnt
                        List.of(Action.stepTo(500)),                             // new random targets: the loss jumps
                        List.of(Action.stepTo(9_999)),                           // the end of phase 19: the dead piled up
                        List.of(Action.adamRestart(0.01), Action.stepTo(9_999)), // Adam: more dead
                        List.of(Action.redoRestart(0.1, 500), Action.stepTo(9_999)));   // Adam with ReDo: few dead, a lower loss
            };
            List<Step> numbered = new ArrayList<>();
            List<RunSpec> targets = new ArrayList<>();
            RunSpec r = RunSpec.of(s);
            targets.add(r);
            for (int i = 0; i < steps.size(); i++) {
                numbered.add(new Step(i + 1, steps.get(i)));
                for (Action a : steps.get(i)) r = a.applyTo(r);
                targets.add(r);
            }
            if (numbered.isEmpty() || numbered.size() > MAX_STEPS) throw new IllegalStateException("walk of " + s.id + ": " + numbered.size() + " steps");
            w.put(s, new Walk(s, numbered, targets));
        }
        return w;
    }
}
