package lab.deadrelu.view.experiments;

import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.view.site.Ui;

/**
 * A queued or running experiment as its progress fragment shows it.
 *
 * @param state      queued, running, done, cancelled or failed
 * @param percent    0..100, whole numbers (the progress element's value)
 * @param text       where it stands in words: "Waiting: 2 experiments ahead of yours", "412,000 of 1,000,000 steps (41%)"
 * @param streamUrl  its SSE stream
 * @param cancelUrl  where the cancel button posts
 * @param againHref  the page's link, to run it again after a cancel
 * @param cost       what it was estimated to cost before it started, in words (null when unknown)
 */
public record JobView(String id, String state, int percent, String text, String streamUrl, String cancelUrl, String againHref,
                      String cost) {

    public boolean active() {
        return state.equals("queued") || state.equals("running");
    }

    /** @param unitKey the message key of the units counted ("job.unit.steps", "job.unit.trials") */
    public static JobView of(String id, Jobs.Status s, Ui ui, String unitKey, String againHref) {
        int percent = (int) Math.floor(s.fraction() * 100);
        String text = switch (s.state()) {
            case QUEUED -> ui.t("job.queued", s.ahead());
            case RUNNING -> ui.t("job.running", grouped(s.done()), grouped(s.total()), ui.t(unitKey), percent);
            case DONE -> ui.t("job.done");
            case CANCELLED -> ui.t("job.cancelled");
            case FAILED -> ui.t("job.failed");
        };
        String jobPath = "/experiments/jobs/" + id;
        String cost = s.cost() == null || !s.cost().known() ? null : ui.t("job.cost", significant(s.cost().operations()),
                seconds(s.cost().seconds()), seconds(lab.deadrelu.experiment.Cost.MAX_SECONDS));
        return new JobView(id, s.state().code(), percent, text, ui.link(jobPath + "/stream"), ui.link(jobPath + "/cancel"), againHref, cost);
    }

    /** 4,251,234,567 as "4,250,000,000": three significant digits are all an estimate has. */
    static String significant(double v) {
        return grouped(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).longValue());
    }

    /** Seconds as "0.4", "12", "< 0.1". */
    static String seconds(double s) {
        if (s < 0.05) return "< 0.1";
        return s < 10 ? String.format(java.util.Locale.ROOT, "%.1f", s) : String.format(java.util.Locale.ROOT, "%.0f", s);
    }

    /** 1234567 as "1,234,567". */
    static String grouped(long v) {
        return String.format(java.util.Locale.ROOT, "%,d", v);
    }
}
