package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.History;
import lab.deadrelu.sim.Pulse;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.BundleChartWords;
import lab.deadrelu.view.chart.ChartWords;
import lab.deadrelu.view.chart.Charts;
import lab.deadrelu.view.chart.LineChart;
import lab.deadrelu.view.chart.NetworkDiagram;
import lab.deadrelu.view.chart.NeuronLink;
import lab.deadrelu.view.chart.NowMarker;
import lab.deadrelu.view.chart.WeightLink;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;

/** Builds the lab page's view from a simulation's state, in the reader's language. */
public final class LabViews {
    private LabViews() {}

    public static LabPage build(SimulationState s, Ui ui) {
        RunSpec run = s.run();
        String actions = actions(ui, s.id());
        String scenario = run.scenario().id;
        ChartWords words = new BundleChartWords(ui.messages());
        Snapshot snap = s.snapshot();
        History h = s.history();
        String focus = Event.neuronName(run.focusLayer(), run.focusNeuron());

        int[] widths = new int[snap.states().length];
        for (int l = 0; l < widths.length; l++) widths[l] = snap.states()[l].length;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < h.focusWeights.length; j++) {
            boolean bias = j == run.spec().layers()[run.focusLayer()];
            names.add(new WeightRef(run.focusLayer(), run.focusNeuron(), bias ? WeightRef.BIAS : j).name());
        }
        NeuronLink focusLink = (layer, neuron) -> labLink(ui, run.focus(layer, neuron));
        WeightLink weightLink = ref -> labLink(ui, run.withWeight(ref));

        LineChart loss = Charts.loss("loss-chart", h.loss, snap.step(), run.mark(), words);
        LineChart dead = Charts.deadCounts("dead-chart", Arrays.asList(h.dead), Arrays.asList(h.dormantLow), Arrays.asList(h.dormantHigh), widths,
                run.mark(), words);
        LineChart weights = Charts.weights("weights-chart", Arrays.asList(h.focusWeights), names, s.focusDeathStep(), focus, run.mark(), words);
        if (s.timeline().at() < s.timeline().furthest()) {   // went back: the charts show every step reached, a line the one on screen
            String now = ui.t("chart.marker.now", snap.step());
            loss = NowMarker.add(loss, List.of(h.loss), snap.step(), snap.step(), now);
            dead = NowMarker.add(dead, Arrays.asList(h.dead), -1, snap.step(), now);
            weights = NowMarker.add(weights, Arrays.asList(h.focusWeights), s.focusDeathStep() == null ? -1 : s.focusDeathStep(), snap.step(), now);
        }
        return new LabPage(s.id(), ui.t("scenario." + scenario + ".title"), ui.t("scenario." + scenario + ".summary"),
                labLink(ui, run), actions + "/stream", actions,
                status(s.pulse(), ui), controls(s, ui, actions), loss, dead,
                NetworkDiagram.of("network-diagram", snap, run.focusLayer(), run.focusNeuron(), focusLink, run.weight(), weightLink, words),
                weights, events(s, ui), DataTable.of(s, ui), GradientInspector.of(s, ui, actions), WalkPanel.of(run, ui, actions),
                CertificateViews.build(s, ui, actions), viewSwitch(ui, run), TimelineView.of(s.timeline(), run.pauseAtDeath(), ui, actions),
                PlaneTiles.of(s, ui, actions));
    }

    /** Present mode or not, and the link to the same step in the other layout. */
    static LabPage.ViewSwitch viewSwitch(Ui ui, RunSpec run) {
        boolean present = run.view() == RunSpec.View.PRESENT;
        return new LabPage.ViewSwitch(present, labLink(ui, run.withView(present ? RunSpec.View.STAGE : RunSpec.View.PRESENT)));
    }

    /** Where a lab's controls post to, and its stream and details come from: /lab/{id} under the base path. */
    public static String actions(Ui ui, String id) {
        return ui.basePath() + "/lab/" + id;
    }

    /** The htmx action that focuses hidden neuron (layer, neuron), 0-based, and with a step marks it on the charts (null: no mark). */
    static String focusAction(String actions, int layer, int neuron, Long mark) {
        return actions + "/focus?layer=" + (layer + 1) + "&neuron=" + (neuron + 1) + (mark == null ? "" : "&mark=" + mark);
    }

    /** The lab link of a run, with the base path and (if chosen by query) the language. */
    public static String labLink(Ui ui, RunSpec run) {
        return ui.link("/lab?" + run.toQuery());
    }

    /** The status line, from a full state or from a pulse (the frames in between full ones). */
    public static LabPage.Status status(Pulse p, Ui ui) {
        List<String> dead = new ArrayList<>();
        for (int l = 0; l < p.states().length; l++) dead.add(ui.t("lab.status.deadLayer", l + 1, NeuronState.countDead(p.states()[l]), p.states()[l].length));
        RunSpec run = p.run();
        NeuronState focusState = p.states()[run.focusLayer()][run.focusNeuron()];
        String stateLabel = ui.t(p.diverged() ? "lab.status.diverged" : p.playing() ? "lab.status.playing" : "lab.status.paused");
        String diverged = p.diverged() ? ui.t("lab.diverged", p.divergedAt(), Format.number(run.spec().lr())) : null;
        String announcement = ui.t("lab.status.announce", p.step(), NeuronState.countDead(p.states()), NeuronState.count(p.states()));
        Event death = p.deathPause();
        String deathPause = death == null ? null : ui.t("lab.status.deathPause." + death.kind().code, Notation.neuron(death), death.step());
        String atReach = p.step() >= p.reach() && !p.diverged() ? ui.t("lab.status.reach", p.reach()) : null;
        return new LabPage.Status(p.step(), p.epoch(), Format.number(p.loss()), Format.number(p.lr()), p.playing(),
                stateLabel, dead, Notation.neuron(run.focusLayer(), run.focusNeuron()), ui.t("neuron." + focusState.code), diverged, announcement,
                deathPause, atReach, shift(run.spec(), p.step(), ui));
    }

    /** With a moving target: how often it changes and the phase of this step (p = floor(t / K), steps pK to (p+1)K - 1); null without one. */
    static String shift(TrainingSpec spec, long step, Ui ui) {
        long k = spec.shift(), phase = spec.phase(step);
        if (k == 0) return null;
        return phase == 0 ? ui.t("lab.status.shift.own", k, k - 1) : ui.t("lab.status.shift", k, phase, phase * k, (phase + 1) * k - 1);
    }

    static LabPage.Controls controls(SimulationState s, Ui ui, String actions) {
        List<LabPage.Choice> speeds = new ArrayList<>();
        for (int v : Simulation.SPEEDS)
            speeds.add(new LabPage.Choice(Integer.toString(v), v == 0 ? ui.t("lab.speed.max") : ui.t("lab.speed.perSecond", v), v == s.speed()));
        List<LabPage.Choice> acts = new ArrayList<>();
        for (Activation a : Activation.values())
            acts.add(new LabPage.Choice(a.code, ui.t("activation." + a.code), a == s.snapshot().activation()));
        double lr = s.snapshot().lr();
        return new LabPage.Controls(actions, s.playing(), s.diverged(), speeds, Format.number(lr), Format.number(lr / 10), acts,
                s.run().spec().bias(), s.run().course().locks());
    }

    /** Event lines that carry their certificate (the newest); older ones keep their heading and link, which keeps frames small. */
    static final int CERTIFIED_EVENTS = 12;

    /**
     * The newest events first, each with a link that focuses its neuron and marks its step (and the
     * htmx action that does the same in place), the newest with their certificate. When one neuron's
     * state changes twice at one step (an update kills it, then an intervention at that step revives
     * it), both lines say in which order, so "dead for good" never stands unexplained next to "came back".
     */
    public static LabPage.EventLog events(SimulationState s, Ui ui) {
        List<LabPage.EventLine> lines = new ArrayList<>();
        List<Event> recent = s.recentEvents();
        java.util.Map<Event, lab.deadrelu.sim.Witnessed> witnessed = CertificateViews.witnessed(s);
        String actions = actions(ui, s.id());
        for (int k = recent.size() - 1; k >= 0; k--) {
            Event e = recent.get(k);
            String focusLink = e.layer() < 0 ? null : labLink(ui, s.run().focus(e.layer(), e.neuron()).mark(e.step()));
            String focusAction = e.layer() < 0 ? null
                    : focusAction(actions, e.layer(), e.neuron(), e.step());
            String focusLabel = e.layer() < 0 ? null : ui.t("lab.events.focusMark", Notation.neuron(e), e.step());
            String id = "event-" + e.step() + "-" + e.kind().code + "-" + (e.layer() + 1) + "-" + (e.neuron() + 1);
            Event revivedAfter = sameStep(recent, k, +1, Event.Kind.REVIVED);
            String certificate = lines.size() >= CERTIFIED_EVENTS ? null
                    : e.kind() == Event.Kind.PERMANENT && revivedAfter != null ? ui.t("cert.undone", Notation.neuron(e), e.step(), agent(revivedAfter, ui))
                    : CertificateViews.certificate(s, e, witnessed.get(e), ui);
            lines.add(new LabPage.EventLine(id, e.step(), eventText(recent, k, ui), e.kind().code, focusLink, certificate, focusLabel, focusAction,
                    actions + "/details/" + id));
        }
        return new LabPage.EventLog(lines, s.eventCount());
    }

    static String eventText(Event e, Ui ui) {
        boolean says = e.by().equals("update") || e.by().equals("init") || e.kind() == Event.Kind.RECYCLED;   // "recycled by ReDo" says who
        String by = says ? "" : " " + ui.t("event.by." + e.by());
        return ui.t("event." + e.kind().code, Notation.neuron(e), e.step()) + by;
    }

    /** An event's line, told in order with what else happened to the same neuron at the same step. */
    static String eventText(List<Event> events, int k, Ui ui) {
        Event e = events.get(k);
        switch (e.kind()) {
            case REVIVED -> {
                Event death = sameStep(events, k, -1, Event.Kind.DIED, Event.Kind.BORN_DEAD);
                if (death != null) return ui.t("event.revived.sameStep", Notation.neuron(e), e.step(), agent(death, ui), agent(e, ui));
            }
            case DIED, BORN_DEAD -> {
                Event revival = sameStep(events, k, -1, Event.Kind.REVIVED);
                if (revival != null) return ui.t("event.died.sameStep", Notation.neuron(e), e.step(), agent(revival, ui), agent(e, ui));
            }
            case PERMANENT -> {
                Event revival = sameStep(events, k, +1, Event.Kind.REVIVED);
                if (revival != null) return ui.t("event.permanent.undone", Notation.neuron(e), e.step(), agent(revival, ui));
            }
            default -> { }
        }
        return eventText(e, ui);
    }

    /** What brought an event about, as the subject of a sentence: "the update of step 8", "the re-initialization", ... */
    static String agent(Event e, Ui ui) {
        return ui.t("event.agent." + e.by(), e.step());
    }

    /** The nearest event of the same neuron at the same step before (direction -1) or after (+1) event k, of one of the kinds; else null. */
    static Event sameStep(List<Event> events, int k, int direction, Event.Kind... kinds) {
        Event e = events.get(k);
        if (e.layer() < 0) return null;
        for (int j = k + direction; j >= 0 && j < events.size() && events.get(j).step() == e.step(); j += direction) {
            Event o = events.get(j);
            if (o.layer() == e.layer() && o.neuron() == e.neuron() && java.util.Arrays.asList(kinds).contains(o.kind())) return o;
        }
        return null;
    }
}
