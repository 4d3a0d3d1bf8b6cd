package lab.deadrelu.view;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Walks;

/**
 * The guided walk's side panel (templates/fragments/guided_walk.jte): the steps done so far, the
 * next one with the one button that does it, or, at the end, a button to start the walk again.
 * Changes only when the walk moves, so the stream sends it only then.
 *
 * @param action   where the walk's buttons post, e.g. /lab/{id}/walk (field "to")
 * @param lines    steps 1 .. done + 1 (the last one not done yet, unless the walk is finished)
 * @param locked   "locked by your teacher" when the link locks the walk, else null
 * @param again    the label of "start the walk again", shown once every step is done; else null
 */
public record WalkPanel(String heading, String intro, String progress, String action, List<Line> lines, String doneLabel,
                        String finished, String again, String locked) {

    /** One step: its number, its words, the label of its button, and whether it is done. */
    public record Line(int number, String text, String button, boolean done) {}

    public static WalkPanel of(RunSpec run, Ui ui, String actions) {
        Walks.Walk walk = Walks.of(run.scenario());
        int done = run.walk(), total = walk.size();
        List<Line> lines = new ArrayList<>();
        for (int n = 1; n <= Math.min(done + 1, total); n++) {
            lines.add(new Line(n, ui.t(walk.textKey(n)), ui.t(walk.buttonKey(n)), n <= done));
        }
        boolean finished = done == total;
        return new WalkPanel(ui.t("walk.heading"), ui.t("walk.intro"), ui.t("walk.progress", done, total), actions + "/walk",
                lines, ui.t("walk.done"), finished ? ui.t("walk.finished") : null, finished ? ui.t("walk.again") : null,
                run.course().locked("walk") ? ui.t("course.locked") : null);
    }
}
