package lab.deadrelu.engine;

/** Hidden-layer activations, each written next to its derivative (the output layer is linear). */
public enum Activation {
    RELU("relu"),
    LEAKY("leaky"),
    ELU("elu");

    public final String code;

    Activation(String code) {
        this.code = code;
    }

    /** f(z): ReLU max(0, z); Leaky z > 0 ? z : alpha z; ELU z > 0 ? z : alpha (e^z - 1). */
    public double apply(double z, double alpha) {
        if (z > 0) return z;
        return switch (this) {
            case RELU -> 0.0;
            case LEAKY -> alpha * z;
            case ELU -> alpha * (StrictMath.exp(z) - 1.0);
        };
    }

    /** f'(z): 1 for z > 0; for z <= 0: 0 (ReLU, also at z = 0), alpha (Leaky), alpha e^z (ELU). */
    public double derivative(double z, double alpha) {
        if (z > 0) return 1.0;
        return switch (this) {
            case RELU -> 0.0;
            case LEAKY -> alpha;
            case ELU -> alpha * StrictMath.exp(z);
        };
    }

    /** Only ReLU can die: Leaky ReLU and ELU always pass some gradient back. */
    public boolean canDie() {
        return this == RELU;
    }

    public double defaultAlpha() {
        return this == ELU ? 1.0 : 0.01;
    }

    public static Activation fromCode(String code) {
        for (Activation a : values()) if (a.code.equals(code)) return a;
        throw new IllegalArgumentException("act must be one of relu, leaky, elu (got '" + code + "')");
    }
}
