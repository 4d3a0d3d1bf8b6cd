package lab.deadrelu.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every ClassStore does, whichever it is: run by MemoryClassStoreTest and RedisClassStoreTest.
 * Student rows may be written without waiting (Redis), so reads after a write wait until they show it.
 */
abstract class ClassStoreContract {
    static final long HOUR = TimeUnit.HOURS.toMillis(1);
    /** The stores' clock: tests move it. */
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final List<ClassStore> opened = new ArrayList<>();

    /** A new store with these bounds on the tests' clock (on Redis: the same Redis for every store of a test). */
    abstract ClassStore newStore(int maxClasses, int maxStudents, LongSupplier clockMillis);

    ClassStore open(int maxClasses, int maxStudents) {
        ClassStore s = newStore(maxClasses, maxStudents, now::get);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ClassStore::close);
    }

    Classroom classroom(String code) {
        return new Classroom(code, "Class " + code, "en", "/lab?scenario=case-2", "ab".repeat(32), now.get(), now.get() + 6 * HOUR, false);
    }

    static StudentRun run(String id, String nickname, long step) {
        return new StudentRun(id, nickname, "/lab?scenario=case-2&at=" + step, "case-2", 0.5, "relu", 7, step, 0.25 + step / 1000.0,
                List.of(0, step >= 8 ? 1 : 0), step >= 8 ? List.of("h1^(2)") : List.of(), 5, false, 1_800_000_000_000L + step);
    }

    /** Waits (at most 20 s) for what a write without a reply must bring. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("not within 20 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aCodeIsCreatedOnceAndFoundAsItWasCreated() {
        ClassStore store = open(10, 10);
        Classroom first = classroom("ABC123");
        assertTrue(store.create(first));
        assertFalse(store.create(new Classroom("ABC123", "Another", "zh", "", "cd".repeat(32), now.get(), now.get() + HOUR, false)),
                "the code is taken");
        assertEquals(Optional.of(first), store.find("ABC123"), "the first class, unchanged");
        assertEquals(Optional.empty(), store.find("ZZZ999"));
    }

    @Test
    void anEndedClassSaysSoKeepsItsStudentsAndTakesNoNewRows() throws InterruptedException {
        ClassStore store = open(10, 10);
        store.create(classroom("END001"));
        store.putStudent("END001", run("s1", "Ada", 3));
        eventually("the first row", () -> store.student("END001", "s1").isPresent());
        store.end("END001");
        assertTrue(store.find("END001").orElseThrow().ended());
        store.putStudent("END001", run("s2", "Bo", 4));
        store.putStudent("END001", run("s1", "Ada", 9));
        store.end("NOPE01");   // an unknown class stays unknown
        assertEquals(Optional.empty(), store.find("NOPE01"));
        // a marker row in another class: once it shows, the writes before it have been handled
        store.create(classroom("END002"));
        store.putStudent("END002", run("m", "Marker", 1));
        eventually("the marker row", () -> store.student("END002", "m").isPresent());
        assertEquals(List.of(run("s1", "Ada", 3)), store.students("END001"));
    }

    @Test
    void aStudentsRowIsReplacedByTheirNextOne() throws InterruptedException {
        ClassStore store = open(10, 10);
        store.create(classroom("ROW001"));
        store.putStudent("ROW001", run("s1", "Ada", 3));
        store.putStudent("ROW001", run("s2", "Bo", 5));
        store.putStudent("ROW001", run("s1", "Ada", 12));
        eventually("Ada at step 12", () -> store.student("ROW001", "s1").map(r -> r.step() == 12).orElse(false));
        eventually("Bo's row", () -> store.student("ROW001", "s2").isPresent());
        List<StudentRun> rows = new ArrayList<>(store.students("ROW001"));
        rows.sort(java.util.Comparator.comparing(StudentRun::id));
        assertEquals(List.of(run("s1", "Ada", 12), run("s2", "Bo", 5)), rows, "one row per student, the latest");
        assertEquals(2, store.studentCount("ROW001"), "counted once each");
        assertEquals(0, store.studentCount("NOPE01"));
        assertEquals(1, store.student("ROW001", "s1").orElseThrow().deadCount(), "its dead neurons, as sent");
        assertEquals(Optional.empty(), store.student("ROW001", "s9"));
        assertEquals(List.of(), store.students("NOPE01"));
        store.putStudent("NOPE01", run("s1", "Ada", 1));   // an unknown class takes no rows
        store.create(classroom("ROW002"));
        store.putStudent("ROW002", run("m", "Marker", 1));
        eventually("the marker row", () -> store.student("ROW002", "m").isPresent());
        assertEquals(List.of(), store.students("NOPE01"));
    }

    @Test
    void aClassHoldsAtMostMaxStudentsButAKnownStudentStillMovesOn() throws InterruptedException {
        ClassStore store = open(10, 3);
        store.create(classroom("FULL01"));
        for (int i = 1; i <= 5; i++) store.putStudent("FULL01", run("s" + i, "N" + i, i));
        store.putStudent("FULL01", run("s2", "N2", 40));
        eventually("s2 at step 40", () -> store.student("FULL01", "s2").map(r -> r.step() == 40).orElse(false));
        List<String> ids = store.students("FULL01").stream().map(StudentRun::id).sorted().toList();
        assertEquals(List.of("s1", "s2", "s3"), ids, "the first three, no more");
        assertEquals(3, store.studentCount("FULL01"));
    }

    @Test
    void atMostMaxClassesAreOpenAndOnesPastTheirEndMakeRoom() {
        ClassStore store = open(3, 10);
        assertTrue(store.create(classroom("CAP001")));
        assertTrue(store.create(classroom("CAP002")));
        assertTrue(store.create(classroom("CAP003")));
        assertFalse(store.create(classroom("CAP004")), "a fourth is refused");
        assertEquals(Optional.empty(), store.find("CAP004"));
        now.addAndGet(7 * HOUR);   // the three ended by themselves
        assertTrue(store.create(classroom("CAP005")), "room again once they are over");
    }

    @Test
    void aPublishedMessageReachesTheSubscribers() throws InterruptedException {
        ClassStore store = open(10, 10);
        BlockingQueue<ClassMessage> got = new LinkedBlockingQueue<>();
        store.subscribe(got::add);
        List<ClassMessage> sent = List.of(new ClassMessage.Send("MSG001", "/lab?scenario=case-1&at=3"), new ClassMessage.PauseAll("MSG001"),
                new ClassMessage.Ended("MSG001"));
        sent.forEach(store::publish);
        List<ClassMessage> received = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            ClassMessage m = got.poll(20, TimeUnit.SECONDS);
            if (m == null) break;
            received.add(m);
        }
        assertEquals(sent, received, "each once, in order");
    }
}
