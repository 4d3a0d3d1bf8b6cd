package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.scenario.CompareLink;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;

class PairTest {
    static RunSpec run(String query) {
        return CompareLink.run("a", query);
    }

    static Pair open(Registry registry, String a, String b) {
        return registry.openPair("owner", run(a), run(b), null, 0);
    }

    static Pair open(String a, String b) {
        return open(new Registry(8, 100, 60_000), a, b);
    }

    @Test
    void bothRunsOpenAtTheLaterStepAndStepTogether() {
        Pair pair = open("scenario=case-2&at=3", "scenario=case-2&lr=0.03&at=7");
        assertEquals(7, pair.a.at());
        assertEquals(7, pair.b.at());
        pair.stepOnce();
        assertEquals(8, pair.a.at());
        assertEquals(8, pair.b.at());
        pair.stepEpoch();
        assertEquals(16, pair.a.at());
        assertEquals(16, pair.b.at());
        pair.reset();
        assertEquals(0, pair.a.at());
        assertEquals(0, pair.b.at());
        assertEquals("scenario=case-2&lr=0.03", pair.runB().toQuery());
    }

    @Test
    void anEpochIsTheLongerOfTheTwoRunsEpochs() {
        Pair pair = open("scenario=case-2", "scenario=case-2&n=20");
        pair.stepEpoch();
        assertEquals(20, pair.a.at());
        assertEquals(20, pair.b.at());
    }

    @Test
    void playingAtFullSpeedKeepsThemInLockstepWithinTheTimeBudget() {
        Pair pair = open("scenario=deep-net-works-anyway", "scenario=deep-net-works-anyway&lr=0.05");
        pair.setSpeed(0);
        pair.play();
        for (int k = 0; k < 5; k++) {
            assertTrue(pair.tick(0.1, System.nanoTime() + 5_000_000));   // a 5 ms budget: far fewer steps than asked
            assertEquals(pair.a.at(), pair.b.at(), "tick " + k);
        }
        assertTrue(pair.a.at() > 0 && pair.a.at() < RunSpec.MAX_STEP);
        pair.setSpeed(10);
        long before = pair.a.at();
        assertTrue(pair.tick(0.1, Long.MAX_VALUE));   // 10 steps/s for a tenth of a second: one step each
        assertEquals(before + 1, pair.a.at());
        assertEquals(before + 1, pair.b.at());
        pair.pause();
        assertFalse(pair.tick(0.1, Long.MAX_VALUE));
        assertEquals(before + 1, pair.b.at());
    }

    @Test
    void theSimulationsNeverPlayOnTheirOwn() {
        Registry registry = new Registry(8, 100, 60_000);
        Pair pair = open(registry, "scenario=case-2", "scenario=healthy");
        pair.play();
        assertTrue(pair.playing());
        assertFalse(pair.a.playing());
        assertFalse(pair.b.playing());
        assertNull(registry.get(pair.a.id, "owner"), "half of a pair cannot be driven as a lab run");
        assertEquals(2, registry.size());
        assertSame(pair, registry.pairs().iterator().next());
    }

    @Test
    void aRunThatDivergesStaysWhileTheOtherGoesOn() {
        Pair pair = open("scenario=deep-net-works-anyway&lr=100", "scenario=deep-net-works-anyway");   // A diverges at step 3
        pair.setSpeed(100);
        pair.play();
        for (int k = 0; k < 10; k++) pair.tick(0.1, Long.MAX_VALUE);
        PairState s = pair.state();
        assertTrue(s.a().diverged());
        assertFalse(s.b().diverged());
        assertEquals(100, s.b().snapshot().step());
        assertEquals(2, s.a().snapshot().step(), "the last finite step");
        assertEquals(3, s.a().divergedAt());
        assertTrue(s.playing(), "the other run still plays");
        assertFalse(s.finished());
    }

    @Test
    void whenBothHaveDivergedPlayStops() {
        Pair pair = open("scenario=deep-net-works-anyway&lr=100", "scenario=deep-net-works-anyway&lr=1000");
        pair.setSpeed(100);
        pair.play();
        for (int k = 0; k < 10; k++) pair.tick(0.1, Long.MAX_VALUE);
        assertFalse(pair.playing());
        assertTrue(pair.state().finished());
        pair.play();
        assertFalse(pair.playing(), "nothing left to play");
    }

    @Test
    void theFirstDifferenceOfCase2AndALowerLambdaIsTheStepH1OfLayer2Died() {
        Pair pair = open("scenario=case-2&at=100", "scenario=case-2&lr=0.03&at=100");
        PairState s = pair.state();
        FirstDifference d = s.firstDifference();
        assertEquals(8L, d.step());
        assertArrayEquals(new int[] {0, 1}, d.deadA());
        assertArrayEquals(new int[] {0, 0}, d.deadB());
        assertTrue(d.known());
        assertEquals(8, s.deadSinceA()[1][0]);
        assertEquals(-1, s.deadSinceB()[1][0]);
        assertEquals(NeuronState.PERMANENTLY_DEAD, s.a().snapshot().states()[1][0]);

        Pair early = open("scenario=case-2&at=7", "scenario=case-2&lr=0.03&at=7");
        assertNull(early.state().firstDifference().step(), "not yet");
        assertTrue(early.state().firstDifference().known());
    }

    @Test
    void seedAgainstSeedDiffersFromTheStart() {
        FirstDifference d = open("scenario=case-1", "scenario=case-1&seed=38").state().firstDifference();
        assertEquals(0L, d.step());
        assertEquals(1, d.totalA());
        assertEquals(0, d.totalB());
    }

    @Test
    void countsAreComparedPerLayerAndARedrawnDeadNeuronIsNotCountedTwice() {
        Event bornA = new Event(0, 0, 0, Event.Kind.BORN_DEAD, "init", null);
        Event redrawnStillDead = new Event(5, 0, 0, Event.Kind.BORN_DEAD, "redraw", null);
        Event bornB = new Event(0, 1, 0, Event.Kind.BORN_DEAD, "init", null);
        FirstDifference d = FirstDifference.of(new Simulation.Events(List.of(bornA, redrawnStillDead), false),
                new Simulation.Events(List.of(bornB), false), 2, 2);
        assertEquals(0L, d.step(), "one dead each, but in different layers");
        assertArrayEquals(new int[] {1, 0}, d.deadA());

        FirstDifference same = FirstDifference.of(new Simulation.Events(List.of(bornA, redrawnStillDead), false),
                new Simulation.Events(List.of(bornA), false), 2, 2);
        assertNull(same.step());
        assertTrue(same.known());

        Event revived = new Event(9, 0, 0, Event.Kind.REVIVED, "update", null);
        FirstDifference later = FirstDifference.of(new Simulation.Events(List.of(bornA, revived), false),
                new Simulation.Events(List.of(bornA), false), 2, 2);
        assertEquals(9L, later.step());

        FirstDifference unknown = FirstDifference.of(new Simulation.Events(List.of(bornA, revived), true),
                new Simulation.Events(List.of(bornA), false), 2, 2);
        assertNull(unknown.step());
        assertFalse(unknown.known(), "A dropped events after step 9: nothing is known from there on");
    }

    @Test
    void evictingHalfAPairEndsItAndFreesTheOtherHalf() {
        Registry registry = new Registry(3, 100, 1_000);
        Pair pair = registry.openPair("me", run("scenario=case-2"), run("scenario=healthy"), null, 0);
        assertSame(pair, registry.pair(pair.id, "me"));
        assertNull(registry.pair(pair.id, "someone else"));
        Simulation lab = registry.open("me", run("scenario=case-1"), 10);
        assertEquals(3, registry.size());
        registry.open("me", run("scenario=case-1"), 20);   // the least recently used goes: half the pair, so all of it
        assertNull(registry.pair(pair.id, "me"));
        assertEquals(2, registry.size());
        assertNotNull(registry.get(lab.id, "me"));
        assertFalse(registry.pairs().iterator().hasNext());
    }

    @Test
    void aPairMakesRoomForTwoAndIdlePairsAreEvictedWhole() {
        Registry registry = new Registry(2, 100, 1_000);
        Simulation lab = registry.open("me", run("scenario=case-1"), 0);
        Pair pair = registry.openPair("me", run("scenario=case-2"), run("scenario=healthy"), null, 5);
        assertNull(registry.get(lab.id, "me"), "the lab run made room for the pair");
        assertEquals(2, registry.size());
        pair.touch(500);
        assertEquals(0, registry.evictIdle(1_400));
        assertEquals(1, registry.evictIdle(1_600), "one eviction counted for the half that went idle first...");
        assertEquals(0, registry.size(), "...and the other half went with it");
        assertNull(registry.pair(pair.id, "me"));
    }

    @Test
    void aFullServerRefusesAPairItCannotHold() {
        Registry registry = new Registry(10, 3, 60_000);
        registry.open("x", run("scenario=case-1"), 0);
        registry.open("y", run("scenario=case-1"), 0);
        assertThrows(Registry.Full.class, () -> registry.openPair("z", run("scenario=case-2"), run("scenario=healthy"), null, 1));
        assertEquals(2, registry.size());
    }

    @Test
    void speedsAreTheLabsOwn() {
        Pair pair = open("scenario=case-2", "scenario=healthy");
        assertThrows(IllegalArgumentException.class, () -> pair.setSpeed(3));
    }
}
