package lab.deadrelu.experiment;

import lab.deadrelu.sim.MemoryCost;

/**
 * A sweep as work for the pool: one task per run, run `(curve * points + point) * seeds + k` playing
 * {@link SweepSpec#run(int, int, int)} with {@link RunOutcome#play}, the very Replay the lab uses,
 * without snapshots. Runs share nothing, so running them on any number of threads in any order
 * gives the numbers of running them one by one.
 */
public final class Sweep implements Work<SweepResult> {
    private final SweepSpec spec;
    private final RunOutcome[] outcomes;

    public Sweep(SweepSpec spec) {
        this.spec = spec;
        if (spec.runs() > Integer.MAX_VALUE) throw new IllegalArgumentException("too many runs: " + spec.runs());
        this.outcomes = new RunOutcome[(int) spec.runs()];
    }

    public SweepSpec spec() {
        return spec;
    }

    /** Every run's outcome so far (null where not run yet), in task order. */
    RunOutcome[] outcomes() {
        return outcomes.clone();
    }

    @Override
    public int tasks() {
        return outcomes.length;
    }

    @Override
    public long units() {
        return (long) outcomes.length * spec.steps();
    }

    @Override
    public Cost cost() {
        return spec.cost();
    }

    @Override
    public void run(int index, Meter meter) {
        int seeds = spec.seeds(), points = spec.points();
        int k = index % seeds, p = (index / seeds) % points, c = index / seeds / points;
        outcomes[index] = RunOutcome.play(spec.run(c, p, k), spec.steps(), meter);
    }

    @Override
    public SweepResult result() {
        return SweepResult.of(spec, outcomes);
    }

    /** A slot per run, and as many runs at once as there are threads, each as large as the sweep's largest network. */
    @Override
    public long workingBytes(int threads) {
        long perRun = 0;
        for (int c = 0; c < spec.curves(); c++)
            for (int p = 0; p < spec.points(); p++) perRun = Math.max(perRun, MemoryCost.run(spec.run(c, p, 0), spec.steps()));
        return MemoryCost.sweepWorking(outcomes.length, threads, perRun);
    }

    @Override
    public long resultBytes() {
        return MemoryCost.sweepResult(spec.curves(), spec.points(), spec.base().toQuery().length());
    }

    /** The whole sweep on the calling thread, one run after another (for tests and the command line). */
    public static SweepResult runHere(SweepSpec spec) {
        Sweep sweep = new Sweep(spec);
        Meter none = new Meter() {
            @Override
            public void add(long units) { }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        for (int i = 0; i < sweep.tasks(); i++) sweep.run(i, none);
        return sweep.result();
    }
}
