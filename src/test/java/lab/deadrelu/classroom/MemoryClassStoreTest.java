package lab.deadrelu.classroom;

import java.util.function.LongSupplier;

/** The contract for classes kept in this process (one instance, no REDIS_URL). */
class MemoryClassStoreTest extends ClassStoreContract {
    @Override
    ClassStore newStore(int maxClasses, int maxStudents, LongSupplier clockMillis) {
        return ClassStores.open(null, maxClasses, maxStudents, clockMillis);
    }
}
