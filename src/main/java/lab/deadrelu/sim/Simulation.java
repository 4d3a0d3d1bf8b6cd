package lab.deadrelu.sim;

import java.util.List;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.scenario.Op;
import lab.deadrelu.scenario.Replay;
import lab.deadrelu.scenario.RunSpec;

/**
 * One browser's live run: the replayed training, its bounded chart history, and whether it is
 * playing. Every change bumps `version`; readers take an immutable SimulationState. All methods
 * lock the simulation, so the ticker and request threads can share it.
 */
public final class Simulation {
    /** Buckets per chart series: about one per two pixels of a chart, and little memory per student. */
    static final int HISTORY = 240;
    /** Speeds a student can choose, in steps per second; 0 means as fast as the engine goes. */
    public static final List<Integer> SPEEDS = List.of(1, 2, 5, 10, 20, 50, 100, 1_000, 10_000, 0);

    public final String id;
    public final String owner;
    /** Whatever the opener needs to show it again (the web layer keeps the page's language here); may be null. */
    public final Object tag;
    private Replay replay;
    private History history;
    private boolean playing;
    private int speed = 10;
    private double credit;
    private long version;
    private volatile long lastTouched;

    Simulation(String id, String owner, RunSpec run, Object tag, long now) {
        this.id = id;
        this.owner = owner;
        this.tag = tag;
        this.lastTouched = now;
        open(run);
    }

    /** Replays the link from step 0 to its `at`, recording the history on the way. */
    private void open(RunSpec run) {
        replay = new Replay(run.at(0));
        history = new History(replay.training(), run.focusLayer(), run.focusNeuron(), HISTORY);
        history.record(replay.training());
        advance(run.at(), Long.MAX_VALUE);
        version++;
    }

    /** Advances up to `steps` steps or until `deadline` (System.nanoTime); returns steps taken. */
    private long advance(long steps, long deadline) {
        Training t = replay.training();
        long target = Math.min(RunSpec.MAX_STEP, t.step() + steps), done = 0;
        while (t.step() < target && replay.advance()) {
            history.record(t);
            done++;
            if ((done & 63) == 0 && System.nanoTime() > deadline) break;
        }
        if (t.diverged() || t.step() >= RunSpec.MAX_STEP) playing = false;
        return done;
    }

    /** Called by the ticker: plays `seconds` worth of steps, within the time budget. Returns true if anything changed. */
    synchronized boolean tick(double seconds, long deadline) {
        if (!playing) return false;
        long steps;
        if (speed == 0) {
            steps = RunSpec.MAX_STEP;
        } else {
            credit += speed * seconds;
            steps = (long) credit;
            credit -= steps;
        }
        if (steps == 0) return false;
        advance(steps, deadline);
        version++;
        return true;
    }

    // ---- controls ----

    public synchronized void play() { playing = !replay.training().diverged(); credit = 0; changed(); }
    public synchronized void pause() { playing = false; changed(); }

    public synchronized void stepOnce() {
        playing = false;
        advance(1, Long.MAX_VALUE);
        changed();
    }

    /** One epoch: enough steps for every sample to be used once more. */
    public synchronized void stepEpoch() {
        playing = false;
        TrainingSpec s = replay.training().spec();
        advance((s.n() + s.batch() - 1) / s.batch(), Long.MAX_VALUE);
        changed();
    }

    public synchronized void setSpeed(int stepsPerSecond) {
        if (!SPEEDS.contains(stepsPerSecond)) throw new IllegalArgumentException("speed must be one of " + SPEEDS);
        speed = stepsPerSecond;
        changed();
    }

    /** Back to step 0 of the same spec, without interventions. */
    public synchronized void reset() {
        restart(run().spec());
    }

    /** Restarts from step 0 with another spec (the post's "restart with a lower lambda", biases on/off). */
    public synchronized void restart(TrainingSpec spec) {
        playing = false;
        open(run().restarted(spec));
    }

    public synchronized void restartWithLr(double lr) {
        restart(run().spec().withLr(lr));
    }

    public synchronized void setBias(boolean on) {
        TrainingSpec s = run().spec();
        restart(new TrainingSpec(s.layers(), s.act(), s.alpha(), on, s.lr(), s.batch(), s.shuffle(), s.seed(), s.init(),
                s.initScale(), s.weights(), s.data(), s.n(), s.noise(), s.centred(), s.dataSeed()));
    }

    /** An intervention at the current step: it goes into the link and acts at once. */
    public synchronized void intervene(Op op) {
        replay.intervene(op);
        history.record(replay.training());
        changed();
    }

    public synchronized void applyLr(double lr) { intervene(Op.lr(step(), lr)); }
    public synchronized void reinitialize() { intervene(Op.reinit(step())); }
    public synchronized void redrawDead() { intervene(Op.redraw(step())); }

    public synchronized void setActivation(Activation act) {
        TrainingSpec s = run().spec();
        intervene(Op.act(step(), act, act == s.act() ? s.alpha() : act.defaultAlpha()));
    }

    /** Focus another neuron: its weight history is rebuilt by replaying the same run (deterministic). */
    public synchronized void focus(int layer, int neuron) {
        RunSpec focused = run().focus(layer, neuron);   // validates the neuron
        boolean wasPlaying = playing;
        open(focused);
        playing = wasPlaying;
    }

    private void changed() {
        version++;
    }

    // ---- reading ----

    public synchronized RunSpec run() {
        return replay.run().focus(history.focusLayer, history.focusNeuron);
    }

    private long step() {
        return replay.training().step();
    }

    public synchronized long version() { return version; }
    public synchronized boolean playing() { return playing; }

    public void touch(long now) { lastTouched = now; }
    public long lastTouched() { return lastTouched; }

    // ---- for a Pair, which plays its two runs itself, in lockstep (they never play on their own) ----

    /** Advances towards step `target` (fewer steps if the run diverges first); returns the steps taken. */
    synchronized long advanceTo(long target) {
        long done = advance(Math.max(0, target - step()), Long.MAX_VALUE);
        if (done > 0) version++;
        return done;
    }

    /** The step on screen. */
    synchronized long at() { return step(); }

    /** False once the run has diverged or reached the last step a link can name. */
    synchronized boolean canAdvance() {
        return !replay.training().diverged() && step() < RunSpec.MAX_STEP;
    }

    /** Every event so far (at most Training.MAX_EVENTS) and whether any were dropped beyond that. */
    synchronized Events events() {
        Training t = replay.training();
        return new Events(List.copyOf(t.events()), t.droppedEvents() > 0);
    }

    record Events(List<Event> list, boolean incomplete) {}

    /** An immutable picture of everything a page or a frame shows. */
    public synchronized SimulationState state() {
        Training t = replay.training();
        List<Event> events = t.events();
        return new SimulationState(id, version, run(), t.snapshot(), t.data(), playing, speed, t.diverged(), t.divergedAt(),
                history.copy(), List.copyOf(events.subList(Math.max(0, events.size() - SimulationState.EVENTS_SHOWN), events.size())),
                events.size() + t.droppedEvents(), t.preActivations(history.focusLayer, history.focusNeuron), t.nextSample(),
                deathStep(t, events));
    }

    private Long deathStep(Training t, List<Event> events) {
        if (!t.state(history.focusLayer, history.focusNeuron).isDead()) return null;
        for (int k = events.size() - 1; k >= 0; k--) {
            Event e = events.get(k);
            if (e.layer() == history.focusLayer && e.neuron() == history.focusNeuron
                    && (e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD)) return e.step();
        }
        return null;
    }
}
