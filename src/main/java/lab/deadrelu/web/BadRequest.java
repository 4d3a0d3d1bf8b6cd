package lab.deadrelu.web;

/**
 * A request parameter the app cannot accept. Handlers throw it; the app answers 400 with a page
 * (or JSON under /api/) naming the parameter, the value and what is allowed, never a silent default.
 */
public final class BadRequest extends RuntimeException {
    public final String parameter;
    /** The offending value, clipped so a huge one cannot flood the page. */
    public final String value;
    /** What would be accepted, in words a student reads: "en, zh", "a number in (0, 10]". */
    public final String allowed;
    /** An app path to try instead, e.g. "/lab?scenario=case-2"; null for the home page. */
    public final String suggestion;

    public BadRequest(String parameter, String value, String allowed) {
        this(parameter, value, allowed, null);
    }

    public BadRequest(String parameter, String value, String allowed, String suggestion) {
        super(parameter + " = '" + clip(value) + "' is not allowed: " + parameter + " must be " + allowed, null, false, false);
        this.parameter = parameter;
        this.value = clip(value);
        this.allowed = allowed;
        this.suggestion = suggestion;
    }

    public static String clip(String v) {
        if (v == null) return "";
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
