package lab.deadrelu.view.experiments;

import java.util.List;
import lab.deadrelu.view.chart.BandChart;

/**
 * The model of templates/experiments/sweep.jte: the form (always), the job while it is queued or running
 * (else null), the result once there is one (else null).
 */
public record SweepPage(String title, Form form, JobView job, Result result, List<Example> examples) {

    /** A ready-made link to try, shown while the page has no result. */
    public record Example(String href, String label) {}

    /** A select's option or a check box: `value` sent, `label` shown. */
    public record Choice(String value, String label, boolean selected) {}

    /** A parameter of the base link that the form has no field for: sent along unchanged. */
    public record Hidden(String name, String value) {}

    /**
     * The form's fields. Empty text means "the scenario's own value" (the placeholder says so).
     */
    public record Form(String action, List<Choice> scenarios, String layers, List<Choice> bias, List<Choice> inits, String lr,
                       String seed, List<Choice> vary, String from, String to, String points, List<Choice> sweepInits,
                       String depths, String widths, List<Choice> opts, String redos, String redoEvery, List<Choice> acts, String seeds, String steps, List<Hidden> hidden,
                       String budget) {}

    /**
     * A finished sweep: a sentence on what was run, the charts, the table, downloads and the link;
     * when some run had a dead neuron, a sentence on how many were born dead (else null) and the
     * born-dead experiment's link.
     */
    public record Result(String summary, List<BandChart> charts, String xHeading, List<Row> rows, String csvHref, String jsonHref,
                         String link, String bornDeadNote, String bornDeadHref) {}

    /** A row of the table, every number already in words. */
    public record Row(String curve, String x, String runs, String died, String bornDead, String deadFraction, String loss,
                      String diverged, String exampleHref, String exampleText) {}
}
