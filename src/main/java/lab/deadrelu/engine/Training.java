package lab.deadrelu.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One training run: the network, its data, SGD, and a census after every step that turns changes
 * of neuron state into events (born dead, died, revived, became permanent) with their causes.
 * Interventions (new lr, re-initialize, re-draw the dead, switch activation) act at the current
 * step. Not thread-safe: one owner drives it.
 */
public final class Training {
    public static final int MAX_EVENTS = 10_000;

    private final TrainingSpec spec;
    private final Dataset data;
    private final Network net;
    private final Network before;
    private final Sgd sgd;
    private final Census census;
    private double lr;
    private long step;
    private long divergedAt = -1;
    private int interventions;
    private NeuronState[][] states;
    private final List<Event> events = new ArrayList<>();
    private int droppedEvents;

    public Training(TrainingSpec spec) {
        this.spec = spec;
        this.data = spec.dataset();
        this.net = spec.initialNetwork();
        this.before = net.copy();
        this.sgd = new Sgd(net, data, spec.batch(), spec.shuffle(), spec.seed());
        this.census = new Census(net, data);
        this.lr = spec.lr();
        census.count(net);
        states = census.states();
        for (int h = 0; h < states.length; h++) {
            for (int i = 0; i < states[h].length; i++) {
                if (states[h][i].isDead()) record(new Event(0, h, i, Event.Kind.BORN_DEAD, "init", null));
                if (states[h][i] == NeuronState.PERMANENTLY_DEAD) record(new Event(0, h, i, Event.Kind.PERMANENT, "init", null));
            }
        }
    }

    /** One SGD step, then the census. Returns false (and changes nothing) once the run has diverged. */
    public boolean advance() {
        if (diverged()) return false;
        before.copyFrom(net);
        if (!sgd.step(step, lr)) return diverge();
        census.count(net);
        if (!Double.isFinite(census.loss())) {   // weights finite but the outputs overflow: undo, stop
            net.copyFrom(before);
            census.count(net);
            return diverge();
        }
        step++;
        compare("update", false);
        return true;
    }

    /** Runs until `target` steps are done (or the run diverges). */
    public void runTo(long target) {
        while (step < target && advance()) { }
    }

    private boolean diverge() {
        divergedAt = step + 1;
        record(new Event(divergedAt, -1, -1, Event.Kind.DIVERGED, "update", null));
        return false;
    }

    // ---- interventions ----

    public void setLearningRate(double newLr) {
        if (!(newLr > 0 && newLr <= TrainingSpec.MAX_LR)) throw new InvalidParameter("lr", Double.toString(newLr), "a number in (0, 1e6]");
        lr = newLr;
    }

    /** New weights for the whole network, drawn from (seed, step, intervention number): the post's first remedy. */
    public void reinitialize() {
        SplittableRandom rng = Seeds.derive(spec.seed(), Seeds.REINIT, step, interventions++);
        net.initialize(redrawInitializer(), spec.initScale(), rng);
        census.count(net);
        compare("reinit", true);
    }

    /** New incoming weights (and zero bias) for the neurons that are dead now; the others keep theirs. */
    public int redrawDead() {
        SplittableRandom rng = Seeds.derive(spec.seed(), Seeds.REDRAW, step, interventions++);
        int redrawn = 0;
        for (int h = 0; h < states.length; h++) {
            for (int i = 0; i < states[h].length; i++) {
                if (states[h][i].isDead()) {
                    net.drawNeuron(h, i, redrawInitializer(), spec.initScale(), rng);
                    redrawn++;
                }
            }
        }
        census.count(net);
        compare("redraw", false);
        return redrawn;
    }

    public void setActivation(Activation act, double alpha) {
        if (!(alpha > 0 && alpha <= 10)) throw new InvalidParameter("alpha", Double.toString(alpha), "a number in (0, 10]");
        net.setActivation(act, alpha);
        census.count(net);
        compare("activation", false);
    }

    private Initializer redrawInitializer() {
        return spec.init() == Initializer.EXPLICIT ? Initializer.HE : spec.init();
    }

    /** Turns state changes since the last census into events. `fresh`: all weights were just drawn. */
    private void compare(String by, boolean fresh) {
        for (int h = 0; h < states.length; h++) {
            for (int i = 0; i < states[h].length; i++) {
                NeuronState was = states[h][i], now = census.state(h, i);
                boolean born = fresh || by.equals("redraw") && was.isDead();   // new weights: dead again is born dead
                if (now.isDead() && (born || !was.isDead())) {
                    record(new Event(step, h, i, born ? Event.Kind.BORN_DEAD : Event.Kind.DIED, by,
                            by.equals("update") ? update(h, i) : null));
                }
                if (was.isDead() && !now.isDead()) record(new Event(step, h, i, Event.Kind.REVIVED, by, null));
                if (now == NeuronState.PERMANENTLY_DEAD && (born || was != NeuronState.PERMANENTLY_DEAD))
                    record(new Event(step, h, i, Event.Kind.PERMANENT, by, null));
                states[h][i] = now;
            }
        }
    }

    private Event.Update update(int h, int i) {
        // without biases the bias is no parameter: it stays 0, so its gradient is reported as 0 (b_after = b_before - lr * 0)
        return new Event.Update(lr, sgd.grad[h][i].clone(), before.w[h][i].clone(), net.w[h][i].clone(),
                net.biased ? sgd.gradB[h][i] : 0.0, before.b[h][i], net.b[h][i]);
    }

    private void record(Event e) {
        if (events.size() < MAX_EVENTS) events.add(e);
        else droppedEvents++;
    }

    // ---- reading ----

    public TrainingSpec spec() { return spec; }
    public Dataset data() { return data; }
    /** The live network: read it, never change it. */
    public Network network() { return net; }
    public Census census() { return census; }
    public long step() { return step; }
    public long epoch() { return sgd.epochOf(step); }
    public double lr() { return lr; }
    public double loss() { return census.loss(); }
    public boolean diverged() { return divergedAt >= 0; }
    /** The step whose update would have made the run non-finite, or -1. */
    public long divergedAt() { return divergedAt; }
    public List<Event> events() { return Collections.unmodifiableList(events); }
    public int droppedEvents() { return droppedEvents; }
    public NeuronState state(int hiddenLayer, int neuron) { return states[hiddenLayer][neuron]; }
    /** The sample the next step starts with. */
    public int nextSample() { return sgd.sampleIndex(step, 0); }

    /** z of one hidden neuron on every sample. */
    public double[] preActivations(int hiddenLayer, int neuron) {
        double[][] z = net.unitBuffers(), a = net.unitBuffers();
        double[] out = new double[data.size()];
        for (int s = 0; s < out.length; s++) {
            net.predict(data.x[s], z, a);
            out[s] = z[hiddenLayer][neuron];
        }
        return out;
    }

    /** The chain-rule factors of one weight on the sample the next step starts with. */
    public GradientFactors explain(WeightRef ref) {
        return Gradients.decompose(net, data, nextSample(), ref, lr);
    }

    public Snapshot snapshot() {
        double[][][] w = new double[net.w.length][][];
        double[][] b = new double[net.b.length][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[net.w[l].length][];
            for (int i = 0; i < w[l].length; i++) w[l][i] = net.w[l][i].clone();
            b[l] = net.b[l].clone();
        }
        int[][] active = new int[states.length][];
        for (int h = 0; h < states.length; h++) {
            active[h] = new int[states[h].length];
            for (int i = 0; i < active[h].length; i++) active[h][i] = census.activeCount(h, i);
        }
        return new Snapshot(step, epoch(), census.loss(), lr, net.activation(), net.alpha(), w, b, census.states(), active, diverged());
    }
}
