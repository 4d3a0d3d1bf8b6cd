package lab.deadrelu.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One training run: the network, its data, SGD, and a census after every step that turns changes
 * of neuron state into events (born dead, died, revived, became permanent) with their causes.
 * Interventions (new lr, re-initialize, re-draw the dead, recycle the dormant, switch activation)
 * act at the current step; with periodic recycling (spec.redo()) the engine recycles after every K-th
 * update itself. With a moving target (spec.shift()) the data set's targets are those of the phase of
 * the step (see {@link Shift}): a function of the step, so a restored state goes on as the run did.
 * Not thread-safe: one owner drives it.
 */
public final class Training {
    public static final int MAX_EVENTS = 10_000;

    private final TrainingSpec spec;
    private final Dataset data;
    /** The data set's own targets (phase 0), kept only with a moving target; data.y holds the targets of `phase`. */
    private final double[] ownTargets;
    private long phase;
    private final Network net;
    private final Network before;
    private final Sgd sgd;
    private final Census census;
    private double lr;
    private long step;
    private long divergedAt = -1;
    private int interventions;
    /** True while `before` holds the weights the last update started from: after an update, until an intervention. */
    private boolean lastUpdateKnown;
    private NeuronState[][] states;
    private final List<Event> events = new ArrayList<>();
    private int droppedEvents;
    /** Events kept at most (see keepEvents); later ones are only counted. */
    private int maxEvents = MAX_EVENTS;

    public Training(TrainingSpec spec) {
        this.spec = spec;
        this.data = spec.dataset();
        this.ownTargets = spec.shift() > 0 ? data.y.clone() : null;
        this.net = spec.initialNetwork();
        this.before = net.copy();
        this.sgd = new Sgd(net, data, spec.batch(), spec.shuffle(), spec.seed(), spec.opt());
        this.census = new Census(net, data);
        this.lr = spec.lr();
        count();
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
        useTargetsOf(step + 1);   // the census after update t+1 is on phase floor((t+1) / K)'s targets
        count();
        if (!Double.isFinite(census.loss())) {   // weights finite but the outputs overflow: undo, stop
            net.copyFrom(before);
            if (sgd.moments != null) sgd.moments.undo();
            useTargetsOf(step);
            count();
            return diverge();
        }
        step++;
        lastUpdateKnown = true;
        compare("update", null);
        if (spec.redo().dueAfter(step)) recycleDormant(spec.redo().tau());   // ReDo, every K-th update
        return true;
    }

    /** Puts the targets of the phase after `updates` updates into the data set, when they are not there yet. */
    private void useTargetsOf(long updates) {
        long p = spec.phase(updates);
        if (p == phase) return;
        Shift.targets(ownTargets, spec.dataSeed(), p, data.y);
        phase = p;
    }

    /** Runs until `target` steps are done (or the run diverges). */
    public void runTo(long target) {
        while (step < target && advance()) { }
    }

    /** The census under the weights now; with momentum or Adam, permanence allows for how far their memory still carries each weight. */
    private void count() {
        Moments m = sgd.moments;
        census.count(net, m == null ? null : (l, i, j) -> m.reach(l, i, j, lr));
    }

    private boolean diverge() {
        divergedAt = step + 1;
        record(new Event(divergedAt, -1, -1, Event.Kind.DIVERGED, "update", null));
        return false;
    }

    // ---- kept states ----

    /** This training's state now, to come back to with {@link #restore}. */
    public TrainingState keep() {
        Moments m = sgd.moments;
        return new TrainingState(net, step, lr, divergedAt, interventions, events.size(), droppedEvents,
                m == null ? null : m.flatten(), m == null ? 0 : m.t);
    }

    /**
     * Puts a state this training kept back: from there it goes on bit for bit as it did the first
     * time. Events recorded after it are forgotten (going on records them again). The last update
     * is not known after a restore (the inspector explains the next one): to show a step as a replay
     * shows it, restore a state from before it and advance.
     */
    public void restore(TrainingState kept) {
        restore(kept, events);
    }

    /**
     * Puts a kept state back, taking its events from `recorded`: the events this training recorded
     * before it went back to an earlier state (going forward to a later kept state, they are the ones
     * from the kept state's step that it forgot).
     */
    public void restore(TrainingState kept, List<Event> recorded) {
        if (kept.events > recorded.size()) throw new IllegalArgumentException("not a state of this training: it knew more events");
        if (recorded != events) {
            List<Event> known = List.copyOf(recorded.subList(0, kept.events));
            events.clear();
            events.addAll(known);
        }
        kept.writeTo(net);
        if (sgd.moments != null) sgd.moments.unflatten(kept.moments, kept.updates);
        before.copyFrom(net);
        step = kept.step;
        useTargetsOf(step);
        lr = kept.lr;
        divergedAt = kept.divergedAt;
        interventions = kept.interventions;
        lastUpdateKnown = false;
        if (events.size() > kept.events) events.subList(kept.events, events.size()).clear();
        droppedEvents = kept.droppedEvents;
        count();
        states = census.states();
    }

    // ---- interventions ----

    public void setLearningRate(double newLr) {
        if (!(newLr > 0 && newLr <= TrainingSpec.MAX_LR)) throw new InvalidParameter("lr", Double.toString(newLr), "a number in (0, 1e6]");
        lr = newLr;
        lastUpdateKnown = false;
    }

    /** New weights for the whole network, drawn from (seed, step, intervention number): the post's first remedy. */
    public void reinitialize() {
        SplittableRandom rng = Seeds.derive(spec.seed(), Seeds.REINIT, step, interventions++);
        net.initialize(redrawInitializer(), spec.initScale(), rng);
        if (sgd.moments != null) sgd.moments.reset();   // a fresh start: the optimizer forgets too (t = 0)
        lastUpdateKnown = false;
        count();
        compare("reinit", ALL);
    }

    /** New incoming weights (and zero bias) for the neurons that are dead now; the others keep theirs. */
    public int redrawDead() {
        SplittableRandom rng = Seeds.derive(spec.seed(), Seeds.REDRAW, step, interventions++);
        int redrawn = 0;
        lastUpdateKnown = false;
        boolean[][] renewed = new boolean[states.length][];
        for (int h = 0; h < states.length; h++) {
            renewed[h] = new boolean[states[h].length];
            for (int i = 0; i < states[h].length; i++) {
                if (states[h][i].isDead()) {
                    net.drawNeuron(h, i, redrawInitializer(), spec.initScale(), rng);
                    if (sgd.moments != null) sgd.moments.resetUnit(h, i);
                    renewed[h][i] = true;
                    redrawn++;
                }
            }
        }
        count();
        compare("redraw", renewed);
        return redrawn;
    }

    /**
     * ReDo (Sokar et al. 2023): recycles every hidden neuron that is τ-dormant now (its mean |a| over
     * the data set is at most τ times its layer's mean, see {@link Dormancy}). A recycled neuron gets new
     * incoming weights drawn from the run's initializer (in order of layer and neuron, from the stream
     * (seed, RECYCLE, step, interventions so far): docs/RANDOMNESS.md), bias 0, and outgoing weights 0,
     * so that the output does not jump: a neuron that was silent (a = 0 on every sample) leaves every
     * output exactly as it was. The optimizer's memory of those weights (incoming, bias, outgoing)
     * starts again at 0. Returns how many were recycled; each is a RECYCLED event.
     */
    public int recycleDormant(double tau) {
        if (!Recycling.validTau(tau)) throw new InvalidParameter("redo", Double.toString(tau), Recycling.TAU_ALLOWED);
        SplittableRandom rng = Seeds.derive(spec.seed(), Seeds.RECYCLE, step, interventions++);
        Dormancy dormancy = census.dormancy();
        lastUpdateKnown = false;
        int recycled = 0;
        boolean[][] renewed = new boolean[states.length][];
        for (int h = 0; h < states.length; h++) {
            renewed[h] = new boolean[states[h].length];
            for (int i = 0; i < states[h].length; i++) {
                if (!dormancy.dormant(h, i, tau)) continue;
                net.drawNeuron(h, i, redrawInitializer(), spec.initScale(), rng);   // w_i <- init draw, b_i <- 0
                double[][] above = net.w[h + 1];
                for (double[] row : above) row[i] = 0.0;                            // w_ki <- 0 for every unit k above
                if (sgd.moments != null) {
                    sgd.moments.resetUnit(h, i);
                    sgd.moments.resetOutgoing(h + 1, i);
                }
                renewed[h][i] = true;
                record(new Event(step, h, i, Event.Kind.RECYCLED, "redo", null));
                recycled++;
            }
        }
        count();
        compare("redo", renewed);
        return recycled;
    }

    public void setActivation(Activation act, double alpha) {
        if (!(alpha > 0 && alpha <= 10)) throw new InvalidParameter("alpha", Double.toString(alpha), "a number in (0, 10]");
        net.setActivation(act, alpha);
        lastUpdateKnown = false;
        count();
        compare("activation", null);
    }

    private Initializer redrawInitializer() {
        return spec.init() == Initializer.EXPLICIT ? Initializer.HE : spec.init();
    }

    /** Every neuron renewed: compare's argument after a re-initialization. */
    private static final boolean[][] ALL = new boolean[0][];

    /**
     * Turns state changes since the last census into events. `renewed[h][i]`: neuron (h, i) just got
     * new incoming weights (ALL: every neuron; null: none), so dead now is born dead, even if it was dead before.
     */
    private void compare(String by, boolean[][] renewed) {
        for (int h = 0; h < states.length; h++) {
            for (int i = 0; i < states[h].length; i++) {
                NeuronState was = states[h][i], now = census.state(h, i);
                boolean born = renewed == ALL || renewed != null && renewed[h][i];   // new weights: dead again is born dead
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
                net.biased ? sgd.gradB[h][i] : 0.0, before.b[h][i], net.b[h][i], spec.opt().kind());
    }

    /**
     * Keeps at most `max` events (never more than MAX_EVENTS): whoever pays for the log's memory says how
     * much it may hold. Once an event has been dropped the cap no longer rises, so the log stays a prefix.
     */
    public void keepEvents(int max) {
        int cap = Math.max(0, Math.min(MAX_EVENTS, max));
        if (droppedEvents == 0 || cap < maxEvents) maxEvents = cap;
    }

    private void record(Event e) {
        if (events.size() < maxEvents) events.add(e);
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
    /** The phase of the targets now: 0 until the first shift, and always 0 without one. */
    public long phase() { return phase; }
    public double lr() { return lr; }
    public double loss() { return census.loss(); }
    public boolean diverged() { return divergedAt >= 0; }
    /** The step whose update would have made the run non-finite, or -1. */
    public long divergedAt() { return divergedAt; }
    public List<Event> events() { return Collections.unmodifiableList(events); }
    public int droppedEvents() { return droppedEvents; }
    public NeuronState state(int hiddenLayer, int neuron) { return states[hiddenLayer][neuron]; }
    /** A copy of every hidden neuron's state, [hidden layer][neuron]. */
    public NeuronState[][] states() { return census.states(); }
    /** The sample the next step starts with. */
    public int nextSample() { return sgd.sampleIndex(step, 0); }

    /** z of one hidden neuron on every sample. */
    public double[] preActivations(int hiddenLayer, int neuron) {
        return preActivations(hiddenLayer, neuron, null);
    }

    /**
     * z of one hidden neuron on every sample, and in the same pass y-hat of every sample into
     * `yHat` (of length n) unless it is null.
     */
    public double[] preActivations(int hiddenLayer, int neuron, double[] yHat) {
        return census.preActivations(hiddenLayer, neuron, yHat);   // the census counted the weights of now
    }

    /** The largest z over the data set of every hidden neuron now, [hidden layer][neuron]: read it, never change it. */
    public double[][] maxPreActivations() {
        return census.maxZ();
    }

    /** The chain-rule factors of one weight on the sample the next step starts with. */
    public GradientFactors explain(WeightRef ref) {
        return Gradients.decompose(net, data, nextSample(), ref, lr);
    }

    /**
     * True when the last update can be explained: at least one step was taken, the run has not
     * diverged, and no intervention (lr, re-initialize, re-draw, activation) came after it.
     */
    public boolean hasLastUpdate() {
        return lastUpdateKnown && step > 0 && !diverged();
    }

    /**
     * The chain-rule factors of one weight in the last update, the one that led from step k-1 to
     * the step k on screen: on the first sample of that step, with the weights before it and the
     * lambda it used. With batch 1, weightAfter is the weight now. Null when there is no last
     * update (step 0, diverged, or an intervention since).
     */
    public GradientFactors explainLast(WeightRef ref) {
        if (!hasLastUpdate()) return null;
        useTargetsOf(step - 1);   // the last update fitted its own phase's targets
        try {
            return Gradients.decompose(before, data, sgd.sampleIndex(step - 1, 0), ref, lr);
        } finally {
            useTargetsOf(step);
        }
    }

    /**
     * dL/dw of one parameter as the last update used it: the mean over its batch (the sample's own
     * gradient with batch 1). NaN when there is no last update.
     */
    public double lastMeanGradient(WeightRef ref) {
        if (!hasLastUpdate()) return Double.NaN;
        Gradients.check(net, ref);
        if (ref.isBias()) return sgd.gradB[ref.layer()][ref.to()];
        return sgd.grad[ref.layer()][ref.to()][ref.from()];
    }

    /**
     * dL/dw of one parameter averaged over the next step's batch, from the current weights: what
     * the next update will use. Costs one forward and backward pass per sample of the batch.
     */
    public double nextMeanGradient(WeightRef ref) {
        double sum = 0;
        for (int k = 0; k < spec.batch(); k++) sum += Gradients.decompose(net, data, sgd.sampleIndex(step, k), ref, lr).gradient();
        return sum / spec.batch();
    }

    /**
     * Momentum's or Adam's update of one parameter: the last one (the update that led to the step on
     * screen) or the next one given its mean gradient g. Null under plain SGD (the update is lambda g),
     * and for the last update when there is none (see hasLastUpdate).
     */
    public OptimizerStep optimizerStep(WeightRef ref, boolean last, double g) {
        Moments m = sgd.moments;
        if (m == null || last && !hasLastUpdate()) return null;
        Gradients.check(net, ref);
        int j = ref.isBias() ? -1 : ref.from();
        return last ? m.last(ref.layer(), ref.to(), j, lr) : m.next(ref.layer(), ref.to(), j, g, lr);
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
