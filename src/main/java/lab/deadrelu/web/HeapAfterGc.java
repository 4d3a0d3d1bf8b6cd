package lab.deadrelu.web;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap in use right after the latest garbage collection, as the collector reports it in its
 * notification: every heap pool after that collection, old generation included. (A pool's own
 * "collection usage" will not do: under G1 the old generation's is only updated by a full collection,
 * so it reads 0 while the old generation fills.) One listener per JVM, however many apps run in it;
 * nothing is ever forced to collect.
 */
final class HeapAfterGc {
    private static final AtomicLong USED = new AtomicLong(-1);

    static {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
                }
                USED.set(used);
            }, null, null);
        }
    }

    private HeapAfterGc() {}

    /** After the latest collection (before the first one: the pools' usage after their last collection, about nothing). */
    static Health.Memory reading() {
        long used = USED.get();
        if (used < 0) {
            used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                if (afterGc != null) used += afterGc.getUsed();
            }
        }
        return new Health.Memory(used, Runtime.getRuntime().maxMemory());
    }
}
