package lab.deadrelu.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Census;
import lab.deadrelu.engine.Dataset;
import lab.deadrelu.engine.Initializer;
import lab.deadrelu.engine.Network;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.Sgd;
import lab.deadrelu.engine.Target;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.sim.Ticker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the engine on one thread (the calling one) with the three workloads of the README's Benchmark
 * section, and prints one line per workload:
 * <pre>
 * W1 sample_updates_per_s=...   3-2-2-1 with biases, ReLU, per-sample SGD, lr 0.01, 64 samples
 * W2 sample_updates_per_s=...   3-32-32-32-1 with biases, ReLU, mini-batch 10, lr 0.01, 512 samples
 * W3 census_passes_per_s=...    a census of W2's 96 hidden neurons over its 512 samples
 * W2adam sample_updates_per_s=... W2 under Adam (defaults), and its ratio to W2
 * </pre>
 * then comment lines (starting with '#') with the final losses and the setup. Inputs are uniform
 * in [0,1)^3, y = sin(3 x1) + x2 x3, He-normal weights. Each workload first runs for about the
 * measured time to warm the JIT up; rates are per second of the thread's CPU time. A workload whose loss ends non-finite measured a diverged
 * run, which means nothing: the command then says so and exits with 1.
 */
@Command(name = "bench",
        description = "Measures the engine's speed on one thread (workloads W1, W2, W3, defined in the README).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--seconds", defaultValue = "3", paramLabel = "S",
            description = "Measured seconds per workload, after a warm-up of the same length (default: ${DEFAULT-VALUE}).")
    double seconds = 3;

    static final double LR = 0.01;
    static final long SEED = 1, DATA_SEED = 1;

    /** One workload: `run(k)` does k units of work (steps or census passes) and returns false if the run diverged. */
    private interface Work {
        boolean run(int units);
    }

    /** Units of work per second of this thread's CPU time and per second of wall time. */
    private record Rate(double perSecond, double perWallSecond, boolean diverged) {}


    @Override
    public Integer call() {
        if (!(seconds > 0 && seconds <= 3600)) throw new CommandLine.ParameterException(
                new CommandLine(this), "--seconds must be a number in (0, 3600], got " + seconds);

        TrainingSpec w1 = spec(new int[] {3, 2, 2, 1}, 1, 64);
        TrainingSpec w2 = spec(new int[] {3, 32, 32, 32, 1}, 10, 512);

        // W1: per-sample SGD on the article's network
        Dataset data1 = w1.dataset();
        Network net1 = w1.initialNetwork();
        Sgd sgd1 = new Sgd(net1, data1, 1, false, w1.seed());
        long[] step1 = {0};
        Rate r1 = measure(k -> train(sgd1, step1, k), 4096);
        System.out.println("W1 sample_updates_per_s=" + Math.round(r1.perSecond()));

        // W2: mini-batch SGD on the deep network
        Dataset data2 = w2.dataset();
        Network net2 = w2.initialNetwork();
        Sgd sgd2 = new Sgd(net2, data2, 10, false, w2.seed());
        long[] step2 = {0};
        Rate r2 = measure(k -> train(sgd2, step2, k), 64);
        System.out.println("W2 sample_updates_per_s=" + Math.round(r2.perSecond() * w2.batch()));

        // W3: census of W2's hidden neurons, under the weights W2 trained
        Census census = new Census(net2, data2);
        Rate r3 = measure(k -> {
            for (int i = 0; i < k; i++) census.count(net2);
            return true;
        }, 16);
        System.out.println("W3 census_passes_per_s=" + Math.round(r3.perSecond()));

        // W2 under Adam: the same network and batches, the optimizer's memory on top
        Network net4 = w2.initialNetwork();
        Sgd sgd4 = new Sgd(net4, data2, 10, false, w2.seed(), Optimizer.withDefaults(Optimizer.Kind.ADAM));
        long[] step4 = {0};
        Rate r4 = measure(k -> train(sgd4, step4, k), 64);
        System.out.printf(Locale.ROOT, "W2adam sample_updates_per_s=%d ratio_to_W2=%.2f%n", Math.round(r4.perSecond() * w2.batch()),
                r4.perSecond() / r2.perSecond());

        Census check1 = new Census(net1, data1);
        check1.count(net1);
        double loss1 = check1.loss(), loss2 = census.loss();
        boolean finite = Double.isFinite(loss1) && Double.isFinite(loss2) && !r1.diverged() && !r2.diverged() && !r4.diverged();
        System.out.printf(Locale.ROOT, "# W1 %s after %d steps: loss %.6g; W2 %s after %d steps: loss %.6g, %d of %d hidden neurons dead%n",
                w1.shape(), step1[0], loss1, w2.shape(), step2[0], loss2, census.deadTotal(), net2.hiddenNeurons());
        System.out.println(finite ? "# losses finite: the runs did not diverge, the rates are meaningful"
                : "# A RUN DIVERGED (non-finite loss): these rates measure nothing useful");
        System.out.printf(Locale.ROOT, "# per second of wall time (lower if other processes shared the core): W1 %d, W2 %d, W3 %d%n",
                Math.round(r1.perWallSecond()), Math.round(r2.perWallSecond() * w2.batch()), Math.round(r3.perWallSecond()));
        System.out.printf(Locale.ROOT, "# one thread, %.3g s of %s measured per workload after an equal warm-up; lr %s, He init, inputs U[0,1)^3, y = %s; %s %s%n",
                seconds, Ticker.measuresCpu() ? "its CPU time" : "wall time (no thread CPU clock here)", LR, Target.SIN.formula, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        return finite ? 0 : 1;
    }

    private static TrainingSpec spec(int[] layers, int batch, int n) {
        return new TrainingSpec(layers, Activation.RELU, 0.01, true, LR, batch, false, SEED, Initializer.HE, 1.0,
                new double[0], Target.SIN, n, 0.0, false, DATA_SEED);
    }

    /** k SGD steps, counting on from step[0]; false as soon as a step is refused (divergence). */
    private static boolean train(Sgd sgd, long[] step, int k) {
        for (int i = 0; i < k; i++) {
            if (!sgd.step(step[0], LR)) return false;
            step[0]++;
        }
        return true;
    }

    /**
     * Warm-up for `seconds`, then counts units of work done in the next `seconds` of this thread's
     * CPU time, in slices of `slice`. CPU time rather than wall time: on a shared machine other
     * processes take turns on the core, which would count against the engine (the wall-clock rate is
     * reported too, on a comment line).
     */
    private Rate measure(Work work, int slice) {
        long budget = (long) (seconds * 1e9);
        if (runFor(work, slice, budget) < 0) return new Rate(0, 0, true);
        long cpu0 = Ticker.cpuNanos(), wall0 = System.nanoTime();
        long units = runFor(work, slice, budget);
        long cpu = Ticker.cpuNanos() - cpu0, wall = System.nanoTime() - wall0;
        if (units < 0) return new Rate(0, 0, true);
        return new Rate(units * 1e9 / cpu, units * 1e9 / wall, false);
    }

    /** Units of work done before `nanos` of CPU time passed, or -1 on divergence. */
    private static long runFor(Work work, int slice, long nanos) {
        long start = Ticker.cpuNanos(), units = 0;
        do {
            if (!work.run(slice)) return -1;
            units += slice;
        } while (Ticker.cpuNanos() - start < nanos);
        return units;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
