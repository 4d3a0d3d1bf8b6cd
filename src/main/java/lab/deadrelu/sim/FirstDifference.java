package lab.deadrelu.sim;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.deadrelu.engine.Event;

/**
 * The first step at which two runs had different numbers of dead neurons in some hidden layer,
 * read off their event logs: a neuron's dead-ness only changes at its events (born dead, died,
 * revived), so comparing the counts after each step that has an event finds the exact step, however
 * much the charts' histories have been merged. Networks of different depth compare their totals.
 *
 * @param step  that step, or null while the counts have always been equal (or when it is not known)
 * @param deadA dead neurons per hidden layer of run A at that step (empty when step is null)
 * @param deadB the same for run B
 * @param known false when a run recorded so many events that some were dropped and no difference
 *              was found before that point
 */
public record FirstDifference(Long step, int[] deadA, int[] deadB, boolean known) {

    public FirstDifference {
        deadA = deadA.clone();
        deadB = deadB.clone();
    }

    @Override
    public int[] deadA() { return deadA.clone(); }

    @Override
    public int[] deadB() { return deadB.clone(); }

    public int totalA() { return Arrays.stream(deadA).sum(); }

    public int totalB() { return Arrays.stream(deadB).sum(); }

    /** `hiddenA`/`hiddenB`: the runs' numbers of hidden layers. */
    static FirstDifference of(Simulation.Events a, Simulation.Events b, int hiddenA, int hiddenB) {
        List<Event> ea = a.list(), eb = b.list();
        // Past a run's last recorded event its log is silent only if nothing was dropped.
        long horizon = Long.MAX_VALUE;
        if (a.incomplete()) horizon = Math.min(horizon, lastStep(ea));
        if (b.incomplete()) horizon = Math.min(horizon, lastStep(eb));
        Counts ca = new Counts(hiddenA), cb = new Counts(hiddenB);
        int i = 0, j = 0;
        while (i < ea.size() || j < eb.size()) {
            long s = Math.min(i < ea.size() ? ea.get(i).step() : Long.MAX_VALUE, j < eb.size() ? eb.get(j).step() : Long.MAX_VALUE);
            if (s >= horizon) return new FirstDifference(null, new int[0], new int[0], false);
            while (i < ea.size() && ea.get(i).step() == s) ca.apply(ea.get(i++));
            while (j < eb.size() && eb.get(j).step() == s) cb.apply(eb.get(j++));
            if (!ca.sameAs(cb)) return new FirstDifference(s, ca.perLayer, cb.perLayer, true);
        }
        return new FirstDifference(null, new int[0], new int[0], horizon == Long.MAX_VALUE);
    }

    private static long lastStep(List<Event> events) {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).step();
    }

    /** Which neurons of one run are dead, as its events tell. */
    private static final class Counts {
        final int[] perLayer;
        final Set<Long> dead = new HashSet<>();

        Counts(int hiddenLayers) {
            perLayer = new int[hiddenLayers];
        }

        void apply(Event e) {
            if (e.layer() < 0 || e.layer() >= perLayer.length) return;   // the run's own events (diverged)
            long key = ((long) e.layer() << 32) | e.neuron();
            switch (e.kind()) {
                case BORN_DEAD, DIED -> { if (dead.add(key)) perLayer[e.layer()]++; }
                case REVIVED -> { if (dead.remove(key)) perLayer[e.layer()]--; }
                default -> { }   // PERMANENT: dead already
            }
        }

        boolean sameAs(Counts other) {
            if (perLayer.length == other.perLayer.length) return Arrays.equals(perLayer, other.perLayer);
            return dead.size() == other.dead.size();
        }
    }
}
