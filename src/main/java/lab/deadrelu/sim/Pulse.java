package lab.deadrelu.sim;

import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.scenario.RunSpec;

/**
 * What moves with every step: the facts of the status line, taken without copying the history or
 * passing over the data set, so a whole class can have one every frame.
 *
 * @param states [hidden layer][neuron], a copy
 * @param eventCount events so far; a change means a neuron changed state
 */
public record Pulse(String id, long version, RunSpec run, long step, long epoch, double loss, double lr, NeuronState[][] states,
                    boolean playing, boolean diverged, long divergedAt, int eventCount) {}
