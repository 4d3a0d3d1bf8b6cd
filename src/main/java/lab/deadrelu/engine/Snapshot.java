package lab.deadrelu.engine;

/**
 * An immutable picture of a run at one step. weights[l][i][j]: from unit j of layer l into unit i
 * of layer l+1; biases[l][i] (zeros when off); states[h][i] per hidden layer and neuron.
 */
public record Snapshot(long step, long epoch, double loss, double lr, Activation activation, double alpha,
                       double[][][] weights, double[][] biases,
                       NeuronState[][] states, int[][] activeCounts, boolean diverged) {

    public int deadIn(int hiddenLayer) {
        return NeuronState.countDead(states[hiddenLayer]);
    }

    public int deadTotal() {
        return NeuronState.countDead(states);
    }

    public int hiddenNeurons() {
        return NeuronState.count(states);
    }
}
