package lab.deadrelu.engine;

/**
 * One parameter's update under momentum or Adam, with what the rule remembers after it (see Optimizer):
 * for momentum m is the velocity v and the rest NaN; for Adam m and v are the moments, mHat and vHat
 * their bias-corrected values. `change` is what the update subtracts from the parameter.
 */
public record OptimizerStep(Optimizer.Kind kind, double m, double v, double mHat, double vHat, double change) {}
