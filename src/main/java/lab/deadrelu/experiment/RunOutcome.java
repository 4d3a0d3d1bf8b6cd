package lab.deadrelu.experiment;

import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Training;
import lab.deadrelu.scenario.Replay;
import lab.deadrelu.scenario.RunSpec;

/**
 * What a sweep keeps of one run, played from step 0 for `steps` steps (fewer if it diverged).
 *
 * @param bornDead      some hidden neuron was dead on the data set under the initial weights (a BORN_DEAD event at step 0)
 * @param died          some hidden neuron died during training: a DIED event, i.e. an update (or an intervention
 *                      of the link) made a neuron that was not dead dead on the data set
 * @param firstDeath    the step of the first DIED event, or -1
 * @param deadFraction  dead hidden neurons / hidden neurons at the end (a diverged run: when it stopped)
 * @param loss          the final loss (mean 1/2 (y-hat - y)^2 over the data set)
 * @param diverged      the run stopped because an update would have made it non-finite
 * @param steps         steps actually done
 */
public record RunOutcome(long seed, boolean bornDead, boolean died, long firstDeath, double deadFraction, double loss,
                         boolean diverged, long steps) {

    /** Steps between two looks at the meter (progress, cancellation). */
    static final int CHECK_EVERY = 256;

    /**
     * Plays `run` exactly as the lab does (the same Replay: training and the link's interventions),
     * without recording any snapshot. `meter` gets the steps as they are done (the steps a diverged
     * run skips are counted as done when it stops).
     */
    public static RunOutcome play(RunSpec run, long steps, Work.Meter meter) {
        Replay replay = new Replay(run.at(0));
        Training t = replay.training();
        long reported = 0;
        while (t.step() < steps && !t.diverged()) {
            replay.advanceTo(Math.min(steps, t.step() + CHECK_EVERY));
            meter.add(t.step() - reported);
            reported = t.step();
            if (meter.cancelled()) throw new Work.Cancelled();
        }
        meter.add(steps - reported);
        return of(t);
    }

    /** The outcome of a training as it stands. */
    public static RunOutcome of(Training t) {
        boolean bornDead = false;
        long firstDeath = -1;
        for (Event e : t.events()) {
            if (e.kind() == Event.Kind.BORN_DEAD && e.step() == 0 && e.by().equals("init")) bornDead = true;
            if (e.kind() == Event.Kind.DIED && firstDeath < 0) firstDeath = e.step();
        }
        double deadFraction = (double) t.census().deadTotal() / t.network().hiddenNeurons();
        return new RunOutcome(t.spec().seed(), bornDead, firstDeath >= 0, firstDeath, deadFraction, t.loss(), t.diverged(), t.step());
    }
}
