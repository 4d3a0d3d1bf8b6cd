package lab.deadrelu.view.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.WeightRef;
import org.junit.jupiter.api.Test;

/** The post's names as pages write them, and their agreement with the ASCII names of links, JSON and the command line. */
class NotationTest {

    @Test
    void neuronsWeightsBiasesOutputsAndInputsGetRealSubAndSuperscripts() {
        assertEquals("h₁⁽²⁾", Notation.neuron(1, 0));
        assertEquals("h₁₀⁽²⁾", Notation.neuron(1, 9), "two digits");
        assertEquals("h₃₂⁽¹²⁾", Notation.neuron(11, 31));
        assertEquals("w₂₁", Notation.weight(new WeightRef(1, 0, 0)), "the post's name: into h₁⁽²⁾ from h₁⁽¹⁾");
        assertEquals("w₃₁", Notation.weight(new WeightRef(2, 0, 0)), "into the output");
        assertEquals("w⁽²⁾₂,₁", Notation.weight(new WeightRef(1, 1, 0)), "into h₂⁽²⁾: layer up, to and from down");
        assertEquals("w⁽¹⁾₁,₁₀", Notation.weight(new WeightRef(0, 0, 9)), "from a tenth unit: the post's two digits would be ambiguous");
        assertEquals("b⁽²⁾₁", Notation.weight(new WeightRef(1, 0, WeightRef.BIAS)));
        assertEquals("h₁ₐ⁽¹⁾", Notation.output(0, 0));
        assertEquals("x₃", Notation.input(2));
        assertEquals("network", Notation.neuron(new Event(5, -1, -1, Event.Kind.DIVERGED, "update", null)));
    }

    @Test
    void everyNameReadsBackAsTheAsciiNameOfTheSameNeuronOrWeight() {
        for (int layer = 0; layer < 12; layer++) {
            for (int i = 0; i < 64; i++) {
                assertEquals(Event.neuronName(layer, i), ascii(Notation.neuron(layer, i)));
                for (int from = -1; from < 12; from++) {
                    WeightRef ref = new WeightRef(layer, i, from);
                    assertEquals(ref.name(), ascii(Notation.weight(ref)).replaceFirst("^([wb])\\^\\((\\d+)\\)(\\d+)", "$1^($2)_$3"));
                }
            }
        }
    }

    @Test
    void asciiNamesInAChartsWordsAreWrittenTheSameWay() {
        assertEquals("h₁⁽²⁾", Notation.pretty("h1^(2)"));
        assertEquals("h₁₀⁽²⁾", Notation.pretty("h10^(2)"));
        assertEquals("w₂₁", Notation.pretty("w21"));
        assertEquals("w⁽²⁾₂,₃", Notation.pretty("w^(2)_2,3"));
        assertEquals("b⁽²⁾₁", Notation.pretty("b^(2)_1"));
        assertEquals("x₃", Notation.pretty("x3"));
        assertEquals("Weights into h₁⁽²⁾ (w₂₁, w₂₂)", Notation.pretty("Weights into h1^(2) (w21, w22)"));
    }

    @Test
    void prettyWritesEveryAsciiNameAsNeuronAndWeightDo() {
        for (int layer = 0; layer < 9; layer++) {
            for (int i = 0; i < 12; i++) {
                assertEquals(Notation.neuron(layer, i), Notation.pretty(Event.neuronName(layer, i)));
                for (int from = -1; from < 9; from++) {
                    WeightRef ref = new WeightRef(layer, i, from);
                    assertEquals(Notation.weight(ref), Notation.pretty(ref.name()), ref.name());
                }
            }
        }
    }

    @Test
    void otherTextIsLeftAlone() {
        for (String s : new String[] {"ŷ", "x12", "w", "w123", "layer 2", "step 21", "", "lr=0.3&w=1,2"}) assertEquals(s, Notation.pretty(s));
    }

    @Test
    void percentagesForTheTemplatesHaveAtMostTwoDecimals() {
        assertEquals("0%", Format.pct(0));
        assertEquals("100%", Format.pct(1000));
        assertEquals("37.5%", Format.pct(375));
        assertEquals("26.67%", Format.pct(266.66));
        assertEquals("-1.2%", Format.pct(-12));
        assertEquals("0%", Format.pct(Double.NaN));
    }

    /** Unicode digits, brackets and the letter back to ASCII, a superscript bracket to "^(". */
    private static String ascii(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            int sub = "₀₁₂₃₄₅₆₇₈₉".indexOf(c), sup = "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c);
            if (sub >= 0) b.append(sub);
            else if (sup >= 0) b.append(sup);
            else if (c == '⁽') b.append("^(");
            else if (c == '⁾') b.append(')');
            else b.append(c);
        }
        return b.toString();
    }
}
