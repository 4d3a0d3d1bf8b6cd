package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Walks;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;

/**
 * The guided walk's side panel (templates/lab/guided_walk.jte), read from the run on screen:
 * where the run stands against the walk (a sentence with its step), the steps up to the next one,
 * each with the button that takes the run to where it leads. A step's words (what the run shows
 * there) appear only while the run is exactly there, so they are always true of what is on screen.
 *
 * @param action   where the walk's buttons post, e.g. /lab/{id}/walk (field "to")
 * @param where    where the run stands, e.g. "You are at step 20, past step 2 of 5 of the walk."
 * @param lines    steps 1 .. the next one (all of them past the end)
 * @param finished the closing words, when the run is where the last step leads; else null
 * @param again    the "start the walk again" button (to = 0), once the run is at or past the last step; else null
 */
public record WalkPanel(String heading, String intro, String credit, String where, String action, List<Line> lines,
                        String finished, Button again) {

    /**
     * One step: its number, its words (only for the step the run is at, else null), its button
     * (null for the step the run is at: nothing to do), and whether it is the next one.
     */
    public record Line(int number, String text, Button button, boolean next) {
        public String state() {
            return text != null ? "walk-here" : next ? "walk-current" : "walk-done";
        }
    }

    /** A button that goes to step `to`; `locked` says why it is disabled ("locked by your teacher"), else null. */
    public record Button(int to, String label, String locked) {}

    public static WalkPanel of(RunSpec run, Ui ui, String actions) {
        Walks.Walk walk = Walks.of(run.scenario());
        Walks.Position p = Walks.where(run);
        int total = walk.size(), n = p.step();
        boolean exact = p.standing() == Walks.Standing.AT;
        int last = Math.min(total, n + 1);
        List<Line> lines = new ArrayList<>();
        for (int k = 1; k <= last; k++) {
            boolean here = exact && k == n;
            lines.add(new Line(k, here ? ui.t(walk.textKey(k)) : null, here ? null : button(run, k, ui.t(walk.buttonKey(k)), ui),
                    !here && k == n + 1));
        }
        boolean atEnd = n == total && p.standing() != Walks.Standing.OTHER;
        return new WalkPanel(ui.t("walk.heading"), ui.t("walk.intro"), ui.t("walk.credit"), where(p, walk, run, ui), actions + "/walk",
                lines, atEnd && exact ? ui.t("walk.finished") : null, atEnd ? button(run, 0, ui.t("walk.again"), ui) : null);
    }

    private static Button button(RunSpec run, int to, String label, Ui ui) {
        return new Button(to, label, Walks.lockFor(run, to) == null ? null : ui.t("course.locked"));
    }

    /** The sentence that says where the run stands, with its numbers. */
    static String where(Walks.Position p, Walks.Walk walk, RunSpec run, Ui ui) {
        int n = p.step(), total = walk.size();
        return switch (p.standing()) {
            case AT -> n == 0 ? ui.t("walk.where.start", p.at()) : ui.t("walk.where.at", p.at(), n, total);
            case AT_ELSEWHERE -> {
                RunSpec t = walk.target(n);
                yield ui.t("walk.where.elsewhere", p.at(), n, total, Notation.neuron(run.focusLayer(), run.focusNeuron()),
                        Notation.neuron(t.focusLayer(), t.focusNeuron()));
            }
            case PAST -> n == 0 ? ui.t("walk.where.before", p.at())
                    : n == total ? ui.t("walk.where.end", p.at(), total, walk.target(n).at())
                    : ui.t("walk.where.past", p.at(), n, total, walk.target(n + 1).at());
            case LEFT -> n == 0 ? ui.t("walk.where.left.start", p.at()) : ui.t("walk.where.left", p.at(), n, total, walk.target(n).at());
            case OTHER -> ui.t("walk.where.other", p.at());
        };
    }
}
