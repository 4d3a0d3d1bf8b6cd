package lab.deadrelu.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: each holds up to {@code burst} requests and refills at {@code perMinute}.
 * Memory is bounded: a bucket that has refilled to full is forgotten (a fresh one is the same thing),
 * and past {@code maxClients} the least recently seen client is dropped (it starts again full).
 */
public final class TokenBuckets {
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final double burst;
    private final double perNano;
    private final long fullAfterNanos;
    private final int maxClients;
    private final LongSupplier nanoClock;
    /** In access order: the eldest entry is the client seen longest ago. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public TokenBuckets(int perMinute, int burst, int maxClients, LongSupplier nanoClock) {
        this((double) perMinute, burst, maxClients, nanoClock);
    }

    /** Buckets that refill at `perHour` (slower than one a minute, say for opening classes). */
    public static TokenBuckets perHour(int perHour, int burst, int maxClients, LongSupplier nanoClock) {
        return new TokenBuckets(perHour / 60.0, burst, maxClients, nanoClock);
    }

    private TokenBuckets(double perMinute, int burst, int maxClients, LongSupplier nanoClock) {
        if (!(perMinute > 0) || burst < 1 || maxClients < 1) throw new IllegalArgumentException("rate, burst and clients must be positive");
        this.burst = burst;
        this.perNano = perMinute / (double) NANOS_PER_MINUTE;
        this.fullAfterNanos = (long) Math.ceil(burst / perNano);
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
    }

    /** Takes one token for this client: 0 if it had one, else the whole seconds until it will (at least 1). */
    public synchronized long take(String client) {
        long now = nanoClock.getAsLong();
        forgetFullBuckets(now);
        Bucket b = buckets.get(client);
        if (b == null) {
            b = new Bucket(burst, now);
            buckets.put(client, b);
            if (buckets.size() > maxClients) dropEldest();
        } else {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
    }

    /** Clients remembered now, for tests and metrics. */
    synchronized int clients() {
        return buckets.size();
    }

    /** Amortized O(1): only the eldest entries are looked at, and each is removed at most once. */
    private void forgetFullBuckets(long now) {
        Iterator<Bucket> eldest = buckets.values().iterator();
        while (eldest.hasNext() && now - eldest.next().at >= fullAfterNanos) eldest.remove();
    }

    private void dropEldest() {
        Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
        eldest.next();
        eldest.remove();
    }
}
