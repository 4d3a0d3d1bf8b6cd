package lab.deadrelu.view.i18n;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as charts print them: coordinates to one decimal, compact tick labels (0.001, 1e-5, 2k,
 * 1.5M) and short values for text alternatives (0.757, 0.0529). Nothing here ever prints "NaN" or
 * "Infinity": coordinates that are not finite become 0, values become "?" or "∞".
 */
public final class Format {
    private Format() {}

    /** A coordinate rounded to one decimal (0 when not finite, never -0.0). */
    public static double r1(double v) {
        if (!Double.isFinite(v)) return 0;
        double r = Math.round(v * 10) / 10.0;
        return r == 0 ? 0 : r;
    }

    /** Appends a coordinate with at most one decimal and no trailing ".0": 12, 12.3, -4.5. */
    public static void coord(StringBuilder out, double v) {
        long tenths = Double.isFinite(v) ? Math.round(v * 10) : 0;
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10);
        if (tenths % 10 != 0) out.append('.').append(tenths % 10);
    }

    /**
     * A position in per-mille of the plot (0..1000) as an SVG percentage with at most two decimals:
     * 375 -> "37.5%", 1000 -> "100%", 123.45 -> "12.35%" (0% when not finite).
     */
    public static String pct(double permille) {
        long hundredths = Double.isFinite(permille) ? Math.round(permille * 10) : 0;
        StringBuilder out = new StringBuilder(8);
        if (hundredths < 0) {
            out.append('-');
            hundredths = -hundredths;
        }
        out.append(hundredths / 100);
        long rest = hundredths % 100;
        if (rest != 0) {
            out.append('.').append(rest / 10);
            if (rest % 10 != 0) out.append(rest % 10);
        }
        return out.append('%').toString();
    }

    /** A tick label with three significant digits: 0, 0.001, 0.25, 12, 1e-5, 2.5e-5, 2k, 1.5M, 1e9. */
    public static String compact(double v) {
        return compact(v, 3);
    }

    /**
     * A compact label with up to `digits` significant digits: "k" from 1,000, "M" from a million,
     * powers of ten below 0.001 and from a billion.
     */
    public static String compact(double v, int digits) {
        if (Double.isNaN(v)) return "?";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        digits = Math.max(1, Math.min(15, digits));
        double a = Math.abs(v);
        if (a >= 1e9 || a < 1e-3) return scientific(v, digits);
        if (a >= 1e6) return plain(v / 1e6, digits) + "M";
        if (a >= 1e3) return plain(v / 1e3, digits) + "k";
        return plain(v, digits);
    }

    /** A value for a sentence, three significant digits: 0.757, 0.0529, 12.3, 1234, 1.23e-5. */
    public static String number(double v) {
        if (Double.isNaN(v)) return "?";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) return scientific(v, 3);
        int intDigits = a >= 1 ? (int) Math.floor(Math.log10(a)) + 1 : 0;
        return plain(v, Math.max(3, intDigits));
    }

    private static String plain(double v, int digits) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String s = d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String scientific(double v, int digits) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
        String m = mantissa.toPlainString();
        return m + "e" + exponent;
    }
}
