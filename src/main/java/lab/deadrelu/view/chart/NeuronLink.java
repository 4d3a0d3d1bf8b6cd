package lab.deadrelu.view.chart;

/** The URL that focuses a hidden neuron (0-based hidden layer and neuron, as in Snapshot.states), or null for none. */
@FunctionalInterface
public interface NeuronLink {
    String url(int hiddenLayer, int neuron);
}
