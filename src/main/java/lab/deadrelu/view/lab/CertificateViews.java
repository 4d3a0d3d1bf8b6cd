package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.scenario.Op;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Evidence;
import lab.deadrelu.sim.NeuronFacts;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.sim.Witnessed;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;

/** Builds the certificates panel, the remedies and the announcement from a simulation's state, in the reader's language. */
public final class CertificateViews {
    private CertificateViews() {}

    public static DeathCertificates build(SimulationState s, Ui ui, String actions) {
        RunSpec run = s.run();
        Evidence ev = s.evidence();
        I18n m = ui.messages();
        boolean biased = run.spec().bias();
        Map<Event, Witnessed> witnessed = witnessed(s);
        List<DeathCertificates.Card> cards = new ArrayList<>();
        for (Evidence.Standing st : ev.neurons()) {
            NeuronFacts now = st.now();
            String name = Notation.neuron(now.layer(), now.neuron());
            Witnessed w = st.death() == null ? null : witnessed.get(st.death());
            String text = Certificates.join(Certificates.card(st, w == null ? null : w.facts(), biased, m));
            Long mark = st.death() == null ? null : st.death().step();
            String link = LabViews.labLink(ui, run.focus(now.layer(), now.neuron()).mark(mark));
            String label = mark == null ? m.t("cert.card.focusOnly", name) : m.t("cert.card.focus", name, mark);
            boolean focused = now.layer() == run.focusLayer() && now.neuron() == run.focusNeuron();
            String action = LabViews.focusAction(actions, now.layer(), now.neuron(), mark);
            String id = "cert-" + (now.layer() + 1) + "-" + (now.neuron() + 1);
            cards.add(new DeathCertificates.Card(id, name, now.state().code,
                    m.t("neuron." + now.state().code), Certificates.since(st), Certificates.cause(st, m), Certificates.heading(st, m),
                    text, link, label, focused, action, actions + "/details/" + id));
        }
        String announcement = Certificates.announcement(ev.announced(), m);
        if (s.timeline().deathPause() != null) announcement = (announcement + " " + m.t("announce.pausedAtDeath")).strip();
        return new DeathCertificates(cards, ev.troubled(), remedies(s, ui, actions), announcement);
    }

    static DeathCertificates.Remedies remedies(SimulationState s, Ui ui, String actions) {
        double lr = s.snapshot().lr();
        List<LabPage.Choice> switches = new ArrayList<>();
        for (Activation a : Activation.values())
            if (a != Activation.RELU && a != s.snapshot().activation())
                switches.add(new LabPage.Choice(a.code, ui.t("activation." + a.code), false));
        int dead = 0;
        for (NeuronState[] layer : s.snapshot().states()) for (NeuronState n : layer) if (n.isDead()) dead++;
        return new DeathCertificates.Remedies(actions, s.diverged(), Format.number(lr), Format.number(lr / 10), dead, switches,
                s.run().course().locks(), advice(s, ui));
    }

    /**
     * The post's advice, when the run needs it: a re-initialization (or re-draw) kept the step size
     * that killed a neuron, so the same λ may kill again (or already did). The advice is to do both:
     * re-initialize and lower λ. Null otherwise. From the run: its interventions and its deaths by
     * an update, with their λ.
     */
    static String advice(SimulationState s, Ui ui) {
        List<Op> ops = s.run().ops();
        Op at = null;   // the latest re-initialization or re-draw so far, unless λ changed after it (the advice followed)
        for (Op op : ops) {
            if (op.step() > s.snapshot().step()) break;
            if (op.kind() == Op.Kind.REINIT || op.kind() == Op.Kind.REDRAW) at = op;
            else if (op.kind() == Op.Kind.LR) at = null;
        }
        if (at == null) return null;
        double lr = s.snapshot().lr();
        Event killer = null;
        for (Witnessed w : s.evidence().events()) {
            Event e = w.event();
            if (e.kind() == Event.Kind.DIED && e.cause() != null && Double.compare(e.cause().lr(), lr) == 0) killer = e;   // the latest
        }
        if (killer == null) return null;
        String what = ui.t("remedies.advice.what." + (at.kind() == Op.Kind.REINIT ? "reinit" : "redraw"));
        String lrText = Certificates.num(lr);
        return killer.step() > at.step()
                ? ui.t("remedies.advice.after", what, at.step(), lrText, Notation.neuron(killer), killer.step())
                : ui.t("remedies.advice.before", what, at.step(), lrText, Notation.neuron(killer), killer.step());
    }

    /** The witnessed events of the state, by identity: the log's events are the same objects. */
    static Map<Event, Witnessed> witnessed(SimulationState s) {
        Map<Event, Witnessed> byEvent = new IdentityHashMap<>();
        for (Witnessed w : s.evidence().events()) byEvent.put(w.event(), w);
        return byEvent;
    }

    /** An event's certificate: with the facts of its moment when they were witnessed, from the event alone otherwise. */
    static String certificate(SimulationState s, Event e, Witnessed w, Ui ui) {
        Witnessed known = w != null ? w : new Witnessed(e, null, s.snapshot().lr(), s.snapshot().loss());
        return Certificates.event(known, s.run().spec().bias(), redoTau(s.run(), e.step()), ui.messages());
    }

    /** ReDo's τ at a step: an op's there (redo:τ@k), else the periodic setting's (redo=τ); NaN without ReDo. */
    static double redoTau(lab.deadrelu.scenario.RunSpec run, long step) {
        for (lab.deadrelu.scenario.Op op : run.ops())
            if (op.step() == step && op.kind() == lab.deadrelu.scenario.Op.Kind.REDO) return op.value();
        return run.spec().redo().on() ? run.spec().redo().tau() : Double.NaN;
    }
}
