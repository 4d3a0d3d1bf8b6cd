package lab.deadrelu.sim;

import java.util.List;
import lab.deadrelu.engine.Event;

/**
 * The run as a timeline: the step on screen, the furthest step it has reached (the student may go
 * back and return), how far this network may go at all on this server, and what happened on the way.
 *
 * @param at         the step on screen
 * @param furthest   the furthest step reached; at is from 0 to it
 * @param reach      the last step a link of this network may open (RunSpec's cost bound, at most 1,000,000):
 *                   playing, stepping and epochs stop there
 * @param events     every event from step 0 to the furthest step (at most Training.MAX_EVENTS), in order
 * @param deathPause the death playing stopped at (pause=death), while it stays paused there; else null
 */
public record Timeline(long at, long furthest, long reach, List<Event> events, Event deathPause) {
    public Timeline {
        events = List.copyOf(events);
    }

    /** True when the run stands at the last step this network may reach. */
    public boolean atReach() {
        return at >= reach;
    }
}
