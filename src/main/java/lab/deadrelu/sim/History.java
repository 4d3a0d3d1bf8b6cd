package lab.deadrelu.sim;

import java.util.List;
import lab.deadrelu.engine.Dormancy;
import lab.deadrelu.engine.Network;
import lab.deadrelu.engine.Training;
import lab.deadrelu.scenario.Replay;

/**
 * The chart series of a run: loss, dead neurons per hidden layer, the fraction of each hidden layer
 * that is τ-dormant in ReDo's sense (τ = 0.025 and 0.1, see engine/Dormancy), and the focused neuron's
 * incoming weights (and bias).
 */
public final class History {
    public final Series loss;
    public final Series[] dead;
    /** Per hidden layer: the fraction of its neurons that are τ-dormant at τ = Dormancy.LOW (0.025) and HIGH (0.1). */
    public final Series[] dormantLow, dormantHigh;
    /** One series per incoming weight of the focused neuron, then its bias when biases are on. */
    public final Series[] focusWeights;
    public final int focusLayer, focusNeuron;
    private long lastStep = -1;

    History(Training t, int focusLayer, int focusNeuron, int capacity) {
        this.focusLayer = focusLayer;
        this.focusNeuron = focusNeuron;
        Network net = t.network();
        loss = new Series(capacity);
        dead = new Series[net.hiddenLayers()];
        for (int h = 0; h < dead.length; h++) dead[h] = new Series(capacity);
        dormantLow = new Series[net.hiddenLayers()];
        dormantHigh = new Series[net.hiddenLayers()];
        for (int h = 0; h < dead.length; h++) {
            dormantLow[h] = new Series(capacity);
            dormantHigh[h] = new Series(capacity);
        }
        focusWeights = new Series[net.sizes[focusLayer] + (net.biased ? 1 : 0)];
        for (int j = 0; j < focusWeights.length; j++) focusWeights[j] = new Series(capacity);
    }

    private History(Series loss, Series[] dead, Series[] dormantLow, Series[] dormantHigh, Series[] focusWeights, int focusLayer, int focusNeuron) {
        this.loss = loss;
        this.dead = dead;
        this.dormantLow = dormantLow;
        this.dormantHigh = dormantHigh;
        this.focusWeights = focusWeights;
        this.focusLayer = focusLayer;
        this.focusNeuron = focusNeuron;
    }

    /**
     * Records the run at its current step. Recording the same step again (after an intervention) replaces
     * that step's values, so a live run's charts equal those of its link replayed, where the intervention
     * has already acted when the step is recorded.
     */
    void record(Training t) {
        long step = t.step();
        boolean again = step == lastStep;
        lastStep = step;
        put(loss, step, again, t.loss());
        for (int h = 0; h < dead.length; h++) put(dead[h], step, again, t.census().deadIn(h));
        Dormancy d = t.census().dormancy();
        for (int h = 0; h < dead.length; h++) {
            put(dormantLow[h], step, again, d.fraction(h, Dormancy.LOW));
            put(dormantHigh[h], step, again, d.fraction(h, Dormancy.HIGH));
        }
        double[] row = t.network().w[focusLayer][focusNeuron];
        for (int j = 0; j < row.length; j++) put(focusWeights[j], step, again, row[j]);
        if (focusWeights.length > row.length) put(focusWeights[row.length], step, again, t.network().b[focusLayer][focusNeuron]);
    }

    private static void put(Series s, long step, boolean again, double value) {
        if (again) s.replaceLast(value);
        else s.add(step, value);
    }

    /**
     * The same loss and dead series, with another neuron's incoming weights: taken from the kept states
     * (every `every` steps) and the training now, since only a replay from step 0 could give every step.
     * Kept states after the step now (the timeline went back) chart the weights up to the furthest step.
     */
    History refocus(int layer, int neuron, Training t, List<Replay.Kept> kept) {
        Network net = t.network();
        Series[] w = new Series[net.sizes[layer] + (net.biased ? 1 : 0)];
        for (int j = 0; j < w.length; j++) w[j] = new Series(loss.capacity());
        long now = t.step();
        boolean nowAdded = false;
        for (Replay.Kept k : kept) {
            if (!nowAdded && k.step() >= now) {
                add(w, now, net.w[layer][neuron], net.b[layer][neuron]);
                nowAdded = true;
            }
            if (k.step() != now) add(w, k.step(), k.training().incoming(layer, neuron), k.training().bias(layer, neuron));
        }
        if (!nowAdded) add(w, now, net.w[layer][neuron], net.b[layer][neuron]);
        History h = new History(loss, dead, dormantLow, dormantHigh, w, layer, neuron);
        h.lastStep = lastStep;
        return h;
    }

    private static void add(Series[] w, long step, double[] row, double bias) {
        for (int j = 0; j < row.length; j++) w[j].add(step, row[j]);
        if (w.length > row.length) w[row.length].add(step, bias);
    }

    /** Forgets what was recorded from `step` on (the run went another way there); see Series.keepBefore. */
    void keepBefore(long step, long through) {
        loss.keepBefore(step, through);
        for (Series s : dead) s.keepBefore(step, through);
        for (Series s : dormantLow) s.keepBefore(step, through);
        for (Series s : dormantHigh) s.keepBefore(step, through);
        for (Series s : focusWeights) s.keepBefore(step, through);
        lastStep = -1;
    }

    History copy() {
        Series[] d = new Series[dead.length], low = new Series[dead.length], high = new Series[dead.length], w = new Series[focusWeights.length];
        for (int h = 0; h < d.length; h++) {
            d[h] = dead[h].copy();
            low[h] = dormantLow[h].copy();
            high[h] = dormantHigh[h].copy();
        }
        for (int j = 0; j < w.length; j++) w[j] = focusWeights[j].copy();
        return new History(loss.copy(), d, low, high, w, focusLayer, focusNeuron);
    }
}
