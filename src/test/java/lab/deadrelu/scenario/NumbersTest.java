package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void linksPrintTheShortestDecimalEvenWhereThisJdksDoubleToStringDoesNot() {
        // Each of these prints longer from JDK 17's Double.toString than the shortest decimal that reads back.
        assertEquals("1.0e23", Numbers.format(1.0e23));
        assertEquals("8.41e21", Numbers.format(8.41e21));
        assertEquals("282879384806159000", Numbers.format(2.82879384806159e17));
        assertEquals("4.9e-324", Numbers.format(Double.MIN_VALUE));   // two digits: 5e-324 reads back too, 4.9 is closer
        assertEquals("1.0e-30", Numbers.format(1e-30));
        assertEquals("0.30000000000000004", Numbers.format(0.1 + 0.2));
        assertEquals("0.3", Numbers.format(0.3));
        assertEquals("0.0001", Numbers.format(1e-4));
        assertEquals("-0.03", Numbers.format(-0.03));
        assertEquals("1000000", Numbers.format(1e6));
        assertEquals("1.7976931348623157e308", Numbers.format(Double.MAX_VALUE));
    }

    @Test
    void theJdkThisRunsOnMayPrintLongerButTheLinkIsTheSame() {
        // JDK 17 prints 9.999999999999999E22, JDK 19 and later 1.0E23: both read back as 1e23, links say 1.0e23.
        String jdk = Double.toString(1.0e23);
        assertEquals(1.0e23, Double.parseDouble(jdk));
        assertTrue(jdk.equals("9.999999999999999E22") || jdk.equals("1.0E23"), jdk);
        assertEquals("1.0e23", Numbers.format(Double.parseDouble("9.999999999999999E22")));
    }

    @Test
    void everyPrintedNumberReadsBackExactlyAndNoShorterDecimalWould() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 20_000; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)   // any finite positive double
                    : random.nextDouble() * Math.pow(10, random.nextInt(-8, 8));                       // numbers links carry
            String text = Numbers.format(v);
            assertEquals(v, Numbers.parseDouble("lr", text, "any"), text);
            BigDecimal d = Numbers.shortest(v);
            int digits = d.precision();
            if (digits > 2) {   // with one fewer digit, neither neighbour of v reads back as v
                BigDecimal exact = new BigDecimal(v);
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    double back = Double.parseDouble(exact.round(new MathContext(digits - 1, mode)).toString());
                    assertNotEquals(v, back, () -> v + " has a shorter decimal than " + d);
                }
            }
            assertTrue(digits <= 17, text);
        }
    }

    @Test
    void aTenthOfALinksNumberIsTheDecimalTenthOfItsShortestForm() {
        assertEquals(0.03, Numbers.shortest(0.3).movePointLeft(1).doubleValue());
        assertEquals(1.0e22, Numbers.shortest(1.0e23).movePointLeft(1).doubleValue());
    }
}
