package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ticker's heavy lane computes only with a permit of the cores it shares with heavy requests and
 * experiments, while the runs of the ticker's own lane never wait for them; and a small run is not sent
 * to the heavy lane because the machine was slow to give it a core.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeavyLaneTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @Test
    void aRunAtFullSpeedWaitsWhileOtherHeavyWorkHoldsTheCoresAndASmallRunPlaysOn() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        Simulation fast = registry.open("a", run("scenario=case-2&pause=off"), 0), small = playing(registry, "b", 10);
        fast.setSpeed(0);
        fast.play();
        CoreBudget cores = new CoreBudget(1);
        Runnable giveBack = cores.holdAll();   // e.g. an experiment task computing
        try (Ticker ticker = new Ticker(registry, 10, sim -> { }, () -> { }, System::currentTimeMillis).sharing(cores)) {
            ticker.start();
            until("the full-speed run to wait for a core", () -> cores.waiting() == 1);
            long fastAt = fast.pulse().step(), smallFrom = small.pulse().step();
            until("the small run to go on meanwhile", () -> small.pulse().step() > smallFrom + 5);
            assertEquals(fastAt, fast.pulse().step(), "the full-speed run did not compute without a core");
            giveBack.run();
            until("the full-speed run to go on once the core is free", () -> fast.pulse().step() > fastAt + 100);
        }
    }

    @Test
    void aSmallRunThatTheMachineIsSlowToServeStaysInTheTickersOwnLane() throws Exception {
        Registry registry = new Registry(8, 100, 60_000);
        Simulation small = playing(registry, "a", 10);
        CoreBudget cores = new CoreBudget(1);
        cores.holdAll();   // the heavy lane cannot compute at all: a run sent there would stand still
        // Each of its turns takes 60 ms on the clock (more than a quarter of the period) but almost no CPU,
        // as when a busy machine leaves its thread waiting for a core.
        try (Ticker ticker = new Ticker(registry, 10, sim -> sleep(60), () -> { }, System::currentTimeMillis).sharing(cores)) {
            ticker.start();
            long from = small.pulse().step();
            until("the small run to keep advancing", () -> small.pulse().step() > from + 10);
            assertEquals(0, cores.waiting(), "none of its turns went to the heavy lane");
        }
    }

    private static Simulation playing(Registry registry, String owner, int speed) {
        Simulation sim = registry.open(owner, run("scenario=case-2&pause=off"), 0);
        sim.setSpeed(speed);
        sim.play();
        return sim;
    }

    private static RunSpec run(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return RunSpec.parse(params, Set.of());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited in vain for " + what);
            Thread.sleep(20);
        }
    }
}
