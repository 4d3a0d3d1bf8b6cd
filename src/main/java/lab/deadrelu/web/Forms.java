package lab.deadrelu.web;

import io.javalin.http.Context;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.PlaneAxes;
import lab.deadrelu.sim.Simulation;

/** Reading the lab's form fields strictly: a bad value is a 400 naming the field, never a silent default. */
public final class Forms {
    private Forms() {}

    public static double lr(Context ctx) {
        String raw = required(ctx, "lr");
        String allowed = "a number in (0, 1e6], e.g. 0.03";
        if (!raw.matches("-?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][-+]?\\d{1,3})?")) throw new BadRequest("lr", raw, allowed);
        double lr = Double.parseDouble(raw);
        if (!(lr > 0 && lr <= 1e6)) throw new BadRequest("lr", raw, allowed);
        return lr;
    }

    public static Activation activation(Context ctx) {
        String raw = required(ctx, "act");
        try {
            return Activation.fromCode(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("act", raw, "relu, leaky or elu");
        }
    }

    public static int speed(Context ctx) {
        String raw = required(ctx, "speed");
        String allowed = "one of " + Simulation.SPEEDS + " (steps per second; 0 = as fast as possible)";
        if (!raw.matches("\\d{1,6}") || !Simulation.SPEEDS.contains(Integer.parseInt(raw))) throw new BadRequest("speed", raw, allowed);
        return Integer.parseInt(raw);
    }

    /** A checkbox: present with value "on"/"true" when ticked, absent otherwise. */
    public static boolean checkbox(Context ctx, String name) {
        String raw = ctx.formParam(name);
        if (raw == null) return false;
        if (raw.equals("on") || raw.equals("true")) return true;
        if (raw.equals("false")) return false;
        throw new BadRequest(name, raw, "on, true or false");
    }

    public static int layer(Context ctx) {
        return index(ctx, "layer", 8);
    }

    public static int neuron(Context ctx) {
        return index(ctx, "neuron", 64);
    }

    /**
     * The gradient inspector's weight from the fields layer (1-based weight layer: 1 takes the
     * inputs), to (1-based neuron) and from (1-based, or b for the bias). Whether the network has
     * it is the simulation's to check (InvalidParameter "weight").
     */
    public static WeightRef weight(Context ctx) {
        int layer = index(ctx, "layer", TrainingSpec.MAX_HIDDEN_LAYERS + 1);
        int to = index(ctx, "to", TrainingSpec.MAX_WIDTH);
        String from = required(ctx, "from");
        if (from.equals("b")) return new WeightRef(layer, to, WeightRef.BIAS);
        if (!from.matches("\\d{1,2}") || Integer.parseInt(from) < 1 || Integer.parseInt(from) > TrainingSpec.MAX_WIDTH)
            throw new BadRequest("from", from, "a whole number from 1 to " + TrainingSpec.MAX_WIDTH + ", or b for the bias");
        return new WeightRef(layer, to, Integer.parseInt(from) - 1);
    }

    /** The guided walk step to go to ("to"): 0 (start over) up to the walk's last step. */
    public static int walkStep(Context ctx, int steps) {
        String raw = required(ctx, "to");
        String allowed = "a whole number from 0 to " + steps + " (the steps of this scenario's guided walk)";
        if (!raw.matches("\\d{1,2}") || Integer.parseInt(raw) > steps) throw new BadRequest("to", raw, allowed);
        return Integer.parseInt(raw);
    }

    /** The optional step to mark on the charts ("mark"); null when the field is absent. */
    public static Long mark(Context ctx) {
        String raw = ctx.formParam("mark");
        if (raw == null) raw = ctx.queryParam("mark");
        if (raw == null) return null;
        String allowed = "a whole number from 0 to " + lab.deadrelu.scenario.RunSpec.MAX_STEP + " (the step the charts mark)";
        if (!raw.matches("\\d{1,7}") || Long.parseLong(raw) > lab.deadrelu.scenario.RunSpec.MAX_STEP) throw new BadRequest("mark", raw, allowed);
        return Long.parseLong(raw);
    }

    /** The timeline's step to go to ("to"); whether the run has reached it is the simulation's to check (InvalidParameter "to"). */
    public static long step(Context ctx) {
        String raw = required(ctx, "to");
        if (!raw.matches("\\d{1,7}")) throw new BadRequest("to", raw, "a whole number from 0 to the furthest step this run has reached");
        return Long.parseLong(raw);
    }

    /** The pause-at-death checkbox ("pause"): death when ticked, absent (or off) when not. */
    public static boolean pauseAtDeath(Context ctx) {
        String raw = ctx.formParam("pause");
        if (raw == null || raw.equals("off")) return false;
        if (raw.equals("death")) return true;
        throw new BadRequest("pause", raw, "death (ticked) or off");
    }

    /** The input plane's two inputs, plane=u.v (1-based), within the network's inputs. */
    public static PlaneAxes plane(Context ctx, TrainingSpec spec) {
        String raw = required(ctx, "plane");
        try {
            return PlaneAxes.parse(raw, spec);
        } catch (InvalidParameter e) {
            throw new BadRequest("plane", raw, e.allowed);
        }
    }

    /** A 1-based number from the form, returned 0-based. */
    private static int index(Context ctx, String name, int max) {
        String raw = required(ctx, name);
        if (!raw.matches("\\d{1,2}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > max)
            throw new BadRequest(name, raw, "a whole number from 1 to " + max);
        return Integer.parseInt(raw) - 1;
    }

    private static String required(Context ctx, String name) {
        String raw = ctx.formParam(name);
        if (raw == null) raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) throw new BadRequest(name, "", "a value (the field is missing)");
        return raw;
    }
}
