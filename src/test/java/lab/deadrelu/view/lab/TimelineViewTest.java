package lab.deadrelu.view.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.sim.Timeline;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.site.Assets;
import lab.deadrelu.view.site.Ui;
import org.junit.jupiter.api.Test;

/** The timeline's marks: one per event while they are few, merged and counted per kind when a run has thousands. */
class TimelineViewTest {
    private static final Ui EN = new Ui(Lang.EN, "", "/lab", "", false, new Assets(List.of("/c"), "/i", "/h", "/s", "/j"));

    @Test
    void aFewEventsAreMarkedOneByOneWhereTheyHappened() {
        List<Event> events = List.of(new Event(0, 0, 0, Event.Kind.BORN_DEAD, "init", null), new Event(8, 1, 0, Event.Kind.DIED, "update", null),
                new Event(8, 1, 0, Event.Kind.PERMANENT, "update", null));
        TimelineView v = TimelineView.of(new Timeline(20, 40, 1_000_000, events, null), true, EN, "/lab/x");
        assertEquals(List.of("0.0%", "20.0%", "20.0%"), v.marks().stream().map(TimelineView.Mark::x).toList());
        assertEquals(List.of("born-dead", "died", "permanent"), v.marks().stream().map(TimelineView.Mark::kind).toList());
        assertEquals("h₁⁽²⁾ died at step 8.", v.marks().get(1).label());
        assertEquals("Step 20 of 40 reached", v.position());
        assertTrue(v.behind().contains("step 20") && v.behind().contains("step 40"), v.behind());
        assertEquals(20, v.at());
    }

    @Test
    void thousandsOfEventsBecomeAtMostFortyMarksPerKindEachCounted() {
        List<Event> events = new ArrayList<>();
        for (long step = 1; step <= 5_000; step++) {
            events.add(new Event(step, (int) (step % 3), 0, step % 2 == 0 ? Event.Kind.DIED : Event.Kind.REVIVED, "update", null));
        }
        TimelineView v = TimelineView.of(new Timeline(5_000, 5_000, 100_000, events, null), false, EN, "/lab/x");
        assertEquals(2 * TimelineView.SLOTS, v.marks().size());
        int counted = 0;
        for (TimelineView.Mark m : v.marks()) {
            java.util.regex.Matcher c = java.util.regex.Pattern.compile("^(\\d+) × (died|revived), steps (\\d+) to (\\d+)$").matcher(m.label());
            assertTrue(c.matches(), m.label());
            counted += Integer.parseInt(c.group(1));
        }
        assertEquals(5_000, counted, "every event is in one mark");
        assertNull(v.behind(), "at the furthest step");
    }
}
