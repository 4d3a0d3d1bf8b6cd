package lab.deadrelu.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.deadrelu.scenario.Replay;

/**
 * The states a simulation keeps of its run, so that going back to a step (the timeline), focusing
 * another neuron or cutting the future off never replays from step 0: the nearest kept state at or
 * before the step is put back and the run replayed from there.
 *
 * <p>Like the levels of a skip list: a state is kept at every step that is a multiple of `every`
 * (step 0 always). When more than `capacity` are kept, `every` doubles and the states off the new
 * grid go (the odd multiples: the lowest level). So the kept states always cover the run from step 0
 * to the furthest one evenly, at most `every` steps apart, near steps and far ones alike, and a return
 * to any step replays fewer than `every` steps: with 32 states over the post's 1,000,000 steps, at
 * most 32,767 of its roughly microsecond steps.
 *
 * <p>Bounded: at most {@link #MOST} states, fewer when one state is large (a deep, wide network),
 * within {@link #BUDGET_BYTES} but never fewer than {@link #LEAST}. Not thread-safe: its simulation
 * locks it.
 */
final class KeptStates {
    /** Most states kept, and fewest (even for a network whose one state exceeds the budget). */
    static final int MOST = 32, LEAST = 8;
    /** What a simulation's kept states may take together, unless LEAST of them take more. */
    static final long BUDGET_BYTES = 128 * 1024;

    private final TreeMap<Long, Replay.Kept> byStep = new TreeMap<>();
    private long every = 1;
    private int capacity = MOST;
    private long bytes;

    /** Keeps the replay's state if its step is on the grid and not kept yet. */
    void offer(Replay replay) {
        long step = replay.training().step();
        if (step % every != 0 || byStep.containsKey(step)) return;
        Replay.Kept kept = replay.keep();
        if (byStep.isEmpty()) capacity = (int) Math.max(LEAST, Math.min(MOST, BUDGET_BYTES / kept.bytes()));
        byStep.put(step, kept);
        bytes += kept.bytes();
        while (byStep.size() > capacity) thin();
    }

    /** Doubles the spacing: the states off the coarser grid go. */
    private void thin() {
        every *= 2;
        byStep.entrySet().removeIf(e -> {
            boolean off = e.getKey() % every != 0;
            if (off) bytes -= e.getValue().bytes();
            return off;
        });
    }

    /** The kept state nearest `step` at or before it; null if there is none (never once step 0 is kept). */
    Replay.Kept atOrBefore(long step) {
        Map.Entry<Long, Replay.Kept> e = byStep.floorEntry(step);
        return e == null ? null : e.getValue();
    }

    /** The kept state nearest `step` strictly before it; null if there is none. */
    Replay.Kept before(long step) {
        Map.Entry<Long, Replay.Kept> e = byStep.lowerEntry(step);
        return e == null ? null : e.getValue();
    }

    /** Forgets the states at `step` and after (an intervention there changed what follows). */
    void dropFrom(long step) {
        var later = byStep.tailMap(step, true);
        for (Replay.Kept k : later.values()) bytes -= k.bytes();
        later.clear();
    }

    /** Every kept state, by step. */
    List<Replay.Kept> all() {
        return new ArrayList<>(byStep.values());
    }

    int count() {
        return byStep.size();
    }

    /** The spacing of the grid: no step is further than this from the kept state before it. */
    long every() {
        return every;
    }

    /** About the heap the kept states take. */
    long bytes() {
        return bytes;
    }
}
