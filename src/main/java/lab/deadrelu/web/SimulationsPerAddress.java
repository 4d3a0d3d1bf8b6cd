package lab.deadrelu.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import lab.deadrelu.sim.Pair;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;

/**
 * Live simulations per client address (SIMS_PER_ADDRESS), whichever browsers behind it opened them:
 * sessions are cheap to come by, so a per-browser limit alone would not bound what one machine can
 * hold. Beyond the limit a new lab or comparison gets a 429 saying to close tabs or wait (idle
 * simulations are dropped after IDLE_MINUTES). The registry stays the one owner of simulations: this
 * only remembers which ones an address opened, and forgets those the registry no longer has.
 */
public final class SimulationsPerAddress {
    static final Key<SimulationsPerAddress> KEY = new Key<>("lab.deadrelu.simulations-per-address");
    /** What a full address is told: try again in a minute. */
    static final long RETRY_SECONDS = 60;

    /** One opened simulation (weight 1) or comparison (weight 2), as the registry finds it again. */
    private record Opened(String id, String owner, boolean pair) {}

    private static final class Held {
        final ArrayDeque<Opened> opened = new ArrayDeque<>();
        int reserved;   // being opened right now, outside the lock
    }

    private final Registry registry;
    private final int limit, perBrowser;
    /** Entries kept at most before every address is checked against the registry (each live one is at most one). */
    private final int sweepAbove;
    private final Map<String, Held> byAddress = new HashMap<>();   // under this
    private int entries;                                            // under this

    SimulationsPerAddress(Registry registry, int limit, int perBrowser, int totalSimulations) {
        this.registry = registry;
        this.limit = limit;
        this.perBrowser = perBrowser;
        this.sweepAbove = 2 * totalSimulations + 1024;
    }

    public static SimulationsPerAddress of(Context ctx) {
        return ctx.appData(KEY);
    }

    /** Opens one simulation for the request's address, if it has room. */
    public Simulation open(Context ctx, Supplier<Simulation> open) {
        return open(ctx, 1, open, sim -> new Opened(sim.id, sim.owner, false));
    }

    /** Opens a comparison (two simulations) for the request's address, if it has room. */
    public Pair openPair(Context ctx, Supplier<Pair> open) {
        return open(ctx, 2, open, pair -> new Opened(pair.id, pair.owner, true));
    }

    /** Reserves `count` places for the address, opens, and settles the reservation with what was opened (or nothing). */
    private <T> T open(Context ctx, int count, Supplier<T> open, Function<T, Opened> opened) {
        String address = ClientAddress.of(ctx);
        reserve(address, Sessions.id(ctx), count);
        T made = null;
        try {
            made = open.get();
        } finally {
            settle(address, count, made == null ? null : opened.apply(made));
        }
        return made;
    }

    /** Live simulations the address holds (for tests and metrics). */
    synchronized int held(String address) {
        Held h = byAddress.get(address);
        return h == null ? 0 : live(h);
    }

    /**
     * Makes room for `more` simulations of `owner` at `address`, or refuses. A browser at its own limit
     * (SIMS_PER_BROWSER) replaces its oldest simulations, so those do not add to the address's count.
     */
    private synchronized void reserve(String address, String owner, int more) {
        Held h = byAddress.computeIfAbsent(address, a -> new Held());
        int live = live(h), owners = 0;
        for (Opened o : h.opened) if (o.owner.equals(owner)) owners += o.pair ? 2 : 1;
        int replaced = Math.max(0, Math.min(owners, owners + more - perBrowser));
        if (live + h.reserved + more - replaced > limit) {
            if (h.opened.isEmpty() && h.reserved == 0) byAddress.remove(address);
            throw TooManyRequests.simulations(limit, RETRY_SECONDS);
        }
        h.reserved += more;
    }

    private synchronized void settle(String address, int reserved, Opened opened) {
        Held h = byAddress.get(address);
        h.reserved -= reserved;
        if (opened != null) {
            h.opened.add(opened);
            entries++;
        }
        if (h.opened.isEmpty() && h.reserved == 0) byAddress.remove(address);
        if (entries > sweepAbove) sweep();
    }

    /** Counts the address's simulations still in the registry, forgetting the others. */
    private int live(Held h) {
        int n = 0;
        for (Iterator<Opened> it = h.opened.iterator(); it.hasNext(); ) {
            Opened o = it.next();
            boolean here = o.pair ? registry.pair(o.id, o.owner) != null : registry.get(o.id, o.owner) != null;
            if (here) {
                n += o.pair ? 2 : 1;
            } else {
                it.remove();
                entries--;
            }
        }
        return n;
    }

    /** Forgets, for every address, what the registry dropped: keeps memory bounded by the live simulations. */
    private void sweep() {
        for (Iterator<Held> it = byAddress.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            live(h);
            if (h.opened.isEmpty() && h.reserved == 0) it.remove();
        }
    }
}
