package lab.deadrelu.scenario;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import lab.deadrelu.engine.InvalidParameter;

/** Strict number parsing for links (no hex, NaN, Infinity or suffixes) and one canonical way to print them. */
public final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][-+]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    private Numbers() {}

    public static double parseDouble(String parameter, String text, String allowed) {
        if (text == null || !DECIMAL.matcher(text).matches()) throw new InvalidParameter(parameter, text, allowed);
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) throw new InvalidParameter(parameter, text, allowed);
        return v == 0 ? 0.0 : v;   // "-0" is 0: one number, one link
    }

    public static long parseLong(String parameter, String text, long min, long max, String allowed) {
        if (text == null || !INTEGER.matcher(text).matches()) throw new InvalidParameter(parameter, text, allowed);
        try {
            long v = Long.parseLong(text);
            if (v < min || v > max) throw new InvalidParameter(parameter, text, allowed);
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(parameter, text, allowed);
        }
    }

    /**
     * The shortest decimal that reads back as the same double: without exponent (0.9, 0.0001, 1000000)
     * when that fits what parseDouble reads, else with one (3.0000000000000005e-6, 1.0e-30).
     */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        long bits = Double.doubleToRawLongBits(v);
        String known = FORMATTED.get(bits);
        if (known != null) return known;
        String text = formatOnce(v);
        if (FORMATTED.size() < MAX_REMEMBERED) FORMATTED.put(bits, text);
        return text;
    }

    /**
     * Links print the same few numbers (a scenario's weights, its lambda) over and over, for every link on
     * every frame; the exact conversion is slow, so they are remembered, up to a bound.
     */
    private static final java.util.Map<Long, String> FORMATTED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 10_000;

    private static String formatOnce(double v) {
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        if (DECIMAL.matcher(plain).matches()) return plain;
        return Double.toString(v).replace('E', 'e');
    }
}
