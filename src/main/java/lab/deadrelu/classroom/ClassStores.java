package lab.deadrelu.classroom;

import java.util.function.LongSupplier;

/** The store a server's classes live in: in memory, or in Redis when a URL names one. */
public final class ClassStores {
    private ClassStores() {}

    /** Redis (shared by every instance that names it) when `redisUrl` is set; else this process's memory. */
    public static ClassStore open(String redisUrl, int maxClasses, int maxStudents, LongSupplier clockMillis) {
        if (redisUrl != null) return new RedisClassStore(redisUrl, maxClasses, maxStudents, clockMillis);
        return new MemoryClassStore(maxClasses, maxStudents, clockMillis);
    }
}
