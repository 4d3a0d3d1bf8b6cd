package lab.deadrelu.sim;

import java.util.List;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.GradientFactors;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Network;
import lab.deadrelu.engine.Dataset;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.Op;
import lab.deadrelu.scenario.PlaneAxes;
import lab.deadrelu.scenario.Replay;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Walks;

/**
 * One browser's live run: the replayed training, its bounded chart history, and whether it is
 * playing. Every change bumps `version`; readers take an immutable SimulationState. All methods
 * lock the simulation, so the ticker and request threads can share it.
 */
public final class Simulation {
    /** Buckets per chart series: about one per two pixels of a chart, and little memory per student. */
    static final int HISTORY = 240;
    /** Speeds a student can choose, in steps per second; 0 means as fast as the engine goes. */
    public static final List<Integer> SPEEDS = Pace.SPEEDS;
    /** The next update's batch mean is computed when batch x weights stays under this (one backward pass per sample). */
    static final long NEXT_MEAN_BUDGET = 2_000_000;

    public final String id;
    public final String owner;
    /** Whatever the opener needs to show it again (the web layer keeps the page's language here); may be null. */
    /** The page it was opened from, for writing its frames (null in tests that render none). */
    public final Viewer viewer;
    private Replay replay;
    private History history;
    /** The weight the gradient inspector explains. */
    private WeightRef weight;
    /** Facts of the recent events, taken as they happen, and the latest news (for the death certificates and the announcer). */
    private Witness witness;
    /** Volatile, and read without the lock: the ticker must never wait on a run that a request is busy with. */
    private volatile boolean playing;
    /** States kept on the way, to go back to a step (or rebuild a chart) without replaying from step 0. */
    private KeptStates kept;
    /** The furthest step this run has reached: the timeline runs from 0 to it. */
    private long furthest;
    /** While the run stands before its furthest step: the events up to that step (the training forgot the later ones). */
    private List<Event> ahead;
    /** The death playing stopped at (pause=death), until it plays on. */
    private Event deathPause;
    /** The step playing last stopped at for a death: pressed there, play goes on past it. */
    private long deathPausedAt = -1;
    /** The work a link may take to open (RunSpec.MAX_REPLAY_WORK on a server): it sets {@link #reach()}. */
    private final long replayWork;
    /** Training steps computed since the simulation opened (replays from kept states included): what its controls cost. */
    private long computed;
    /** Whether playing stops at the first step a neuron dies (pause=death in the link). */
    private boolean pauseAtDeath;
    /** The inputs the input plane is drawn over (shown, not run). */
    private PlaneAxes plane;
    private final Pace pace = new Pace();
    private long version;
    private volatile long lastTouched;
    /** Set once stepping or rendering it threw (see {@link Ticker}): it never plays again; its link opens it afresh. */
    private volatile Failure failure;
    /** What the simulation is charged for its memory (see MemoryCost.simulation), and the event log that charge pays for. */
    final MemoryBudget.Charge memory;
    private final EventAllowance allowance;

    Simulation(String id, String owner, RunSpec run, Viewer viewer, long now) {
        this(id, owner, run, viewer, now, RunSpec.MAX_REPLAY_WORK,
                MemoryBudget.unlimited().charge(owner, MemoryCost.simulation(run), MemoryBudget.Use.LAB));
    }

    /**
     * `replayWork`: how much work a link of this run may take to open (RunSpec's bound); playing stops where
     * a link would take more. `memory`: what it is charged (see MemoryCost.simulation).
     */
    Simulation(String id, String owner, RunSpec run, Viewer viewer, long now, long replayWork, MemoryBudget.Charge memory) {
        this.replayWork = replayWork;
        this.id = id;
        this.owner = owner;
        this.viewer = viewer;
        this.lastTouched = now;
        this.memory = memory;
        this.allowance = new EventAllowance(memory, run.spec());
        open(run, true);
    }

    /**
     * Replays the link from step 0 to its `at`, recording the history on the way. `quiet`: what the
     * replay brings is already on the page, no news for the announcer (a restart's step 0 is news).
     */
    private void open(RunSpec run, boolean quiet) {
        replay = new Replay(run.at(0), allowance.allowed());
        kept = new KeptStates();
        kept.offer(replay);
        furthest = 0;
        ahead = null;
        deathPause = null;
        deathPausedAt = -1;
        pauseAtDeath = run.pauseAtDeath();
        plane = run.plane();
        history = new History(replay.training(), run.focusLayer(), run.focusNeuron(), HISTORY);
        weight = run.weight();
        history.record(replay.training());
        witness = new Witness();
        witness.catchUp(replay.training());
        advance(run.at(), Long.MAX_VALUE, false);
        if (quiet) witness.hush();
        version++;
    }

    /**
     * Advances up to `steps` steps, never past {@link #reach()}, or until `deadline` (System.nanoTime);
     * with `stopAtDeath`, stops after the first step at which a neuron died. Returns steps taken.
     */
    private long advance(long steps, long deadline, boolean stopAtDeath) {
        Training t = replay.training();
        long target = Math.min(reach(), t.step() + steps), done = 0;
        while (t.step() < target) {
            allowance.before(t);   // room in the event log for what this step may record, as far as the memory budget allows
            int known = t.events().size();
            computed++;
            if (!replay.advance()) break;
            kept.offer(replay);
            if (t.step() > furthest) {   // new ground (steps up to the furthest one are charted already)
                history.record(t);
                furthest = t.step();
            }
            if (t.step() >= furthest) ahead = null;
            witness.catchUp(t);
            done++;
            Event death = stopAtDeath ? deathAt(t, known) : null;
            if (death != null) {
                stopAt(death);
                break;
            }
            if (System.nanoTime() > deadline) break;   // each step: one may take 100 ms (8x64, n = 10,000)
        }
        witness.catchUp(t);   // the advance that fails records the divergence
        if (t.diverged() || t.step() >= reach()) playing = false;
        return done;
    }

    /**
     * The last step a link of this run may open (RunSpec's bound on a replay's cost, at most
     * RunSpec.MAX_STEP): nothing goes past it, so every link the page hands out opens again.
     */
    private long reach() {
        return Math.min(RunSpec.MAX_STEP, replay.run().maxReplaySteps(replayWork));
    }

    /** The first neuron that became dead on the data set among the events from index `from` on, or null. */
    private static Event deathAt(Training t, int from) {
        List<Event> events = t.events();
        for (int k = from; k < events.size(); k++) {
            Event e = events.get(k);
            if (e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD) return e;
        }
        return null;
    }

    /**
     * Playing stops at a death (pause=death): the neuron is focused, and the gradient inspector shows
     * the weight the killing update pushed down the most (a neuron born dead keeps its first weight).
     */
    private void stopAt(Event death) {
        playing = false;
        deathPause = death;
        deathPausedAt = death.step();
        if (death.layer() != history.focusLayer || death.neuron() != history.focusNeuron) {
            history = history.refocus(death.layer(), death.neuron(), replay.training(), kept.all());
        }
        int from = 0;
        Event.Update u = death.cause();
        if (u != null) {
            for (int j = 1; j < u.weightsBefore().length; j++) {
                if (u.weightsBefore()[j] - u.weightsAfter()[j] > u.weightsBefore()[from] - u.weightsAfter()[from]) from = j;
            }
        }
        weight = new WeightRef(death.layer(), death.neuron(), from);
    }

    /** Playing as fast as the engine goes (read without the lock: the ticker must not wait on a request). */
    boolean fullSpeed() {
        return pace.fullSpeed();
    }

    /** Called by the ticker: plays `seconds` worth of steps, within the time budget. Returns true if anything changed. */
    synchronized boolean tick(double seconds, long deadline) {
        return tick(seconds, seconds, deadline);
    }

    /** The same, for a ticker that comes every `period` seconds (see {@link Pace#stepsFor(double, double)}). */
    synchronized boolean tick(double seconds, double period, long deadline) {
        if (!playing || failure != null) return false;
        long steps = pace.stepsFor(seconds, period);
        if (steps == 0) return false;
        lastAdvanced = advance(steps, deadline, pauseAtDeath);
        version++;
        return true;
    }

    /** Steps the last {@link #tick} advanced (read by the ticker's thread right after it; for the metrics). */
    private long lastAdvanced;

    synchronized long lastAdvanced() { return lastAdvanced; }

    // ---- controls ----

    /**
     * Plays on. With pause=death, a neuron that became dead at this very step stops it at once (case 1's
     * born dead at step 0), unless playing stopped here for it already: then it plays on.
     */
    public synchronized void play() {
        Training t = replay.training();
        if (deathPause != null) witness.hush();   // that death was news when it stopped; playing on is not
        deathPause = null;
        playing = !t.diverged() && t.step() < reach();
        pace.restart();
        if (playing && pauseAtDeath && deathPausedAt != t.step()) {
            int first = t.events().size();
            while (first > 0 && t.events().get(first - 1).step() == t.step()) first--;
            Event death = deathAt(t, first);
            if (death != null) {
                stopAt(death);
                witness.renew(t, t.step());
            }
        }
        changed();
    }

    public synchronized void pause() { playing = false; changed(); }

    public synchronized void stepOnce() {
        playing = false;
        deathPause = null;
        advance(1, Long.MAX_VALUE, false);
        changed();
    }

    /** Most time one press of "epoch" may take: a 10,000-sample, 8x64 epoch would hold a request thread for minutes. */
    static final long EPOCH_BUDGET_NANOS = 2_000_000_000L;

    /** One epoch: enough steps for every sample to be used once more, or as many as fit in {@link #EPOCH_BUDGET_NANOS}. */
    public synchronized void stepEpoch() {
        playing = false;
        deathPause = null;
        TrainingSpec s = replay.training().spec();
        advance((s.n() + s.batch() - 1) / s.batch(), System.nanoTime() + EPOCH_BUDGET_NANOS, false);
        changed();
    }

    // ---- the timeline ----

    /**
     * Shows step `to` (0 to the furthest step reached) and pauses: from the nearest kept state before
     * it, replaying at most {@link KeptStates#every()} steps, never from step 0 (unless that is nearest).
     * What comes after it stays known: playing goes on from there, and the student can return.
     */
    public synchronized void seek(long to) {
        if (to < 0 || to > furthest) throw new InvalidParameter("to", Long.toString(to),
                "a whole number from 0 to " + furthest + " (the furthest step this run has reached)");
        playing = false;
        deathPause = null;
        travel(to);
        witness.hush();   // the student went there: no news
        changed();
    }

    /** Puts the run at `to` (at most the furthest step), from a kept state or by going on from where it is. */
    private void travel(long to) {
        Training t = replay.training();
        if (to == t.step()) return;
        if (ahead == null) ahead = List.copyOf(t.events());
        // the state strictly before `to`, so that the update that led to it is known again (the inspector)
        Replay.Kept from = to == 0 ? kept.atOrBefore(0) : kept.before(to);
        if (to < t.step() || from.step() > t.step()) {
            replay.restore(from, ahead);
            witness.truncate(t.events().size());
        }
        while (t.step() < to) {
            computed++;
            if (!replay.advance()) break;
            kept.offer(replay);
            witness.catchUp(t);
        }
        if (t.step() >= furthest) {
            boolean diverged = !ahead.isEmpty() && ahead.get(ahead.size() - 1).kind() == Event.Kind.DIVERGED;
            if (diverged) {   // the furthest step of a diverged run: its next update fails again (the same numbers)
                computed++;
                replay.advance();
            }
            witness.catchUp(t);
            ahead = null;
        }
    }

    /**
     * An intervention at a step before the furthest one: what followed is another run now. The charts
     * forget it, and are recorded again from the kept state before the step (so they are exact there).
     */
    private void cutFuture() {
        Training t = replay.training();
        long at = t.step();
        Replay.Kept from = kept.atOrBefore(at);
        history.keepBefore(from.step(), at);
        replay.restore(from);
        witness.truncate(t.events().size());
        history.record(t);
        while (t.step() < at) {
            computed++;
            if (!replay.advance()) break;
            history.record(t);
            witness.catchUp(t);
        }
        witness.hush();
        furthest = at;
        ahead = null;
    }

    /** Turns pause=death on or off; the link says so. */
    public synchronized void setPauseAtDeath(boolean on) {
        pauseAtDeath = on;
        if (!on) deathPause = null;
        changed();
    }

    /** Draws the input plane over two other inputs; the link says so. */
    public synchronized void setPlane(PlaneAxes axes) {
        plane = run().withPlane(axes).plane();   // validates
        changed();
    }

    public synchronized void setSpeed(int stepsPerSecond) {
        pace.setSpeed(stepsPerSecond);
        changed();
    }

    /** Back to step 0 of the same spec, without interventions. */
    public synchronized void reset() {
        restart(run().spec());
    }

    /** Restarts from step 0 with another spec (the post's "restart with a lower lambda", biases on/off). */
    public synchronized void restart(TrainingSpec spec) {
        playing = false;
        open(run().restarted(spec), false);
    }

    public synchronized void restartWithLr(double lr) {
        restart(run().spec().withLr(lr));
    }

    public synchronized void setBias(boolean on) {
        TrainingSpec s = run().spec();
        restart(new TrainingSpec(s.layers(), s.act(), s.alpha(), on, s.lr(), s.batch(), s.shuffle(), s.seed(), s.init(),
                s.initScale(), s.weights(), s.data(), s.n(), s.noise(), s.centred(), s.dataSeed(), s.opt(), s.redo(), s.shift()));
    }

    /** An intervention at the current step: it goes into the link and acts at once. */
    public synchronized void intervene(Op op) {
        allowance.before(replay.training());
        if (step() < furthest) cutFuture();
        deathPause = null;
        kept.dropFrom(step());   // kept before the intervention: not a state of the run any more
        replay.intervene(op);
        kept.offer(replay);
        history.record(replay.training());
        witness.catchUp(replay.training());
        changed();
    }

    public synchronized void applyLr(double lr) { intervene(Op.lr(step(), lr)); }
    public synchronized void reinitialize() { intervene(Op.reinit(step())); }
    public synchronized void redrawDead() { intervene(Op.redraw(step())); }

    public synchronized void setActivation(Activation act) {
        TrainingSpec s = run().spec();
        intervene(Op.act(step(), act, act == s.act() ? s.alpha() : act.defaultAlpha()));
    }

    /** Focus another neuron: its weight chart is rebuilt from the kept states (no replay: the run is the same). */
    public synchronized void focus(int layer, int neuron) {
        RunSpec focused = run().focus(layer, neuron);   // validates the neuron
        history = history.refocus(layer, neuron, replay.training(), kept.all());
        weight = focused.weight();
        witness.hush();   // the same run, another neuron: nothing new to announce
        changed();
    }

    /** Focus a neuron and mark a step on the charts (what clicking an event or a certificate does). */
    public synchronized void focus(int layer, int neuron, long mark) {
        run().focus(layer, neuron).mark(mark);   // validates both
        focus(layer, neuron);
        replay.mark(mark);
    }

    /** Another weight in the gradient inspector (any weight or bias of the network); the run itself is untouched. */
    public synchronized void selectWeight(WeightRef ref) {
        weight = run().withWeight(ref).weight();   // validates
        changed();
    }

    private void changed() {
        version++;
    }

    // ---- the guided walk ----

    /**
     * Brings the run to where step `to` of the scenario's guided walk leads (0: the walk's start),
     * from wherever it stands: forward by stepping and intervening when the run is on the way there,
     * otherwise by replaying that run from step 0. The teacher's course stays; the run ends paused.
     */
    public synchronized void walkTo(int to) {
        Walks.Walk w = Walks.of(run().scenario());
        if (to < 0 || to > w.size()) throw new IllegalArgumentException("walk step must be from 0 to " + w.size());
        playing = false;
        RunSpec now = run(), target = w.target(to).withCourse(now.course()).withPauseAtDeath(pauseAtDeath).withPlane(plane);   // a teacher's locks and the student's choices stay
        if (onTheWay(now, target)) {
            for (Op op : target.ops().subList(now.ops().size(), target.ops().size())) {
                advance(op.step() - step(), Long.MAX_VALUE, false);
                if (step() != op.step()) break;   // diverged on the way: stay where it stopped
                intervene(op);
            }
            advance(target.at() - step(), Long.MAX_VALUE, false);
            weight = target.weight();
        } else {
            open(target, false);
        }
        changed();
    }

    /** True when the target is this run gone on (same settings, focus and mark, further on, its interventions and more). */
    private static boolean onTheWay(RunSpec now, RunSpec target) {
        return Walks.continues(target, now) && java.util.Objects.equals(now.mark(), target.mark())
                && now.focusLayer() == target.focusLayer() && now.focusNeuron() == target.focusNeuron();
    }

    // ---- reading ----

    public synchronized RunSpec run() {
        return replay.run().focus(history.focusLayer, history.focusNeuron).withWeight(weight).withPauseAtDeath(pauseAtDeath).withPlane(plane);
    }

    private long step() {
        return replay.training().step();
    }

    public synchronized long version() { return version; }
    public boolean playing() { return playing && failure == null; }

    /** Stops it for good (without its lock: whoever holds it may be what failed). */
    public void fail(Failure why) { failure = why; }

    /** Why it stopped for good, or null while it works. */
    public Failure failure() { return failure; }

    /** Training steps computed so far, replays from kept states included. */
    synchronized long stepsComputed() { return computed; }

    /** The spacing of the kept states: a return to any step computes fewer steps than this. */
    synchronized long keptEvery() { return kept.every(); }

    /** How many states are kept. */
    synchronized int keptCount() { return kept.count(); }

    /** About the heap the kept states take (they are bounded: see KeptStates). */
    public synchronized long keptStateBytes() { return kept.bytes(); }

    /** The timeline's facts: the step on screen, the furthest reached, the reach, every event up to the furthest step. */
    public synchronized Timeline timeline() {
        Training t = replay.training();
        return new Timeline(t.step(), furthest, reach(), ahead != null ? ahead : List.copyOf(t.events()), playing ? null : deathPause);
    }

    public void touch(long now) { lastTouched = now; }
    public long lastTouched() { return lastTouched; }

    // ---- for a Pair, which plays its two runs itself, in lockstep (they never play on their own) ----

    /** Advances towards step `target` (fewer steps if the run diverges first); returns the steps taken. */
    synchronized long advanceTo(long target) {
        long done = advance(Math.max(0, target - step()), Long.MAX_VALUE, false);
        if (done > 0) version++;
        return done;
    }

    /** The step on screen. */
    synchronized long at() { return step(); }

    /** False once the run has diverged or reached the last step a link can name. */
    synchronized boolean canAdvance() {
        return !replay.training().diverged() && step() < reach();
    }

    /** Every event so far (at most Training.MAX_EVENTS) and whether any were dropped beyond that. */
    synchronized Events events() {
        Training t = replay.training();
        return new Events(List.copyOf(t.events()), t.droppedEvents() > 0);
    }

    record Events(List<Event> list, boolean incomplete) {}

    /** The status line's facts alone: cheap enough for every frame of every student. */
    public synchronized Pulse pulse() {
        Training t = replay.training();
        return new Pulse(id, version, run(), t.step(), t.epoch(), t.loss(), t.lr(), t.states(), playing, t.diverged(), t.divergedAt(),
                t.events().size() + t.droppedEvents(), playing ? null : deathPause, reach());
    }

    /** An immutable picture of everything a page or a frame shows. */
    public synchronized SimulationState state() {
        Training t = replay.training();
        List<Event> events = t.events();
        int n = t.data().size();
        double[] yHat = n <= SimulationState.MAX_PREDICTIONS ? new double[n] : null;
        double[] focusZ = t.preActivations(history.focusLayer, history.focusNeuron, yHat);
        Dataset data = run().spec().shift() > 0 ? t.data().copyOfTargets() : t.data();   // a moving target's y is overwritten in place at each phase
        return new SimulationState(id, version, run(), t.snapshot(), data, playing, pace.speed(), t.diverged(), t.divergedAt(),
                history.copy(), List.copyOf(events.subList(Math.max(0, events.size() - SimulationState.EVENTS_SHOWN), events.size())),
                events.size() + t.droppedEvents(), focusZ, t.nextSample(), deathStep(t, events), yHat, inspect(t, weight), Evidence.of(t, witness),
                timeline());
    }

    /** The last update of the weight when there is one, else the next; no update once the run has diverged. */
    static Inspection inspect(Training t, WeightRef ref) {
        int batch = t.spec().batch();
        Network net = t.network();
        double now = ref.isBias() ? net.b[ref.layer()][ref.to()] : net.w[ref.layer()][ref.to()][ref.from()];
        if (t.diverged()) return new Inspection(ref, null, false, t.step(), batch, Double.NaN, now, null);
        GradientFactors last = t.explainLast(ref);
        if (last != null) {
            double g = t.lastMeanGradient(ref);
            return new Inspection(ref, last, true, t.step(), batch, g, now, t.optimizerStep(ref, true, g));
        }
        GradientFactors next = t.explain(ref);
        double mean = batch == 1 ? next.gradient()
                : (long) batch * TrainingSpec.weightCount(net.sizes) <= NEXT_MEAN_BUDGET ? t.nextMeanGradient(ref) : Double.NaN;
        return new Inspection(ref, next, false, t.step() + 1, batch, mean, now, Double.isNaN(mean) ? null : t.optimizerStep(ref, false, mean));
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
