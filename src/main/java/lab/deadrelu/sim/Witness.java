package lab.deadrelu.sim;

import java.util.ArrayDeque;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Training;

/**
 * Looks at a training right after each change that may record events (one step, one intervention)
 * and keeps, for the {@link #KEPT} most recent events, the facts a certificate cites (z over the data
 * set, what could revive the neuron) as they were then: later steps would change them. One forward
 * pass over the data set per change that recorded neuron events (shared with the page's certificates); nothing at all on the others.
 * It also remembers the latest change that recorded any events: the news a screen reader hears.
 */
final class Witness {
    static final int KEPT = 64;

    private final ArrayDeque<Witnessed> recent = new ArrayDeque<>(KEPT);
    private int seen;
    /** The events [newsFrom, newsTo) of the latest change that recorded any. */
    private int newsFrom, newsTo;

    /** Witnesses the events recorded since the last call. Cheap when there are none. */
    void catchUp(Training t) {
        List<Event> events = t.events();
        int size = events.size();
        if (size == seen) return;
        newsFrom = seen;
        newsTo = size;
        int from = Math.max(seen, size - KEPT);   // older ones would be dropped at once
        double[][] maxZ = t.maxPreActivations();   // one pass, shared with the certificates of this moment
        for (int k = from; k < size; k++) {
            Event e = events.get(k);
            NeuronFacts facts = null;
            if (e.layer() >= 0) {
                facts = NeuronFacts.of(t, e.layer(), e.neuron(), maxZ[e.layer()][e.neuron()]);
                if (!agrees(e, facts.state())) facts = null;   // changed again within the step: no facts of that moment
            }
            if (recent.size() == KEPT) recent.removeFirst();
            recent.addLast(new Witnessed(e, facts, t.lr(), t.loss()));
        }
        seen = size;
    }

    /** Whether the state now is the one the event left the neuron in. */
    private static boolean agrees(Event e, NeuronState now) {
        return switch (e.kind()) {
            case BORN_DEAD, DIED -> now.isDead();
            case PERMANENT -> now == NeuronState.PERMANENTLY_DEAD;
            case REVIVED -> !now.isDead();
            case DIVERGED, RECYCLED -> true;   // recycled: its facts are those of the new weights
        };
    }

    /**
     * The training went back to a kept state and forgot its events from `events` on: so are their
     * facts here (going on witnesses them again). No news.
     */
    void truncate(int events) {
        while (seen > events && !recent.isEmpty()) {
            recent.removeLast();
            seen--;
        }
        seen = Math.min(seen, events);
        hush();
    }

    /** The events recorded at `step` (the latest ones) are the news again: playing stopped at them. */
    void renew(Training t, long step) {
        List<Event> events = t.events();
        int from = seen;
        while (from > 0 && events.get(from - 1).step() == step) from--;
        newsFrom = from;
        newsTo = seen;
    }

    /** What has happened so far is no news (the page that opens the run shows it). */
    void hush() {
        newsFrom = newsTo = seen;
    }

    /** The events of the latest change that recorded any, in order; none after hush() until something happens. */
    List<Event> news(Training t) {
        return List.copyOf(t.events().subList(newsFrom, newsTo));
    }

    /** The witnessed events, oldest first: the last KEPT events of the training. */
    List<Witnessed> recent() {
        return List.copyOf(recent);
    }
}
