package lab.deadrelu.scenario;

import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.TrainingSpec;

/**
 * The two inputs along the input plane's axes (the link's plane=u.v, 1-based; 0-based here): u across,
 * v up. A network with more than two inputs is drawn on a slice through these two; the default is x1, x2.
 */
public record PlaneAxes(int u, int v) {
    public static final PlaneAxes DEFAULT = new PlaneAxes(0, 1);
    static final String ALLOWED = "two different inputs, 1-based, e.g. 1.3 for x1 across and x3 up";

    /** Whether a network with `inputs` inputs has both (a network of one input has no plane: only the default is taken). */
    boolean fits(int inputs) {
        return inputs < 2 ? equals(DEFAULT) : u != v && u >= 0 && v >= 0 && u < inputs && v < inputs;
    }

    /** plane=u.v of a link or a form, for a network of `spec`'s inputs. */
    public static PlaneAxes parse(String text, TrainingSpec spec) {
        String allowed = ALLOWED + ", within the " + spec.layers()[0] + " inputs of " + spec.shape();
        String[] uv = text.split("\\.", -1);
        if (uv.length != 2) throw new InvalidParameter("plane", text, allowed);
        PlaneAxes p = new PlaneAxes((int) Numbers.parseLong("plane", uv[0], 1, TrainingSpec.MAX_INPUTS, allowed) - 1,
                (int) Numbers.parseLong("plane", uv[1], 1, TrainingSpec.MAX_INPUTS, allowed) - 1);
        if (!p.fits(spec.layers()[0])) throw new InvalidParameter("plane", text, allowed);
        return p;
    }

    /** "1.2" */
    String format() {
        return (u + 1) + "." + (v + 1);
    }
}
