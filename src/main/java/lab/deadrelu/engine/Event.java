package lab.deadrelu.engine;

/**
 * Something that happened to a hidden neuron (or, for DIVERGED, to the whole run) at a step.
 * For DIED by an update, `cause` holds the update that did it; otherwise `cause` is null.
 *
 * @param layer  0-based hidden layer (-1 for the run)
 * @param neuron 0-based neuron in that layer (-1 for the run)
 * @param by     what brought it about: "init", "update", "reinit", "redraw", "redo" (ReDo's recycling), "activation"
 */
public record Event(long step, int layer, int neuron, Kind kind, String by, Update cause) {

    public enum Kind {
        BORN_DEAD("born-dead"), DIED("died"), REVIVED("revived"), PERMANENT("permanent"), DIVERGED("diverged"),
        /** ReDo recycled the neuron (it was τ-dormant): new incoming weights, bias 0, outgoing weights 0. */
        RECYCLED("recycled");

        public final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /**
     * The update of a neuron's incoming weights (and bias) at one step: under plain SGD
     * w_after = w_before - lr * gradient; under momentum or Adam (`optimizer`) what their rule made of it.
     * Gradients are means over the step's mini-batch.
     */
    public record Update(double lr, double[] gradient, double[] weightsBefore, double[] weightsAfter,
                         double biasGradient, double biasBefore, double biasAfter, Optimizer.Kind optimizer) {

        /** An update by plain SGD. */
        public Update(double lr, double[] gradient, double[] weightsBefore, double[] weightsAfter,
                      double biasGradient, double biasBefore, double biasAfter) {
            this(lr, gradient, weightsBefore, weightsAfter, biasGradient, biasBefore, biasAfter, Optimizer.Kind.SGD);
        }
    }

    /** The post's notation: h1^(2) is neuron 1 of hidden layer 2. */
    public String name() {
        return layer < 0 ? "network" : neuronName(layer, neuron);
    }

    public static String neuronName(int layer, int neuron) {
        return "h" + (neuron + 1) + "^(" + (layer + 1) + ")";
    }
}
