package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Event;
import lab.deadrelu.sim.Timeline;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.site.Ui;

/**
 * What `lab/timeline.jte` draws: a scrubber over steps 0 to the furthest step reached, the run's
 * events marked above it, and the pause-at-death switch.
 *
 * @param actions      the base URL the forms post to, e.g. /lab/{id}
 * @param at           the step on screen (the scrubber's value)
 * @param furthest     the furthest step reached (the scrubber's max)
 * @param position     the scrubber's value in words, e.g. "step 40 of 117 reached"
 * @param behind       a sentence when the step on screen is before the furthest one (the student went back), else null
 * @param marks        the events, at most {@link #SLOTS} per kind, in step order
 * @param pauseAtDeath whether playing stops at the first step a neuron dies
 */
public record TimelineView(String actions, long at, long furthest, String position, String behind, List<Mark> marks,
                           boolean pauseAtDeath) {

    /**
     * Marks of one kind closer than 1/SLOTS of the timeline's width share one mark: a run may have
     * thousands of events, and the fragment goes out with every full frame (at most 5 x 40 marks).
     */
    static final int SLOTS = 40;

    public TimelineView {
        marks = List.copyOf(marks);
    }

    /**
     * One mark: `x` its place along the scrubber ("12.5%"), `kind` the event kind's code, `label` what it
     * marks in words (its SVG title: accessible name and tooltip), `step` the first step it marks.
     */
    public record Mark(String x, String kind, String label, long step) {
        /**
         * Its shape (path d around x = 0), so kinds differ by more than colour: died points down, revived
         * up, born dead is a square, diverged a diamond, recycled by ReDo a ring, and dead for good a small cross above the others.
         */
        public String shape() {
            String tick = " M0,18 V26";   // down to the scrubber's track
            return switch (kind) {
                case "died" -> "M-5,8 L5,8 L0,17 Z" + tick;
                case "revived" -> "M-5,17 L5,17 L0,8 Z" + tick;
                case "permanent" -> "M-3,0 L3,6 M3,0 L-3,6";
                case "diverged" -> "M0,6 L6,12 L0,18 L-6,12 Z" + tick;
                case "recycled" -> "M-4.5,12.5 A4.5,4.5 0 1,0 4.5,12.5 A4.5,4.5 0 1,0 -4.5,12.5 Z" + tick;
                default -> "M-4,8 H4 V16 H-4 Z" + tick;
            };
        }
    }

    public static TimelineView of(Timeline t, boolean pauseAtDeath, Ui ui, String actions) {
        String position = ui.t("timeline.position", t.at(), t.furthest());
        String behind = t.at() < t.furthest() ? ui.t("timeline.behind", t.at(), t.furthest()) : null;
        return new TimelineView(actions, t.at(), t.furthest(), position, behind, marks(t, ui), pauseAtDeath);
    }

    /** The events grouped by kind and slot: one event is named by its own sentence, several are counted. */
    static List<Mark> marks(Timeline t, Ui ui) {
        long span = Math.max(1, t.furthest());
        Map<String, List<Event>> groups = new LinkedHashMap<>();
        for (Event e : t.events()) {
            long slot = Math.min(SLOTS - 1, e.step() * SLOTS / span);
            groups.computeIfAbsent(e.kind().code + "@" + slot, k -> new ArrayList<>()).add(e);
        }
        List<Mark> marks = new ArrayList<>();
        for (List<Event> g : groups.values()) {
            Event first = g.get(0), last = g.get(g.size() - 1);
            String label = g.size() == 1 ? LabViews.eventText(first, ui)
                    : ui.t("timeline.group", g.size(), ui.t("timeline.kind." + first.kind().code), first.step(), last.step());
            marks.add(new Mark(Format.r1(100.0 * first.step() / span) + "%", first.kind().code, label, first.step()));
        }
        marks.sort((a, b) -> Long.compare(a.step(), b.step()));
        return marks;
    }
}
