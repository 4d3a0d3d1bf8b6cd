package lab.deadrelu.sim;

import lab.deadrelu.engine.Event;

/**
 * An event with what was true right after it: the neuron's facts (null for the run's events, or
 * when the same step changed the neuron again before anyone could look), the step size and the loss.
 */
public record Witnessed(Event event, NeuronFacts facts, double lr, double loss) {}
