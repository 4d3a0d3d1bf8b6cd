package lab.deadrelu.engine;

/** A hidden neuron's state on the whole data set under the current weights (the words are defined at the top of the README). */
public enum NeuronState {
    /** z > 0 on at least one sample: some gradient flows. */
    ACTIVE("active"),
    /** ReLU with z <= 0 on every sample: no update now, but an upstream change may revive it. */
    DEAD("dead"),
    /** Dead, and plain gradient descent can never revive it (first layer, or all inputs >= 0 and all weights <= 0). */
    PERMANENTLY_DEAD("permanently-dead"),
    /** Leaky ReLU or ELU with z <= 0 on every sample: small gradients still flow, so never dead. */
    SATURATED("saturated");

    public final String code;

    NeuronState(String code) {
        this.code = code;
    }

    public boolean isDead() {
        return this == DEAD || this == PERMANENTLY_DEAD;
    }

    /** How many of these neurons are dead (on the data set or permanently). */
    public static int countDead(NeuronState[] layer) {
        int dead = 0;
        for (NeuronState s : layer) if (s.isDead()) dead++;
        return dead;
    }

    public static int countDead(NeuronState[][] layers) {
        int dead = 0;
        for (NeuronState[] layer : layers) dead += countDead(layer);
        return dead;
    }

    /** Every hidden neuron, [layer][neuron]. */
    public static int count(NeuronState[][] layers) {
        int count = 0;
        for (NeuronState[] layer : layers) count += layer.length;
        return count;
    }
}
