package lab.deadrelu.engine;

import java.util.SplittableRandom;

/** How a neuron's incoming weights are drawn; biases always start at 0 (unless given explicitly). */
public enum Initializer {
    HE("he"),                 // N(0, 2 / fanIn)
    HE_UNIFORM("he-uniform"), // U(-sqrt(6 / fanIn), +sqrt(6 / fanIn))
    XAVIER("xavier"),         // Glorot uniform: U(-sqrt(6 / (fanIn + fanOut)), +...)
    UNIFORM("uniform"),       // U(-a, +a), a = the init scale
    ZEROS("zeros"),
    EXPLICIT("explicit");     // weights given by the caller

    public final String code;

    Initializer(String code) {
        this.code = code;
    }

    /** One weight into a neuron with fanIn inputs and fanOut outputs; `scale` is `a` for UNIFORM. */
    public double draw(SplittableRandom rng, int fanIn, int fanOut, double scale) {
        return switch (this) {
            case HE -> Seeds.gaussian(rng) * StrictMath.sqrt(2.0 / fanIn);
            case HE_UNIFORM -> (2 * rng.nextDouble() - 1) * StrictMath.sqrt(6.0 / fanIn);
            case XAVIER -> (2 * rng.nextDouble() - 1) * StrictMath.sqrt(6.0 / (fanIn + fanOut));
            case UNIFORM -> (2 * rng.nextDouble() - 1) * scale;
            case ZEROS -> 0.0;
            case EXPLICIT -> throw new IllegalStateException("explicit weights are given, not drawn");
        };
    }

    public static Initializer fromCode(String code) {
        for (Initializer i : values()) if (i.code.equals(code)) return i;
        throw new IllegalArgumentException(
                "init must be one of he, he-uniform, xavier, uniform, zeros, explicit (got '" + code + "')");
    }
}
