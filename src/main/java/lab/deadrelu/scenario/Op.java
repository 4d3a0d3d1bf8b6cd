package lab.deadrelu.scenario;

import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Recycling;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;

/**
 * One intervention of the timeline, applied when the run reaches `step`:
 * "lr:0.01@120" (new step size), "reinit@300" (new weights), "redraw@40" (new weights for the
 * dead neurons only), "redo:0.1@40" (ReDo: recycle the τ-dormant neurons, τ in (0, 1]), "act:leaky@50" or "act:elu:0.5@50" (switch activation, optional alpha).
 */
public record Op(Kind kind, long step, double value, Activation act) {

    public enum Kind { LR, REINIT, REDRAW, REDO, ACT }

    public static Op lr(long step, double lr) { return new Op(Kind.LR, step, lr, null); }
    public static Op reinit(long step) { return new Op(Kind.REINIT, step, 0, null); }
    public static Op redraw(long step) { return new Op(Kind.REDRAW, step, 0, null); }
    /** ReDo at `step`: recycle the τ-dormant neurons. */
    public static Op redo(long step, double tau) { return new Op(Kind.REDO, step, tau, null); }
    public static Op act(long step, Activation act, double alpha) { return new Op(Kind.ACT, step, alpha, act); }

    public void applyTo(Training training) {
        switch (kind) {
            case LR -> training.setLearningRate(value);
            case REINIT -> training.reinitialize();
            case REDRAW -> training.redrawDead();
            case REDO -> training.recycleDormant(value);
            case ACT -> training.setActivation(act, value);
        }
    }

    /** The link form, e.g. "lr:0.01@120". */
    public String format() {
        String head = switch (kind) {
            case LR -> "lr:" + Numbers.format(value);
            case REINIT -> "reinit";
            case REDRAW -> "redraw";
            case REDO -> "redo:" + Numbers.format(value);
            case ACT -> "act:" + act.code + (value == act.defaultAlpha() ? "" : ":" + Numbers.format(value));
        };
        return head + "@" + step;
    }

    static final String ALLOWED = "a comma-separated list of lr:<number>@<step>, reinit@<step>, redraw@<step>, "
            + "redo:<τ>@<step>, act:<relu|leaky|elu>[:<alpha>]@<step>";
    static final String REDO_ALLOWED = "redo:<τ>@<step> with 0 < τ ≤ 1 (recycle the neurons whose mean |a| is at most τ times"
            + " their layer's mean), e.g. redo:0.1@40";

    public static Op parse(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) throw new InvalidParameter("ops", text, ALLOWED);
        long step = Numbers.parseLong("ops", text.substring(at + 1), 0, RunSpec.MAX_STEP, ALLOWED);
        String[] parts = text.substring(0, at).split(":", -1);
        switch (parts[0]) {
            case "lr" -> {
                if (parts.length != 2) throw new InvalidParameter("ops", text, ALLOWED);
                String allowed = "lr:<number in (0, 1e6]>@<step>";
                double lr = Numbers.parseDouble("ops", parts[1], allowed);
                if (!(lr > 0 && lr <= TrainingSpec.MAX_LR)) throw new InvalidParameter("ops", text, allowed);
                return lr(step, lr);
            }
            case "reinit", "redraw" -> {
                if (parts.length != 1) throw new InvalidParameter("ops", text, ALLOWED);
                return parts[0].equals("reinit") ? reinit(step) : redraw(step);
            }
            case "redo" -> {
                if (parts.length != 2) throw new InvalidParameter("ops", text, REDO_ALLOWED);
                double tau = Numbers.parseDouble("ops", parts[1], REDO_ALLOWED);
                if (!Recycling.validTau(tau)) throw new InvalidParameter("ops", text, REDO_ALLOWED);
                return redo(step, tau);
            }
            case "act" -> {
                if (parts.length < 2 || parts.length > 3) throw new InvalidParameter("ops", text, ALLOWED);
                Activation act;
                try {
                    act = Activation.fromCode(parts[1]);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameter("ops", text, "act:<relu|leaky|elu>[:<alpha>]@<step>");
                }
                String allowed = "act:<relu|leaky|elu>:<alpha in (0, 10]>@<step>";
                double alpha = parts.length == 3 ? Numbers.parseDouble("ops", parts[2], allowed) : act.defaultAlpha();
                if (!(alpha > 0 && alpha <= 10)) throw new InvalidParameter("ops", text, allowed);
                return act(step, act, alpha);
            }
            default -> throw new InvalidParameter("ops", text, ALLOWED);
        }
    }
}
