package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import lab.deadrelu.scenario.Walks.Position;
import lab.deadrelu.scenario.Walks.Standing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The walks on paper: the run each step leads to, where a run stands against its walk, and which steps a teacher's lock covers. */
class WalksTest {

    static RunSpec parse(String query) {
        return RunSpec.parse(ScenarioClaimsTest.query(query), Set.of());
    }

    static Position where(String query) {
        return Walks.where(parse(query));
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void every_step_leads_to_one_run_that_goes_on_from_the_one_before_or_restarts_it(Scenario s) {
        Walks.Walk w = Walks.of(s);
        assertEquals(RunSpec.of(s), w.target(0));
        for (int n = 1; n <= w.size(); n++) {
            RunSpec t = w.target(n), before = w.target(n - 1);
            assertTrue(Walks.continues(t, before) || (t.at() <= before.at() && t.ops().isEmpty() && !t.spec().equals(before.spec())),
                    s.id + " step " + n + " goes on from step " + (n - 1) + " or restarts with other settings");
            assertEquals(new Position(Standing.AT, n, t.at()), Walks.where(t), "a step's own run is where that step leads");
            assertEquals(s.focusLayer, t.focusLayer());
            assertEquals(s.focusNeuron, t.focusNeuron());
        }
    }

    @Test
    void the_case_2_walk_names_absolute_targets() {
        Walks.Walk w = Walks.of(Scenario.CASE_2);
        assertEquals(List.of("scenario=case-2&at=7", "scenario=case-2&at=8", "scenario=case-2&at=100",
                        "scenario=case-2&ops=lr:0.03@100&at=200", "scenario=case-2&lr=0.03&at=100"),
                List.of(w.target(1).toQuery(), w.target(2).toQuery(), w.target(3).toQuery(), w.target(4).toQuery(), w.target(5).toQuery()));
    }

    @Test
    void where_a_case_2_run_stands_is_read_from_the_run_alone() {
        assertEquals(new Position(Standing.AT, 0, 0), where("scenario=case-2"));
        assertEquals(new Position(Standing.PAST, 0, 5), where("scenario=case-2&at=5"));
        assertEquals(new Position(Standing.AT, 1, 7), where("scenario=case-2&at=7"));
        assertEquals(new Position(Standing.AT_ELSEWHERE, 1, 7), where("scenario=case-2&at=7&focus=1.1"));
        assertEquals(new Position(Standing.AT, 2, 8), where("scenario=case-2&at=8&weight=2.1.2&mark=3"), "the inspector and a mark do not matter");
        assertEquals(new Position(Standing.PAST, 2, 20), where("scenario=case-2&at=20"));
        assertEquals(new Position(Standing.LEFT, 3, 150), where("scenario=case-2&at=150"), "step 4 lowers λ at step 100");
        assertEquals(new Position(Standing.PAST, 3, 150), where("scenario=case-2&ops=lr:0.03@100&at=150"));
        assertEquals(new Position(Standing.AT, 4, 200), where("scenario=case-2&ops=lr:0.03@100&at=200"));
        assertEquals(new Position(Standing.LEFT, 2, 9), where("scenario=case-2&ops=reinit@8&at=9"));
        assertEquals(new Position(Standing.LEFT, 0, 20), where("scenario=case-2&ops=lr:0.1@3&at=20"));
        assertEquals(new Position(Standing.AT, 5, 100), where("scenario=case-2&lr=0.03&at=100"));
        assertEquals(new Position(Standing.PAST, 5, 120), where("scenario=case-2&lr=0.03&at=120"));
        assertEquals(new Position(Standing.LEFT, 5, 120), where("scenario=case-2&lr=0.03&ops=reinit@110&at=120"));
        assertEquals(new Position(Standing.PAST, 4, 8), where("scenario=case-2&lr=0.03&at=8"), "restarted with step 5's λ: on the way to step 5");
        assertEquals(new Position(Standing.PAST, 2, 50), where("scenario=healthy&lr=1&at=50"));
        assertEquals(new Position(Standing.OTHER, 0, 30), where("scenario=case-2&lr=0.1&at=30"));
        assertEquals(new Position(Standing.OTHER, 0, 0), where("scenario=case-2&seed=4"));
    }

    @Test
    void a_step_is_locked_when_the_walk_is_or_when_it_would_change_what_a_lock_covers() {
        for (int n = 0; n <= 5; n++) assertEquals("walk", Walks.lockFor(parse("scenario=case-2&lock=walk"), n));
        RunSpec lr = parse("scenario=case-2&lock=lr");
        assertNull(Walks.lockFor(lr, 1));
        assertNull(Walks.lockFor(lr, 3));
        assertEquals("lr", Walks.lockFor(lr, 4), "step 4 sets λ at step 100");
        assertEquals("lr", Walks.lockFor(lr, 5), "step 5 restarts with another λ");
        assertNull(Walks.lockFor(parse("scenario=case-2&ops=lr:0.03@100&at=200&lock=lr"), 4), "already there: nothing changes");
        assertEquals("lr", Walks.lockFor(parse("scenario=case-2&ops=lr:0.03@100&at=200&lock=lr"), 3), "going back would undo the teacher's λ");
        assertEquals("lr", Walks.lockFor(parse("scenario=case-2&lr=0.03&lock=lr"), 1), "the teacher's own λ stays");
        assertNull(Walks.lockFor(parse("scenario=case-2&lr=0.03&lock=act"), 1), "another lock does not cover λ");

        RunSpec reinit = parse("scenario=case-1&lock=reinit");
        assertNull(Walks.lockFor(reinit, 2));
        assertEquals("reinit", Walks.lockFor(reinit, 3));
        assertEquals("reinit", Walks.lockFor(reinit, 4), "step 4's run holds step 3's re-initialization");
        assertEquals("reinit", Walks.lockFor(parse("scenario=case-2&ops=reinit@50&at=60&lock=reinit"), 1), "nor undo one");

        RunSpec act = parse("scenario=leaky-rescues-case-2&lock=act");
        assertNull(Walks.lockFor(act, 3));
        assertEquals("act", Walks.lockFor(act, 4));
        RunSpec redraw = parse("scenario=deep-net-works-anyway&lock=redraw");
        assertNull(Walks.lockFor(redraw, 2));
        assertEquals("redraw", Walks.lockFor(redraw, 3));
        assertEquals("bias", Walks.lockFor(parse("scenario=case-2&bias=true&lock=bias"), 1));
        assertNull(Walks.lockFor(parse("scenario=case-2&lock=reset,bias"), 5), "reset and bias do not cover a restart with another λ");
    }
}
