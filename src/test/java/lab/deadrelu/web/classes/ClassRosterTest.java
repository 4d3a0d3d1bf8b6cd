package lab.deadrelu.web.classes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import lab.deadrelu.classroom.ClassMessage;
import lab.deadrelu.classroom.Classroom;
import lab.deadrelu.classroom.MemoryClassStore;
import lab.deadrelu.classroom.StudentRun;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.web.Streams;
import org.junit.jupiter.api.Test;

/** A student's row reaches the store at most once a second while the run moves, at once on news; the teacher's messages reach the run. */
class ClassRosterTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final MemoryClassStore store = new MemoryClassStore(10, 10, clock::get);
    private final Registry registry = new Registry(8, 100, 600_000);
    private final ClassRoster roster = new ClassRoster(store, registry, new Streams(1), clock::get);

    private StudentRun row() {
        return store.student("KX7D4M", "student-1").orElseThrow();
    }

    private Simulation tied() {
        store.create(new Classroom("KX7D4M", "T", "en", "", "0".repeat(64), clock.get(), clock.get() + 3_600_000, false));
        Simulation sim = registry.open("owner", RunSpec.of(Scenario.CASE_2), clock.get());
        roster.tie(sim, "KX7D4M", "student-1", "Ada");
        return sim;
    }

    @Test
    void rows_are_written_at_most_once_a_second_while_the_run_moves() {
        Simulation sim = tied();
        assertEquals(0, row().step(), "written as soon as the lab opens");
        assertEquals("Ada", row().nickname());
        sim.stepOnce();
        roster.moved(sim, false);
        assertEquals(0, row().step(), "not again within the second");
        clock.addAndGet(ClassRoster.THROTTLE_MILLIS);
        roster.moved(sim, false);
        assertEquals(1, row().step());
        assertEquals(clock.get(), row().seenMillis());
        assertEquals(List.of(0, 0), row().deadPerLayer());
        assertTrue(row().link().startsWith("/lab?scenario=case-2") && row().link().contains("at=1"), row().link());
    }

    @Test
    void news_is_written_at_once_playing_a_reset_or_a_control() {
        Simulation sim = tied();
        sim.play();
        roster.moved(sim, false);   // started playing: news
        sim.pause();
        sim.stepOnce();
        sim.stepOnce();
        roster.moved(sim, false);   // stopped playing: news
        assertEquals(2, row().step());
        sim.reset();
        roster.moved(sim, false);   // back to step 0: a new run
        assertEquals(0, row().step());
        sim.stepOnce();
        roster.moved(sim, true);    // a control forces it
        assertEquals(1, row().step());
    }

    @Test
    void pause_all_pauses_the_class_s_runs_and_repaints_them() {
        Simulation sim = tied();
        List<Simulation> repainted = new java.util.ArrayList<>(), bannered = new java.util.ArrayList<>();
        roster.start(repainted::add, bannered::add);
        try {
            sim.play();
            assertTrue(sim.playing());
            store.publish(new ClassMessage.PauseAll("OTHER1"));
            assertTrue(sim.playing(), "another class's message changes nothing here");
            store.publish(new ClassMessage.PauseAll("KX7D4M"));
            assertFalse(sim.playing());
            assertEquals(List.of(sim), repainted);
            store.publish(new ClassMessage.Send("KX7D4M", "/lab?scenario=healthy&class=KX7D4M"));
            assertEquals("/lab?scenario=healthy&class=KX7D4M", roster.sentTo("KX7D4M"));
            store.publish(new ClassMessage.Ended("KX7D4M"));
            assertTrue(roster.ended("KX7D4M"));
            assertEquals(List.of(sim, sim), bannered);
        } finally {
            roster.close();
        }
    }
}
