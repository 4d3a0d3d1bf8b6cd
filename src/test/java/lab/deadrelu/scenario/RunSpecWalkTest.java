package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import org.junit.jupiter.api.Test;

/** The guided walk's position in the link: walk=<n>, last of the canonical keys, left out when 0. */
class RunSpecWalkTest {

    static RunSpec parse(String query) {
        return RunSpec.parse(ScenarioClaimsTest.query(query), Set.of());
    }

    @Test
    void walkIsTheLastKeyAndIsLeftOutWhenZero() {
        // the teacher's lock, title and note (Course) come after it
        assertEquals(java.util.List.of("walk", "lock", "title", "note"), RunSpec.KEYS.subList(RunSpec.KEYS.size() - 4, RunSpec.KEYS.size()));
        assertEquals("scenario=case-2", parse("scenario=case-2&walk=0").toQuery());
        assertEquals("scenario=case-2&lr=0.03&at=100&walk=5", parse("walk=5&at=100&lr=0.03&scenario=case-2").toQuery());
        assertEquals(5, parse("scenario=case-2&walk=5").walk());
        assertEquals(0, parse("scenario=case-2").walk());
    }

    @Test
    void everyWayOfChangingTheRunKeepsTheWalkPosition() {
        RunSpec r = RunSpec.of(Scenario.CASE_2).withWalk(3);
        assertEquals(3, r.at(12).walk());
        assertEquals(3, r.focus(0, 1).walk());
        assertEquals(3, r.withOp(Op.lr(0, 0.1)).walk());
        assertEquals(3, r.restarted(r.spec().withLr(0.03)).walk());
        assertEquals(3, r.withSpec(r.spec().withSeed(4)).walk());
        assertEquals(0, new RunSpec(Scenario.CASE_2, Scenario.CASE_2.spec, java.util.List.of(), 0, 1, 0).walk());
        Replay replay = new Replay(r);
        replay.intervene(Op.reinit(0));
        assertEquals(3, replay.run().walk());
    }

    @Test
    void aWalkPositionOutsideTheScenariosWalkNamesTheParameterAndItsRange() {
        int steps = Walks.of(Scenario.HEALTHY).size();
        for (String bad : new String[] {"-1", "x", "", "1.5", Integer.toString(steps + 1), "21"}) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> parse("scenario=healthy&walk=" + bad), bad);
            assertEquals("walk", e.parameter);
            assertEquals("a whole number from 0 to " + steps + " (the steps of this scenario's guided walk)", e.allowed);
        }
        assertEquals("walk", assertThrows(InvalidParameter.class, () -> RunSpec.of(Scenario.HEALTHY).withWalk(steps + 1)).parameter);
        for (Scenario s : Scenario.values()) {
            int n = Walks.of(s).size();
            assertEquals(n, parse("scenario=" + s.id + "&walk=" + n).walk());
            assertEquals(true, n <= 20, "walk stays within 0..20");
        }
    }
}
