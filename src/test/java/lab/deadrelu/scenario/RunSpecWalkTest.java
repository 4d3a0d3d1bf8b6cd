package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import org.junit.jupiter.api.Test;

/**
 * Older links said how far the guided walk had gone (walk=n). The page now reads that from the run,
 * so the parameter is still accepted and checked, but it is no longer part of the run or its link.
 */
class RunSpecWalkTest {

    static RunSpec parse(String query) {
        return RunSpec.parse(ScenarioClaimsTest.query(query), Set.of());
    }

    @Test
    void anOldLinksWalkPositionIsAcceptedAndLeftOutOfTheCanonicalLink() {
        assertFalse(RunSpec.KEYS.contains("walk"));
        assertEquals(java.util.List.of("mark", "pause", "view", "lock", "title", "note", "class"), RunSpec.KEYS.subList(RunSpec.KEYS.size() - 7, RunSpec.KEYS.size()));
        assertEquals("scenario=case-2", parse("scenario=case-2&walk=0").toQuery());
        assertEquals("scenario=case-2&lr=0.03&at=100", parse("walk=5&at=100&lr=0.03&scenario=case-2").toQuery());
        assertEquals(parse("scenario=case-2&at=8"), parse("scenario=case-2&at=8&walk=2"), "the same run with or without it");
        assertFalse(parse("scenario=case-2&walk=3").values().containsKey("walk"), "nor in the JSON spec");
    }

    @Test
    void anOldLinksWalkPositionOutsideTheScenariosWalkStillNamesTheParameterAndItsRange() {
        int steps = Walks.of(Scenario.HEALTHY).size();
        for (String bad : new String[] {"-1", "x", "", "1.5", Integer.toString(steps + 1), "21"}) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> parse("scenario=healthy&walk=" + bad), bad);
            assertEquals("walk", e.parameter);
            assertEquals("a whole number from 0 to " + steps + " (the steps of this scenario's guided walk)", e.allowed);
        }
        for (Scenario s : Scenario.values()) {
            int n = Walks.of(s).size();
            assertEquals(RunSpec.of(s), parse("scenario=" + s.id + "&walk=" + n));
        }
    }
}
