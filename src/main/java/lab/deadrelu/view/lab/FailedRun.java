package lab.deadrelu.view.lab;

import lab.deadrelu.sim.Failure;
import lab.deadrelu.view.site.Ui;

/**
 * A run the server gave up on (its step or its rendering threw), as its page shows it in place of
 * the status: what happened in plain words, and its link, which opens it afresh.
 *
 * @param reason what went wrong, in the page's language
 * @param link   the run's link (a lab link, or a compare link)
 */
public record FailedRun(String reason, String link) {

    public static FailedRun of(Failure failure, Ui ui, String link) {
        String reason = failure.kind() == Failure.Kind.ERROR ? ui.t("lab.failed.error", failure.errorClass())
                : ui.t("lab.failed." + failure.kind().code());
        return new FailedRun(reason, link);
    }
}
