package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-client limiter on a clock the test moves: no sleeping. */
class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    /** A clock that moves only when told to. */
    private static final class Clock {
        long nanos = 123 * SECOND;

        void advance(double seconds) {
            nanos += (long) (seconds * SECOND);
        }
    }

    private final Clock clock = new Clock();

    private TokenBuckets buckets(int perMinute, int burst, int maxClients) {
        return new TokenBuckets(perMinute, burst, maxClients, () -> clock.nanos);
    }

    @Test
    void aNewClientMaySendItsWholeBurstAtOnceAndNoMore() {
        TokenBuckets b = buckets(60, 5, 100);
        for (int i = 0; i < 5; i++) assertEquals(0, b.take("a"), "request " + (i + 1) + " of the burst");
        assertEquals(1, b.take("a"), "the sixth waits one second at one request per second");
    }

    @Test
    void tokensComeBackAtTheSustainedRate() {
        TokenBuckets b = buckets(60, 5, 100);
        for (int i = 0; i < 5; i++) b.take("a");
        clock.advance(0.5);
        assertTrue(b.take("a") > 0, "half a token is not a request");
        clock.advance(0.5);
        assertEquals(0, b.take("a"), "a second later, one request");
        assertTrue(b.take("a") > 0);
        clock.advance(3);
        for (int i = 0; i < 3; i++) assertEquals(0, b.take("a"), "three seconds, three requests");
        assertTrue(b.take("a") > 0);
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        TokenBuckets b = buckets(60, 5, 100);
        b.take("a");
        clock.advance(3600);
        for (int i = 0; i < 5; i++) assertEquals(0, b.take("a"));
        assertTrue(b.take("a") > 0, "an hour of quiet still buys only the burst");
    }

    @Test
    void theWaitIsTheWholeSecondsUntilTheNextToken() {
        TokenBuckets b = buckets(6, 1, 100);   // one token every 10 s
        assertEquals(0, b.take("a"));
        assertEquals(10, b.take("a"));
        clock.advance(2.5);
        assertEquals(8, b.take("a"), "7.5 s left, rounded up");
        clock.advance(7.4);
        assertEquals(1, b.take("a"), "never less than one second");
    }

    @Test
    void oneClientsFloodLeavesAnotherClientsBucketFull() {
        TokenBuckets b = buckets(60, 5, 100);
        for (int i = 0; i < 50; i++) b.take("flooder");
        for (int i = 0; i < 5; i++) assertEquals(0, b.take("student"));
    }

    @Test
    void aClientIdleLongEnoughToBeFullAgainIsForgotten() {
        TokenBuckets b = buckets(60, 5, 100);   // empty to full in 5 s
        b.take("a");
        b.take("b");
        assertEquals(2, b.clients());
        clock.advance(4.9);
        b.take("b");
        assertEquals(2, b.clients(), "a is not full yet");
        clock.advance(0.2);
        b.take("c");
        assertEquals(2, b.clients(), "a is forgotten, b and c are remembered");
        for (int i = 0; i < 5; i++) assertEquals(0, b.take("a"), "a forgotten client starts again with its whole burst");
    }

    @Test
    void theTableNeverHoldsMoreThanItsMaximumDroppingTheClientSeenLongestAgo() {
        TokenBuckets b = buckets(60, 2, 3);
        for (String c : new String[] {"a", "b", "c"}) {
            b.take(c);
            b.take(c);
        }
        assertTrue(b.take("a") > 0, "a is empty and seen last");
        b.take("d");
        assertEquals(3, b.clients());
        assertEquals(0, b.take("b"), "b, seen longest ago, was dropped and starts full");
        for (int i = 0; i < 10_000; i++) b.take("client-" + i);
        assertEquals(3, b.clients());
    }

    @Test
    void aStudentWithEightTabsHoldingTheStepKeyForFifteenSecondsIsNeverRefusedAtTheDefaults() {
        TokenBuckets b = buckets(Config.Limits.REQUESTS_PER_MINUTE, Config.Limits.REQUEST_BURST, 100);
        b.take("page");
        for (int i = 0; i < 8; i++) assertEquals(0, b.take("s"), "eight tabs: a page each");
        for (int i = 0; i < 8; i++) assertEquals(0, b.take("s"), "and a stream each");
        for (int i = 0; i < 15 * 30; i++) {   // key repeat: about 30 presses a second
            assertEquals(0, b.take("s"), "press " + i);
            clock.advance(1 / 30.0);
        }
    }

    @Test
    void refusesSettingsThatCouldNotWork() {
        assertThrows(IllegalArgumentException.class, () -> buckets(0, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> buckets(60, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> buckets(60, 5, 0));
    }
}
