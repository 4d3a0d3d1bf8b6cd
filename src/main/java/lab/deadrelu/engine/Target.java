package lab.deadrelu.engine;

/** The named functions a data set's target y can follow (before noise). Unused inputs count as 0. */
public enum Target {
    SIN("sin", "sin(3 x1) + x2 x3"),
    LINEAR("linear", "x1 + x2 - x3"),
    SUM("sum", "x1 + x2 + x3"),
    QUADRATIC("quad", "x1^2 - x2 x3"),
    CONSTANT("const", "0.5");

    public final String code;
    public final String formula;

    Target(String code, String formula) {
        this.code = code;
        this.formula = formula;
    }

    public double of(double[] x) {
        double x1 = x[0], x2 = x.length > 1 ? x[1] : 0, x3 = x.length > 2 ? x[2] : 0;
        return switch (this) {
            case SIN -> StrictMath.sin(3 * x1) + x2 * x3;
            case LINEAR -> x1 + x2 - x3;
            case SUM -> x1 + x2 + x3;
            case QUADRATIC -> x1 * x1 - x2 * x3;
            case CONSTANT -> 0.5;
        };
    }

    public static Target fromCode(String code) {
        for (Target t : values()) if (t.code.equals(code)) return t;
        throw new IllegalArgumentException("data must be one of sin, linear, sum, quad, const (got '" + code + "')");
    }
}
