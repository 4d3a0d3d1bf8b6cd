package lab.deadrelu.view.chart;

import lab.deadrelu.view.i18n.Format;

/**
 * Signs made readable without colour: values written with a real minus sign (and a plus where the
 * sign is the point), a badge of "+", "−" or "0", and the css class that colours it.
 */
public final class Signs {
    public static final String MINUS = "\u2212";

    private Signs() {}

    /** Format.number with U+2212 for the minus: −0.42, 0.35, 0. */
    public static String number(double v) {
        String s = Format.number(v);
        return s.startsWith("-") ? MINUS + s.substring(1) : s;
    }

    /** Like number, with an explicit plus for positive values: −0.42, +0.35, 0. */
    public static String signed(double v) {
        String s = number(v);
        return v > 0 ? "+" + s : s;
    }

    /** "+", "−" or "0" ("?" for NaN). */
    public static String badge(double v) {
        return Double.isNaN(v) ? "?" : v > 0 ? "+" : v < 0 ? MINUS : "0";
    }

    /** "pos", "neg" or "zero" (NaN counts as zero). */
    public static String css(double v) {
        return v > 0 ? "pos" : v < 0 ? "neg" : "zero";
    }
}
