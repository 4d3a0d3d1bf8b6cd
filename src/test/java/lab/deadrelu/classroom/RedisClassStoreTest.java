package lab.deadrelu.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import lab.deadrelu.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract for classes in a real Redis (started for this class on a free port), and what only a
 * shared store does: a second instance sees the first's classes and messages; Redis down is a clear
 * Unavailable for reads, never for a student's row.
 */
class RedisClassStoreTest extends ClassStoreContract {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) redis.close();
    }

    @BeforeEach
    void emptyRedis() {
        assertTrue(redis.flushAll(), "FLUSHALL answered OK");
    }

    @Override
    ClassStore newStore(int maxClasses, int maxStudents, LongSupplier clockMillis) {
        ClassStore store = ClassStores.open(redis.url(), maxClasses, maxStudents, clockMillis);
        assertInstanceOf(RedisClassStore.class, store, "a REDIS_URL opens the Redis store");
        return store;
    }

    @Test
    void aSecondInstanceSeesTheFirstsClassesStudentsAndMessages() throws InterruptedException {
        ClassStore first = open(10, 10), second = open(10, 10);
        BlockingQueue<ClassMessage> atFirst = new LinkedBlockingQueue<>(), atSecond = new LinkedBlockingQueue<>();
        first.subscribe(atFirst::add);
        second.subscribe(atSecond::add);
        Classroom c = classroom("SHR001");
        assertTrue(first.create(c));
        assertEquals(Optional.of(c), second.find("SHR001"));
        assertEquals(false, second.create(classroom("SHR001")), "the code is taken on every instance");
        first.putStudent("SHR001", run("s1", "Ada", 8));
        eventually("Ada's row on the second instance", () -> second.student("SHR001", "s1").isPresent());
        assertEquals(List.of(run("s1", "Ada", 8)), second.students("SHR001"));
        second.publish(new ClassMessage.PauseAll("SHR001"));
        assertEquals(new ClassMessage.PauseAll("SHR001"), atFirst.poll(20, TimeUnit.SECONDS), "the other instance's listener");
        assertEquals(new ClassMessage.PauseAll("SHR001"), atSecond.poll(20, TimeUnit.SECONDS), "its own listener too");
        second.end("SHR001");
        assertTrue(first.find("SHR001").orElseThrow().ended());
    }

    @Test
    void aSlowListenerDoesNotHoldUpTheStore() throws InterruptedException {
        ClassStore store = open(10, 10);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        BlockingQueue<ClassMessage> got = new LinkedBlockingQueue<>();
        store.subscribe(m -> {
            got.add(m);
            try {
                release.await();   // stuck until the test lets go
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        store.publish(new ClassMessage.PauseAll("SLO001"));
        assertEquals(new ClassMessage.PauseAll("SLO001"), got.poll(20, TimeUnit.SECONDS));
        // the listener is stuck: commands still get their replies
        assertTrue(store.create(classroom("SLO001")));
        assertTrue(store.find("SLO001").isPresent());
        store.publish(new ClassMessage.Ended("SLO001"));
        release.countDown();
        assertEquals(new ClassMessage.Ended("SLO001"), got.poll(20, TimeUnit.SECONDS), "and the next message follows");
    }

    @Test
    void withRedisDownReadsSayUnavailableAndAStudentsRowIsDroppedWithoutWaiting() throws Exception {
        try (RedisServer own = RedisServer.start();
             ClassStore store = ClassStores.open(own.url(), 10, 10, now::get)) {
            store.create(classroom("DWN001"));
            own.kill();
            ClassStore.Unavailable e = assertThrows(ClassStore.Unavailable.class, () -> store.find("DWN001"));
            assertTrue(e.getMessage().contains("Redis"), e.getMessage());
            assertThrows(ClassStore.Unavailable.class, () -> store.students("DWN001"));
            assertThrows(ClassStore.Unavailable.class, () -> store.create(classroom("DWN002")));
            for (int i = 0; i < 1000; i++) store.putStudent("DWN001", run("s" + i, "N", i));   // returns: nothing to assert but that it does
        }
    }

    @Test
    void anUnreachableRedisStopsTheStartWithAMessageNamingRedisUrl() throws Exception {
        int port = lab.deadrelu.support.Programs.freePort();   // nothing listens there
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassStores.open("redis://127.0.0.1:" + port, 10, 10, now::get));
        assertTrue(e.getMessage().startsWith("REDIS_URL"), e.getMessage());
    }
}
