package lab.deadrelu.view.compare;

import java.util.List;
import lab.deadrelu.view.chart.LineChart;
import lab.deadrelu.view.chart.NetworkDiagram;
import lab.deadrelu.view.lab.LabPage;

/**
 * Everything the compare page shows for one pair at one version. Each part is rendered by its own
 * fragment template, the same one an SSE frame sends.
 *
 * @param link      the canonical compare link of what is on screen (both runs at the same step)
 * @param streamUrl where the page's SSE stream comes from
 * @param actions   the base URL the controls post to, e.g. /compare/{id}
 * @param presets   the post's questions as ready-made comparisons
 */
public record ComparePage(String id, String title, String lead, String link, String streamUrl, String actions,
                          List<Preset> presets, Controls controls, Status status, Differences differences, Side a, Side b) {

    /** A ready-made comparison; `current` when it is the one on screen (from step 0). */
    public record Preset(String label, String href, boolean current) {}

    /** The one set of controls: they act on both runs. `finished`: both runs have stopped for good. */
    public record Controls(String actions, boolean playing, boolean finished, List<LabPage.Choice> speeds) {}

    /**
     * The two runs' numbers side by side, a row each. `labA`/`labB` open each run in the lab at this step.
     */
    public record Status(List<Row> rows, String labA, String labB) {}

    /** One row: its key (step, epoch, loss, lr, act, dead-1, ..., focus, state), a label, A's value, B's value, and whether they differ (highlighted). */
    public record Row(String key, String label, String a, String b, boolean differs) {}

    /** The differences in sentences, the most telling first. */
    public record Differences(List<Item> items) {}

    /** One sentence; `kind` names its css class: setup, dead, neurons, loss or diverged. */
    public record Item(String kind, String text) {}

    /**
     * One run: its letter ("A"), css class ("run-a"), its scenario's title, the settings that differ
     * from the scenario's defaults ("lr = 0.03"), and its panels (same scales as the other run's).
     */
    public record Side(String letter, String cssClass, String title, List<String> settings, NetworkDiagram network,
                       LineChart weights, LineChart loss, LineChart dead) {}
}
