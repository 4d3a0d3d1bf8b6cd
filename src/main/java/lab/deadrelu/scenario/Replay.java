package lab.deadrelu.scenario;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Training;

/**
 * Plays a RunSpec: trains step by step, applying each intervention when the run reaches its step.
 * An intervention at step k acts after k updates, before update k+1; replaying a link to `at`
 * applies every intervention up to and including `at`, so the screen matches the sender's.
 */
public final class Replay {
    private RunSpec run;
    private final Training training;
    private int nextOp;

    public Replay(RunSpec run) {
        this(run, Training.MAX_EVENTS);
    }

    /** Keeping at most `maxEvents` events (see {@link Training#keepEvents}) from the link's first interventions on. */
    public Replay(RunSpec run, int maxEvents) {
        this.run = run;
        this.training = new Training(run.spec());
        training.keepEvents(maxEvents);
        applyDueOps();
    }

    /** A new Replay of the link, advanced to its `at` step. */
    public static Replay open(RunSpec run) {
        Replay r = new Replay(run);
        r.advanceTo(run.at());
        return r;
    }

    /** One update (with any interventions due). Returns false once the run has diverged. */
    public boolean advance() {
        if (!training.advance()) return false;
        applyDueOps();
        return true;
    }

    public void advanceTo(long target) {
        while (training.step() < target && advance()) { }
    }

    /**
     * Records an intervention at the current step and applies it now. Interventions the link had
     * scheduled for later steps are dropped: the student has taken over from here.
     */
    public void intervene(Op op) {
        if (op.step() != training.step()) throw new IllegalArgumentException("an intervention acts at the current step");
        List<Op> kept = new ArrayList<>(run.ops().subList(0, nextOp));
        kept.add(op);
        run = run.withOps(kept);
        applyDueOps();
    }

    private void applyDueOps() {
        var ops = run.ops();
        while (nextOp < ops.size() && ops.get(nextOp).step() <= training.step()) ops.get(nextOp++).applyTo(training);
    }

    public Training training() {
        return training;
    }

    /** The link of what is on screen now: the run with `at` set to the current step. */
    public RunSpec run() {
        return run.at(training.step());
    }
}
