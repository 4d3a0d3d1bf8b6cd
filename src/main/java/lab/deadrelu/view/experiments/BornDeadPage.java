package lab.deadrelu.view.experiments;

import java.util.List;
import lab.deadrelu.view.chart.BandChart;

/**
 * The model of templates/experiments/born_dead.jte: the form, the job while it runs (else null), the
 * result once there is one (else null).
 */
public record BornDeadPage(String title, Form form, JobView job, Result result) {

    public record Form(String action, String widths, String depth, String inputs, String domain, List<SweepPage.Choice> inits,
                       List<SweepPage.Choice> bias, String trials, String seed, String grid, String budget) {}

    /**
     * @param theory one sentence per formula that applies to these settings (or why none does)
     */
    public record Result(String summary, List<BandChart> charts, List<String> theory, List<Row> rows, String csvHref,
                         String jsonHref, String link) {}

    /** A row of the table, in words: "47.5% ± 0.16%", and the theory's value or "–". */
    public record Row(String width, String depth, String deadAtPoint, String theoryDead, String constant, String theoryConstant) {}
}
