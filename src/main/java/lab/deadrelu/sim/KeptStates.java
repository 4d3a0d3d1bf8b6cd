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
 * <p>Like the levels of a skip list. The coarse level keeps a state at every step that is a multiple
 * of `every` (step 0 always); when it holds more than `capacity`, `every` doubles and the states off
 * the new grid go (the odd multiples: the lowest level). So it covers the run from step 0 to the
 * furthest step evenly, at most `every` steps apart, near steps and far ones alike: with 32 states
 * over the post's 1,000,000 steps, a return to any step replays fewer than 32,768 of its roughly
 * microsecond steps. The fine level keeps the last {@link #NEAR} states every `every` / 16 steps
 * around where the run has just been (played, or replayed to on the way back), so that the next step
 * back, or forward, replays at most a sixteenth of that.
 *
 * <p>Bounded: the coarse level at most {@link #MOST} states, fewer when one state is large (a deep,
 * wide network), within {@link #BUDGET_BYTES} but never fewer than {@link #LEAST}; the fine level
 * within half that budget (none for a network whose state alone exceeds it). Not thread-safe: its
 * simulation locks it.
 */
final class KeptStates {
    /** Most states kept on the coarse level, and fewest (even for a network whose one state exceeds the budget). */
    static final int MOST = 32, LEAST = 8;
    /** Most states kept on the fine level, and how much finer its grid is. */
    static final int NEAR = 16, FINER = 16;
    /** What the coarse level may take, unless LEAST of its states take more; the fine level takes at most half of it. */
    static final long BUDGET_BYTES = 128 * 1024;

    private final TreeMap<Long, Replay.Kept> byStep = new TreeMap<>();
    private final TreeMap<Long, Replay.Kept> near = new TreeMap<>();
    private long every = 1;
    private int capacity = MOST, nearCapacity = NEAR;
    private long bytes;

    /** Keeps the replay's state if its step is on the coarse or the fine grid and not kept yet. */
    void offer(Replay replay) {
        long step = replay.training().step();
        long fine = Math.max(1, every / FINER);
        if (step % fine != 0 || byStep.containsKey(step) || near.containsKey(step)) return;
        Replay.Kept kept = replay.keep();
        if (byStep.isEmpty()) {
            capacity = (int) Math.max(LEAST, Math.min(MOST, BUDGET_BYTES / kept.bytes()));
            nearCapacity = (int) Math.min(NEAR, BUDGET_BYTES / 2 / kept.bytes());
        }
        bytes += kept.bytes();
        if (step % every == 0) {
            byStep.put(step, kept);
            while (byStep.size() > capacity) thin();
        } else {
            near.put(step, kept);
            while (near.size() > nearCapacity) {   // the one furthest from where the run is goes
                Map.Entry<Long, Replay.Kept> gone = step - near.firstKey() >= near.lastKey() - step ? near.pollFirstEntry() : near.pollLastEntry();
                bytes -= gone.getValue().bytes();
            }
        }
    }

    /** Doubles the coarse spacing: the states off the coarser grid go. */
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
        return later(byStep.floorEntry(step), near.floorEntry(step));
    }

    /** The kept state nearest `step` strictly before it; null if there is none. */
    Replay.Kept before(long step) {
        return later(byStep.lowerEntry(step), near.lowerEntry(step));
    }

    private static Replay.Kept later(Map.Entry<Long, Replay.Kept> a, Map.Entry<Long, Replay.Kept> b) {
        if (a == null) return b == null ? null : b.getValue();
        return b == null || a.getKey() >= b.getKey() ? a.getValue() : b.getValue();
    }

    /** Forgets the states at `step` and after (an intervention there changed what follows). */
    void dropFrom(long step) {
        for (TreeMap<Long, Replay.Kept> level : List.of(byStep, near)) {
            var later = level.tailMap(step, true);
            for (Replay.Kept k : later.values()) bytes -= k.bytes();
            later.clear();
        }
    }

    /** Every kept state, by step. */
    List<Replay.Kept> all() {
        TreeMap<Long, Replay.Kept> both = new TreeMap<>(near);
        both.putAll(byStep);
        return new ArrayList<>(both.values());
    }

    int count() {
        return byStep.size() + near.size();
    }

    /** The spacing of the coarse grid: no step is further than this from the kept state before it. */
    long every() {
        return every;
    }

    /** About the heap the kept states take. */
    long bytes() {
        return bytes;
    }
}
