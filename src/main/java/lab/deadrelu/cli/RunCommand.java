package lab.deadrelu.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import lab.deadrelu.scenario.RunReport;
import lab.deadrelu.scenario.RunReportJson;
import lab.deadrelu.scenario.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `run`: plays a scenario (with any spec parameter overridden) and prints it, as a summary or as JSON. */
@Command(name = "run", description = "Run a scenario and print it (a summary, or JSON with --json).")
public final class RunCommand implements Callable<Integer> {

    @Spec CommandSpec command;

    @Option(names = "--scenario", defaultValue = "case-1", description = "case-1, case-2, inactive-not-dead, leaky-rescues-case-2, deep-net-works-anyway, healthy, plane-case-1, plane-case-2, moving-target")
    String scenario;
    @Option(names = "--layers", description = "e.g. 3-2-2-1") String layers;
    @Option(names = "--act", description = "relu, leaky or elu") String act;
    @Option(names = "--alpha", description = "slope of Leaky ReLU / scale of ELU") String alpha;
    @Option(names = "--lr", description = "step size lambda") String lr;
    @Option(names = "--opt", description = "optimizer: sgd (default), momentum or adam") String opt;
    @Option(names = "--beta", description = "momentum's beta, [0, 1), default 0.9") String beta;
    @Option(names = "--beta1", description = "Adam's beta1, [0, 1), default 0.9") String beta1;
    @Option(names = "--beta2", description = "Adam's beta2, [0, 1), default 0.999") String beta2;
    @Option(names = "--eps", description = "Adam's epsilon, (0, 1], default 1e-8") String eps;
    @Option(names = "--bias", description = "true or false") String bias;
    @Option(names = "--batch", description = "1..n, or full") String batch;
    @Option(names = "--n", description = "samples, 1..10000") String n;
    @Option(names = "--seed", description = "seed of the weights and shuffles") String seed;
    @Option(names = "--dseed", description = "seed of the data set") String dseed;
    @Option(names = "--data", description = "target: sin, linear, sum, quad, const") String data;
    @Option(names = "--noise", description = "noise on the target, 0..10") String noise;
    @Option(names = "--center", description = "inputs in [-1,1) instead of [0,1)") String center;
    @Option(names = "--init", description = "he, he-uniform, xavier, uniform, zeros, explicit") String init;
    @Option(names = "--scale", description = "a of uniform(-a, a)") String scale;
    @Option(names = "--w", description = "explicit weights, comma-separated") String w;
    @Option(names = "--shuffle", description = "true or false") String shuffle;
    @Option(names = "--ops", description = "interventions, e.g. lr:0.09@20,reinit@40,redo:0.1@60") String ops;
    @Option(names = "--redo", description = "ReDo's threshold tau in (0, 1]: recycle the tau-dormant neurons (with --redo-every)") String redo;
    @Option(names = "--redo-every", description = "recycle after every K-th update, K >= 1 (with --redo)") String redoEvery;
    @Option(names = "--shift", description = "a moving target: new random targets every K updates, K 1..1000000 (0: off)") String shift;

    @Option(names = "--steps", description = "steps to run (default: the scenario's)") Long steps;
    @Option(names = "--every", defaultValue = "1", description = "a snapshot every this many steps") long every;
    @Option(names = "--json", description = "print the run as JSON") boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("scenario", scenario);
        put(params, "layers", layers); put(params, "act", act); put(params, "alpha", alpha); put(params, "lr", lr);
        put(params, "bias", bias); put(params, "batch", batch); put(params, "n", n); put(params, "seed", seed);
        put(params, "dseed", dseed); put(params, "data", data); put(params, "noise", noise); put(params, "center", center);
        put(params, "init", init); put(params, "scale", scale); put(params, "w", w); put(params, "shuffle", shuffle);
        put(params, "ops", ops);
        put(params, "redo", redo); put(params, "redoEvery", redoEvery); put(params, "shift", shift);
        put(params, "opt", opt); put(params, "beta", beta); put(params, "beta1", beta1); put(params, "beta2", beta2); put(params, "eps", eps);
        RunSpec run = RunSpec.parse(params, Set.of());
        long length = steps == null ? run.scenario().steps : steps;
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            RunReportJson.write(run, length, every, out);   // written as it is played: a long run is never all in memory
            out.println();
        } else {
            printSummary(out, run, RunReport.record(run, length, every));
        }
        out.flush();
        return 0;
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null) params.put(key, value);
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private static void printSummary(PrintWriter out, RunSpec run, RunReport r) {
        RunReport.Summary s = r.summary();
        out.printf("%s  (%s)%n", run.scenario().id, run.toQuery());
        out.printf("steps %d, loss %.6g -> %.6g, dead neurons %d of %d%s%n", s.steps(), s.initialLoss(), s.finalLoss(),
                s.deadNeurons(), s.hiddenNeurons(), s.diverged() ? ", DIVERGED at step " + s.divergedAt() : "");
        int shown = 0;
        for (RunReport.EventRecord e : r.events()) {
            if (shown++ == 40) {
                out.printf("... %d more events (use --json)%n", r.events().size() - 40);
                break;
            }
            out.printf("  step %d: %s %s%s%n", e.step(), e.name(), e.kind(), e.by().equals("update") || e.by().equals("init") ? "" : " (" + e.by() + ")");
        }
    }
}
