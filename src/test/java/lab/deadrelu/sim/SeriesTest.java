package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void keepsEveryPointWhileThereIsRoom() {
        Series s = new Series(8);
        for (int step = 0; step < 8; step++) s.add(step, step * 10);
        assertEquals(8, s.size());
        for (int b = 0; b < 8; b++) {
            assertEquals(b, s.stepOf(b));
            assertEquals(b * 10, s.lastOf(b));
        }
    }

    @Test
    void staysWithinItsCapacityForAMillionSteps() {
        Series s = new Series(240);
        for (int step = 0; step <= 1_000_000; step++) s.add(step, Math.sin(step));
        assertTrue(s.size() <= 240 && s.size() >= 120, "size " + s.size());
        assertEquals(1_000_000, s.stepOf(s.size() - 1));
        assertEquals(0, s.firstStep());
    }

    @Test
    void aSpikeSurvivesEveryMerge() {
        Series s = new Series(16);
        for (int step = 0; step < 10_000; step++) s.add(step, step == 4_321 ? 1e6 : 1.0);
        assertEquals(1e6, s.highest());
        assertEquals(1.0, s.lowest());
        int spikes = 0;
        for (int b = 0; b < s.size(); b++) if (s.maxOf(b) == 1e6) spikes++;
        assertEquals(1, spikes, "exactly one bucket holds the spike");
    }

    @Test
    void bucketsAreInStepOrderAndTheLastValueIsTheNewest() {
        Series s = new Series(10);
        for (int step = 0; step < 1_000; step++) s.add(step, step);
        for (int b = 1; b < s.size(); b++) assertTrue(s.stepOf(b) > s.stepOf(b - 1));
        assertEquals(999, s.lastOf(s.size() - 1));
        assertEquals(999, s.stepOf(s.size() - 1));
    }

    @Test
    void aCopyDoesNotSeeLaterPoints() {
        Series s = new Series(10);
        s.add(0, 1);
        Series copy = s.copy();
        s.add(1, 2);
        assertEquals(1, copy.size());
        assertEquals(2, s.size());
    }
}
