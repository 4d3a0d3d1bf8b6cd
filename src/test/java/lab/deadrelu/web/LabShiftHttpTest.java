package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import lab.deadrelu.engine.Shift;
import org.junit.jupiter.api.Test;

/** A lab with a moving target (shift=K): the link opens, the status says how often the target moves and the phase on screen, in both languages; a bad K is a 400 naming it. */
class LabShiftHttpTest extends LabTestBase {

    static void assertContains(String body, String part) {
        assertTrue(body.contains(part), "\n expected to find: " + part + "\n in\n" + body);
    }

    @Test
    void theStatusSaysTheTargetMovesAndWhichPhaseTheStepIsIn() {
        assertContains(open("/lab?scenario=moving-target&at=499").region("status"),
                "<p class=\"shift\" id=\"shift\">The target moves every 500 updates. Phase 0 now: the data set’s own targets, up to step 499.</p>");
        assertContains(open("/lab?scenario=moving-target&at=500").region("status"),
                "<p class=\"shift\" id=\"shift\">The target moves every 500 updates. Phase 1 now: new random targets from step 500 to step 999.</p>");
        assertContains(open("/lab?scenario=healthy&shift=3&at=7").region("status"),
                "The target moves every 3 updates. Phase 2 now: new random targets from step 6 to step 8.");
        assertContains(open("/lab?scenario=moving-target&at=1200&lang=zh").region("status"),
                "目标每 500 次更新换一次。现在是第 2 阶段：从第 1000 步到第 1499 步是一组新的随机目标。");
        assertFalse(open("/lab?scenario=healthy&at=7").region("status").contains("id=\"shift\""), "a fixed target says nothing");
    }

    @Test
    void theLinkKeepsTheShiftAndTurningItOffIsShiftZero() {
        Opened lab = open("/lab?scenario=healthy&shift=40&at=3");
        assertContains(lab.body(), "scenario=healthy&amp;shift=40&amp;at=3");
        Opened off = open("/lab?scenario=moving-target&shift=0&at=3");
        assertContains(off.body(), "scenario=moving-target&amp;shift=0&amp;at=3");
        assertFalse(off.region("status").contains("id=\"shift\""));
    }

    @Test
    void aBadShiftIsA400NamingItAndWhatIsAllowed() {
        for (String bad : new String[] {"-1", "1000001", "often"}) {
            HttpResponse<String> r = get("/lab?scenario=moving-target&shift=" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertContains(r.body(), "shift");
            assertContains(r.body(), Shift.ALLOWED);
        }
        assertEquals(200, get("/lab?scenario=healthy&shift=1000000").statusCode());
    }
}
