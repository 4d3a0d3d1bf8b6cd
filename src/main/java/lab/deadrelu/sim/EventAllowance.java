package lab.deadrelu.sim;

import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;

/**
 * How many events a simulation's log may keep: as many as its memory charge has paid for. Before a
 * change that may record events it makes room for the most one step can record, charging another
 * block when needed; when the budget says no, the log keeps what it has and only counts the rest
 * (as it does beyond Training.MAX_EVENTS), so a long run cannot outgrow what the server admitted.
 */
final class EventAllowance {
    private final MemoryBudget.Charge charge;
    private final long perEvent;
    private final int perStep;
    private int allowed;
    /** The log's size when the budget last said no: asked again only once the log has grown. */
    private int refusedAt = -1;

    EventAllowance(MemoryBudget.Charge charge, TrainingSpec spec) {
        this.charge = charge;
        this.perEvent = MemoryCost.eventBytes(spec);
        this.perStep = MemoryCost.eventsPerStep(spec);
        this.allowed = MemoryCost.eventsReserved(spec);
    }

    /** Events paid for so far. */
    int allowed() {
        return allowed;
    }

    /** Before a step or an intervention of `t`: room for the events it may record, if the budget has it. */
    void before(Training t) {
        int size = t.events().size(), need = size + perStep;
        if (need > allowed && allowed < Training.MAX_EVENTS && size != refusedAt) {
            int more = Math.min(Training.MAX_EVENTS - allowed, Math.max(MemoryCost.EVENT_BLOCK, need - allowed));
            if (charge.grow(more * perEvent)) allowed += more;
            else refusedAt = size;
        }
        t.keepEvents(allowed);
    }
}
