package lab.deadrelu.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Dataset;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;

/**
 * A run as data, for the command line's --json and the web API: the spec after defaults, the
 * data set, a snapshot every `every` steps (always step 0 and the last), and every event.
 * Field names are the documented JSON format; serialise with null fields left out.
 */
public record RunReport(Map<String, Object> spec, Data data, List<Frame> snapshots, List<EventRecord> events, Summary summary) {

    public static final long MAX_STEPS = 1_000_000;
    public static final long MAX_SNAPSHOTS = 10_000;

    public record Data(double[][] x, double[] y) {}

    public record Frame(long step, long epoch, double loss, double lr, double[][][] weights, double[][] biases,
                        List<List<String>> states, boolean diverged) {}

    public record EventRecord(long step, int layer, int neuron, String name, String kind, String by, Double lr,
                              double[] gradient, double[] weightsBefore, double[] weightsAfter,
                              Double biasGradient, Double biasBefore, Double biasAfter) {}

    public record Summary(long steps, double initialLoss, double finalLoss, int deadNeurons, int hiddenNeurons,
                          boolean diverged, Long divergedAt) {}

    /** Plays `run` from step 0 for `steps` steps (stopping early if it diverges). */
    public static RunReport record(RunSpec run, long steps, long every) {
        if (steps < 0 || steps > MAX_STEPS) throw new InvalidParameter("steps", Long.toString(steps), "a whole number from 0 to 1000000");
        if (every < 1) throw new InvalidParameter("every", Long.toString(every), "a whole number from 1 to steps");
        long count = 1 + steps / every + (steps % every == 0 ? 0 : 1);   // step 0, every multiple of `every`, the last step
        if (count > MAX_SNAPSHOTS)
            throw new InvalidParameter("every", Long.toString(every), "large enough for at most 10000 snapshots: at least "
                    + Math.max(1, (steps + MAX_SNAPSHOTS - 2) / (MAX_SNAPSHOTS - 1)) + " for " + steps + " steps");
        Replay replay = new Replay(run.at(0));
        List<Frame> frames = new ArrayList<>();
        double initialLoss = replay.training().loss();
        frames.add(frame(replay.training().snapshot()));
        while (replay.training().step() < steps) {
            boolean ok = replay.advance();
            long step = replay.training().step();
            if (!ok || step == steps || step % every == 0) frames.add(frame(replay.training().snapshot()));
            if (!ok) break;
        }
        var t = replay.training();
        List<EventRecord> events = t.events().stream().map(RunReport::event).toList();
        Summary summary = new Summary(t.step(), initialLoss, t.loss(), t.census().deadTotal(), t.network().hiddenNeurons(),
                t.diverged(), t.diverged() ? t.divergedAt() : null);
        return new RunReport(typed(replay.run()), data(t.data()), frames, events, summary);
    }

    static Frame frame(Snapshot s) {
        List<List<String>> states = new ArrayList<>();
        for (NeuronState[] layer : s.states()) states.add(java.util.Arrays.stream(layer).map(x -> x.code).toList());
        return new Frame(s.step(), s.epoch(), s.loss(), s.lr(), s.weights(), s.biases(), states, s.diverged());
    }

    static EventRecord event(Event e) {
        Event.Update u = e.cause();
        return new EventRecord(e.step(), e.layer(), e.neuron(), e.name(), e.kind().code, e.by(),
                u == null ? null : u.lr(), u == null ? null : u.gradient(),
                u == null ? null : u.weightsBefore(), u == null ? null : u.weightsAfter(),
                u == null ? null : u.biasGradient(), u == null ? null : u.biasBefore(), u == null ? null : u.biasAfter());
    }

    static Data data(Dataset d) {
        return new Data(d.x, d.y);
    }

    /** The spec's values with numbers as numbers and flags as booleans. */
    static Map<String, Object> typed(RunSpec run) {
        Map<String, Object> typed = new LinkedHashMap<>();
        run.values().forEach((k, v) -> typed.put(k, switch (k) {
            case "alpha", "scale", "lr", "noise" -> Double.parseDouble(v);
            case "batch", "n", "walk" -> Integer.parseInt(v);
            case "dseed", "seed", "at" -> Long.parseLong(v);
            case "bias", "shuffle", "center" -> Boolean.parseBoolean(v);
            default -> v;
        }));
        typed.remove("at");
        typed.remove("mark");   // what the charts mark, not part of the run
        typed.remove("view");   // how the page lays it out, likewise
        return typed;
    }
}
