package lab.deadrelu.scenario;

import lab.deadrelu.engine.Network;
import lab.deadrelu.engine.Reference;

/** A hidden neuron's z over the input square [0,1]^2 of a 2-input network, by the engine's own forward pass. */
public final class InputSquare {
    /** The four corners, (0,0) first. */
    public static final double[][] CORNERS = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};

    private InputSquare() {}

    /** z of hidden neuron (layer, neuron), 0-based, at the point x = (x1, x2). */
    public static double z(Network net, int layer, int neuron, double[] x) {
        return Reference.forward(net, x).z()[layer][neuron];
    }

    /** z at the (k+1)^2 points (i/k, j/k) of a grid over the square, corners included. */
    public static double[] grid(Network net, int layer, int neuron, int k) {
        double[] out = new double[(k + 1) * (k + 1)];
        for (int i = 0; i <= k; i++)
            for (int j = 0; j <= k; j++) out[i * (k + 1) + j] = z(net, layer, neuron, new double[] {i / (double) k, j / (double) k});
        return out;
    }
}
