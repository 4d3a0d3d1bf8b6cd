package lab.deadrelu.sim;

import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.scenario.RunSpec;

/**
 * What moves with every step: the facts of the status line, taken without copying the history or
 * passing over the data set, so a whole class can have one every frame.
 *
 * @param states [hidden layer][neuron], a copy
 * @param eventCount events so far; a change means a neuron changed state
 * @param deathPause the death playing stopped at (pause=death) while it stays paused there, else null
 * @param reach      the last step this run may reach (a link further would cost too much to open)
 */
public record Pulse(String id, long version, RunSpec run, long step, long epoch, double loss, double lr, NeuronState[][] states,
                    boolean playing, boolean diverged, long divergedAt, int eventCount, lab.deadrelu.engine.Event deathPause,
                    long reach) {}
