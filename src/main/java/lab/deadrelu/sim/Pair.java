package lab.deadrelu.sim;

import java.util.Arrays;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.scenario.RunSpec;

/**
 * Two runs compared side by side with one set of controls. Both simulations are registered in the
 * Registry under the same owner, but neither ever plays on its own: the pair plays them, advancing
 * both to the same step in small chunks, so they always show the same step (a run that diverged
 * stays at its last finite step while the other goes on). Methods lock the pair, then a simulation:
 * always in that order, so the ticker and request threads cannot deadlock.
 */
public final class Pair {
    /** Steps one run may get ahead of the other within a tick, before the other catches up. */
    static final int CHUNK = 64;

    public final String id;
    public final String owner;
    /** Whatever the opener needs to show it again (the web layer keeps the page's language here); may be null. */
    /** The page it was opened from, for writing its frames. */
    public final Viewer viewer;
    public final Simulation a, b;
    /** Volatile, and read without the lock: the ticker must never wait on a pair that a request is busy with. */
    private volatile boolean playing;
    private final Pace pace = new Pace();
    private long version;
    /** Set once stepping or rendering it threw (see {@link Ticker}): it never plays again; its link opens it afresh. */
    private volatile Failure failure;

    Pair(String id, Simulation a, Simulation b, Viewer viewer) {
        if (!a.owner.equals(b.owner)) throw new IllegalArgumentException("a pair's runs belong to one browser");
        this.id = id;
        this.owner = a.owner;
        this.a = a;
        this.b = b;
        this.viewer = viewer;
    }

    /** Playing as fast as the engine goes (read without the lock: the ticker must not wait on a request). */
    boolean fullSpeed() {
        return pace.fullSpeed();
    }

    /** Called by the ticker: plays `seconds` worth of steps of both runs, within the time budget. True if anything changed. */
    synchronized boolean tick(double seconds, long deadline) {
        return tick(seconds, seconds, deadline);
    }

    /** The same, for a ticker that comes every `period` seconds (see {@link Pace#stepsFor(double, double)}). */
    synchronized boolean tick(double seconds, double period, long deadline) {
        if (!playing || failure != null) return false;
        long steps = pace.stepsFor(seconds, period);
        if (steps == 0) return false;
        lastAdvanced = 0;
        lockstep(steps, deadline);
        version++;
        return true;
    }

    /** Steps both runs advanced in the last {@link #tick} (for the metrics). */
    private long lastAdvanced;

    synchronized long lastAdvanced() { return lastAdvanced; }

    /** Both runs up to `steps` further, never more than a chunk apart, until `deadline` (System.nanoTime). */
    private void lockstep(long steps, long deadline) {
        long target = Math.min(RunSpec.MAX_STEP, step() + steps);
        while (true) {
            long now = step();
            if (now >= target) break;
            long to = Math.min(target, now + CHUNK);
            long moved = a.advanceTo(to) + b.advanceTo(to);
            lastAdvanced += moved;
            if (moved == 0 || System.nanoTime() > deadline) break;
        }
        if (!a.canAdvance() && !b.canAdvance()) playing = false;
    }

    /** The pair's step: the step both runs are at (a diverged run stays behind, at its last finite step). */
    private long step() {
        return Math.max(a.at(), b.at());
    }

    // ---- controls ----

    public synchronized void play() {
        playing = a.canAdvance() || b.canAdvance();
        pace.restart();
        version++;
    }

    public synchronized void pause() {
        playing = false;
        version++;
    }

    public synchronized void stepOnce() {
        playing = false;
        lockstep(1, Long.MAX_VALUE);
        version++;
    }

    /** One epoch of the run with the longer epoch: every sample of each run is used at least once more. */
    public synchronized void stepEpoch() {
        playing = false;
        lockstep(Math.max(epochSteps(a.run().spec()), epochSteps(b.run().spec())), Long.MAX_VALUE);
        version++;
    }

    private static long epochSteps(TrainingSpec s) {
        return (s.n() + s.batch() - 1) / s.batch();
    }

    public synchronized void setSpeed(int stepsPerSecond) {
        pace.setSpeed(stepsPerSecond);
        version++;
    }

    /** Both runs back to step 0 of their specs, without interventions. */
    public synchronized void reset() {
        playing = false;
        a.reset();
        b.reset();
        version++;
    }

    // ---- reading ----

    public boolean playing() { return playing && failure == null; }

    /** Stops it for good (without its lock: whoever holds it may be what failed). */
    public void fail(Failure why) { failure = why; }

    /** Why it stopped for good, or null while it works. */
    public Failure failure() { return failure; }

    public synchronized long version() { return version; }

    public RunSpec runA() { return a.run(); }

    public RunSpec runB() { return b.run(); }

    public void touch(long now) {
        a.touch(now);
        b.touch(now);
    }

    public synchronized PairState state() {
        SimulationState sa = a.state(), sb = b.state();
        Simulation.Events ea = a.events(), eb = b.events();
        int ha = sa.run().spec().hiddenLayers(), hb = sb.run().spec().hiddenLayers();
        return new PairState(id, version, playing, pace.speed(), sa, sb, FirstDifference.of(ea, eb, ha, hb),
                deadSince(ea, sa.run().spec()), deadSince(eb, sb.run().spec()));
    }

    /** Per hidden neuron, the step it last became dead, or -1 while it is alive (as its events tell). */
    static long[][] deadSince(Simulation.Events events, TrainingSpec spec) {
        int[] layers = spec.layers();
        long[][] since = new long[spec.hiddenLayers()][];
        for (int h = 0; h < since.length; h++) {
            since[h] = new long[layers[h + 1]];
            Arrays.fill(since[h], -1);
        }
        for (Event e : events.list()) {
            if (e.layer() < 0 || e.layer() >= since.length || e.neuron() >= since[e.layer()].length) continue;
            switch (e.kind()) {
                case BORN_DEAD, DIED -> { if (since[e.layer()][e.neuron()] < 0) since[e.layer()][e.neuron()] = e.step(); }
                case REVIVED -> since[e.layer()][e.neuron()] = -1;
                default -> { }
            }
        }
        return since;
    }
}
