package lab.deadrelu.view.lab;

import java.util.List;
import lab.deadrelu.view.chart.LineChart;
import lab.deadrelu.view.chart.NetworkDiagram;

/**
 * Everything the lab page shows for one simulation at one version. Each part is rendered by its own
 * fragment template, the same one an SSE frame sends.
 *
 * @param link       the canonical link of what is on screen (with base path and, if chosen, lang)
 * @param streamUrl  where the page's SSE stream comes from
 * @param actions    the base URL the controls post to, e.g. /lab/{id}
 * @param table      the data set with the focused neuron's z per sample
 * @param inspector  the chain rule of the inspected weight in the last (or next) update
 * @param view       the page's layout (the stage or present mode) and the link to the other one
 * @param timeline   the scrubber over the steps reached, with the run's events marked
 * @param plane      each hidden neuron over the plane of two inputs
 */
public record LabPage(String id, String title, String scenarioSummary, String link, String streamUrl, String actions,
                      Status status, Controls controls, LineChart loss, LineChart dead, NetworkDiagram network,
                      LineChart weights, EventLog events, DataTable table, GradientInspector inspector, WalkPanel walk,
                      DeathCertificates certificates, ViewSwitch view, TimelineView timeline, PlaneTiles plane) {

    /** present: the page is in present mode (view=present); other: this step's link in the other layout. */
    public record ViewSwitch(boolean present, String other) {}

    /**
     * The run's numbers in words. `diverged` is the plain sentence to show when the run diverged, else null;
     * `deathPause` says which death playing stopped at (pause=death), `reach` that the run stands at the last
     * step this network may reach on this server; each null when not so.
     */
    public record Status(long step, long epoch, String loss, String lr, boolean playing, String stateLabel,
                         List<String> deadPerLayer, String focus, String focusState, String diverged, String announcement,
                         String deathPause, String reach, String shift) {}

    /** What the controls show: the current choices, so the forms start from them. */
    public record Controls(String actions, boolean playing, boolean diverged, List<Choice> speeds, String lr,
                           String lowerLr, List<Choice> activations, boolean bias, List<String> locks) {
        /** True when the teacher locked this control in the link (see Course.LOCKS). */
        public boolean locked(String control) {
            return locks.contains(control);
        }
    }

    /** One option of a select: value, label, selected. */
    public record Choice(String value, String label, boolean selected) {}

    /** The newest events first (the ones the state keeps); `total` counts them all. */
    public record EventLog(List<EventLine> lines, int total) {
        /** The log lists this many newest events; the rest it keeps wait behind "show all" (a long run's log stays short). */
        public static final int SHOWN = 20;
        /** Up to this many events, their certificates are open; with more, each opens on demand. */
        public static final int OPEN_UP_TO = 4;

        public EventLog {
            lines = List.copyOf(lines);
        }

        /** The newest {@value #SHOWN} events. */
        public List<EventLine> latest() {
            return lines.subList(0, Math.min(SHOWN, lines.size()));
        }

        /** The older ones the log keeps, shown on demand. */
        public List<EventLine> earlier() {
            return lines.subList(Math.min(SHOWN, lines.size()), lines.size());
        }

        /** Whether each certificate is shown at once (a short log) rather than on demand. */
        public boolean certificatesOpen() {
            return lines.size() <= OPEN_UP_TO;
        }
    }

    /**
     * One event: an element id stable across frames, the step, a sentence, the css class of its kind,
     * and the link that focuses its neuron and marks the step on the charts (or null); `certificate`
     * explains it with the numbers (or null), `focusLabel` is the link's words, `focusAction` the
     * control that does the same in place (htmx, no page load); `detailsUrl` where a long log fetches the
     * certificate when the reader opens the line.
     */
    public record EventLine(String id, long step, String text, String kind, String focusLink, String certificate, String focusLabel,
                            String focusAction, String detailsUrl) {}
}
