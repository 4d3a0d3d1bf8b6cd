package lab.deadrelu.sim;

import lab.deadrelu.engine.GradientFactors;
import lab.deadrelu.engine.OptimizerStep;
import lab.deadrelu.engine.WeightRef;

/**
 * What the gradient inspector explains: one parameter's part in one update.
 *
 * @param weight       the parameter (the link's `weight`)
 * @param factors      the chain-rule factors on the update's first sample; null when the run has diverged
 *                     (no update follows)
 * @param last         true: the update that led to the step on screen; false: the next update (at step 0,
 *                     right after an intervention)
 * @param step         the step the update leads to: the step on screen when `last`, the one after it otherwise
 * @param batch        samples per update
 * @param meanGradient dL/dw averaged over the update's batch, what the update subtracts lambda times (the
 *                     sample's own gradient with batch 1); NaN when not computed (a very large next batch)
 * @param weightNow    the parameter's value on screen
 * @param optimizer    momentum's or Adam's update of the parameter (what it subtracts and remembers); null under plain SGD
 */
public record Inspection(WeightRef weight, GradientFactors factors, boolean last, long step, int batch,
                         double meanGradient, double weightNow, OptimizerStep optimizer) {}
