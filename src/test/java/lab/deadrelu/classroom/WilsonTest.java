package lab.deadrelu.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WilsonTest {
    private static final double TOLERANCE = 5e-5;

    @Test
    void none_of_ten_is_zero_to_about_28_percent() {
        Wilson w = Wilson.of95(0, 10);
        assertEquals(0, w.low(), 0);
        assertEquals(0.27753, w.high(), TOLERANCE);   // z² / (n + z²)
    }

    @Test
    void five_of_ten_is_symmetric_around_a_half() {
        Wilson w = Wilson.of95(5, 10);
        assertEquals(0.23659, w.low(), TOLERANCE);
        assertEquals(0.76341, w.high(), TOLERANCE);
    }

    @Test
    void ten_of_ten_is_about_72_percent_to_one() {
        Wilson w = Wilson.of95(10, 10);
        assertEquals(0.72247, w.low(), TOLERANCE);
        assertEquals(1, w.high(), 0);
    }

    @Test
    void one_of_ten_matches_the_textbook_interval() {
        Wilson w = Wilson.of95(1, 10);
        assertEquals(0.01788, w.low(), TOLERANCE);
        assertEquals(0.40415, w.high(), TOLERANCE);
    }

    @Test
    void nothing_known_is_the_whole_range_and_nonsense_is_refused() {
        assertEquals(new Wilson(0, 1), Wilson.of95(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Wilson.of95(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Wilson.of95(-1, 2));
    }
}
