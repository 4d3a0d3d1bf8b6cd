package lab.deadrelu.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The post's names with real sub- and superscripts for the reader; ASCII stays in links, JSON and the CLI. */
class NotationTest {
    @Test
    void neuronWeightAndBiasNamesGetSubscriptsAndSuperscripts() {
        assertEquals("h₁⁽²⁾", Notation.pretty("h1^(2)"));
        assertEquals("h₁₀⁽²⁾", Notation.pretty("h10^(2)"));
        assertEquals("w₂₁", Notation.pretty("w21"));
        assertEquals("w₁,₃⁽²⁾", Notation.pretty("w^(2)_1,3"));
        assertEquals("b₁⁽²⁾", Notation.pretty("b^(2)_1"));
        assertEquals("x₃", Notation.pretty("x3"));
        assertEquals("Weights into h₁⁽²⁾ (w₂₁, w₂₂)", Notation.pretty("Weights into h1^(2) (w21, w22)"));
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
}
