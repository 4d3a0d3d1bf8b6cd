package lab.deadrelu.view;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The post's notation as a reader sees it: the ASCII names that links, JSON and the command line
 * use (h1^(2), w21, w^(2)_1,3, b^(2)_1, x1) with real subscript and superscript digits (h₁⁽²⁾, w₂₁,
 * w₁,₃⁽²⁾, b₁⁽²⁾) for the charts, the diagram and their legends. Anything else passes unchanged.
 */
public final class Notation {
    private static final String SUB = "₀₁₂₃₄₅₆₇₈₉", SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    /** h1^(2), h10^(3): a neuron; w^(2)_1,3 and b^(2)_1: a weight or bias by layer; w21: the post's short weight names; x1: an input. */
    private static final Pattern NAME = Pattern.compile(
            "\\b([hx])(\\d+)\\^\\((\\d+)\\)|\\b([wb])\\^\\((\\d+)\\)_(\\d+(?:,\\d+)?)|\\bw(\\d)(\\d)\\b|\\bx(\\d)\\b");

    private Notation() {}

    /** Every name in the text written with sub- and superscripts. */
    public static String pretty(String text) {
        if (text == null) return null;
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String r;
            if (m.group(1) != null) r = m.group(1) + sub(m.group(2)) + sup(m.group(3));
            else if (m.group(4) != null) r = m.group(4) + sub(m.group(6)) + sup(m.group(5));
            else if (m.group(7) != null) r = "w" + sub(m.group(7) + m.group(8));
            else r = "x" + sub(m.group(9));
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Digits as subscripts (other characters, such as a comma, stay as they are). */
    static String sub(String digits) {
        return map(digits, SUB);
    }

    /** A layer number as a parenthesised superscript: 2 -> ⁽²⁾. */
    static String sup(String digits) {
        return "⁽" + map(digits, SUP) + "⁾";
    }

    private static String map(String s, String table) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) out.append(c >= '0' && c <= '9' ? table.charAt(c - '0') : c);
        return out.toString();
    }
}
