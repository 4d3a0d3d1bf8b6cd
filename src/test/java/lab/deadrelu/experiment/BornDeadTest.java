package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import org.junit.jupiter.api.Test;

/**
 * The Monte Carlo against what can be derived exactly (the derivations are in BornDead's theory
 * methods). Every estimate is a mean of T independent 0/1 trials, so its standard error is
 * sqrt(p (1 - p) / T) with p the exact value; a correct estimator lands within 4 standard errors
 * with probability 0.99994. The seeds are fixed, so each check passes or fails the same way every
 * time: a failure means a wrong estimator (or a wrong formula), not bad luck.
 */
class BornDeadTest {
    static final int T = 40_000;

    static BornDeadResult run(int width, int depth, int inputs, double domain, boolean bias, BornDead.Init init, int trials, long seed) {
        return BornDeadWork.runHere(new BornDeadSpec(List.of(width), depth, inputs, domain, init, bias, trials, seed));
    }

    static void assertWithin4SE(double exact, long count, long trials, String what) {
        double se = Math.sqrt(exact * (1 - exact) / trials);
        double measured = (double) count / trials;
        assertTrue(Math.abs(measured - exact) <= 4 * se + 1e-12,
                what + ": measured " + measured + ", exact " + exact + ", 4 SE = " + 4 * se);
    }

    @Test
    void deadAtAPointFollows1Minus1Minus2ToTheMinusNToTheL() {
        for (boolean bias : new boolean[] {false, true}) {
            for (int width : new int[] {1, 2, 3, 5}) {
                BornDeadResult r = run(width, 6, 2, 1.5, bias, BornDead.Init.HE, T, 11 + width);
                for (int depth = 1; depth <= 6; depth++) {
                    BornDeadResult.Row row = r.row(width, depth);
                    double exact = 1 - Math.pow(1 - Math.pow(2, -width), depth);
                    assertEquals(exact, row.theoryDeadAtPoint(), 1e-15);
                    assertWithin4SE(exact, row.deadAtPoint(), T, "width " + width + " depth " + depth + " bias " + bias);
                }
            }
        }
    }

    @Test
    void aSingleNeuronWithoutBiasIsNeverConstant() {
        // relu(w x) on [-A, A] is w x on one side of 0 and 0 on the other: constant only if w = 0
        BornDeadResult r = run(1, 1, 1, 1, false, BornDead.Init.HE, T, 3);
        assertEquals(0, r.row(1, 1).constant());
        assertEquals(0.0, r.row(1, 1).theoryConstant());
        assertWithin4SE(0.5, r.row(1, 1).deadAtPoint(), T, "dead at x: w x <= 0 half the time");
    }

    @Test
    void widthOneWithoutBiasDiesWithProbabilityOneHalfPerLayerAfterTheFirst() {
        for (int inputs : new int[] {1, 3}) {
            BornDeadResult r = run(1, 8, inputs, 1, false, BornDead.Init.HE, T, 5);
            for (int depth = 1; depth <= 8; depth++) {
                double exact = 1 - Math.pow(2, -(depth - 1));
                assertEquals(exact, r.row(1, depth).theoryConstant(), 1e-15);
                assertWithin4SE(exact, r.row(1, depth).constant(), T, "inputs " + inputs + " depth " + depth);
            }
        }
    }

    @Test
    void oneLayerWithBiasIsConstantWhenEveryNeuronIsDeadOnTheInterval() {
        // P(b <= -A |w|) = arctan(1 / A) / pi per neuron: 1/4 for A = 1
        BornDeadResult one = run(1, 1, 1, 1, true, BornDead.Init.HE, T, 7);
        assertEquals(0.25, one.row(1, 1).theoryConstant(), 1e-15);
        assertWithin4SE(0.25, one.row(1, 1).constant(), T, "width 1, A = 1");
        BornDeadResult two = run(2, 1, 1, 2, true, BornDead.Init.HE, T, 8);
        double exact = Math.pow(Math.atan(0.5) / Math.PI, 2);
        assertEquals(exact, two.row(2, 1).theoryConstant(), 1e-15);
        assertWithin4SE(exact, two.row(2, 1).constant(), T, "width 2, A = 2");
    }

    @Test
    void theoryIsShownOnlyWhereItHolds() {
        assertNull(BornDead.theoryDeadAtPoint(BornDead.Init.RAI, 4, 10));
        assertNull(BornDead.theoryConstant(BornDead.Init.HE, 2, 3, 1, 1, false));
        assertNull(BornDead.theoryConstant(BornDead.Init.HE, 1, 2, 1, 1, true));
        assertNull(BornDead.theoryConstant(BornDead.Init.HE, 2, 1, 2, 1, true));
    }

    @Test
    void randomizedAsymmetricInitializationMakesDeepNarrowNetworksDieLessOften() {
        BornDeadResult he = run(2, 10, 1, 1, false, BornDead.Init.HE, 20_000, 9);
        BornDeadResult rai = run(2, 10, 1, 1, false, BornDead.Init.RAI, 20_000, 9);
        for (int depth : new int[] {5, 10}) {
            BornDeadResult.Row h = he.row(2, depth), r = rai.row(2, depth);
            double se = Math.sqrt(h.pConstantSE() * h.pConstantSE() + r.pConstantSE() * r.pConstantSE());
            assertTrue(h.pConstant() - r.pConstant() > 4 * se, "depth " + depth + ": he " + h.pConstant() + ", rai " + r.pConstant());
            assertTrue(h.pDeadAtPoint() > r.pDeadAtPoint(), "depth " + depth);
        }
    }

    @Test
    void aPointIsTheSameAloneOrInADeeperCurveAndOnAnyNumberOfThreads() throws InterruptedException {
        BornDeadSpec deep = new BornDeadSpec(List.of(1, 3), 9, 2, 1, BornDead.Init.HE, true, 5_000, 42);
        BornDeadResult alone = BornDeadWork.runHere(new BornDeadSpec(List.of(3), 4, 2, 1, BornDead.Init.HE, true, 5_000, 42));
        try (Jobs jobs = new Jobs(2, 4, 4)) {
            Jobs.Job job = jobs.submit(deep.key(), "a", () -> new BornDeadWork(deep)).job();
            assertTrue(job.await(30_000));
            BornDeadResult pooled = (BornDeadResult) job.result();
            assertEquals(BornDeadWork.runHere(deep), pooled);
            for (int depth = 1; depth <= 4; depth++) {
                assertEquals(alone.row(3, depth).deadAtPoint(), pooled.row(3, depth).deadAtPoint());
                assertEquals(alone.row(3, depth).constant(), pooled.row(3, depth).constant());
            }
        }
    }

    @Test
    void withoutBiasesOnePointPerRayDecidesExactlyWhatTheWholeGridDoes() {
        for (int[] c : new int[][] {{1, 1, 8}, {2, 1, 6}, {3, 2, 6}, {1, 2, 5}, {2, 3, 4}, {1, 5, 6}, {2, 8, 4}}) {
            int width = c[0], inputs = c[1], depth = c[2];
            for (BornDead.Init init : BornDead.Init.values()) {
                long[][] counts = new long[4][depth + 1];
                BornDead.trials(new BornDead.Trial(width, depth, inputs, 1.5, init, false, true), 77, 0, 3_000, counts[0], counts[1], null);
                BornDead.trials(new BornDead.Trial(width, depth, inputs, 1.5, init, false, false), 77, 0, 3_000, counts[2], counts[3], null);
                String what = "width " + width + ", inputs " + inputs + ", " + init;
                assertEquals(java.util.Arrays.toString(counts[2]), java.util.Arrays.toString(counts[0]), what);
                assertEquals(java.util.Arrays.toString(counts[3]), java.util.Arrays.toString(counts[1]), what);
                // (RAI with one input per neuron and no bias has only positive weights: never constant, so that case stays empty)
                if (init == BornDead.Init.HE) assertTrue(counts[1][depth] > 0, "the case is not empty: " + what);
            }
        }
    }

    @Test
    void theGridHasAtMost1024PointsIncludingTheCorners() {
        assertEquals(1024, BornDead.gridPerAxis(1));
        assertEquals(32, BornDead.gridPerAxis(2));
        assertEquals(10, BornDead.gridPerAxis(3));
        assertEquals(5, BornDead.gridPerAxis(4));
        assertEquals(2, BornDead.gridPerAxis(8));
    }

    @Test
    void linksAreStrictAndCanonical() {
        BornDeadSpec page = BornDeadSpec.parse(SweepTest.query("widths=8,1,2&depth=6&bias=true&lang=zh"), false, Set.of("lang"));
        assertEquals("widths=1,2,8&depth=6&inputs=1&domain=1&init=he&bias=1&trials=10000&seed=1", page.toQuery());
        BornDeadSpec api = BornDeadSpec.parse(SweepTest.query("width=4&depth=10&inputs=1&domain=1&init=he&bias=0&trials=100000&seed=1"), true, Set.of());
        assertEquals("width=4&depth=10&inputs=1&domain=1&init=he&bias=0&trials=100000&seed=1", api.toApiQuery(4));
        for (String[] bad : new String[][] {
            {"width=0", "width"}, {"width=65", "width"}, {"depth=0", "depth"}, {"inputs=9", "inputs"}, {"domain=0", "domain"},
            {"init=xavier", "init"}, {"bias=2", "bias"}, {"trials=100001", "trials"}, {"seed=-1", "seed"}, {"widths=1", "widths"},
            {"width=64&depth=64&trials=100000", "trials"},
        }) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> BornDeadSpec.parse(SweepTest.query(bad[0]), true, Set.of()), bad[0]);
            assertEquals(bad[1], e.parameter, bad[0]);
        }
        InvalidParameter tooMany = assertThrows(InvalidParameter.class,
                () -> BornDeadSpec.parse(SweepTest.query("widths=1,2,3,4,5,6,7,8,9"), false, Set.of()));
        assertEquals("widths", tooMany.parameter);
        // the benchmark fits: depth 10, width 4, 100,000 trials
        assertTrue(api.cost().fits());
        assertTrue(api.cost().seconds() < 10, "the issue's benchmark is seconds, not a minute: " + api.cost().seconds());
    }

    @Test
    void anExperimentOverTheCostCapIsRefusedNamingTrialsAndHowManyFitAndThatManyDo() {
        String q = "width=64&depth=64&inputs=8&trials=100000";
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> BornDeadSpec.parse(SweepTest.query(q), true, Set.of()));
        assertEquals("trials", e.parameter);
        java.util.regex.Matcher fit = java.util.regex.Pattern.compile("^at most (\\d+) for these networks").matcher(e.allowed);
        assertTrue(fit.find(), e.allowed);
        assertTrue(e.allowed.contains("about 60 s of one core"), e.allowed);
        int trials = Integer.parseInt(fit.group(1));
        assertTrue(BornDeadSpec.parse(SweepTest.query(q.replace("100000", Integer.toString(trials))), true, Set.of()).cost().fits());
        assertThrows(InvalidParameter.class, () -> BornDeadSpec.parse(SweepTest.query(q.replace("100000", Integer.toString(trials + 1))), true, Set.of()));
        // drawing the weights is what costs here: 64 x 64 x 64 networks take milliseconds a trial, so far fewer than 100,000 fit
        assertTrue(trials < 20_000, "at most " + trials);
    }
}
