package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lab.deadrelu.engine.InvalidParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** view=present: the lab's present mode for a projector. Part of the link (kept by every control), not of the run. */
class RunSpecViewTest {

    static RunSpec parse(String q) {
        return RunSpecTest.parse(q);
    }

    @Test
    void viewComesAfterMarkAndPauseAndBeforeTheLocksAndTheDefaultIsLeftOut() {
        assertEquals("pause", RunSpec.KEYS.get(RunSpec.KEYS.indexOf("view") - 1));
        assertEquals("lock", RunSpec.KEYS.get(RunSpec.KEYS.indexOf("view") + 1));
        RunSpec present = parse("pause=off&view=present&at=7&scenario=case-2");
        assertEquals(RunSpec.View.PRESENT, present.view());
        assertEquals("scenario=case-2&at=7&pause=off&view=present", present.toQuery());
        assertEquals(present, parse(present.toQuery()), "reads back as itself");
        assertEquals("scenario=case-2&at=7", parse("scenario=case-2&at=7&view=stage").toQuery(), "the stage is the default");
        assertEquals(RunSpec.View.STAGE, parse("scenario=case-2").view());
        assertEquals("scenario=case-2&at=7&pause=off", present.withView(RunSpec.View.STAGE).toQuery());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Present", "projector", "1", "present "})
    void anyOtherViewIsRefusedNamingViewAndWhatIsAllowed(String bad) {
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&view=" + bad));
        assertEquals("view", e.parameter);
        assertEquals(bad, e.value);
        assertEquals("stage (the default) or present (the stage alone in large type, for a projector)", e.allowed);
    }

    @Test
    void everyWayOfChangingTheRunKeepsPresentMode() {
        RunSpec r = parse("scenario=case-2&view=present");
        assertEquals(RunSpec.View.PRESENT, r.at(12).view());
        assertEquals(RunSpec.View.PRESENT, r.focus(0, 1).view());
        assertEquals(RunSpec.View.PRESENT, r.withOp(Op.lr(0, 0.1)).view());
        assertEquals(RunSpec.View.PRESENT, r.restarted(r.spec().withLr(0.03)).view());
        assertEquals(RunSpec.View.PRESENT, r.withSpec(r.spec().withSeed(4)).view());
        assertEquals(RunSpec.View.PRESENT, r.mark(8L).withCourse(Course.NONE).view());
        Replay replay = new Replay(r);
        replay.intervene(Op.reinit(0));
        assertEquals(RunSpec.View.PRESENT, replay.run().view());
    }

    @Test
    void theRunsJsonLeavesTheViewOut() {
        assertFalse(RunReport.typed(parse("scenario=case-2&view=present")).containsKey("view"), "how a page lays a run out is not the run");
    }
}
