package lab.deadrelu.sim;

import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;

/**
 * How many events a simulation's log may keep: as many as its memory charge has paid for. Before a
 * change that may record events it makes sure the charge covers the most one step can record (each
 * event at its largest), charging another block when needed, and caps the log there; when the budget
 * says no, the log keeps what it has and only counts the rest (as it does beyond Training.MAX_EVENTS),
 * so a long run cannot outgrow what the server admitted.
 */
final class EventAllowance {
    private final MemoryBudget.Charge charge;
    private final long largest, perStep, block;
    /** Bytes of events the charge has paid for; bytes the log's first `counted` events hold. */
    private long paid, held;
    private int counted;
    /** The training whose log is counted (the simulation's current one). */
    private Training training;
    /** The log's size when the budget last said no: asked again only once the log has grown. */
    private int refusedAt = -1;

    EventAllowance(MemoryBudget.Charge charge, TrainingSpec spec) {
        this.charge = charge;
        this.largest = MemoryCost.eventBytes(spec);
        this.perStep = MemoryCost.eventsPerStep(spec) * largest;
        this.block = MemoryCost.EVENT_BLOCK * largest;
        this.paid = MemoryCost.eventsReserved(spec) * largest;
    }

    /** Events a new training may keep before the first check: what the reserve pays for. */
    int allowed() {
        return (int) Math.min(Training.MAX_EVENTS, paid / largest);
    }

    /** Before a step or an intervention of `t`: room for the events it may record, if the budget has it. */
    void before(Training t) {
        if (t != training) {             // a new training (a restart): its log starts afresh
            training = t;
            counted = 0;
            held = 0;
        }
        List<Event> events = t.events();
        int size = events.size();
        for (; counted < size; counted++) held += MemoryCost.eventBytes(events.get(counted));
        if (paid - held < perStep && size < Training.MAX_EVENTS && size != refusedAt) {
            long more = Math.max(block, perStep - (paid - held));
            if (charge.grow(more)) paid += more;
            else refusedAt = size;
        }
        t.keepEvents((int) Math.min(Training.MAX_EVENTS, size + Math.max(0, paid - held) / largest));
    }
}
