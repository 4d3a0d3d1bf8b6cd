package lab.deadrelu.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Dataset;
import lab.deadrelu.engine.Dormancy;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;

/**
 * A run as data, for the command line's --json and the web API: the spec after defaults, the
 * data set, a snapshot every `every` steps (always step 0 and the last), and every event.
 * Field names are the documented JSON format; serialise with null fields left out.
 */
public record RunReport(Map<String, Object> spec, Data data, List<Frame> snapshots, List<EventRecord> events, Summary summary) {

    public static final long MAX_STEPS = 1_000_000;
    public static final long MAX_SNAPSHOTS = 10_000;

    public record Data(double[][] x, double[] y) {}

    /**
     * One snapshot. `dormant`: per hidden layer, the fraction of its neurons that are τ-dormant in ReDo's
     * sense (see engine/Dormancy), keyed by τ ("0.025", "0.1").
     */
    public record Frame(long step, long epoch, double loss, double lr, double[][][] weights, double[][] biases,
                        List<List<String>> states, Map<String, double[]> dormant, boolean diverged) {}

    public record EventRecord(long step, int layer, int neuron, String name, String kind, String by, Double lr,
                              double[] gradient, double[] weightsBefore, double[] weightsAfter,
                              Double biasGradient, Double biasBefore, Double biasAfter) {}

    public record Summary(long steps, double initialLoss, double finalLoss, int deadNeurons, int hiddenNeurons,
                          boolean diverged, Long divergedAt) {}

    /**
     * Where a run goes as it is played, in the order of the JSON: the spec and the data set first, each
     * snapshot as it is taken (so a long run need not be held in memory), then the events and the summary.
     */
    public interface Sink {
        void begin(Map<String, Object> spec, Data data) throws IOException;

        void snapshot(Frame frame) throws IOException;

        /** The events of the run, in order (turn each into its record with {@link RunReport#event}), and the summary. */
        void end(List<Event> events, Summary summary) throws IOException;
    }

    /** Plays `run` from step 0 for `steps` steps (stopping early if it diverges). */
    public static RunReport record(RunSpec run, long steps, long every) {
        Collector all = new Collector();
        try {
            play(run, steps, every, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a Collector does no I/O
        }
        return all.report;
    }

    /** Keeps everything: the whole report in memory. */
    private static final class Collector implements Sink {
        private final List<Frame> frames = new ArrayList<>();
        private Map<String, Object> spec;
        private Data data;
        private RunReport report;

        @Override
        public void begin(Map<String, Object> spec, Data data) {
            this.spec = spec;
            this.data = data;
        }

        @Override
        public void snapshot(Frame frame) {
            frames.add(frame);
        }

        @Override
        public void end(List<Event> events, Summary summary) {
            report = new RunReport(spec, data, frames, events.stream().map(RunReport::event).toList(), summary);
        }
    }

    /** Checks the numbers of steps and snapshots, then plays `run` into `sink` (see {@link #record}). */
    public static void play(RunSpec run, long steps, long every, Sink sink) throws IOException {
        check(steps, every);
        Replay replay = new Replay(run.at(0));
        double initialLoss = replay.training().loss();
        sink.begin(typed(replay.run()), data(replay.training().data()));
        sink.snapshot(frame(replay.training()));
        while (replay.training().step() < steps) {
            boolean ok = replay.advance();
            long step = replay.training().step();
            if (!ok || step == steps || step % every == 0) sink.snapshot(frame(replay.training()));
            if (!ok) break;
        }
        var t = replay.training();
        Summary summary = new Summary(t.step(), initialLoss, t.loss(), t.census().deadTotal(), t.network().hiddenNeurons(),
                t.diverged(), t.diverged() ? t.divergedAt() : null);
        sink.end(t.events(), summary);
    }

    /** Refuses steps out of range and more than MAX_SNAPSHOTS snapshots, naming the parameter. */
    public static void check(long steps, long every) {
        if (snapshots(steps, every) > MAX_SNAPSHOTS)
            throw new InvalidParameter("every", Long.toString(every), "large enough for at most 10000 snapshots: at least "
                    + leastEvery(steps, MAX_SNAPSHOTS) + " for " + steps + " steps");
    }

    /** The smallest `every` that keeps a run of `steps` within `snapshots` snapshots (at least 2). */
    public static long leastEvery(long steps, long snapshots) {
        return Math.max(1, (steps + snapshots - 2) / (snapshots - 1));
    }

    /** Snapshots of a run of `steps` taken every `every`: step 0, every multiple of `every`, the last step (at most). */
    public static long snapshots(long steps, long every) {
        if (steps < 0 || steps > MAX_STEPS) throw new InvalidParameter("steps", Long.toString(steps), "a whole number from 0 to 1000000");
        if (every < 1) throw new InvalidParameter("every", Long.toString(every), "a whole number from 1 to steps");
        return 1 + steps / every + (steps % every == 0 ? 0 : 1);
    }

    // ---- the size of the JSON ----

    /** Bytes of a number in the JSON at most ("-2.2250738585072014E-308,") and of a neuron's state ("permanently-dead",). */
    static final int NUMBER_BYTES = 25, STATE_BYTES = 19;

    /**
     * The most bytes a snapshot of this run takes in the JSON: every weight and bias a number, every
     * hidden neuron's state a word, brackets around each row, and the step, epoch, loss and lr.
     */
    public static long snapshotBytes(RunSpec run) {
        int[] z = run.spec().layers();
        long numbers = 0, rows = 0, hidden = 0;
        for (int l = 0; l + 1 < z.length; l++) {
            numbers += (long) z[l + 1] * z[l] + z[l + 1];
            rows += z[l + 1] + 2;
        }
        for (int h = 1; h < z.length - 1; h++) hidden += z[h];
        long dormant = 2 * ((z.length - 2) * NUMBER_BYTES + 12);   // two rows of a fraction per hidden layer, with their keys
        return numbers * NUMBER_BYTES + hidden * STATE_BYTES + rows * 2 + dormant + 200;
    }

    /** The most bytes of everything but the snapshots and the events: the spec, the data set (n rows of inputs and y), the summary. */
    public static long fixedBytes(RunSpec run) {
        TrainingSpec s = run.spec();
        return 2_048 + (long) s.weights().length * NUMBER_BYTES + (long) s.n() * ((s.layers()[0] + 1L) * NUMBER_BYTES + 4);
    }

    /**
     * The most bytes the JSON of this run takes before its events (which add at most Training.MAX_EVENTS
     * entries): what a server can bound before it starts to play.
     */
    public static long answerBytes(RunSpec run, long steps, long every) {
        return fixedBytes(run) + snapshots(steps, every) * snapshotBytes(run);
    }

    static Frame frame(Training t) {
        Snapshot s = t.snapshot();
        List<List<String>> states = new ArrayList<>();
        for (NeuronState[] layer : s.states()) states.add(java.util.Arrays.stream(layer).map(x -> x.code).toList());
        Dormancy d = t.census().dormancy();
        Map<String, double[]> dormant = new LinkedHashMap<>();
        for (double tau : new double[] {Dormancy.LOW, Dormancy.HIGH}) {
            double[] perLayer = new double[d.hiddenLayers()];
            for (int h = 0; h < perLayer.length; h++) perLayer[h] = d.fraction(h, tau);
            dormant.put(Numbers.format(tau), perLayer);
        }
        return new Frame(s.step(), s.epoch(), s.loss(), s.lr(), s.weights(), s.biases(), states, dormant, s.diverged());
    }

    public static EventRecord event(Event e) {
        Event.Update u = e.cause();
        return new EventRecord(e.step(), e.layer(), e.neuron(), e.name(), e.kind().code, e.by(),
                u == null ? null : u.lr(), u == null ? null : u.gradient(),
                u == null ? null : u.weightsBefore(), u == null ? null : u.weightsAfter(),
                u == null ? null : u.biasGradient(), u == null ? null : u.biasBefore(), u == null ? null : u.biasAfter());
    }

    static Data data(Dataset d) {
        return new Data(d.x, d.y.clone());   // the data set's own targets: a moving target changes d.y later
    }

    /** The spec's values with numbers as numbers and flags as booleans. */
    static Map<String, Object> typed(RunSpec run) {
        Map<String, Object> typed = new LinkedHashMap<>();
        run.values().forEach((k, v) -> typed.put(k, switch (k) {
            case "alpha", "scale", "lr", "noise", "beta", "beta1", "beta2", "eps" -> Double.parseDouble(v);
            case "batch", "n" -> Integer.parseInt(v);
            case "dseed", "seed", "at" -> Long.parseLong(v);
            case "redo" -> v.isEmpty() ? "" : Double.parseDouble(v);
            case "redoEvery" -> v.isEmpty() ? "" : Long.parseLong(v);
            case "shift" -> Long.parseLong(v);
            case "bias", "shuffle", "center" -> Boolean.parseBoolean(v);
            default -> v;
        }));
        typed.remove("at");
        typed.remove("mark");   // what the charts mark, not part of the run
        typed.remove("view");   // how the page lays it out, likewise
        typed.remove("plane");  // which inputs the page draws the input plane over, likewise
        if ("".equals(typed.get("redo"))) {   // ReDo off: no keys, as in the link
            typed.remove("redo");
            typed.remove("redoEvery");
        }
        if (Long.valueOf(0).equals(typed.get("shift"))) typed.remove("shift");   // a fixed target: no key, as in the link
        return typed;
    }
}
