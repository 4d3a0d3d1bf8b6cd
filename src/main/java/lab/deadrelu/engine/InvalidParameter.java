package lab.deadrelu.engine;

/** A parameter outside what the engine allows; the message names it, the value and what is allowed. */
public final class InvalidParameter extends IllegalArgumentException {
    public final String parameter;
    public final String allowed;
    public final String value;

    public InvalidParameter(String parameter, String value, String allowed) {
        super(parameter + " = '" + clip(value) + "' is not allowed: " + parameter + " must be " + allowed);
        this.parameter = parameter;
        this.allowed = allowed;
        this.value = clip(value);
    }

    private static String clip(String v) {
        if (v == null) return "";
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
