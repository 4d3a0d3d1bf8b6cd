package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.sim.Evidence;
import lab.deadrelu.sim.NeuronFacts;
import lab.deadrelu.sim.Witnessed;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Notation;

/**
 * Death certificates: for an event, or for a neuron that is dead or saturated now, an explanation
 * in plain words with the numbers that prove it, in the reader's language ("cert.*" and
 * "announce.*" keys). Every sentence is computed from the run: the update that did it (from the
 * event), z over the data set and what could still make z positive (from the facts).
 */
public final class Certificates {
    /** An update sentence names at most this many weights (the ones that moved most); the rest are counted. */
    static final int WEIGHTS_NAMED = 6;
    /** The announcer names at most this many neurons; the rest are counted. */
    static final int ANNOUNCED = 4;

    private Certificates() {}

    // ---- the event log ----

    /** The certificate of an event, from the facts of its moment. `biased`: the run has biases; `tau`: ReDo's τ at the event's step. */
    public static String event(Witnessed w, boolean biased, double tau, I18n m) {
        Event e = w.event();
        NeuronFacts f = w.facts();
        String name = Notation.neuron(e);
        List<String> s = new ArrayList<>();
        switch (e.kind()) {
            case BORN_DEAD -> {
                s.add(born(e, f, m));
                s.add(consequence(f, m));
            }
            case DIED -> {
                s.add(died(e, f, biased, m));
                if (f != null && e.cause() != null) s.add(m.t("cert.zAfter", f.samples(), num(f.maxZ())));
                s.add(consequence(f, m));
            }
            case REVIVED -> {
                s.add(revived(e, f, m));
                if (f != null) s.add(f.active() > 0 ? m.t("cert.activeOn", f.active(), f.samples())
                        : m.t("cert.stillSaturated", f.samples(), num(f.maxZ())));
            }
            case PERMANENT -> {   // the heading already says it; the body is the proof
                String proof = consequence(f, m);
                s.add(!proof.isEmpty() ? proof : e.layer() == 0 ? m.t("cert.first", name) : m.t("cert.provable", name));
            }
            case DIVERGED -> s.add(m.t("cert.diverged", e.step(), num(w.lr()), num(w.loss())));
            case RECYCLED -> {   // the facts are those of the new weights
                s.add(m.t("cert.recycled", name, e.step(), num(tau)));
                if (f != null && f.active() > 0) s.add(m.t("cert.recycled.active", f.active(), f.samples()));
            }
        }
        return join(s);
    }

    private static String born(Event e, NeuronFacts f, I18n m) {
        String by = switch (e.by()) {
            case "reinit", "redraw", "redo" -> e.by();
            default -> "init";
        };
        return f == null ? m.t("cert.born." + by + ".plain", Notation.neuron(e), e.step())
                : m.t("cert.born." + by, Notation.neuron(e), f.samples(), num(f.maxZ()), e.step());
    }

    private static String died(Event e, NeuronFacts f, boolean biased, I18n m) {
        if (e.cause() != null) return killed(e, biased, m);
        if (e.by().equals("activation"))
            return f == null ? m.t("cert.died.activation.plain", Notation.neuron(e), e.step())
                    : m.t("cert.died.activation", Notation.neuron(e), e.step(), f.samples(), num(f.maxZ()));
        String how = switch (e.by()) {
            case "reinit", "redraw", "redo" -> m.t("event.by." + e.by());
            default -> "";
        };
        return f == null ? m.t("cert.died.other.plain", Notation.neuron(e), e.step(), how)
                : m.t("cert.died.other", Notation.neuron(e), e.step(), f.samples(), num(f.maxZ()), how);
    }

    /** "h₁⁽²⁾ was killed at step 8: the update λ·g took w₂₁ from 0.853 to −0.591 (λ·g = 1.44) and ..." */
    static String killed(Event e, boolean biased, I18n m) {
        Event.Update u = e.cause();
        int fanIn = u.weightsBefore().length;
        boolean withBias = biased || u.biasGradient() != 0 || u.biasBefore() != 0 || u.biasAfter() != 0;
        int count = fanIn + (withBias ? 1 : 0);
        double[] step = new double[count];
        boolean moved = false;
        for (int j = 0; j < count; j++) {
            step[j] = u.optimizer() != Optimizer.Kind.SGD   // momentum and Adam: the step their rule took
                    ? (j < fanIn ? u.weightsBefore()[j] - u.weightsAfter()[j] : u.biasBefore() - u.biasAfter())
                    : j < fanIn ? u.lr() * u.gradient()[j] : u.lr() * u.biasGradient();
            moved |= step[j] != 0;
        }
        if (!moved) return m.t("cert.killed.still", Notation.neuron(e), e.step());
        boolean[] named = new boolean[count];
        if (count <= WEIGHTS_NAMED) {
            java.util.Arrays.fill(named, true);
        } else {   // the WEIGHTS_NAMED largest steps, listed in their own order
            Integer[] order = new Integer[count];
            for (int j = 0; j < count; j++) order[j] = j;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(step[b]), Math.abs(step[a])));
            for (int k = 0; k < WEIGHTS_NAMED; k++) named[order[k]] = true;
        }
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            if (!named[j]) continue;
            boolean bias = j == fanIn;
            String weight = Notation.weight(new WeightRef(e.layer(), e.neuron(), bias ? WeightRef.BIAS : j));
            double before = bias ? u.biasBefore() : u.weightsBefore()[j], after = bias ? u.biasAfter() : u.weightsAfter()[j];
            parts.add(m.t(u.optimizer() == Optimizer.Kind.SGD ? "cert.killed.part" : "cert.killed.part.optimizer", weight, num(before), num(after),
                    num(step[j])));
        }
        if (count > WEIGHTS_NAMED) parts.add(m.t("cert.killed.more", count - WEIGHTS_NAMED));
        if (u.optimizer() != Optimizer.Kind.SGD)
            return m.t("cert.killed.optimizer", Notation.neuron(e), e.step(), list(parts, "cert.and", m), num(u.lr()), m.t("optimizer." + u.optimizer().code));
        return m.t("cert.killed", Notation.neuron(e), e.step(), list(parts, "cert.and", m), num(u.lr()));
    }

    private static String revived(Event e, NeuronFacts f, I18n m) {
        if (e.by().equals("activation")) {
            if (f == null || f.activation() == Activation.RELU) return m.t("cert.revived.activation.plain", Notation.neuron(e), e.step());
            return f.activation() == Activation.LEAKY ? m.t("cert.revived.leaky", Notation.neuron(e), e.step(), num(f.alpha()))
                    : m.t("cert.revived.elu", Notation.neuron(e), e.step(), num(f.alpha()));
        }
        String by = switch (e.by()) {
            case "reinit", "redraw", "redo" -> e.by();
            default -> "update";
        };
        return m.t("cert.revived." + by, Notation.neuron(e), e.step());
    }

    /**
     * What the facts imply for the future: permanently dead (and why), dead but revivable (and
     * how), saturated (and why that is not death). "" when there is nothing to add.
     */
    static String consequence(NeuronFacts f, I18n m) {
        if (f == null) return "";
        String name = Notation.neuron(f.layer(), f.neuron());
        return switch (f.state()) {
            case PERMANENTLY_DEAD -> f.firstLayer() ? m.t("cert.first", name)
                    : f.inheritsDeath() ? inherited(f, name, m)
                    : f.biased() ? m.t("cert.provable.bias", name, biasName(f), num(f.bias()))
                    : m.t("cert.provable", name);
            case DEAD -> revivable(f, name, m);
            case SATURATED -> saturated(f, name, m);
            case ACTIVE -> "";
        };
    }

    private static String revivable(NeuronFacts f, String name, I18n m) {
        if (f.levers().isEmpty()) return "";
        List<String> items = new ArrayList<>(), who = new ArrayList<>();
        for (NeuronFacts.Lever l : f.levers()) {
            if (l.isBias()) {
                items.add(m.t("cert.lever.bias", biasName(f), signed(l.weight())));
                who.add(m.t("cert.who.bias"));
            } else {
                items.add(m.t("cert.lever.weight", weightName(f, l.from()), signed(l.weight())));
                String up = Notation.neuron(f.layer() - 1, l.from());
                who.add(m.t(l.upstream().isDead() ? "cert.who.dead" : "cert.who.active", up));
            }
        }
        if (f.leverCount() > f.levers().size()) items.add(m.t("cert.lever.more", f.leverCount() - f.levers().size()));
        return m.t("cert.revivable", name, list(items, "cert.and", m), list(who, "cert.or", m));
    }

    private static String inherited(NeuronFacts f, String name, I18n m) {
        List<String> items = new ArrayList<>(), from = new ArrayList<>();
        for (NeuronFacts.Lever l : f.blocked()) {
            items.add(m.t("cert.lever.weight", weightName(f, l.from()), signed(l.weight())));
            from.add(Notation.neuron(f.layer() - 1, l.from()));
        }
        if (f.blockedCount() > f.blocked().size()) items.add(m.t("cert.lever.more", f.blockedCount() - f.blocked().size()));
        return m.t(f.biased() ? "cert.inherited.bias" : "cert.inherited", name, list(items, "cert.and", m), list(from, "cert.and", m));
    }

    private static String saturated(NeuronFacts f, String name, I18n m) {
        if (f.activation() == Activation.ELU)
            return m.t("cert.saturated.elu", name, f.samples(), num(f.maxZ()), num(f.alpha()),
                    num(f.alpha() * StrictMath.exp(Math.min(0, f.maxZ()))));
        return m.t("cert.saturated.leaky", name, f.samples(), num(f.maxZ()), num(f.alpha()));
    }

    // ---- the cards of the dead and saturated ----

    /** A card's heading: "h₁⁽²⁾: permanently dead since step 8". */
    public static String heading(Evidence.Standing s, I18n m) {
        NeuronFacts f = s.now();
        String name = Notation.neuron(f.layer(), f.neuron());
        String state = m.t("neuron." + f.state().code);
        Long since = since(s);
        return since == null ? m.t("cert.card.now", name, state) : m.t("cert.card.since", name, state, since);
    }

    /**
     * The step a card counts from: when the neuron became provably dead for good (if it did) or dead;
     * null for a saturated neuron or a death older than the events kept.
     */
    public static Long since(Evidence.Standing s) {
        Event since = s.now().state() == NeuronState.PERMANENTLY_DEAD && s.permanent() != null ? s.permanent() : s.death();
        return since == null ? null : since.step();
    }

    /**
     * A card's cause in a few words, for the compact table of many neurons ("killed by the update of
     * step 8", "born dead", ...); the card's sentences say it in full.
     */
    public static String cause(Evidence.Standing s, I18n m) {
        NeuronFacts now = s.now();
        if (now.state() == NeuronState.SATURATED) return m.t("cert.cause.saturated");
        Event death = s.death();
        if (death == null) return m.t("cert.cause.unknown");
        if (death.kind() == Event.Kind.BORN_DEAD)
            return m.t(switch (death.by()) {
                case "reinit" -> "cert.cause.born.reinit";
                case "redraw" -> "cert.cause.born.redraw";
                case "redo" -> "cert.cause.born.redo";
                default -> "cert.cause.born.init";
            }, death.step());
        if (death.cause() != null) return m.t("cert.cause.killed", death.step());
        if (death.by().equals("redo")) return m.t("cert.cause.redo", death.step());
        return m.t(death.by().equals("activation") ? "cert.cause.activation" : "cert.cause.inputs", death.step());
    }

    /**
     * A card's sentences: how the neuron died (from its death event, with the facts of that moment
     * when they were witnessed), z now, and what that means (from the facts now).
     *
     * @param witnessed the facts of the death event's moment, or null when it is too old to have them
     */
    public static List<String> card(Evidence.Standing s, NeuronFacts witnessed, boolean biased, I18n m) {
        NeuronFacts now = s.now();
        List<String> out = new ArrayList<>();
        if (now.state() == NeuronState.SATURATED) {
            out.add(saturated(now, Notation.neuron(now.layer(), now.neuron()), m));
            return out;
        }
        Event death = s.death();
        if (death != null) {
            if (death.kind() == Event.Kind.BORN_DEAD) out.add(born(death, witnessed, m));
            else out.add(died(death, witnessed, biased, m));
            if (witnessed != null && death.cause() != null) out.add(m.t("cert.zAfter", witnessed.samples(), num(witnessed.maxZ())));
            if (witnessed == null || Double.doubleToLongBits(witnessed.maxZ()) != Double.doubleToLongBits(now.maxZ()))
                out.add(m.t("cert.zNow", now.samples(), num(now.maxZ())));
        } else {
            out.add(m.t("cert.zNow", now.samples(), num(now.maxZ())));
        }
        String then = consequence(now, m);
        if (!then.isEmpty()) out.add(then);
        return out;
    }

    // ---- the announcer ----

    /**
     * A short sentence for screen readers about events of one step: "Step 8: h₁⁽²⁾ died for good."
     * "" for no events.
     */
    public static String announcement(List<Event> events, I18n m) {
        if (events.isEmpty()) return "";
        Map<String, List<Event.Kind>> byNeuron = new LinkedHashMap<>();
        for (Event e : events) byNeuron.computeIfAbsent(Notation.neuron(e), k -> new ArrayList<>()).add(e.kind());
        List<String> items = new ArrayList<>();
        int more = 0;
        for (Map.Entry<String, List<Event.Kind>> entry : byNeuron.entrySet()) {
            if (items.size() == ANNOUNCED) {
                more++;
                continue;
            }
            List<Event.Kind> kinds = entry.getValue();
            boolean forGood = kinds.contains(Event.Kind.PERMANENT);
            String key;
            if (kinds.contains(Event.Kind.DIVERGED)) key = "announce.diverged";
            else if (kinds.get(kinds.size() - 1) == Event.Kind.REVIVED) key = "announce.revived";   // killed, then revived at this step: alive now
            else if (kinds.contains(Event.Kind.BORN_DEAD)) key = forGood ? "announce.born.permanent" : "announce.born";
            else if (kinds.contains(Event.Kind.DIED)) key = forGood ? "announce.died.permanent" : "announce.died";
            else if (kinds.contains(Event.Kind.REVIVED)) key = "announce.revived";
            else if (kinds.contains(Event.Kind.PERMANENT)) key = "announce.permanent";
            else key = "announce.recycled";   // recycled by ReDo and alive

            items.add(m.t(key, entry.getKey()));
        }
        if (more > 0) items.add(m.t("announce.more", more));
        return m.t("announce.step", events.get(0).step(), String.join(m.t("announce.separator"), items));
    }

    // ---- words and numbers ----

    /** A value for a sentence: three significant digits, with a true minus sign (−0.591). */
    public static String num(double v) {
        return Format.number(v).replace('-', '−');
    }

    /** A value with its sign always written: +0.31, −0.59, 0. */
    public static String signed(double v) {
        return v > 0 ? "+" + num(v) : num(v);
    }

    private static String weightName(NeuronFacts f, int from) {
        return Notation.weight(new WeightRef(f.layer(), f.neuron(), from));
    }

    private static String biasName(NeuronFacts f) {
        return Notation.weight(new WeightRef(f.layer(), f.neuron(), WeightRef.BIAS));
    }

    /** "a, b and c" in the reader's language; `last` names the word before the last item (cert.and, cert.or). */
    static String list(List<String> items, String last, I18n m) {
        if (items.size() <= 1) return items.isEmpty() ? "" : items.get(0);
        String head = String.join(m.t("cert.comma"), items.subList(0, items.size() - 1));
        return head + m.t(last) + items.get(items.size() - 1);
    }

    /** Sentences joined with a space, except after a full-width stop (。): Chinese runs its sentences together. */
    public static String join(List<String> sentences) {
        StringBuilder b = new StringBuilder();
        for (String s : sentences) {
            if (s == null || s.isEmpty()) continue;
            if (b.length() > 0 && b.charAt(b.length() - 1) != '。') b.append(' ');
            b.append(s);
        }
        return b.toString();
    }
}
