package lab.deadrelu.sim;

import java.util.List;
import lab.deadrelu.scenario.RunSpec;

/** How fast a playing run goes: steps per second, with fractions of a step carried from tick to tick. */
final class Pace {
    /** Speeds a student can choose, in steps per second; 0 means as fast as the engine goes. */
    static final List<Integer> SPEEDS = List.of(1, 2, 5, 10, 20, 50, 100, 1_000, 10_000, 0);

    /** Read by the ticker without the run's lock (see fullSpeed()). */
    private volatile int speed = 10;
    private double credit;

    /** Whole steps earned by `seconds` of play (as many as the time budget allows, at full speed). */
    long stepsFor(double seconds) {
        return stepsFor(seconds, seconds);
    }

    /**
     * Whole steps earned by `seconds` of play, for a ticker that comes every `period` seconds: at most
     * the steps of one period (rounded up) each time, with at most one more step owed. So a tick that
     * comes late does not take two steps, leaving the catch-up tick right after it none: at speeds up
     * to the frame rate every step is a frame of its own, whatever the jitter of the ticks; a pause of
     * the whole server (a long GC) is not made up for in a burst either.
     */
    long stepsFor(double seconds, double period) {
        if (speed == 0) return RunSpec.MAX_STEP;
        long most = Math.max(1, (long) Math.ceil(speed * period));
        credit = Math.min(credit + speed * seconds, most + 1);
        long steps = Math.min(most, (long) credit);
        credit -= steps;
        return steps;
    }

    /** Play starts afresh: no fraction left over from before a pause. */
    void restart() {
        credit = 0;
    }

    int speed() {
        return speed;
    }

    /** As fast as the engine goes: each turn runs until the tick's time budget is spent. */
    boolean fullSpeed() {
        return speed == 0;
    }

    void setSpeed(int stepsPerSecond) {
        if (!SPEEDS.contains(stepsPerSecond)) throw new IllegalArgumentException("speed must be one of " + SPEEDS);
        speed = stepsPerSecond;
    }
}
