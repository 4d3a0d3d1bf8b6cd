package lab.deadrelu.view;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Evidence;
import lab.deadrelu.sim.NeuronFacts;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.sim.Witnessed;

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
            String name = Event.neuronName(now.layer(), now.neuron());
            Witnessed w = st.death() == null ? null : witnessed.get(st.death());
            String text = Certificates.join(Certificates.card(st, w == null ? null : w.facts(), biased, m));
            Long mark = st.death() == null ? null : st.death().step();
            String link = LabViews.labLink(ui, run.focus(now.layer(), now.neuron()).mark(mark));
            String label = mark == null ? m.t("cert.card.focusOnly", name) : m.t("cert.card.focus", name, mark);
            boolean focused = now.layer() == run.focusLayer() && now.neuron() == run.focusNeuron();
            cards.add(new DeathCertificates.Card(name, now.state().code, Certificates.heading(st, m), text, link, label, focused));
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
        return new DeathCertificates.Remedies(actions, s.diverged(), Format.number(lr), Format.number(lr / 10), dead, switches);
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
        return Certificates.event(known, s.run().spec().bias(), ui.messages());
    }
}
