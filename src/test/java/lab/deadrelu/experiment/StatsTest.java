package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void wilsonIntervalsMatchTheTextbookValues() {
        // Newcombe (1998), table I: 0/10 -> [0, 0.2775]; 1/10 -> [0.0179, 0.4042]; 81/263 -> [0.2553, 0.3662]
        Stats.Fraction zero = Stats.fraction(0, 10);
        assertEquals(0.0, zero.low());
        assertEquals(0.2775, zero.high(), 1e-4);
        Stats.Fraction one = Stats.fraction(1, 10);
        assertEquals(0.0179, one.low(), 1e-4);
        assertEquals(0.4042, one.high(), 1e-4);
        Stats.Fraction big = Stats.fraction(81, 263);
        assertEquals(0.2553, big.low(), 1e-4);
        assertEquals(0.3662, big.high(), 1e-4);
        Stats.Fraction all = Stats.fraction(10, 10);
        assertEquals(1.0, all.high());
        assertEquals(0.7225, all.low(), 1e-4);
        assertEquals(0.0, all.se());
        assertTrue(Double.isNaN(Stats.fraction(0, 0).p()));
    }

    @Test
    void aMeanHasTheSampleStandardDeviationAndANormalInterval() {
        Stats.Mean m = Stats.mean(new double[] {1, 2, 3, 4, 99}, 4);
        assertEquals(4, m.n());
        assertEquals(2.5, m.mean());
        assertEquals(Math.sqrt(5.0 / 3), m.sd(), 1e-15);
        assertEquals(m.sd() / 2, m.se(), 1e-15);
        assertEquals(2.5 - Stats.Z95 * m.se(), m.low(), 1e-15);
        Stats.Mean single = Stats.mean(new double[] {7}, 1);
        assertEquals(7, single.mean());
        assertTrue(Double.isNaN(single.sd()));
        assertTrue(Double.isNaN(Stats.mean(new double[0], 0).mean()));
    }
}
