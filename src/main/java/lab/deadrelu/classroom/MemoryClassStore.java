package lab.deadrelu.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Classes in this process: the store of a single instance. Bounded: at most `maxClasses` classes and
 * `maxStudents` rows per class; classes past their end are dropped as new ones arrive.
 */
public final class MemoryClassStore implements ClassStore {
    private record Entry(Classroom classroom, Map<String, StudentRun> students) {}

    private final Map<String, Entry> classes = new ConcurrentHashMap<>();
    private final List<Consumer<ClassMessage>> listeners = new CopyOnWriteArrayList<>();
    private final int maxClasses, maxStudents;
    private final LongSupplier clockMillis;

    public MemoryClassStore(int maxClasses, int maxStudents, LongSupplier clockMillis) {
        this.maxClasses = maxClasses;
        this.maxStudents = maxStudents;
        this.clockMillis = clockMillis;
    }

    @Override
    public synchronized boolean create(Classroom classroom) {
        long now = clockMillis.getAsLong();
        classes.values().removeIf(e -> now >= e.classroom().endsMillis());
        if (classes.size() >= maxClasses || classes.containsKey(classroom.code())) return false;
        classes.put(classroom.code(), new Entry(classroom, new ConcurrentHashMap<>()));
        return true;
    }

    @Override
    public Optional<Classroom> find(String code) {
        Entry e = classes.get(code);
        return e == null ? Optional.empty() : Optional.of(e.classroom());
    }

    @Override
    public synchronized void end(String code) {
        classes.computeIfPresent(code, (c, e) -> new Entry(e.classroom().endedNow(), e.students()));
    }

    @Override
    public void putStudent(String code, StudentRun run) {
        Entry e = classes.get(code);
        if (e == null || !e.classroom().openAt(clockMillis.getAsLong())) return;
        if (e.students().size() >= maxStudents && !e.students().containsKey(run.id())) return;
        e.students().put(run.id(), run);
    }

    @Override
    public List<StudentRun> students(String code) {
        Entry e = classes.get(code);
        return e == null ? List.of() : new ArrayList<>(e.students().values());
    }

    @Override
    public int studentCount(String code) {
        Entry e = classes.get(code);
        return e == null ? 0 : e.students().size();
    }

    @Override
    public Optional<StudentRun> student(String code, String studentId) {
        Entry e = classes.get(code);
        return e == null ? Optional.empty() : Optional.ofNullable(e.students().get(studentId));
    }

    @Override
    public void publish(ClassMessage message) {
        listeners.forEach(listener -> listener.accept(message));
    }

    @Override
    public void subscribe(Consumer<ClassMessage> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
