package lab.deadrelu.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
     * when that fits what parseDouble reads, else with one (3.0000000000000005e-6, 1.0e23). The same
     * text on every JDK (see {@link #shortest}), so instances on different JDKs give equal links.
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
        BigDecimal d = shortest(v);
        String plain = d.toPlainString();
        if (DECIMAL.matcher(plain).matches()) return plain;
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();   // d = 0.digits × 10^(exponent + 1)
        String mantissa = digits.charAt(0) + "." + (digits.length() == 1 ? "0" : digits.substring(1));
        return (d.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    /**
     * The decimal JDK 19 and later print for a finite v, computed here so that JDK 17 (whose
     * Double.toString is not always shortest: 1.0E23 comes out as 9.999999999999999E22) agrees: of the
     * decimals that read back as v, those with the fewest significant digits (with one digit, those with
     * one or two), the one closest to v, and on a tie the one whose last digit is even. Only the two
     * decimals of a length that enclose v can be closest, so each length tries its floor and ceiling.
     */
    public static BigDecimal shortest(double v) {
        if (v == 0) return BigDecimal.ZERO;
        BigDecimal exact = new BigDecimal(Math.abs(v));
        BigDecimal best = null;
        for (int digits = 1; digits <= 17 && best == null; digits++) {
            best = closestReadingBack(exact, Math.abs(v), digits, null);
            if (digits == 1) best = closestReadingBack(exact, Math.abs(v), 2, best);
        }
        best = best.stripTrailingZeros();
        return v < 0 ? best.negate() : best;
    }

    /** Of `digits`-digit decimals enclosing `exact` that read back as `v`, and `sofar`, the closest (ties: even last digit). */
    private static BigDecimal closestReadingBack(BigDecimal exact, double v, int digits, BigDecimal sofar) {
        BigDecimal best = sofar;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = exact.round(new MathContext(digits, mode));
            if (Double.parseDouble(candidate.toString()) != v) continue;
            if (best == null) { best = candidate; continue; }
            int closer = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
            if (closer < 0 || closer == 0 && lastDigitEven(candidate) && !lastDigitEven(best)) best = candidate;
        }
        return best;
    }

    private static boolean lastDigitEven(BigDecimal d) {
        return d.unscaledValue().testBit(0) == false;
    }
}
