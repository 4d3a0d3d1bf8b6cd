package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.deadrelu.engine.InvalidParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** mark=<step>: a step the lab's charts mark (an event the reader clicked). Part of the link, not of the run. */
class RunSpecMarkTest {

    static RunSpec parse(String q) {
        return RunSpecTest.parse(q);
    }

    @Test
    void markComesAfterFocusAndTheInspectedWeightAndReadsBackAsItself() {
        assertEquals("weight", RunSpec.KEYS.get(RunSpec.KEYS.indexOf("mark") - 1));
        assertEquals("focus", RunSpec.KEYS.get(RunSpec.KEYS.indexOf("weight") - 1));
        RunSpec run = parse("mark=8&focus=1.2&at=30&scenario=case-2");
        assertEquals(8L, run.mark());
        assertEquals("scenario=case-2&at=30&focus=1.2&mark=8", run.toQuery());
        assertEquals(run, parse(run.toQuery()));
        assertEquals("scenario=case-2&at=30&mark=0", parse("scenario=case-2&at=30&mark=0").toQuery());
        assertEquals(1_000_000L, parse("scenario=case-2&mark=1000000").mark());
    }

    @Test
    void withoutMarkTheLinkLeavesItOut() {
        RunSpec run = parse("scenario=case-2&at=30");
        assertNull(run.mark());
        assertEquals("scenario=case-2&at=30", run.toQuery());
        assertEquals("", run.values().get("mark"));
        assertEquals("scenario=case-2&at=30", run.mark(8L).mark(null).toQuery());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1000001", "99999999999999999999", "abc", "", "1.5", "8e2", "+8", " 8"})
    void aBadMarkIsRefusedNamingMarkAndTheRange(String bad) {
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&mark=" + bad));
        assertEquals("mark", e.parameter);
        assertEquals(bad, e.value);
        assertTrue(e.allowed.contains("0 to 1000000"), e.allowed);
        assertEquals("mark", assertThrows(InvalidParameter.class, () -> parse("scenario=case-2").mark(-1L)).parameter);
        assertEquals("mark", assertThrows(InvalidParameter.class, () -> parse("scenario=case-2").mark(1_000_001L)).parameter);
    }

    @Test
    void theMarkStaysWhileTheReaderMovesFocusStepsOrIntervenesAndGoesWithARestart() {
        RunSpec run = parse("scenario=case-2&at=30&mark=8");
        assertEquals(8L, run.at(31).mark());
        assertEquals(8L, run.focus(0, 1).mark());
        assertEquals(8L, run.withOp(Op.lr(30, 0.03)).mark());
        assertEquals("scenario=case-2&ops=lr:0.03@30&at=30&mark=8", run.withOp(Op.lr(30, 0.03)).toQuery());
        assertNull(run.restarted(run.spec().withLr(0.03)).mark(), "a restart starts a new run: nothing to mark yet");

        Replay replay = new Replay(run.at(0));
        replay.advanceTo(30);
        replay.intervene(Op.redraw(30));
        assertEquals("scenario=case-2&ops=redraw@30&at=30&mark=8", replay.run().toQuery());
    }
}
