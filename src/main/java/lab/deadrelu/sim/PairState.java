package lab.deadrelu.sim;

/**
 * What the compare page or one of its frames shows, captured at one version of a pair. Immutable by
 * convention, like SimulationState.
 *
 * @param a, b            the two runs' states
 * @param firstDifference when their dead counts first differed
 * @param deadSinceA      per hidden layer and neuron of A, the step it last became dead, or -1 while it
 *                        is not dead (from its events; -1 too when they were too many to record)
 * @param deadSinceB      the same for B
 */
public record PairState(String id, long version, boolean playing, int speed, SimulationState a, SimulationState b,
                        FirstDifference firstDifference, long[][] deadSinceA, long[][] deadSinceB) {

    /** Both runs have stopped for good (diverged, or at the last step a link can name): play is pointless. */
    public boolean finished() {
        return stopped(a) && stopped(b);
    }

    private static boolean stopped(SimulationState s) {
        return s.diverged() || s.snapshot().step() >= lab.deadrelu.scenario.RunSpec.MAX_STEP;
    }
}
