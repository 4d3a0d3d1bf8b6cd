package lab.deadrelu.engine;

/**
 * A kept state of a {@link Training}: everything it needs to go on from that step exactly as it
 * would have (bit for bit), taken by {@link Training#keep()} and put back by {@link Training#restore}.
 * The parameters, λ, the activation, the step, the intervention count (it seeds re-initializations),
 * the optimizer's moments, divergence and how many events had been recorded (a later run of the same training records the
 * same events again). Not kept because they follow from what is: the data set, the census (counted
 * again from the weights) and the sample order (epoch e's shuffle is drawn from (seed, e) alone, so
 * there is no shuffle generator whose position could be lost). Immutable.
 */
public final class TrainingState {
    final long step;
    final double lr;
    final long divergedAt;
    final int interventions;
    final Activation activation;
    final double alpha;
    /** Every weight (layer, neuron, input), then every bias (layer, neuron). */
    private final double[] parameters;
    private final int[] sizes;
    final int events, droppedEvents;
    /** Momentum's or Adam's memory (Moments.flatten) and Adam's update count; null and 0 for plain SGD. */
    final double[] moments;
    final long updates;

    TrainingState(Network net, long step, double lr, long divergedAt, int interventions, int events, int droppedEvents,
                  double[] moments, long updates) {
        this.moments = moments;
        this.updates = updates;
        this.step = step;
        this.lr = lr;
        this.divergedAt = divergedAt;
        this.interventions = interventions;
        this.activation = net.activation();
        this.alpha = net.alpha();
        this.sizes = net.sizes;   // never changed by a network
        this.events = events;
        this.droppedEvents = droppedEvents;
        int count = 0;
        for (int l = 0; l < net.w.length; l++) count += net.w[l].length * (net.w[l][0].length + 1);
        parameters = new double[count];
        int k = 0;
        for (double[][] layer : net.w) for (double[] row : layer) for (double v : row) parameters[k++] = v;
        for (double[] layer : net.b) for (double v : layer) parameters[k++] = v;
    }

    /** Writes the kept parameters and activation into a network of the same shape. */
    void writeTo(Network net) {
        int k = 0;
        for (double[][] layer : net.w) for (double[] row : layer) for (int j = 0; j < row.length; j++) row[j] = parameters[k++];
        for (double[] layer : net.b) for (int i = 0; i < layer.length; i++) layer[i] = parameters[k++];
        net.setActivation(activation, alpha);
    }

    public long step() {
        return step;
    }

    /** The incoming weights of unit `to` of layer `layer`+1 (layer 0 takes the inputs), a copy. */
    public double[] incoming(int layer, int to) {
        int k = 0;
        for (int l = 0; l < layer; l++) k += sizes[l] * sizes[l + 1];
        k += to * sizes[layer];
        double[] row = new double[sizes[layer]];
        System.arraycopy(parameters, k, row, 0, row.length);
        return row;
    }

    /** The bias of unit `to` of layer `layer`+1 (0 when biases are off). */
    public double bias(int layer, int to) {
        int k = parameters.length;
        for (int l = sizes.length - 2; l >= layer; l--) k -= sizes[l + 1];
        return parameters[k + to];
    }

    /** About the heap this state takes: its parameters and the object headers around them. */
    public long bytes() {
        return 16 + 8L * parameters.length + 64 + 16 + (moments == null ? 0 : 16 + 8L * moments.length);
    }
}
