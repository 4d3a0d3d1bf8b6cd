package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Shift;
import org.junit.jupiter.api.Test;

/** A moving target in a link: shift=K, parsed strictly, written only when it differs from the scenario's, in the run's JSON when on. */
class ShiftLinkTest {

    @Test
    void shiftReadsBackAndIsWrittenAfterRedoEvery() {
        RunSpec run = RunSpecTest.parse("scenario=healthy&shift=40&redoEvery=40&redo=0.1");
        assertEquals(40, run.spec().shift());
        assertEquals("scenario=healthy&redo=0.1&redoEvery=40&shift=40", run.toQuery());
        RunSpecTest.assertRoundTrip(run);
        assertEquals(0, RunSpecTest.parse("scenario=healthy").spec().shift());
        assertFalse(RunSpecTest.parse("scenario=healthy&shift=0").toQuery().contains("shift"), "0 is the default: left out");
    }

    @Test
    void theSameLinkGivesTheSameNumbersAndTheShiftChangesThem() {
        RunReport a = RunReport.record(RunSpecTest.parse("scenario=healthy&shift=4"), 20, 10);
        RunReport b = RunReport.record(RunSpecTest.parse("scenario=healthy&shift=4"), 20, 10);
        RunReport fixed = RunReport.record(RunSpecTest.parse("scenario=healthy"), 20, 10);
        assertEquals(a.summary(), b.summary());
        assertEquals(a.snapshots().get(2).loss(), b.snapshots().get(2).loss());
        assertNotEquals(a.snapshots().get(2).loss(), fixed.snapshots().get(2).loss());
    }

    @Test
    void aBadShiftIsRefusedNamingItAndWhatIsAllowed() {
        for (String bad : new String[] {"-1", "1.5", "abc", "1000001", ""}) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> RunSpecTest.parse("scenario=healthy&shift=" + bad), bad);
            assertEquals("shift", e.parameter, bad);
            assertEquals(bad, e.value);
            assertEquals(Shift.ALLOWED, e.allowed);
        }
    }

    @Test
    void theRunsJsonHasShiftOnlyWhenOnAndItsDataAreTheDataSetsOwnTargets() {
        RunReport on = RunReport.record(RunSpecTest.parse("scenario=healthy&shift=4"), 10, 5);
        RunReport off = RunReport.record(RunSpecTest.parse("scenario=healthy"), 10, 5);
        assertEquals(4L, on.spec().get("shift"));
        assertFalse(off.spec().containsKey("shift"));
        assertTrue(java.util.Arrays.equals(off.data().y(), on.data().y()), "phase 0's targets, though the run ended in phase 2");
    }
}
