package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** Training.explainLast: the update that led to the step on screen, decomposed with the weights it started from. */
class ExplainLastTest {
    static final WeightRef W21 = new WeightRef(1, 0, 0), W22 = new WeightRef(1, 0, 1);

    @Test
    void theKillingUpdateOfCase2HasEveryFactorPositiveAndLandsOnTheCurrentWeightBitForBit() {
        Training t = new Training(Scenario.CASE_2.spec);
        t.runTo(7);
        double[] before = t.network().w[1][0].clone();
        int sample = t.nextSample();
        t.runTo(8);
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0), "h1^(2) dies in the update of step 8");
        double w31 = t.network().w[2][0][0];
        for (WeightRef ref : new WeightRef[] {W21, W22}) {
            GradientFactors f = t.explainLast(ref);
            assertNotNull(f);
            assertEquals(sample, f.sample(), "the sample of step 7 -> 8");
            assertTrue(f.error() > 0, "y-hat - y > 0: " + f);
            assertTrue(f.downstream() > 0, "downstream = w31 > 0: " + f);
            assertTrue(f.derivative() == 1.0, "ReLU'(z) = 1: " + f);
            assertTrue(f.upstream() > 0, "the upstream neuron is active: " + f);
            assertTrue(f.gradient() > 0, "dL/dw > 0: " + f);
            assertEquals(Scenario.CASE_2.spec.lr(), f.lr());
            assertEquals(Double.doubleToRawLongBits(before[ref.from()]), Double.doubleToRawLongBits(f.weightBefore()));
            assertEquals(Double.doubleToRawLongBits(t.network().w[1][0][ref.from()]), Double.doubleToRawLongBits(f.weightAfter()),
                    "weight after == the weight now, bit for bit");
            assertTrue(f.weightBefore() > 0 || ref == W22, "w21 before > 0");
            assertTrue(f.weightAfter() < 0, "below zero after");
            assertEquals(f.gradient(), t.lastMeanGradient(ref), "batch 1: the mean is the sample's gradient");
        }
        // the output weight (layer 3): downstream and derivative are 1, the upstream is h1a^(2)
        GradientFactors out = t.explainLast(new WeightRef(2, 0, 0));
        assertEquals(1.0, out.downstream());
        assertEquals(1.0, out.derivative());
        assertEquals(w31, out.weightAfter(), 1e-15);
    }

    @Test
    void thereIsNoLastUpdateAtStep0AfterAnInterventionOrOnceDiverged() {
        Training t = new Training(Scenario.CASE_2.spec);
        assertNull(t.explainLast(W21), "step 0");
        assertTrue(Double.isNaN(t.lastMeanGradient(W21)));
        t.advance();
        assertNotNull(t.explainLast(W21));
        t.setLearningRate(0.01);
        assertNull(t.explainLast(W21), "a new lambda since the update");
        t.advance();
        assertNotNull(t.explainLast(W21));
        assertEquals(0.01, t.explainLast(W21).lr(), "the lambda the update used");
        t.reinitialize();
        assertNull(t.explainLast(W21));
        t.advance();
        t.redrawDead();
        assertNull(t.explainLast(W21));
        t.advance();
        t.setActivation(Activation.LEAKY, 0.01);
        assertNull(t.explainLast(W21));

        Training wild = new Training(SpecBuilder.post().act(Activation.LEAKY).lr(1e6).build());
        wild.runTo(100);
        assertTrue(wild.diverged());
        assertFalse(wild.hasLastUpdate());
        assertNull(wild.explainLast(W21));
    }

    @Test
    void withABatchTheLastUpdateUsesTheMeanGradientAndItsFirstSample() {
        Training t = new Training(SpecBuilder.post().seed(2).batch(4).lr(0.05).build());
        t.runTo(3);
        double[][] w = t.network().w[0];
        double before = w[0][1];
        t.advance();
        GradientFactors f = t.explainLast(new WeightRef(0, 0, 1));
        assertEquals(12 % 8, f.sample(), "step 3 starts at position 12, sample 4");
        assertEquals(before, f.weightBefore());
        double mean = t.lastMeanGradient(new WeightRef(0, 0, 1));
        assertEquals(Double.doubleToRawLongBits(t.network().w[0][0][1]), Double.doubleToRawLongBits(before - 0.05 * mean),
                "the update subtracted lambda times the batch mean");
        // the next update's mean, from the current weights, is what the next step uses
        double next = t.nextMeanGradient(new WeightRef(0, 0, 1));
        double now = t.network().w[0][0][1];
        t.advance();
        assertEquals(now - 0.05 * next, t.network().w[0][0][1], 1e-12);
        assertEquals(next, t.lastMeanGradient(new WeightRef(0, 0, 1)), 1e-12);
    }

    @Test
    void aParameterTheNetworkLacksIsRefused() {
        Training t = new Training(Scenario.CASE_2.spec);
        t.advance();
        assertThrows(IllegalArgumentException.class, () -> t.explainLast(new WeightRef(1, 0, 2)));
        assertThrows(IllegalArgumentException.class, () -> t.lastMeanGradient(new WeightRef(1, 0, WeightRef.BIAS)), "biases are off");
    }
}
