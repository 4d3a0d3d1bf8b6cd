package lab.deadrelu.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Training;

/**
 * What the death certificates need beyond the snapshot, captured with a SimulationState.
 *
 * @param events    the most recent events (at most {@link Witness#KEPT}, oldest first), each with the facts of its moment
 * @param neurons   the neurons that are dead or saturated now (at most {@link #CARDS}: the most recently
 *                  dead), ordered by layer and neuron
 * @param troubled  how many neurons are dead or saturated now (neurons may hold fewer)
 * @param announced the events a screen reader should hear: those of the latest change (a step, an
 *                  intervention, a restart) that recorded any since the page opened the run, in order
 */
public record Evidence(List<Witnessed> events, List<Standing> neurons, int troubled, List<Event> announced) {
    public static final int CARDS = 64;

    public Evidence {
        events = List.copyOf(events);
        neurons = List.copyOf(neurons);
        announced = List.copyOf(announced);
    }

    /**
     * A neuron that is dead or saturated now: its facts now; the event that made it dead (null when
     * saturated, or when that event was not recorded); the event that made it provably dead for good
     * after that (null if none).
     */
    public record Standing(NeuronFacts now, Event death, Event permanent) {}

    static Evidence of(Training t, Witness witness) {
        return new Evidence(witness.recent(), standing(t, t.events()), troubled(t), witness.news(t));
    }

    private static int troubled(Training t) {
        int count = 0;
        for (int h = 0; h < t.census().hiddenLayers(); h++)
            for (int i = 0; i < t.census().width(h); i++) if (troubled(t.state(h, i))) count++;
        return count;
    }

    private static boolean troubled(NeuronState s) {
        return s.isDead() || s == NeuronState.SATURATED;
    }

    private static List<Standing> standing(Training t, List<Event> all) {
        int layers = t.census().hiddenLayers();
        Event[][] death = new Event[layers][], permanent = new Event[layers][];
        boolean[][] open = new boolean[layers][];
        int unresolved = 0;
        for (int h = 0; h < layers; h++) {
            int width = t.census().width(h);
            death[h] = new Event[width];
            permanent[h] = new Event[width];
            open[h] = new boolean[width];
            for (int i = 0; i < width; i++) if (open[h][i] = t.state(h, i).isDead()) unresolved++;
        }
        if (unresolved == 0 && troubled(t) == 0) return List.of();
        // newest first: the first death (born dead or died) found is the current one; a permanent before it came after it
        for (int k = all.size() - 1; k >= 0 && unresolved > 0; k--) {
            Event e = all.get(k);
            if (e.layer() < 0 || !open[e.layer()][e.neuron()]) continue;
            int h = e.layer(), i = e.neuron();
            switch (e.kind()) {
                case PERMANENT -> { if (permanent[h][i] == null) permanent[h][i] = e; }
                case BORN_DEAD, DIED -> { death[h][i] = e; open[h][i] = false; unresolved--; }
                case REVIVED -> { open[h][i] = false; unresolved--; }   // its death is older than the events kept
                default -> { }
            }
        }
        double[][] maxZ = t.maxPreActivations();
        List<Standing> found = new ArrayList<>();
        for (int h = 0; h < layers; h++) {
            for (int i = 0; i < death[h].length; i++) {
                if (!troubled(t.state(h, i))) continue;
                found.add(new Standing(NeuronFacts.of(t, h, i, maxZ[h][i]), death[h][i], permanent[h][i]));
            }
        }
        if (found.size() > CARDS) {   // keep the most recently dead
            found.sort(Comparator.comparingLong(Evidence::since).reversed());
            found = new ArrayList<>(found.subList(0, CARDS));
            found.sort(Comparator.comparingInt((Standing s) -> s.now().layer()).thenComparingInt(s -> s.now().neuron()));
        }
        return found;
    }

    private static long since(Standing s) {
        return s.death() == null ? -1 : s.death().step();
    }
}
