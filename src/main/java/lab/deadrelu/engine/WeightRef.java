package lab.deadrelu.engine;

/**
 * One parameter: the weight from unit `from` of layer `layer` into unit `to` of layer `layer`+1
 * (layer 0 = the inputs), or that unit's bias when from = BIAS.
 */
public record WeightRef(int layer, int to, int from) {
    public static final int BIAS = -1;

    public boolean isBias() {
        return from == BIAS;
    }

    /**
     * The post's names for the weights into a layer's first unit (w11, w12, w13 into h1^(1); w21,
     * w22 into h1^(2); w31 into the output); w^(l)_{ij} for the others, 1-based; b^(l)_i for a bias.
     */
    public String name() {
        if (isBias()) return "b^(" + (layer + 1) + ")_" + (to + 1);
        if (to == 0 && from < 9) return "w" + (layer + 1) + (from + 1);
        return "w^(" + (layer + 1) + ")_" + (to + 1) + "," + (from + 1);
    }
}
