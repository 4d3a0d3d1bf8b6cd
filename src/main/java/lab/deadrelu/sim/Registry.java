package lab.deadrelu.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import lab.deadrelu.scenario.RunSpec;

/**
 * The live simulations, each owned by one browser session. Ids are 128 random bits. A browser
 * keeps at most `perOwner` simulations (opening another evicts its least recently used one); the
 * server keeps at most `total`. Idle ones are evicted: their links recreate them. Two simulations
 * can be opened as a {@link Pair} (the compare page): they count as two, and go together.
 */
public final class Registry {
    private final ConcurrentHashMap<String, Simulation> byId = new ConcurrentHashMap<>();
    /** Compared pairs by their own id, and by the id of each of their two simulations. */
    private final ConcurrentHashMap<String, Pair> pairs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Pair> pairBySim = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int perOwner, total;
    private final long idleMillis;
    private final MemoryBudget memory;
    private volatile long evictions;

    public Registry(int perOwner, int total, long idleMillis) {
        this(perOwner, total, idleMillis, MemoryBudget.unlimited());
    }

    /** Every simulation is charged its {@link MemoryCost} to `memory` before it is made, and gives it back when it goes. */
    public Registry(int perOwner, int total, long idleMillis, MemoryBudget memory) {
        this.perOwner = perOwner;
        this.total = total;
        this.idleMillis = idleMillis;
        this.memory = memory;
    }

    public MemoryBudget memory() {
        return memory;
    }

    /** Thrown when the server already holds as many simulations as it may. */
    public static final class Full extends RuntimeException {
        public Full() {
            super("the server is running as many simulations as it can");
        }
    }

    public Simulation open(String owner, RunSpec run, long nowMillis) {
        return open(owner, run, null, nowMillis);
    }

    /** Opens a new simulation of `run` for `owner` (replaying it to its step), written for the page it was opened from. */
    public Simulation open(String owner, RunSpec run, Viewer viewer, long nowMillis) {
        makeRoom(owner, 1, nowMillis);
        MemoryBudget.Charge[] charge = admit(owner, MemoryBudget.Use.LAB, nowMillis, MemoryCost.simulation(run));
        Simulation sim = made(charge, () -> new Simulation(newId(), owner, run, viewer, nowMillis, RunSpec.MAX_REPLAY_WORK, charge[0]));
        byId.put(sim.id, sim);
        return sim;
    }

    /**
     * Opens two simulations for `owner`, compared as a pair: both at the later of the two links' steps,
     * so that they start in lockstep. They count as two of the owner's simulations; evicting either
     * ends the pair and evicts the other.
     */
    public Pair openPair(String owner, RunSpec a, RunSpec b, Viewer viewer, long nowMillis) {
        long at = Math.max(a.at(), b.at());
        makeRoom(owner, 2, nowMillis);
        MemoryBudget.Charge[] charge = admit(owner, MemoryBudget.Use.COMPARISON, nowMillis, MemoryCost.simulation(a), MemoryCost.simulation(b));
        Simulation sa = made(charge, () -> new Simulation(newId(), owner, a.at(at), viewer, nowMillis, RunSpec.MAX_REPLAY_WORK, charge[0]));
        Simulation sb = made(charge, () -> new Simulation(newId(), owner, b.at(at), viewer, nowMillis, RunSpec.MAX_REPLAY_WORK, charge[1]));
        Pair pair = new Pair(newId(), sa, sb, viewer);
        pairBySim.put(sa.id, pair);
        pairBySim.put(sb.id, pair);
        pairs.put(pair.id, pair);
        byId.put(sa.id, sa);
        byId.put(sb.id, sb);
        return pair;
    }

    /** Evicts the owner's least recently used simulations so that `more` fit, and idle ones if the server is full. */
    private void makeRoom(String owner, int more, long nowMillis) {
        List<Simulation> mine = new ArrayList<>();
        for (Simulation s : byId.values()) if (s.owner.equals(owner)) mine.add(s);
        mine.sort(Comparator.comparingLong(Simulation::lastTouched));
        for (Simulation s : mine) {
            if (stillHere(mine) <= perOwner - more) break;
            remove(s);   // half of a pair takes the other half along
        }
        if (byId.size() + more > total) {
            evictIdle(nowMillis);
            if (byId.size() + more > total) throw new Full();
        }
    }

    /**
     * Charges `bytes` (one charge each) to `owner`. When the memory budget refuses, makes room first:
     * idle simulations go when the server is full, then the owner's own least recently used ones, as
     * long as that can make it fit; only then the refusal stands (the web layer answers it in words).
     */
    private MemoryBudget.Charge[] admit(String owner, MemoryBudget.Use use, long nowMillis, long... bytes) {
        long all = 0;
        for (long b : bytes) all += b;
        while (true) {
            MemoryBudget.Charge[] charges = new MemoryBudget.Charge[bytes.length];
            try {
                for (int i = 0; i < bytes.length; i++) charges[i] = memory.charge(owner, bytes[i], use);
                return charges;
            } catch (MemoryBudget.Refused refused) {
                release(charges);
                // the refusal speaks of the whole request, not of the part that did not fit
                MemoryBudget.Refused whole = all == refused.needed ? refused : memory.refusal(owner, all, use);
                if (whole == null) continue;   // room was made meanwhile
                if (whole.serverFull && evictIdle(nowMillis) > 0) continue;
                boolean ownHelp = whole.serverFull ? memory.used(owner) + memory.free() >= all : all <= memory.perOwner();
                if (ownHelp && evictOldest(owner)) continue;
                throw whole;
            }
        }
    }

    /** Makes a simulation paid for by `charges`; if making it fails, gives them back. */
    private static Simulation made(MemoryBudget.Charge[] charges, java.util.function.Supplier<Simulation> make) {
        try {
            return make.get();
        } catch (RuntimeException | Error e) {
            release(charges);
            throw e;
        }
    }

    private static void release(MemoryBudget.Charge[] charges) {
        for (MemoryBudget.Charge c : charges) if (c != null) c.close();
    }

    /** Evicts the owner's least recently used simulation (a pair goes whole); false when it has none. */
    private boolean evictOldest(String owner) {
        Simulation oldest = null;
        for (Simulation s : byId.values()) {
            if (s.owner.equals(owner) && (oldest == null || s.lastTouched() < oldest.lastTouched())) oldest = s;
        }
        if (oldest == null) return false;
        remove(oldest);   // false when another request removed it first: gone either way
        return true;
    }

    /**
     * The simulation with this id if `owner` owns it; null otherwise (another browser learns nothing).
     * Half of a pair is never handed out alone: only its pair drives it.
     */
    public Simulation get(String id, String owner) {
        Simulation sim = id == null ? null : byId.get(id);
        return sim != null && sim.owner.equals(owner) && !pairBySim.containsKey(id) ? sim : null;
    }

    private int stillHere(List<Simulation> sims) {
        int n = 0;
        for (Simulation s : sims) if (byId.get(s.id) == s) n++;
        return n;
    }

    /** The pair with this id if `owner` owns it and both its runs are still here; null otherwise. */
    public Pair pair(String id, String owner) {
        Pair pair = id == null ? null : pairs.get(id);
        return pair != null && pair.owner.equals(owner) ? pair : null;
    }

    public Collection<Pair> pairs() {
        return pairs.values();
    }

    /** Removes simulations untouched for longer than the idle time. Returns how many. */
    public int evictIdle(long nowMillis) {
        int evicted = 0;
        for (Simulation s : byId.values()) {
            if (nowMillis - s.lastTouched() > idleMillis && remove(s)) evicted++;
        }
        return evicted;
    }

    private boolean remove(Simulation s) {
        boolean removed = byId.remove(s.id, s);
        if (removed) {
            evictions++;
            s.memory.close();
            Pair pair = pairBySim.remove(s.id);
            if (pair != null) {   // half a pair compares nothing: end it, and free its other run
                pairs.remove(pair.id, pair);
                Simulation other = pair.a == s ? pair.b : pair.a;
                pairBySim.remove(other.id, pair);
                if (byId.remove(other.id, other)) evictions++;
                other.memory.close();
            }
        }
        return removed;
    }

    public Collection<Simulation> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    public long evictions() {
        return evictions;
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
