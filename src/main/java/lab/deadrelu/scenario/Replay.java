package lab.deadrelu.scenario;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingState;

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

    /**
     * A kept state of the replay: the training's, and how many of the link's interventions it had
     * applied. Valid for this replay as long as no intervention is added at or before its step.
     */
    public record Kept(TrainingState training, int appliedOps) {
        public long step() {
            return training.step();
        }

        public long bytes() {
            return training.bytes() + 24;
        }
    }

    /** The state now (taken after the interventions due at this step). */
    public Kept keep() {
        return new Kept(training.keep(), nextOp);
    }

    /** Back to a kept state of this replay; the interventions the link has after it apply again on the way. */
    public void restore(Kept kept) {
        restore(kept, training.events());
    }

    /** Back (or forward) to a kept state of this replay, its events taken from those the training recorded before (see Training.restore). */
    public void restore(Kept kept, List<Event> recorded) {
        if (kept.appliedOps() > run.ops().size()) throw new IllegalArgumentException("not a state of this replay");
        training.restore(kept.training(), recorded);
        nextOp = kept.appliedOps();
        applyDueOps();
    }

    private void applyDueOps() {
        var ops = run.ops();
        while (nextOp < ops.size() && ops.get(nextOp).step() <= training.step()) ops.get(nextOp++).applyTo(training);
    }

    /** Marks a step on the charts (or none): part of the link, not of the run, so nothing is replayed. */
    public void mark(Long step) {
        run = run.mark(step);
    }

    public Training training() {
        return training;
    }

    /** The link of what is on screen now: the run with `at` set to the current step. */
    public RunSpec run() {
        return run.at(training.step());
    }
}
