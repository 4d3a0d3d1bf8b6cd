package lab.deadrelu.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The heap the server gives to what clients make: labs, comparisons, experiments, API runs. Each is
 * charged its {@link MemoryCost} before it is made and gives the charge back when it goes, so the
 * server refuses in words what it cannot hold instead of running out of memory. Two limits: the
 * whole budget, and a share of it per owner (a browser session, or whatever key the caller hands
 * in), so that one client cannot take it all. Thread-safe.
 */
public final class MemoryBudget {
    /** The owner of what is kept for everybody (cached experiment results): only the whole budget limits it. */
    public static final String SHARED = "(shared)";

    /** What a charge pays for: the refusal names it. */
    public enum Use { LAB, COMPARISON, EXPERIMENT, RUN }

    private final long limit, perOwner;
    private long used;                                             // under this
    private final Map<String, Long> byOwner = new HashMap<>();    // under this

    /**
     * @param limit    bytes in all
     * @param perOwner bytes one owner may hold (at most `limit`)
     */
    public MemoryBudget(long limit, long perOwner) {
        if (limit < 1 || perOwner < 1) throw new IllegalArgumentException("a memory budget must be positive");
        this.limit = limit;
        this.perOwner = Math.min(perOwner, limit);
    }

    /** No limit that matters: for tests and tools that run one thing at a time. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);
    }

    /**
     * The budget for a heap of `maxHeap` bytes: `percent` of it (or `overrideMb` MB when that is above 0),
     * and `sharePercent` of that per owner.
     */
    public static MemoryBudget forHeap(long maxHeap, int percent, int overrideMb, int sharePercent) {
        long limit = overrideMb > 0 ? overrideMb * 1_000_000L : maxHeap / 100 * percent;
        return new MemoryBudget(limit, Math.max(1, limit / 100 * sharePercent));
    }

    /** What something holds while it lives; give it back with {@link #close()} (twice is harmless). */
    public final class Charge implements AutoCloseable {
        public final String owner;
        private long bytes;        // under the budget
        private boolean released;  // under the budget

        private Charge(String owner, long bytes) {
            this.owner = owner;
            this.bytes = bytes;
        }

        /** `more` bytes on top, if the budget and the owner's share have them; false (and nothing changes) otherwise. */
        public boolean grow(long more) {
            synchronized (MemoryBudget.this) {
                if (released || more > room(owner)) return false;
                add(owner, more);
                bytes += more;
                return true;
            }
        }

        public long bytes() {
            synchronized (MemoryBudget.this) {
                return bytes;
            }
        }

        @Override
        public void close() {
            synchronized (MemoryBudget.this) {
                if (released) return;
                released = true;
                add(owner, -bytes);
            }
        }
    }

    /**
     * Charges `bytes` to `owner`, or refuses: {@link Refused#serverFull} when the whole budget lacks
     * them, otherwise when the owner's share does (checked first: it is the one the client can act on).
     */
    public synchronized Charge charge(String owner, long bytes, Use use) {
        Refused refused = refusal(owner, bytes, use);
        if (refused != null) throw refused;
        add(owner, bytes);
        return new Charge(owner, bytes);
    }

    /** The refusal a charge of `bytes` to `owner` would meet now, or null if it would be accepted. */
    public synchronized Refused refusal(String owner, long bytes, Use use) {
        if (bytes < 0) throw new IllegalArgumentException("a charge is not negative");
        if (!owner.equals(SHARED) && bytes > perOwner - usedBy(owner)) {
            return new Refused(use, bytes, Math.max(0, perOwner - usedBy(owner)), false, perOwner);
        }
        if (bytes > limit - used) return new Refused(use, bytes, Math.max(0, limit - used), true, perOwner);
        return null;
    }

    /** Charges without refusing: for what exists already and is only being kept (a finished result). */
    public synchronized Charge force(String owner, long bytes) {
        add(owner, bytes);
        return new Charge(owner, bytes);
    }

    private long room(String owner) {
        long server = limit - used;
        return owner.equals(SHARED) ? server : Math.min(server, perOwner - usedBy(owner));
    }

    private void add(String owner, long bytes) {
        used += bytes;
        long mine = usedBy(owner) + bytes;
        if (mine == 0) byOwner.remove(owner);
        else byOwner.put(owner, mine);
    }

    private long usedBy(String owner) {
        return byOwner.getOrDefault(owner, 0L);
    }

    public synchronized long used() {
        return used;
    }

    public synchronized long used(String owner) {
        return usedBy(owner);
    }

    /** Bytes not charged to anyone. */
    public synchronized long free() {
        return Math.max(0, limit - used);
    }

    public long limit() {
        return limit;
    }

    public long perOwner() {
        return perOwner;
    }

    /** Owners holding a charge (the budget forgets an owner whose charges are all given back). */
    public synchronized int owners() {
        return byOwner.size();
    }

    /**
     * Refused for memory: what it needed, what was free (of the whole budget when `serverFull`, else of the
     * owner's share, which is `share` in all).
     */
    public static final class Refused extends RuntimeException {
        public final Use use;
        public final long needed, free, share;
        public final boolean serverFull;

        Refused(Use use, long needed, long free, boolean serverFull, long share) {
            super((serverFull ? "the server's memory budget" : "this client's share of the memory budget") + " has " + free
                    + " bytes free; " + use.name().toLowerCase(java.util.Locale.ROOT) + " needs " + needed, null, false, false);
            this.use = use;
            this.needed = needed;
            this.free = free;
            this.serverFull = serverFull;
            this.share = share;
        }
    }
}
