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
 * server keeps at most `total`. Idle ones are evicted: their links recreate them.
 */
public final class Registry {
    private final ConcurrentHashMap<String, Simulation> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int perOwner, total;
    private final long idleMillis;
    private volatile long evictions;

    public Registry(int perOwner, int total, long idleMillis) {
        this.perOwner = perOwner;
        this.total = total;
        this.idleMillis = idleMillis;
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

    /** Opens a new simulation of `run` for `owner` (replaying it to its step), tagged for its viewer. */
    public Simulation open(String owner, RunSpec run, Object tag, long nowMillis) {
        List<Simulation> mine = new ArrayList<>();
        for (Simulation s : byId.values()) if (s.owner.equals(owner)) mine.add(s);
        mine.sort(Comparator.comparingLong(Simulation::lastTouched));
        for (int k = 0; k <= mine.size() - perOwner; k++) remove(mine.get(k));
        if (byId.size() >= total) {
            evictIdle(nowMillis);
            if (byId.size() >= total) throw new Full();
        }
        Simulation sim = new Simulation(newId(), owner, run, tag, nowMillis);
        byId.put(sim.id, sim);
        return sim;
    }

    /** The simulation with this id if `owner` owns it; null otherwise (another browser learns nothing). */
    public Simulation get(String id, String owner) {
        Simulation sim = id == null ? null : byId.get(id);
        return sim != null && sim.owner.equals(owner) ? sim : null;
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
        if (removed) evictions++;
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
