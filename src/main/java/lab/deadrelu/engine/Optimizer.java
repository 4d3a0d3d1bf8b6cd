package lab.deadrelu.engine;

/**
 * How a step turns the mini-batch mean gradient g of a parameter into its change, each rule with the
 * state it keeps (see Moments):
 * <pre>
 *   sgd:      w <- w - lambda g
 *   momentum: v <- beta v + g;                      w <- w - lambda v              (heavy ball, v starts at 0)
 *   adam:     m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2;
 *             m^ = m / (1 - beta1^t);  v^ = v / (1 - beta2^t);  w <- w - lambda m^ / (sqrt(v^) + eps)
 * </pre>
 * t counts the updates since the run started (or was last re-initialized). Biases alike.
 * An optimizer that is not `sgd` keeps its defaults for the numbers it does not use, so equal
 * optimizers are equal records.
 */
public record Optimizer(Kind kind, double beta, double beta1, double beta2, double eps) {

    public enum Kind {
        SGD("sgd"), MOMENTUM("momentum"), ADAM("adam");

        public final String code;

        Kind(String code) {
            this.code = code;
        }

        public static Kind fromCode(String code) {
            for (Kind k : values()) if (k.code.equals(code)) return k;
            throw new InvalidParameter("opt", code, ALLOWED);
        }
    }

    public static final String ALLOWED = "sgd, momentum or adam";
    public static final double BETA = 0.9, BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
    public static final Optimizer SGD = new Optimizer(Kind.SGD, BETA, BETA1, BETA2, EPS);

    public Optimizer {
        if (kind == null) throw new InvalidParameter("opt", "", ALLOWED);
        if (!(beta >= 0 && beta < 1)) throw new InvalidParameter("beta", Double.toString(beta), "a number in [0, 1), e.g. 0.9");
        if (!(beta1 >= 0 && beta1 < 1)) throw new InvalidParameter("beta1", Double.toString(beta1), "a number in [0, 1), e.g. 0.9");
        if (!(beta2 >= 0 && beta2 < 1)) throw new InvalidParameter("beta2", Double.toString(beta2), "a number in [0, 1), e.g. 0.999");
        if (!(eps > 0 && eps <= 1)) throw new InvalidParameter("eps", Double.toString(eps), "a number in (0, 1], e.g. 1e-8");
    }

    /** The optimizer of this kind with its default numbers (β 0.9; β₁ 0.9, β₂ 0.999, ε 1e-8). */
    public static Optimizer withDefaults(Kind kind) {
        return new Optimizer(kind, BETA, BETA1, BETA2, EPS);
    }

    public static Optimizer momentum(double beta) {
        return new Optimizer(Kind.MOMENTUM, beta, BETA1, BETA2, EPS);
    }

    public static Optimizer adam(double beta1, double beta2, double eps) {
        return new Optimizer(Kind.ADAM, BETA, beta1, beta2, eps);
    }

    public boolean isSgd() {
        return kind == Kind.SGD;
    }
}
