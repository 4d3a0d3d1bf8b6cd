package lab.deadrelu.experiment;

import lab.deadrelu.sim.MemoryCost;

/**
 * A born-dead experiment as work for the pool: for each width, its trials cut into chunks of
 * {@link #CHUNK}; every chunk counts into its own arrays, summed per width at the end (whole
 * numbers: the same in any order).
 */
public final class BornDeadWork implements Work<BornDeadResult> {
    static final int CHUNK = 2_000;

    private final BornDeadSpec spec;
    private final int chunks;
    /** deadAt[task][d], constant[task][d]: trials of the task's chunk dead at x / constant up to depth d. */
    private final long[][] deadAt, constant;

    public BornDeadWork(BornDeadSpec spec) {
        this.spec = spec;
        this.chunks = (spec.trials() + CHUNK - 1) / CHUNK;
        int tasks = chunks * spec.widths().size();
        deadAt = new long[tasks][];
        constant = new long[tasks][];
    }

    @Override
    public int tasks() {
        return deadAt.length;
    }

    @Override
    public long units() {
        return (long) spec.trials() * spec.widths().size();
    }

    @Override
    public Cost cost() {
        return spec.cost();
    }

    @Override
    public void run(int index, Meter meter) {
        int width = spec.widths().get(index / chunks);
        long from = (long) (index % chunks) * CHUNK, to = Math.min(spec.trials(), from + CHUNK);
        BornDead.Trial trial = new BornDead.Trial(width, spec.depth(), spec.inputs(), spec.domain(), spec.init(), spec.bias());
        long[] d = new long[spec.depth() + 1], c = new long[spec.depth() + 1];
        BornDead.trials(trial, spec.seed(), from, to, d, c, meter);
        deadAt[index] = d;
        constant[index] = c;
    }

    @Override
    public BornDeadResult result() {
        int widths = spec.widths().size();
        long[][] d = new long[widths][spec.depth() + 1], c = new long[widths][spec.depth() + 1];
        for (int task = 0; task < deadAt.length; task++) {
            int w = task / chunks;
            for (int k = 0; k <= spec.depth(); k++) {
                d[w][k] += deadAt[task][k];
                c[w][k] += constant[task][k];
            }
        }
        return BornDeadResult.of(spec, d, c);
    }

    /** Two counts per depth for each task, and as many trials at once as there are threads, each of the widest network. */
    @Override
    public long workingBytes(int threads) {
        long perTrial = 0;
        for (int width : spec.widths())
            perTrial = Math.max(perTrial, MemoryCost.bornDeadTrial(width, spec.depth(), spec.inputs(), (int) spec.gridPoints()));
        return MemoryCost.bornDeadWorking(deadAt.length, spec.depth(), threads, perTrial);
    }

    @Override
    public long resultBytes() {
        return MemoryCost.bornDeadResult(spec.widths().size() * spec.depth());
    }

    /** The whole experiment on the calling thread (tests, the command line). */
    public static BornDeadResult runHere(BornDeadSpec spec) {
        BornDeadWork work = new BornDeadWork(spec);
        for (int i = 0; i < work.tasks(); i++) work.run(i, null);
        return work.result();
    }
}
