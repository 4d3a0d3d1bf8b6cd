package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Recycling;
import org.junit.jupiter.api.Test;

/** ReDo in a link: the op redo:τ@k and the setting redo=τ&redoEvery=K, parsed strictly and written canonically. */
class RedoLinkTest {

    static InvalidParameter refused(String q) {
        return assertThrows(InvalidParameter.class, () -> RunSpecTest.parse(q));
    }

    @Test
    void theRedoOpReadsBackAndIsWrittenCanonically() {
        RunSpec run = RunSpecTest.parse("scenario=case-2&ops=redo:0.10@40,redraw@50");
        assertEquals(Op.redo(40, 0.1), run.ops().get(0));
        assertEquals("scenario=case-2&ops=redo:0.1@40,redraw@50", run.toQuery());
        RunSpecTest.assertRoundTrip(run);
        assertEquals("redo:1@3", Op.redo(3, 1.0).format());
    }

    @Test
    void aThresholdOutsideZeroToOneIsARefusalThatSaysWhatIsAllowed() {
        for (String bad : new String[] {"redo:0@5", "redo:1.5@5", "redo:-0.1@5", "redo:x@5", "redo@5", "redo:0.1:2@5"}) {
            InvalidParameter e = refused("scenario=case-2&ops=" + bad);
            assertEquals("ops", e.parameter, bad);
            assertTrue(e.allowed.contains("0 < τ ≤ 1"), bad + ": " + e.allowed);
        }
    }

    @Test
    void periodicRedoIsTwoKeysWrittenOnlyWhenSet() {
        RunSpec run = RunSpecTest.parse("scenario=case-2&redoEvery=100&redo=0.1");
        assertEquals(new Recycling(0.1, 100), run.spec().redo());
        assertEquals("scenario=case-2&redo=0.1&redoEvery=100", run.toQuery());
        RunSpecTest.assertRoundTrip(run);
        assertFalse(RunSpecTest.parse("scenario=case-2").toQuery().contains("redo"));
        assertEquals(Recycling.OFF, RunSpecTest.parse("scenario=case-2").spec().redo());
    }

    @Test
    void oneRedoKeyWithoutTheOtherOrOutOfRangeIsRefusedNamingIt() {
        InvalidParameter alone = refused("scenario=case-2&redoEvery=100");
        assertEquals("redoEvery", alone.parameter);
        assertTrue(alone.allowed.contains("only with redo="), alone.allowed);
        assertEquals("redo", refused("scenario=case-2&redo=0.1").parameter);
        for (String tau : new String[] {"0", "1.01", "-1", "abc"}) {
            InvalidParameter e = refused("scenario=case-2&redo=" + tau + "&redoEvery=10");
            assertEquals("redo", e.parameter);
            assertEquals(tau, e.value);
            assertTrue(e.allowed.contains("0 < τ ≤ 1"), e.allowed);
        }
        for (String k : new String[] {"0", "-3", "1.5", "1000001"}) assertEquals("redoEvery", refused("scenario=case-2&redo=0.1&redoEvery=" + k).parameter);
    }

    @Test
    void theRunsJsonSpecHasRedoOnlyWhenSetAndEverySnapshotTheDormantFractions() {
        RunReport off = RunReport.record(RunSpecTest.parse("scenario=case-2"), 10, 5);
        assertFalse(off.spec().containsKey("redo"));
        assertFalse(off.spec().containsKey("redoEvery"));
        RunReport on = RunReport.record(RunSpecTest.parse("scenario=case-2&redo=0.1&redoEvery=5"), 10, 5);
        assertEquals(0.1, on.spec().get("redo"));
        assertEquals(5L, on.spec().get("redoEvery"));
        RunReport.Frame step10 = on.snapshots().get(2);
        assertEquals(10, step10.step());
        assertEquals(java.util.List.of("0.025", "0.1"), java.util.List.copyOf(step10.dormant().keySet()));
        assertEquals(2, step10.dormant().get("0.1").length, "one fraction per hidden layer");
        // case 2: h1^(2) dies at step 8; at step 10 ReDo recycles it, so nothing is dormant at 0.1 after step 10's recycling
        Map<String, double[]> step5 = on.snapshots().get(1).dormant();
        assertEquals(0.0, step5.get("0.1")[1]);
        assertTrue(on.events().stream().anyMatch(e -> e.kind().equals("recycled") && e.step() == 10 && e.name().equals("h1^(2)")));
    }
}
