package lab.deadrelu.scenario;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Activation;

/**
 * The guided walks, as data: for each scenario a short story in numbered steps. Each step is done
 * by one button, which applies the step's actions to the run in order (take 7 steps, lower λ now,
 * restart with it, ...). Its words live in the message bundles under "walk.&lt;scenario&gt;.&lt;n&gt;.text"
 * (what to do and what to look at) and ".button" (the button's label). The link carries how many
 * steps are done as walk=&lt;n&gt; (0 = not started, left out of the link).
 *
 * <p>Every step's words must be true of the run its actions produce: WalkClaimsTest performs each
 * walk on a Simulation and checks each step's claim.
 */
public final class Walks {
    /** No walk is longer than this (the link's walk parameter stays within 0..20). */
    public static final int MAX_STEPS = 20;

    private Walks() {}

    /** One thing a walk step does to the run. Build them with the static factories. */
    public record Action(Kind kind, long count, double value, Activation act, int layer, int neuron) {

        public enum Kind {
            /** take `count` updates (and pause) */
            STEPS,
            /** advance to step `count` (and pause); nothing if the run is already there */
            STEP_TO,
            PLAY,
            PAUSE,
            /** re-initialize all weights (an intervention in the link) */
            REINIT,
            /** re-draw the dead neurons (an intervention in the link) */
            REDRAW,
            /** set λ to `value` from now on (an intervention in the link) */
            LR_NOW,
            /** restart from step 0 with λ = `value` */
            LR_RESTART,
            /** switch the activation to `act` now (an intervention in the link) */
            ACT,
            /** focus hidden neuron (`layer`, `neuron`), 0-based */
            FOCUS,
            /** back to step 0 of the same spec, without interventions */
            RESET
        }

        public static Action steps(long n) { return new Action(Kind.STEPS, n, 0, null, 0, 0); }
        public static Action stepTo(long k) { return new Action(Kind.STEP_TO, k, 0, null, 0, 0); }
        public static Action play() { return new Action(Kind.PLAY, 0, 0, null, 0, 0); }
        public static Action pause() { return new Action(Kind.PAUSE, 0, 0, null, 0, 0); }
        public static Action reinit() { return new Action(Kind.REINIT, 0, 0, null, 0, 0); }
        public static Action redraw() { return new Action(Kind.REDRAW, 0, 0, null, 0, 0); }
        public static Action lrNow(double lr) { return new Action(Kind.LR_NOW, 0, lr, null, 0, 0); }
        public static Action lrRestart(double lr) { return new Action(Kind.LR_RESTART, 0, lr, null, 0, 0); }
        public static Action act(Activation act) { return new Action(Kind.ACT, 0, 0, act, 0, 0); }
        /** The neuron as the link and the page write it: 1-based, e.g. focus(2, 1) for h1^(2). */
        public static Action focus(int layer, int neuron) { return new Action(Kind.FOCUS, 0, 0, null, layer - 1, neuron - 1); }
        public static Action reset() { return new Action(Kind.RESET, 0, 0, null, 0, 0); }
    }

    /** Step `number` (1-based) of a walk: its actions, applied in order by its one button. */
    public record Step(int number, List<Action> actions) {
        public Step {
            actions = List.copyOf(actions);
        }
    }

    /** One scenario's walk. */
    public record Walk(Scenario scenario, List<Step> steps) {
        public Walk {
            steps = List.copyOf(steps);
        }

        public int size() {
            return steps.size();
        }

        /** Step n, 1-based. */
        public Step step(int n) {
            return steps.get(n - 1);
        }

        public String textKey(int n) {
            return "walk." + scenario.id + "." + n + ".text";
        }

        public String buttonKey(int n) {
            return "walk." + scenario.id + "." + n + ".button";
        }
    }

    private static final Map<Scenario, Walk> WALKS = build();

    /**
     * Whether playing stops at the first step a neuron dies unless the link says pause=off: so in the
     * post's two cases, whose walks are about one neuron's death (case 1 born dead: play stops at
     * once; case 2 killed by the update of step 8), and not in the scenarios that show something else.
     */
    public static boolean pausesAtDeath(Scenario s) {
        return s == Scenario.CASE_1 || s == Scenario.CASE_2;
    }

    public static Walk of(Scenario s) {
        return WALKS.get(s);
    }

    private static Map<Scenario, Walk> build() {
        Map<Scenario, Walk> w = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            List<List<Action>> steps = switch (s) {
                case CASE_1 -> List.of(
                        List.of(Action.focus(1, 1), Action.steps(8)),          // one epoch: w11, w12, w13 flat, the loss falls
                        List.of(Action.stepTo(500)),                            // still flat at step 500
                        List.of(Action.reinit()),                               // new weights: h1^(1) revives
                        List.of(Action.steps(100)));                            // and now its weights move
                case CASE_2 -> List.of(
                        List.of(Action.focus(2, 1), Action.steps(7)),          // w21, w22 both positive at step 7
                        List.of(Action.steps(1)),                               // step 8: both below zero, dead for good
                        List.of(Action.stepTo(100)),                            // flat lines
                        List.of(Action.lrNow(0.03), Action.steps(100)),         // lowering λ now changes nothing for h1^(2)
                        List.of(Action.lrRestart(0.03), Action.stepTo(100)));   // restarting with it: h1^(2) survives
                case INACTIVE_NOT_DEAD -> List.of(
                        List.of(Action.focus(1, 1), Action.steps(1)),          // sample 1: z <= 0, no update, not dead
                        List.of(Action.steps(7)),                               // the rest of the epoch: the weights move
                        List.of(Action.stepTo(2_000)));                         // never dead
                case LEAKY_RESCUES_CASE_2 -> List.of(
                        List.of(Action.focus(2, 1), Action.steps(8)),          // w21, w22 below zero, yet not dead
                        List.of(Action.steps(1)),                               // and they still move
                        List.of(Action.stepTo(500)),                            // never dead, the loss falls
                        List.of(Action.act(Activation.RELU)),                   // plain ReLU now: dead at once
                        List.of(Action.steps(100)));                            // flat from here on
                case DEEP_NET_WORKS_ANYWAY -> List.of(
                        List.of(Action.focus(2, 10), Action.steps(64)),        // one epoch: a fifth dead at birth, more now
                        List.of(Action.stepTo(3_000)),                          // 20-40 % dead, loss below a tenth
                        List.of(Action.redraw()),                               // re-draw the dead: fewer dead, loss jumps
                        List.of(Action.steps(64)),                              // about half die again within an epoch
                        List.of(Action.stepTo(4_000)));                         // the loss is back where it was
                case HEALTHY -> List.of(
                        List.of(Action.focus(1, 1), Action.steps(8)),          // one epoch: everyone active
                        List.of(Action.stepTo(2_000)),                          // nobody died, loss below a tenth
                        List.of(Action.lrRestart(1.0), Action.stepTo(100)),    // λ = 1: three of four die in 8 steps
                        List.of(Action.lrNow(0.05), Action.stepTo(2_000)));    // λ back down: the dead stay dead
            };
            List<Step> numbered = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) numbered.add(new Step(i + 1, steps.get(i)));
            if (numbered.isEmpty() || numbered.size() > MAX_STEPS) throw new IllegalStateException("walk of " + s.id + ": " + numbered.size() + " steps");
            w.put(s, new Walk(s, numbered));
        }
        return w;
    }
}
