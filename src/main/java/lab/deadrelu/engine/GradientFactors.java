package lab.deadrelu.engine;

/**
 * The chain rule for one weight on one sample, factor by factor, as the post writes it:
 * dL/dw = (y-hat - y) * downstream * f'(z) * upstream, e.g. dL/dw21 = (y-hat - y) * w31 * ReLU'(h1^(2)) * h1a^(1).
 *
 * @param upstream   the activation the weight multiplies (x_j in the first layer; 1 for a bias)
 * @param error      y-hat - y
 * @param downstream d(y-hat)/d(a) of the receiving neuron: the downstream weights and slopes (1 for the output)
 * @param derivative f'(z) of the receiving neuron (1 for the linear output)
 * @param gradient   their product, dL/dw on this sample
 * @param change     lr * gradient, what one per-sample update subtracts
 */
public record GradientFactors(int sample, double upstream, double error, double downstream, double derivative,
                              double gradient, double lr, double change, double weightBefore, double weightAfter) {}
