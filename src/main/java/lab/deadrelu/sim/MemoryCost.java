package lab.deadrelu.sim;

import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.scenario.RunSpec;

/**
 * What things cost in heap, computed from their spec before they are made, so that the server can
 * refuse what it cannot hold ({@link MemoryBudget}). Every array the engine and a simulation allocate
 * is counted in HotSpot's 64-bit layout with compressed references (heaps under 32 GB): an array has a
 * 16-byte header, an object 12, a reference takes 4 bytes, and every block is rounded up to 8.
 * <p>
 * With sizes s_0 (inputs) .. s_L (the output), n samples, batch b, c = min(128, n) census lanes,
 * H hidden neurons, P = sum s_l s_(l+1) weights and U = sum s_(l+1) units, a lab holds about
 * <pre>
 *   data set    2 n s_0 + n (+ n with a moving target)   doubles   (x by sample, x by input, y; the own y kept aside)
 *   networks    2 (P + U)                            doubles   (the weights and the ones before the step)
 *   SGD         U + P                                doubles   (the gradient)
 *               + 5 U + P at b = 1                             (z, a, f', delta; the undo of a refused update)
 *               + 3 b U + U + up to 2 P at b > 1               (a row per sample, bias copies, transposed weights and sums)
 *               + 2 k (P + U) with momentum (k = 1) or Adam (k = 2)   (their memory: current and next)
 *   census      c (s_0 + 2 U + 2 H) + 2 H            doubles   (forward pass over 128 samples at a time; active and |a| lanes)
 *   history     (1 + 3 hidden layers + widest fan-in + 1) series of 4 x 240 floats and ints   (dead, dormant at two τ)
 *   event log   (2 H + 1 + 64) events, each 3 x (widest hidden fan-in) doubles; grows by blocks as charged
 * </pre>
 * plus the headers of every row (16 bytes each: n rows of x make the data set 16 n bytes larger) and
 * a few kilobytes of objects. MemoryPerSimulationTest (-Ddeadrelu.measure=true) prints measured
 * against estimated; MemoryCostTest checks the count against the arrays of real objects.
 */
public final class MemoryCost {
    private MemoryCost() {}

    /** Bytes of a reference, and of an object's and an array's header (compressed references). */
    static final int REF = 4, OBJECT = 12, ARRAY = 16;
    /** Events the log may take beyond one step's worth before it asks for more (see {@link EventAllowance}). */
    static final int EVENT_BLOCK = 64;
    /** Event (step, layer, neuron, kind, by, cause) and Event.Update (lr, three arrays, three doubles), as objects. */
    static final int EVENT = 40, UPDATE = 56;
    /** The witness keeps its last 64 events with their facts (a few levers each). */
    static final long WITNESS = Witness.KEPT * 320L;
    /** Interventions a student may add to a run (each an Op and its slot in the list). */
    static final long OPS = RunSpec.MAX_OPS * 48L;
    /** The simulation, its replay, link, pace and the rest: small objects of a fixed size. */
    static final long FIXED = 4_096;
    /**
     * Kept states of a run (checkpoints for a timeline): none yet. A buffer of them would cost
     * KEPT_STATES x {@link #state} and belongs in {@link #simulationParts} as its own part.
     */
    static final int KEPT_STATES = 0;

    // ---- JVM layout ----

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    static long doubles(long count) {
        return align(ARRAY + 8 * count);
    }

    /** An int[], float[] or reference array of `count`. */
    static long words(long count) {
        return align(ARRAY + 4 * count);
    }

    /** double[rows][cols]. */
    static long matrix(long rows, long cols) {
        return words(rows) + rows * doubles(cols);
    }

    // ---- the engine ----

    /** The parts of a lab, for the measurement's print-out and the README's table; {@link Parts#total()} is the charge. */
    public record Parts(long data, long networks, long sgd, long census, long history, long events, long keptStates, long other) {
        public long total() {
            return data + networks + sgd + census + history + events + keptStates + other;
        }
    }

    /** What a lab of this link holds, idle, with room for its next step's events: what opening it is charged. */
    public static long simulation(RunSpec run) {
        return simulationParts(run).total();
    }

    public static Parts simulationParts(RunSpec run) {
        TrainingSpec s = run.spec();
        int[] z = s.layers();
        long series = 1 + 3 * (z.length - 2) + widestHiddenFanIn(s) + 1;   // loss, dead and dormant (two τ) per layer, the focused neuron's weights and bias
        long history = series * (OBJECT + 44 + 4 * words(Simulation.HISTORY));
        return new Parts(dataset(s), 2 * network(s), sgd(s), census(s), history, eventsReserved(s) * eventBytes(s), keptStates(s),
                spec(s) + WITNESS + OPS + FIXED);
    }

    /** The engine's arrays for one run of the spec: data set, network and its copy, SGD and census buffers (no event log). */
    public static long training(TrainingSpec s) {
        int[] z = s.layers();
        long states = words(z.length - 2);
        for (int h = 1; h < z.length - 1; h++) states += words(z[h]);   // the states seen after the last step
        return dataset(s) + 2 * network(s) + sgd(s) + census(s) + states + spec(s) + 96;
    }

    static long dataset(TrainingSpec s) {
        int n = s.n(), d = s.layers()[0];
        return OBJECT + 12 + matrix(n, d) + doubles(n) + matrix(d, n)   // x[s][j], y[s], columns[j][s]
                + (s.shift() > 0 ? doubles(n) : 0);                    // a moving target: the data set's own y, kept by Training
    }

    static long network(TrainingSpec s) {
        int[] z = s.layers();
        return 32 + words(z.length) + weights(z) + units(z);   // w[l][i][j], b[l][i]
    }

    /** One copy of the parameters, and the optimizer's memory of them: what a kept state would hold. */
    public static long state(TrainingSpec s) {
        return (1 + momentsPerParameter(s)) * (weights(s.layers()) + units(s.layers()));
    }

    /** Numbers momentum (1: v) or Adam (2: m and v) keeps per parameter; 0 for plain SGD. */
    static int momentsPerParameter(TrainingSpec s) {
        return switch (s.opt().kind()) {
            case SGD -> 0;
            case MOMENTUM -> 1;
            case ADAM -> 2;
        };
    }

    public static long keptStates(TrainingSpec s) {
        return KEPT_STATES * state(s);
    }

    /** double[l][to][from] of every layer. */
    static long weights(int[] z) {
        long bytes = words(z.length - 1);
        for (int l = 0; l + 1 < z.length; l++) bytes += matrix(z[l + 1], z[l]);
        return bytes;
    }

    /** double[l][unit] of layers 1..L. */
    static long units(int[] z) {
        long bytes = words(z.length - 1);
        for (int l = 1; l < z.length; l++) bytes += doubles(z[l]);
        return bytes;
    }

    /** Sgd's buffers (see its fields, and those of PerSampleSgd or MiniBatchSgd). */
    static long sgd(TrainingSpec s) {
        int[] z = s.layers();
        int layers = z.length - 1, b = s.batch(), widest = 0;
        long u = units(z), w = weights(z);
        long bytes = 56 + w + u + words(b);                   // Sgd: grad, gradB, batchIndex
        if (b == 1) {
            bytes += 40 + 5 * u + w;                          // PerSampleSgd: z, a, f', delta, bOld; wOld (the undo of a refused update)
        } else {
            bytes += 64;                                      // MiniBatchSgd
            long rows = 0;                                    // one row per sample of the batch: zB, dB, aB
            for (int l = 0; l < layers; l++) rows += words(b) + b * doubles(z[l + 1]);
            bytes += 3 * (words(layers) + rows) + words(layers + 1) + words(b);
            bytes += words(layers);                           // wT: the weights by column
            for (int l = 0; l < layers; l++) bytes += matrix(z[l], z[l + 1]);
            bytes += words(layers);                           // gT: gradient sums by column where a layer widens
            for (int l = 0; l < layers; l++) if (z[l] < z[l + 1]) bytes += matrix(z[l], z[l + 1]);
            bytes += u;                                       // bBefore
            for (int l = 0; l < layers; l++) widest = Math.max(widest, Math.max(z[l], z[l + 1]));
            bytes += 2 * doubles(b) + 2 * doubles(widest);    // coef, ones, nonFinite, zeros
        }
        if (s.shuffle()) bytes += words(s.n());               // the epoch's order
        int moments = momentsPerParameter(s);                 // Moments: current and next, shaped like the parameters
        if (moments > 0) bytes += 128 + 2 * moments * (weights(z) + units(z));   // and the object, the census's reach
        return bytes;
    }

    /** Census's buffers: a forward pass over c = min(128, n) samples at a time, and per hidden neuron its active lanes. */
    static long census(TrainingSpec s) {
        int[] z = s.layers();
        int layers = z.length - 1, c = Math.min(128, s.n());
        long bytes = 56 + 16 + words(layers + 1) + matrix(z[0], c) + words(layers) + doubles(c) + 6 * words(layers - 1) + doubles(z[0]);   // and its Dormancy
        for (int l = 1; l <= layers; l++) bytes += 2 * matrix(z[l], c);                       // a and z
        for (int h = 1; h < layers; h++) bytes += words(z[h]) + 2 * matrix(z[h], c) + words(z[h]) + 2 * doubles(z[h]);   // counts, lanes (active, |a|), states, mean |a|, scores
        return bytes;
    }

    static long spec(TrainingSpec s) {
        return 96 + 56 + words(s.layers().length) + (s.weights().length == 0 ? 0 : doubles(s.weights().length));   // and its Optimizer
    }

    // ---- the event log ----

    /**
     * One event at its largest: a death by an update carries the neuron's gradient and weights before and
     * after (three arrays of its fan-in), plus the list's slot (which grows by half when full).
     */
    public static long eventBytes(TrainingSpec s) {
        return EVENT + UPDATE + 3 * doubles(widestHiddenFanIn(s)) + 3 * REF / 2 + 2;
    }

    /** What one recorded event holds: itself and its slot in the log, and the update it carries, if any. */
    public static long eventBytes(Event e) {
        Event.Update u = e.cause();
        return EVENT + 3 * REF / 2 + 2 + (u == null ? 0 : UPDATE + 3 * doubles(u.gradient().length));
    }

    /** The most events one step records: each hidden neuron dies (or revives) and becomes permanent, and the run diverges. */
    public static int eventsPerStep(TrainingSpec s) {
        // an update: a death or revival and a proof of permanence per neuron, and a divergence; with ReDo
        // after it, per neuron a recycling and again what the new weights change
        return 2 * hiddenNeurons(s) + 1 + (s.redo().on() ? 3 * hiddenNeurons(s) : 0);
    }

    /** Events a lab is charged for when it opens: one step's worth and a block (more are charged as the log grows). */
    public static int eventsReserved(TrainingSpec s) {
        return Math.min(Training.MAX_EVENTS, eventsPerStep(s) + EVENT_BLOCK);
    }

    /** The most events playing `run` for `steps` steps can record: at step 0, every step, every intervention. */
    public static long eventsWithin(RunSpec run, long steps) {
        long h = hiddenNeurons(run.spec());
        long redo = run.ops().stream().filter(o -> o.kind() == lab.deadrelu.scenario.Op.Kind.REDO).count();
        long bound = 2 * h + Math.max(0, steps) * eventsPerStep(run.spec()) + run.ops().size() * 2 * h + redo * h;   // a recycling per neuron
        return Math.min(Training.MAX_EVENTS, bound);
    }

    // ---- runs outside the lab ----

    /** Playing a link for `steps` steps with its whole event log (an experiment's run, the API's run). */
    public static long run(RunSpec run, long steps) {
        return training(run.spec()) + eventsWithin(run, steps) * eventBytes(run.spec()) + 2_048;
    }

    /** GET /api/runs while it streams: the run, one snapshot at a time, and the JSON writer's buffers. */
    public static long apiRun(RunSpec run, long steps) {
        return run(run, steps) + 2 * state(run.spec()) + 64 * 1024;
    }

    /**
     * A sweep while it runs: a slot per run for its outcome, and `concurrent` runs at once, each at most
     * `perRun` ({@link #run} of its largest network).
     */
    public static long sweepWorking(long runs, int concurrent, long perRun) {
        return words(runs) + runs * 56 + Math.min(runs, concurrent) * perRun;
    }

    /** A finished sweep: a point per curve and x, each with its statistics and a link to one of its runs. */
    public static long sweepResult(int curves, int points, int linkLength) {
        return 1_024 + (long) curves * points * (600 + 2L * linkLength);
    }

    /** One thread's born-dead trial: the grid's coordinates, the weights and two activation buffers per point. */
    public static long bornDeadTrial(int width, int depth, int inputs, int gridPoints) {
        int points = gridPoints + 1, widest = Math.max(width, inputs);
        long w = words(depth) + (long) depth * words(width) + (long) width * (doubles(inputs) + (depth - 1L) * doubles(width));
        return 256 + matrix(inputs, points) + w + matrix(depth, width) + 2 * matrix(widest, 6) + 2 * matrix(widest, points)
                + gridPoints * 96L;   // the grid's points are listed (and merged by ray) when the trial is set up
    }

    /** A born-dead experiment while it runs: two counts per depth for each task, `concurrent` trials at once. */
    public static long bornDeadWorking(int tasks, int depth, int concurrent, long perTrial) {
        return 2 * words(tasks) + 2L * tasks * align(ARRAY + 8L * (depth + 1)) + Math.min(tasks, concurrent) * perTrial;
    }

    /** A finished born-dead experiment: a row per width and depth. */
    public static long bornDeadResult(int rows) {
        return 1_024 + rows * 192L;
    }

    // ---- shapes ----

    static int hiddenNeurons(TrainingSpec s) {
        int h = 0;
        for (int l = 1; l < s.layers().length - 1; l++) h += s.layers()[l];
        return h;
    }

    /** The largest number of inputs a hidden neuron has. */
    static int widestHiddenFanIn(TrainingSpec s) {
        int widest = 0;
        for (int l = 0; l < s.layers().length - 2; l++) widest = Math.max(widest, s.layers()[l]);
        return widest;
    }
}
