package lab.deadrelu.sim;

import java.util.List;
import lab.deadrelu.engine.Dataset;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.scenario.RunSpec;

/**
 * What a lab page or an SSE frame shows, captured at one version of a simulation. Immutable by
 * convention: the history and arrays are copies nobody else holds.
 *
 * @param run         the canonical link of what is on screen
 * @param recentEvents the last EVENTS_SHOWN events; eventCount counts them all
 * @param focusZ      z of the focused neuron on every sample
 * @param nextSample  the sample the next step starts with
 * @param focusDeathStep the step at which the focused neuron became dead, or null while it is not dead
 * @param yHat        y-hat of every sample under the current weights; null when n > MAX_PREDICTIONS
 * @param inspection  the gradient inspector's weight in the last (or next) update
 * @param evidence    what the death certificates cite: recent events with their facts, the dead and saturated neurons
 * @param timeline    the step on screen among the steps reached, and every event up to the furthest one
 */
public record SimulationState(String id, long version, RunSpec run, Snapshot snapshot, Dataset data, boolean playing,
                              int speed, boolean diverged, long divergedAt, History history, List<Event> recentEvents,
                              int eventCount, double[] focusZ, int nextSample, Long focusDeathStep, double[] yHat,
                              Inspection inspection, Evidence evidence, Timeline timeline) {
    public static final int EVENTS_SHOWN = 50;
    /** Up to this many samples, a state carries y-hat per sample (computed in the pass that gives focusZ). */
    public static final int MAX_PREDICTIONS = 2000;

    /** The sample of the update that led to this step, as the gradient inspector explains it; -1 when it explains the next one or none. */
    public int inspectedSample() {
        return inspection != null && inspection.last() && inspection.factors() != null ? inspection.factors().sample() : -1;
    }

    /** The status line's facts of this state. */
    public Pulse pulse() {
        return new Pulse(id, version, run, snapshot.step(), snapshot.epoch(), snapshot.loss(), snapshot.lr(), snapshot.states(), playing,
                diverged, divergedAt, eventCount, timeline.deathPause(), timeline.reach());
    }
}
