package lab.deadrelu.cli;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import lab.deadrelu.experiment.BornDeadResult;
import lab.deadrelu.experiment.BornDeadSpec;
import lab.deadrelu.experiment.BornDeadWork;
import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.experiment.SweepResult;
import lab.deadrelu.experiment.SweepSpec;
import lab.deadrelu.experiment.Sweep;
import lab.deadrelu.experiment.Work;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the two experiments on the worker pool the server uses (one thread per core), in
 * wall-clock seconds from submission to result, each on a fresh pool with an empty cache:
 * <pre>
 * sweep_seconds=...       10 lambdas x 100 seeds x 2,000 steps on the post's 3-2-2-1 network (case 2)
 * born_dead_seconds=...   depth 10, width 4, 100,000 trials, one input, He, no biases
 * </pre>
 * The first run of each includes the JIT's warm-up (as a freshly started server would see it);
 * the figure on the line is the best of the runs; comment lines give every run (wall clock and the
 * process's CPU time, which other processes on a shared machine do not inflate), a number from each
 * result (so the work is seen to be done) and the machine's load.
 */
@Command(name = "bench-experiments",
        description = "Times a 10 x 100 x 2,000-step sweep and a 100,000-trial born-dead estimate on the experiments' worker pool.")
public final class BenchExperimentsCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "Runs of each experiment (default: ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: one per core, as the server).")
    Integer threads;

    static final String SWEEP = "scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=100&steps=2000";
    static final String BORN_DEAD = "width=4&depth=10&inputs=1&domain=1&init=he&bias=0&trials=100000&seed=1";

    @Override
    public Integer call() throws InterruptedException {
        if (runs < 1 || runs > 100) throw new CommandLine.ParameterException(command.commandLine(), "--runs must be 1..100, got " + runs);
        int t = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        if (t < 1 || t > 256) throw new CommandLine.ParameterException(command.commandLine(), "--threads must be 1..256, got " + t);

        SweepSpec sweep = SweepSpec.parse(query(SWEEP), Set.of());
        BornDeadSpec bornDead = BornDeadSpec.parse(query(BORN_DEAD), true, Set.of());

        double[] sweepSeconds = new double[runs], bornSeconds = new double[runs], sweepCpu = new double[runs], bornCpu = new double[runs];
        SweepResult sweepResult = null;
        BornDeadResult bornResult = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime(), cpu = processCpu();
            sweepResult = (SweepResult) time(t, sweep.key(), () -> new Sweep(sweep));
            sweepSeconds[i] = (System.nanoTime() - start) / 1e9;
            sweepCpu[i] = (processCpu() - cpu) / 1e9;
        }
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime(), cpu = processCpu();
            bornResult = (BornDeadResult) time(t, bornDead.key(), () -> new BornDeadWork(bornDead));
            bornSeconds[i] = (System.nanoTime() - start) / 1e9;
            bornCpu[i] = (processCpu() - cpu) / 1e9;
        }
        System.out.printf(Locale.ROOT, "sweep_seconds=%.3f%n", min(sweepSeconds));
        System.out.printf(Locale.ROOT, "born_dead_seconds=%.3f%n", min(bornSeconds));
        SweepResult.Point last = sweepResult.curves().get(0).points().get(sweep.points() - 1);
        BornDeadResult.Row row = bornResult.row(4, 10);
        System.out.printf(Locale.ROOT, "# sweep %s: %,d runs, %,d steps; every run: %s s (the first warms the JIT up)%n", SWEEP, sweep.runs(),
                sweep.runs() * sweep.steps(), list(sweepSeconds));
        System.out.printf(Locale.ROOT, "#   CPU seconds of the whole process per run (all threads, JIT and GC included): %s%n", list(sweepCpu));
        System.out.printf(Locale.ROOT, "#   at lr = %s a neuron died in %d of %d runs%n", last.x(), last.died().count(), last.died().of());
        System.out.printf(Locale.ROOT, "# born dead %s: every run: %s s%n", BORN_DEAD, list(bornSeconds));
        System.out.printf(Locale.ROOT, "#   CPU seconds of the whole process per run: %s%n", list(bornCpu));
        System.out.printf(Locale.ROOT, "#   pDeadAtPoint %.4f (theory %.4f), pConstant %.4f%n", row.pDeadAtPoint(), row.theoryDeadAtPoint(), row.pConstant());
        System.out.printf(Locale.ROOT, "# %d worker threads, %d cores, load average %.2f; %s %s%n", t, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        return 0;
    }

    /** Submits to a fresh pool (no cache) and waits for the result. */
    private static Object time(int threads, String key, Supplier<? extends Work<?>> work) throws InterruptedException {
        try (Jobs jobs = new Jobs(threads, 1, 1)) {
            Jobs.Job job = jobs.submit(key, "bench", work).job();
            job.await(Long.MAX_VALUE);
            if (job.state() != Jobs.State.DONE) throw new IllegalStateException("the experiment ended " + job.state());
            return job.result();
        }
    }

    /** CPU time of this process in ns (all threads), or -1 where the JVM cannot tell. */
    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private static Map<String, List<String>> query(String q) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), List.of(part.substring(eq + 1)));
        }
        return m;
    }

    private static double min(double[] v) {
        double m = Double.MAX_VALUE;
        for (double d : v) m = Math.min(m, d);
        return m;
    }

    private static String list(double[] v) {
        StringBuilder s = new StringBuilder();
        for (double d : v) s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", d));
        return s.toString();
    }
}
