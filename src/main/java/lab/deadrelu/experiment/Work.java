package lab.deadrelu.experiment;

/**
 * An experiment cut into independent tasks that the worker pool runs in any order, on any thread.
 * Each task writes only its own slot; {@link #result()} combines the slots in task order once every
 * task has run, so the result never depends on scheduling.
 *
 * @param <R> the combined result
 */
public interface Work<R> {
    /** How many tasks. */
    int tasks();

    /** Progress units in all (steps, trials): what the progress bar counts. */
    long units();

    /** What it is estimated to cost, shown before it starts ({@link Cost#UNKNOWN} when nobody estimated it). */
    default Cost cost() {
        return Cost.UNKNOWN;
    }

    /** Runs task `index` (0-based). Reports progress to `meter` and stops early (throwing {@link Cancelled}) when it says so. */
    void run(int index, Meter meter);

    /** The result, after every task has run. */
    R result();

    /** Bytes the work holds while `threads` workers run it (see MemoryCost): charged before it is queued. */
    default long workingBytes(int threads) {
        return 0;
    }

    /** Bytes its result holds while it is kept. */
    default long resultBytes() {
        return 0;
    }

    /** What a task sees of its job. */
    interface Meter {
        /** `units` more units done. */
        void add(long units);

        /** True once the job is cancelled (or the pool is closing): stop soon. */
        boolean cancelled();
    }

    /** Thrown by a task that stopped because its job was cancelled. */
    final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
