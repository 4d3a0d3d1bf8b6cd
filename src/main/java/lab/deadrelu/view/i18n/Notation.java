package lab.deadrelu.view.i18n;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.WeightRef;

/**
 * The post's names as every HTML page writes them, with real subscripts and superscripts (Unicode
 * sub- and superscript characters, so they work in text, attributes, SVG titles and the bundles'
 * sentences alike): h₁⁽²⁾ is neuron 1 of hidden layer 2, w₂₁ a weight into a layer's first neuron,
 * w⁽²⁾₂,₁ any other weight, b⁽²⁾₁ a bias, h₁ₐ⁽¹⁾ a hidden neuron's output after its activation, x₁ an
 * input. Links, JSON and the command line keep the ASCII names of {@link Event#neuronName} and
 * {@link WeightRef#name} (h1^(2), w21): those are for typing and parsing, these for reading.
 */
public final class Notation {
    private static final String SUB = "₀₁₂₃₄₅₆₇₈₉", SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    /** In ASCII text: h1^(2), h10^(3) a neuron; w^(2)_1,3 and b^(2)_1 a weight or bias by layer; w21 the post's short weight names; x1 an input. */
    private static final Pattern NAME = Pattern.compile(
            "\\b([hx])(\\d+)\\^\\((\\d+)\\)|\\b([wb])\\^\\((\\d+)\\)_(\\d+(?:,\\d+)?)|\\bw(\\d)(\\d)\\b|\\bx(\\d)\\b");

    private Notation() {}

    /** h₁⁽²⁾: neuron `index` of hidden layer `layer`, both 0-based as the engine counts them. */
    public static String neuron(int layer, int index) {
        return "h" + sub(index + 1) + layerSup(layer + 1);
    }

    /** An event's neuron, or the word the engine uses for the whole run ("network", for a divergence). */
    public static String neuron(Event e) {
        return e.layer() < 0 ? e.name() : neuron(e.layer(), e.neuron());
    }

    /**
     * A weight or bias: the post's w₂₁ for the weights into a layer's first unit (layer, then the
     * unit it comes from), w⁽ˡ⁾ᵢ,ⱼ for the others (into unit i from unit j), b⁽ˡ⁾ᵢ for a bias; all 1-based.
     */
    public static String weight(WeightRef ref) {
        int layer = ref.layer() + 1, to = ref.to() + 1;
        if (ref.isBias()) return "b" + layerSup(layer) + sub(to);
        if (ref.to() == 0 && ref.from() < 9) return "w" + sub(layer) + sub(ref.from() + 1);
        return "w" + layerSup(layer) + sub(to) + "," + sub(ref.from() + 1);
    }

    /** h₁ₐ⁽¹⁾: what neuron `index` (0-based) of hidden layer `layer` (0-based) passes on, its output after the activation. */
    public static String output(int layer, int index) {
        return "h" + sub(index + 1) + "ₐ" + layerSup(layer + 1);
    }

    /** x₁: input `index` (0-based). */
    public static String input(int index) {
        return "x" + sub(index + 1);
    }

    /** A number in subscript digits: 21 becomes ₂₁. */
    static String sub(int n) {
        return digits(n, SUB);
    }

    /** ⁽²⁾: a layer number as the post writes it, in superscript brackets. */
    static String layerSup(int n) {
        return "⁽" + digits(n, SUP) + "⁾";
    }

    private static String digits(int n, String glyphs) {
        return map(Integer.toString(n), glyphs);
    }

    /** Every ASCII name in a text (a chart's words built from link names) written as {@link #neuron} and {@link #weight} write it. */
    public static String pretty(String text) {
        if (text == null) return null;
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String r;
            if (m.group(1) != null) r = m.group(1) + subDigits(m.group(2)) + "⁽" + supDigits(m.group(3)) + "⁾";
            else if (m.group(4) != null) r = m.group(4) + "⁽" + supDigits(m.group(5)) + "⁾" + subDigits(m.group(6));
            else if (m.group(7) != null) r = "w" + subDigits(m.group(7) + m.group(8));
            else r = "x" + subDigits(m.group(9));
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Digits as subscripts; other characters, such as a comma, stay. */
    private static String subDigits(String s) {
        return map(s, SUB);
    }

    private static String supDigits(String s) {
        return map(s, SUP);
    }

    private static String map(String s, String table) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) out.append(c >= '0' && c <= '9' ? table.charAt(c - '0') : c);
        return out.toString();
    }
}
