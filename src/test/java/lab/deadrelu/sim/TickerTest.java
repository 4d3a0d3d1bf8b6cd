package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ticker against real simulations: whatever one simulation's step or rendering throws (Errors
 * included) fails that simulation alone; the others keep advancing, the schedule survives anything a
 * tick throws, and eviction keeps running. A playing run nobody watches is held, and goes on when watched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TickerTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private static RunSpec run(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return RunSpec.parse(params, Set.of());
    }

    private static long step(Simulation sim) {
        return sim.pulse().step();
    }

    /** Waits (generously) until the condition holds; fails naming it otherwise. */
    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited in vain for " + what);
            Thread.sleep(20);
        }
    }

    private static Simulation playing(Registry registry, String owner) {
        Simulation sim = registry.open(owner, run("scenario=case-2&pause=off"), 0);
        sim.setSpeed(100);
        sim.play();
        return sim;
    }

    @Test
    void anErrorRenderingOneSimulationFailsItAloneAndTheOthersKeepAdvancing() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        Simulation doomed = playing(registry, "a"), other = playing(registry, "b");
        List<Simulation> told = new CopyOnWriteArrayList<>();
        try (Ticker ticker = new Ticker(registry, 10, sim -> {
            if (sim == doomed) throw new OutOfMemoryError("injected: Java heap space");
        }, () -> { }, System::currentTimeMillis).whenFailed(told::add, pair -> { })) {
            ticker.start();
            until("the doomed simulation to fail", () -> doomed.failure() != null);
            assertEquals(Failure.Kind.MEMORY, doomed.failure().kind());
            assertTrue(doomed.failure().error().contains("injected: Java heap space"), doomed.failure().error());
            assertFalse(doomed.playing(), "a failed simulation stops playing");
            until("its page to be told", () -> told.contains(doomed));
            assertEquals(1, ticker.failures());

            long stuckAt = step(doomed), from = step(other);
            until("the other simulation to go on", () -> step(other) > from + 20);
            assertEquals(stuckAt, step(doomed), "the failed one never advances again");
            doomed.play();
            assertFalse(doomed.playing(), "nor plays again");
            assertNull(other.failure());
            assertTrue(ticker.running());
        }
    }

    @Test
    void aStackOverflowInOneStepIsThatSimulationsFailureOnly() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        Simulation doomed = playing(registry, "a"), other = playing(registry, "b");
        try (Ticker ticker = new Ticker(registry, 10, sim -> {
            if (sim == doomed) recurse(0);
        }, () -> { }, System::currentTimeMillis)) {
            ticker.start();
            until("the doomed simulation to fail", () -> doomed.failure() != null);
            assertEquals(Failure.Kind.STACK, doomed.failure().kind());
            long from = step(other);
            until("the other simulation to go on", () -> step(other) > from + 20);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;   // a real StackOverflowError, as a bug would throw it
    }

    @Test
    void aPairThatThrowsFailsAloneAndTheLabsGoOn() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        Pair pair = registry.openPair("a", run("scenario=case-2&pause=off"), run("scenario=healthy"), null, 0);
        pair.setSpeed(100);
        pair.play();
        Simulation lab = playing(registry, "b");
        List<Pair> told = new CopyOnWriteArrayList<>();
        try (Ticker ticker = new Ticker(registry, 10, sim -> { }, p -> {
            throw new IllegalStateException("injected bug");
        }, () -> { }, System::currentTimeMillis).whenFailed(sim -> { }, told::add)) {
            ticker.start();
            until("the pair to fail", () -> pair.failure() != null);
            assertEquals(Failure.Kind.ERROR, pair.failure().kind());
            assertEquals("IllegalStateException", pair.failure().errorClass());
            until("its page to be told", () -> told.contains(pair));
            assertFalse(pair.playing());
            long from = step(lab);
            until("the lab to go on", () -> step(lab) > from + 20);
        }
    }

    @Test
    void theScheduleSurvivesHousekeepingThatThrowsAndEvictionKeepsRunning() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        AtomicLong now = new AtomicLong(0);
        AtomicLong housekeeping = new AtomicLong();
        Simulation sim = playing(registry, "a");
        try (Ticker ticker = new Ticker(registry, 10, s -> { }, () -> {
            housekeeping.incrementAndGet();
            throw new StackOverflowError("injected into housekeeping");
        }, now::get)) {
            ticker.start();
            until("housekeeping to have thrown twice", () -> housekeeping.get() >= 2);
            long from = step(sim);
            until("the simulation to go on", () -> step(sim) > from + 20);
            assertTrue(ticker.running(), "the schedule lives");
            assertNull(sim.failure(), "housekeeping's failure is nobody's simulation's");

            now.set(10 * 60_000);   // long past the idle time: the next eviction drops it
            until("idle eviction to run after the failures", () -> registry.size() == 0);
            assertTrue(ticker.lastTickMillis() >= 10 * 60_000, "ticks go on with the clock");
        }
    }

    @Test
    void aPlayingSimulationNobodyWatchesIsHeldAfterTheGraceAndGoesOnWhenWatched() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        AtomicLong now = new AtomicLong(0);
        Set<String> watchers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Simulation sim = playing(registry, "a");
        try (Ticker ticker = new Ticker(registry, 10, s -> { }, () -> { }, now::get).pauseUnwatched(watchers::contains, 5_000)) {
            ticker.start();
            long from = step(sim);
            until("it to play during the grace", () -> step(sim) > from);
            now.set(5_000);   // the grace is over
            until("it to be held", () -> ticker.pausedUnwatched() == 1);
            long held = step(sim);
            now.set(6_000);
            until("a tick after that", () -> ticker.lastTickMillis() == 6_000);
            now.set(7_000);
            until("another tick", () -> ticker.lastTickMillis() == 7_000);
            assertEquals(held, step(sim), "held: not a step while nobody watches");
            assertTrue(sim.playing(), "still playing: it goes on by itself");
            assertEquals(1, ticker.playing());
            assertEquals(0, ticker.watched());

            watchers.add(sim.id);
            until("it to go on once watched", () -> step(sim) > held);
            assertEquals(0, ticker.pausedUnwatched());
            assertEquals(1, ticker.watched());
        }
    }

    @Test
    void pressingPlayAgainWithoutAStreamGivesANewGrace() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        AtomicLong now = new AtomicLong(0);
        Simulation sim = playing(registry, "a");
        try (Ticker ticker = new Ticker(registry, 10, s -> { }, () -> { }, now::get).pauseUnwatched(id -> false, 5_000)) {
            ticker.start();
            until("it to be seen playing unwatched", () -> ticker.playing() == 1);
            now.set(5_000);
            until("it to be held", () -> ticker.pausedUnwatched() == 1);
            sim.pause();
            until("the ticker to see it paused", () -> ticker.playing() == 0);
            long at = step(sim);
            sim.play();
            until("it to play in its new grace", () -> step(sim) > at);
        }
    }
}
