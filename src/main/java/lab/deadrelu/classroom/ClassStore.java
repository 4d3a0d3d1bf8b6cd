package lab.deadrelu.classroom;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where classes live: in this process (MemoryClassStore, the default) or in Redis, shared by every
 * instance behind a proxy (RedisClassStore, with REDIS_URL). Everything a class view shows comes from
 * here, so any instance can serve the teacher; messages reach students on every instance.
 * Implementations are thread-safe; writes from the ticker's thread must not block it (Redis writes are
 * sent without waiting for the reply).
 */
public interface ClassStore extends AutoCloseable {

    /**
     * The store cannot answer now (Redis down or too slow: no reply within a second). Reads and the
     * teacher's actions throw it; the web layer answers 503 with Retry-After instead of a 500.
     * Students' row updates never throw it (they are dropped and logged).
     */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Adds a new class; false (and nothing changes) if its code is taken or `maxClasses` are open. */
    boolean create(Classroom classroom);

    /** The class with this code, ended or not; empty once it is gone (expired classes may be dropped). */
    Optional<Classroom> find(String code);

    /** Marks the class ended (students' runs stay, the class view says it ended). */
    void end(String code);

    /** Adds or replaces the student's row (by id). Unknown or ended classes: ignored. */
    void putStudent(String code, StudentRun run);

    /** Every student's row in the class, any order. */
    List<StudentRun> students(String code);

    /** How many students the class has (checked on every join against CLASS_STUDENTS); a store may count without reading the rows. */
    default int studentCount(String code) {
        return students(code).size();
    }

    /** The student's row, if there is one (a reconnecting student keeps the nickname). */
    Optional<StudentRun> student(String code, String studentId);

    /** Sends a message to every instance's listeners, this one's included. */
    void publish(ClassMessage message);

    /** Called for every message published on any instance, on a thread of the store's. */
    void subscribe(Consumer<ClassMessage> listener);

    @Override
    void close();
}
