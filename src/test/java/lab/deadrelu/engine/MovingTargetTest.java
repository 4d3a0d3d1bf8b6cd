package lab.deadrelu.engine;

import static lab.deadrelu.engine.DeterminismTest.rawBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** shift = K: the targets are those of phase floor(t / K) after t updates; phase 0 is the data set's own. */
class MovingTargetTest {

    static TrainingSpec moving(long k) {
        return SpecBuilder.post().layers(2, 6, 6, 1).bias(true).batch(4).shuffle(true).n(16).centred(true).lr(0.05).seed(3).build().withShift(k);
    }

    @Test
    void theTargetsChangeExactlyAtStepsKAnd2KAndTheInputsStay() {
        Training t = new Training(moving(10));
        double[] own = t.data().y.clone();
        double[][] x = t.data().x.clone();
        List<double[]> seen = new ArrayList<>();
        for (long s = 0; s <= 25; s++) {
            t.runTo(s);
            seen.add(t.data().y.clone());
            assertEquals(s / 10, t.phase(), "phase after " + s + " updates");
            assertTrue(java.util.Arrays.equals(x, t.data().x), "the inputs stay");
        }
        for (int s = 0; s < 10; s++) assertArrayEquals(own, seen.get(s), "phase 0 is the data set's own targets, step " + s);
        assertFalse(java.util.Arrays.equals(own, seen.get(10)), "new targets at step 10");
        for (int s = 11; s < 20; s++) assertArrayEquals(seen.get(10), seen.get(s), "phase 1 keeps its targets, step " + s);
        assertFalse(java.util.Arrays.equals(seen.get(10), seen.get(20)), "new targets again at step 20");
        double[] phase1 = new double[own.length];
        Shift.targets(own, 1, 1, phase1);
        assertArrayEquals(phase1, seen.get(10), "phase 1's labels are drawn from (dataSeed, SHIFT, 1)");
    }

    @Test
    void eachUpdateFitsTheTargetsOfItsPhaseAsTheReferenceComputesThem() {
        TrainingSpec spec = SpecBuilder.post().layers(3, 5, 4, 1).bias(true).batch(12).n(12).lr(0.1).seed(4).build().withShift(7);
        Training engine = new Training(spec);
        double[] own = engine.data().y.clone();
        Network reference = spec.initialNetwork();
        int[] all = new int[12];
        for (int s = 0; s < 12; s++) all[s] = s;
        for (long step = 0; step < 30; step++) {
            double[] y = new double[12];
            Shift.targets(own, spec.dataSeed(), step / 7, y);   // update t+1 fits phase floor(t / K)
            Reference.step(reference, new Dataset(engine.data().x, y), all, spec.lr());
            assertTrue(engine.advance());
            PathAgreementTest.assertSameBits(reference, engine.network(), "after step " + step);
        }
    }

    @Test
    void theSameLinkGivesTheSameNumbersAndAnotherKOthers() {
        Training a = new Training(moving(10)), b = new Training(moving(10)), c = new Training(moving(11)), fixed = new Training(moving(0));
        for (Training t : List.of(a, b, c, fixed)) t.runTo(40);
        assertEquals(rawBits(a.network()), rawBits(b.network()));
        assertEquals(Double.doubleToRawLongBits(a.loss()), Double.doubleToRawLongBits(b.loss()));
        assertNotEquals(rawBits(a.network()), rawBits(c.network()));
        assertNotEquals(rawBits(a.network()), rawBits(fixed.network()));
        assertEquals(0, fixed.phase(), "shift 0: a fixed target");
    }

    @Test
    void shiftZeroIsTheRunWithoutAShift() {
        TrainingSpec plain = SpecBuilder.post().layers(2, 6, 6, 1).bias(true).batch(4).shuffle(true).n(16).centred(true).lr(0.05).seed(3).build();
        assertEquals(plain, moving(0));
        Training a = new Training(plain), b = new Training(moving(0));
        a.runTo(50);
        b.runTo(50);
        assertEquals(rawBits(a.network()), rawBits(b.network()));
    }

    @Test
    void aStateKeptInOnePhaseAndRestoredFromAnotherGoesOnAsTheStraightRun() {
        Training straight = new Training(moving(10).withOptimizer(Optimizer.adam(0.9, 0.999, 1e-8)));
        straight.runTo(45);
        Training t = new Training(moving(10).withOptimizer(Optimizer.adam(0.9, 0.999, 1e-8)));
        t.runTo(9);
        TrainingState at9 = t.keep();
        t.runTo(25);
        TrainingState at25 = t.keep();
        t.runTo(45);
        t.restore(at9);
        assertEquals(0, t.phase());
        assertArrayEquals(new Training(moving(10)).data().y, t.data().y, "back in phase 0: the data set's own targets");
        t.runTo(45);
        assertEquals(rawBits(straight.network()), rawBits(t.network()));
        t.restore(at25);
        assertEquals(2, t.phase());
        t.runTo(45);
        assertEquals(rawBits(straight.network()), rawBits(t.network()));
        assertEquals(Double.doubleToRawLongBits(straight.loss()), Double.doubleToRawLongBits(t.loss()));
    }

    @Test
    void theLastUpdateAcrossABoundaryIsExplainedWithTheTargetsItFitted() {
        TrainingSpec spec = SpecBuilder.post().layers(2, 4, 1).bias(true).n(8).centred(true).lr(0.05).seed(3).build().withShift(5);
        Training t = new Training(spec);
        t.runTo(5);   // the update from 4 to 5 fitted phase 0; the data set now holds phase 1's targets
        WeightRef out = new WeightRef(1, 0, 0);
        assertEquals(Double.doubleToRawLongBits(t.lastMeanGradient(out)), Double.doubleToRawLongBits(t.explainLast(out).gradient()));
        assertEquals(1, t.phase(), "and the explanation leaves phase 1's targets in place");
    }

    @Test
    void aShiftOutsideZeroToAMillionIsRefusedNamingWhatIsAllowed() {
        for (long bad : new long[] {-1, 1_000_001}) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> moving(bad));
            assertEquals("shift", e.parameter);
            assertEquals(Shift.ALLOWED, e.allowed);
        }
        assertEquals(1_000_000, moving(1_000_000).shift());
    }
}
