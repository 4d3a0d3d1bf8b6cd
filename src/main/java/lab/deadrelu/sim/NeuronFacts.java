package lab.deadrelu.sim;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Network;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.WeightRef;

/**
 * What a death certificate needs to know about one hidden neuron at one moment, measured on the
 * whole data set under the weights of that moment: how far z stays from 0, and what could still
 * make z positive. Immutable.
 *
 * @param layer       0-based hidden layer
 * @param neuron      0-based neuron in that layer
 * @param maxZ        the largest z over the data set (z <= 0 on every sample exactly when maxZ <= 0)
 * @param active      samples with z > 0
 * @param samples     the size of the data set
 * @param biased      whether biases are on; `bias` is the neuron's bias (0 when they are off)
 * @param fanIn       the number of incoming weights
 * @param levers      what could still make z > 0 (deeper layers only): positive incoming weights from
 *                    neurons that are not permanently dead, largest first, then a positive bias; at most
 *                    {@link #SHOWN} of them
 * @param leverCount  how many levers there are in all
 * @param blocked     positive incoming weights from permanently dead neurons (their output is 0 for good),
 *                    largest first, at most {@link #SHOWN}
 * @param blockedCount how many there are in all
 */
public record NeuronFacts(int layer, int neuron, NeuronState state, Activation activation, double alpha,
                          double maxZ, int active, int samples, boolean biased, double bias, int fanIn,
                          List<Lever> levers, int leverCount, List<Lever> blocked, int blockedCount) {

    /** Levers listed by name; the rest are counted. */
    public static final int SHOWN = 3;

    public NeuronFacts {
        levers = List.copyOf(levers);
        blocked = List.copyOf(blocked);
    }

    /**
     * A positive incoming weight (from = index of the upstream neuron) or a positive bias
     * (from = {@link WeightRef#BIAS}), with the state of the upstream neuron (null for the bias).
     */
    public record Lever(int from, double weight, NeuronState upstream) {
        public boolean isBias() {
            return from == WeightRef.BIAS;
        }
    }

    public boolean firstLayer() {
        return layer == 0;
    }

    /** Census's rule: dead and provably unable to revive (first layer, or every positive weight from a permanently dead neuron and the bias <= 0). */
    public boolean provablyPermanent() {
        return state == NeuronState.PERMANENTLY_DEAD;
    }

    /**
     * Permanently dead by inheritance: it has positive weights, but each listens to a permanently dead
     * neuron (whose output stays 0), and the bias is <= 0.
     */
    public boolean inheritsDeath() {
        return state == NeuronState.PERMANENTLY_DEAD && blockedCount > 0;
    }

    /** The facts of hidden neuron (h, i) of a training right now; `maxZ` measured by the caller. */
    static NeuronFacts of(Training t, int h, int i, double maxZ) {
        Network net = t.network();
        double[] w = net.w[h][i];
        List<Lever> open = new ArrayList<>(), shut = new ArrayList<>();
        if (h > 0) {
            for (int j = 0; j < w.length; j++) {
                if (!(w[j] > 0)) continue;
                NeuronState up = t.state(h - 1, j);
                (up == NeuronState.PERMANENTLY_DEAD ? shut : open).add(new Lever(j, w[j], up));
            }
            open.sort((a, b) -> Double.compare(b.weight(), a.weight()));
            shut.sort((a, b) -> Double.compare(b.weight(), a.weight()));
            if (net.b[h][i] > 0) open.add(new Lever(WeightRef.BIAS, net.b[h][i], null));
        }
        return new NeuronFacts(h, i, t.state(h, i), net.activation(), net.alpha(), maxZ, t.census().activeCount(h, i),
                t.data().size(), net.biased, net.b[h][i], w.length, first(open), open.size(), first(shut), shut.size());
    }

    private static List<Lever> first(List<Lever> all) {
        if (all.size() <= SHOWN) return all;
        List<Lever> shown = new ArrayList<>(all.subList(0, SHOWN - 1));
        Lever last = all.get(all.size() - 1);
        shown.add(last.isBias() ? last : all.get(SHOWN - 1));   // a positive bias is always named
        return shown;
    }
}
