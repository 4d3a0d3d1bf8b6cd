package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Neuron states and events on hand-built networks (init = explicit; weights listed by layer,
 * neuron, input). The network is the post's 3-2-2-1 without biases unless said otherwise; inputs
 * are in [0,1)^3, so a weighted sum with only non-positive weights is <= 0 on every sample.
 */
class CensusEventsTest {

    /** h1^(1) has three negative weights: the post's case 1. Everything else is healthy. */
    static final double[] BORN_DEAD_H11 = {
            -0.5, -0.3, -0.2,   // w11 w12 w13
            0.4, 0.6, 0.3,      // into h2^(1)
            0.3, 0.7,           // w21 w22
            0.5, 0.5,           // into h2^(2)
            1.0, 0.5};          // w31 w32

    // ---- (a) born dead, permanently, in the first layer ----

    @Test
    void firstLayerNeuronWithNegativeWeightsIsPermanentlyDeadFromStepZeroAndNeverMoves() {
        Training t = new Training(SpecBuilder.post().weights(BORN_DEAD_H11).lr(0.05).build());
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
        assertEquals(0, t.census().activeCount(0, 0));
        for (double z : t.preActivations(0, 0)) assertTrue(z <= 0);
        assertEquals(NeuronState.ACTIVE, t.state(0, 1));
        assertEquals(1, t.census().deadTotal());

        Event born = only(t, 0, 0, Event.Kind.BORN_DEAD);
        Event permanent = only(t, 0, 0, Event.Kind.PERMANENT);
        assertEquals(0, born.step());
        assertEquals(0, permanent.step());
        assertEquals("init", born.by());
        assertNull(born.cause());
        assertEquals("h1^(1)", born.name());

        double[] initial = t.network().w[0][0].clone();
        double[] other = t.network().w[0][1].clone();
        t.runTo(3000);
        assertEquals(3000, t.step());
        assertArrayEquals(bits(initial), bits(t.network().w[0][0]), "w11, w12, w13 stay flat for the whole run");
        assertFalse(java.util.Arrays.equals(bits(other), bits(t.network().w[0][1])), "the live neuron learns");
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
        assertEquals(1, of(t, 0, 0, Event.Kind.BORN_DEAD).size());
        assertTrue(of(t, 0, 0, Event.Kind.REVIVED).isEmpty());
        assertTrue(t.loss() < lossAtStart(BORN_DEAD_H11), "the rest of the network still learns");
    }

    /** The post's main point: inactive on some samples is not dead, and the weights keep moving. */
    @Test
    void neuronInactiveOnSomeSamplesIsActiveAndKeepsLearning() {
        double[] w = BORN_DEAD_H11.clone();
        w[0] = 1.0; w[1] = -1.0; w[2] = 0.0;     // z = x1 - x2: positive on some samples, negative on others
        Training t = new Training(SpecBuilder.post().weights(w).build());
        int active = t.census().activeCount(0, 0);
        assertTrue(active > 0 && active < t.data().size(), "active on " + active + " of " + t.data().size());
        assertEquals(NeuronState.ACTIVE, t.state(0, 0));
        assertTrue(of(t, 0, 0, Event.Kind.BORN_DEAD).isEmpty());
        // on an inactive sample its gradient is zero now ...
        for (int s = 0; s < t.data().size(); s++) {
            GradientFactors f = Gradients.decompose(t.network(), t.data(), s, new WeightRef(0, 0, 0), 0.05);
            if (t.preActivations(0, 0)[s] <= 0) assertEquals(0.0, f.gradient(), 0.0);
        }
        // ... but over the data set it still learns
        double[] initial = t.network().w[0][0].clone();
        t.runTo(200);
        assertFalse(java.util.Arrays.equals(bits(initial), bits(t.network().w[0][0])));
    }

    // ---- (b) dead on the data set, not provably permanent, revived by an upstream change ----

    /**
     * h1^(2) listens to h1^(1) with a positive weight (1.0) and to h2^(1) with a negative one (-0.3);
     * h1^(1) starts ten times weaker than h2^(1), so z = 1.0 * 0.1 S - 0.3 * S < 0 on every sample
     * (S = x1 + x2 + x3 > 0): dead, but not provably. The target is S and the prediction is 0.1 S, so
     * the gradient through h2^(2) (weight 2.0 from h1^(1), -0.1 from h2^(1)) makes h1^(1) grow and
     * h2^(1) shrink, until h1^(2)'s z turns positive on some sample (at step 5): it revives without
     * any update of its own weights.
     */
    static final double[] DEAD_BUT_REVIVABLE_H12 = {
            0.1, 0.1, 0.1,      // h1^(1): weak
            1.0, 1.0, 1.0,      // h2^(1): strong
            1.0, -0.3,          // w21 > 0, w22 < 0: h1^(2) dead on the data set, not provably
            2.0, -0.1,          // into h2^(2): active, carries the gradient back to layer 1
            1.0, 1.0};          // w31 w32

    @Test
    void secondLayerNeuronDeadOnTheDataSetRevivesWhenTheLayerBelowLearns() {
        Training t = new Training(SpecBuilder.post().weights(DEAD_BUT_REVIVABLE_H12).data(Target.SUM).lr(0.05).build());
        assertEquals(NeuronState.DEAD, t.state(1, 0), "dead on the data set, but w21 > 0: not provably permanent");
        assertFalse(Census.provablyPermanent(t.network(), 1, 0, t.census().states()[0]));
        assertEquals(0, only(t, 1, 0, Event.Kind.BORN_DEAD).step());
        assertTrue(of(t, 1, 0, Event.Kind.PERMANENT).isEmpty());
        assertEquals(NeuronState.ACTIVE, t.state(0, 0));
        assertEquals(NeuronState.ACTIVE, t.state(0, 1));
        assertEquals(NeuronState.ACTIVE, t.state(1, 1));

        double[] w2 = t.network().w[1][0].clone();
        double h11Before = t.network().w[0][0][0];
        while (of(t, 1, 0, Event.Kind.REVIVED).isEmpty() && t.step() < 500) {
            assertTrue(t.advance());
            if (t.state(1, 0).isDead())
                assertArrayEquals(bits(w2), bits(t.network().w[1][0]), "a dead neuron's weights do not move");
        }
        Event revived = only(t, 1, 0, Event.Kind.REVIVED);
        assertEquals("update", revived.by());
        assertEquals(t.step(), revived.step());
        assertTrue(revived.step() > 1, "revived by training, at step " + revived.step());
        assertEquals(NeuronState.ACTIVE, t.state(1, 0));
        // its own weights are exactly as at step 0: the layer below changed, not h1^(2)
        assertArrayEquals(bits(w2), bits(t.network().w[1][0]));
        assertTrue(t.network().w[0][0][0] > h11Before, "h1^(1) grew");
        assertTrue(t.census().activeCount(1, 0) > 0);
    }

    /** Its only positive weight listens to a permanently dead neuron, whose output is 0 for good: it inherits the death. */
    @Test
    void aNeuronWhoseOnlyPositiveWeightListensToAPermanentlyDeadOneIsPermanentlyDeadToo() {
        double[] w = BORN_DEAD_H11.clone();
        w[6] = 0.8;  w[7] = -0.5;   // w21 from the dead h1^(1), w22 from the live h2^(1)
        Training t = new Training(SpecBuilder.post().weights(w).build());
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        assertEquals(0, only(t, 1, 0, Event.Kind.PERMANENT).step());
        Training trained = new Training(SpecBuilder.post().weights(w).build());
        trained.runTo(2000);
        assertArrayEquals(bits(t.network().w[1][0]), bits(trained.network().w[1][0]),
                "w21 > 0 gets no gradient either: a = 0 below, z <= 0 here");
        assertEquals(NeuronState.PERMANENTLY_DEAD, trained.state(1, 0));
        assertTrue(of(trained, 1, 0, Event.Kind.REVIVED).isEmpty());
        // re-drawing the dead (h1^(1) and h1^(2), with the He draws of seed 7) brings h1^(2) back
        assertEquals(2, t.redrawDead());
        assertEquals("redraw", only(t, 1, 0, Event.Kind.REVIVED).by());
        assertEquals(NeuronState.ACTIVE, t.state(1, 0));
    }

    /** 3-2-2-2-1: h1^(1) born dead, h1^(2) fed by it alone, h1^(3) fed by h1^(2) alone. */
    static final double[] DEATH_PASSED_UP = {
            -0.5, -0.3, -0.2,   0.4, 0.6, 0.3,    // layer 1: h1^(1) dead, h2^(1) live
            0.8, -0.5,          0.5, 0.5,         // layer 2: w21 > 0 from h1^(1) only
            0.7, -0.4,          0.5, 0.5,         // layer 3: w31 > 0 from h1^(2) only
            1.0, 0.5};

    @Test
    void deathPassesUpTheLayersOneLayerAtATime() {
        Training t = new Training(SpecBuilder.post().layers(3, 2, 2, 2, 1).weights(DEATH_PASSED_UP).build());
        for (int h = 0; h < 3; h++) {
            assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(h, 0), "h1 of hidden layer " + (h + 1));
            assertEquals(NeuronState.ACTIVE, t.state(h, 1));
            assertEquals(0, only(t, h, 0, Event.Kind.PERMANENT).step());
        }
        double[] w3 = t.network().w[2][0].clone();
        t.runTo(2000);
        assertArrayEquals(bits(w3), bits(t.network().w[2][0]));
        for (int h = 0; h < 3; h++) assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(h, 0));
    }

    /** A positive weight from a neuron that is dead on the data set but may revive is a way back: no proof. */
    @Test
    void aPositiveWeightFromARevivableDeadNeuronProvesNothing() {
        double[] w = DEATH_PASSED_UP.clone();
        w[0] = 0.5; w[1] = 0.5; w[2] = 0.5;   // h1^(1) live
        w[6] = 0.1; w[7] = -5;                 // h1^(2): dead on the data set, but w21 > 0 listens to a live neuron
        w[10] = 0.9; w[11] = -0.1;             // h1^(3): its only positive weight listens to h1^(2)
        Training t = new Training(SpecBuilder.post().layers(3, 2, 2, 2, 1).weights(w).build());
        assertEquals(NeuronState.ACTIVE, t.state(0, 0));
        assertEquals(NeuronState.DEAD, t.state(1, 0));
        assertEquals(NeuronState.DEAD, t.state(2, 0));
        assertTrue(of(t, 2, 0, Event.Kind.PERMANENT).isEmpty());
    }

    @Test
    void secondLayerNeuronWithNoPositiveWeightIsPermanentlyDead() {
        double[] w = BORN_DEAD_H11.clone();
        w[0] = 0.5; w[1] = 0.5; w[2] = 0.5;
        w[6] = -0.2; w[7] = 0.0;    // w21 < 0, w22 = 0, no bias: z <= 0 whatever layer 1 does
        Training t = new Training(SpecBuilder.post().weights(w).build());
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        assertEquals(0, only(t, 1, 0, Event.Kind.PERMANENT).step());
    }

    @Test
    void aPositiveBiasVoidsTheProofButANonPositiveOneDoesNot() {
        Network net = new Network(new int[] {3, 2, 2, 1}, Activation.RELU, 0.01, true);
        NeuronState[] live = {NeuronState.ACTIVE, NeuronState.ACTIVE}, firstDead = {NeuronState.PERMANENTLY_DEAD, NeuronState.ACTIVE};
        net.w[1][0][0] = -1; net.w[1][0][1] = -2;
        net.b[1][0] = 0.0;
        assertTrue(Census.provablyPermanent(net, 1, 0, live));
        net.b[1][0] = 0.01;
        assertFalse(Census.provablyPermanent(net, 1, 0, live));
        net.b[1][0] = -0.01;
        net.w[1][0][1] = 1e-9;
        assertFalse(Census.provablyPermanent(net, 1, 0, live));
        net.w[1][0][0] = 3; net.w[1][0][1] = -1;
        assertTrue(Census.provablyPermanent(net, 1, 0, firstDead), "its positive weight listens to a permanently dead neuron");
        net.b[1][0] = 0.01;
        assertFalse(Census.provablyPermanent(net, 1, 0, firstDead));
        assertTrue(Census.provablyPermanent(net, 0, 0, null), "the first layer's inputs are fixed data");
    }

    // ---- (c) died by an update: the post's case 2 ----

    /**
     * All four hidden neurons active, y-hat > y (target 0.5, prediction about 0.7), w31 > 0: both
     * gradients of w21, w22 are positive, and with lambda = 3 one step pushes both below zero.
     */
    static final double[] CASE_2 = {
            0.5, 0.5, 0.5,
            0.4, 0.6, 0.3,
            0.3, 0.2,           // w21 w22
            0.5, 0.5,
            1.0, 0.5};          // w31 w32

    @ParameterizedTest(name = "batch {0}, biases {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, false", "4, false", "8, false", "1, true", "4, true"})
    void diedEventCarriesTheUpdateThatKilledTheNeuron(int batch, boolean biased) {
        double lr = 3.0;
        Training t = new Training(SpecBuilder.post().weights(CASE_2).data(Target.CONSTANT).lr(lr).batch(batch).bias(biased).build());
        for (int h = 0; h < 2; h++) for (int i = 0; i < 2; i++) assertEquals(NeuronState.ACTIVE, t.state(h, i));
        double[] before = null;
        double biasBefore = 0;
        while (of(t, 1, 0, Event.Kind.DIED).isEmpty() && t.step() < 50) {
            before = t.network().w[1][0].clone();
            biasBefore = t.network().b[1][0];
            assertTrue(t.advance());
        }
        Event died = only(t, 1, 0, Event.Kind.DIED);
        assertEquals(t.step(), died.step());
        assertEquals("update", died.by());
        Event.Update u = died.cause();
        assertNotNull(u);
        assertEquals(lr, u.lr());
        assertArrayEquals(bits(before), bits(u.weightsBefore()));
        assertArrayEquals(bits(t.network().w[1][0]), bits(u.weightsAfter()));
        for (int j = 0; j < 2; j++)
            assertEquals(Double.doubleToRawLongBits(u.weightsBefore()[j] - u.lr() * u.gradient()[j]),
                    Double.doubleToRawLongBits(u.weightsAfter()[j]), "after = before - lr * gradient for w2" + (j + 1));
        // the bias obeys the same identity; without biases it is 0 and stays 0, with a 0 gradient
        assertEquals(Double.doubleToRawLongBits(biasBefore), Double.doubleToRawLongBits(u.biasBefore()));
        assertEquals(Double.doubleToRawLongBits(t.network().b[1][0]), Double.doubleToRawLongBits(u.biasAfter()));
        assertEquals(Double.doubleToRawLongBits(u.biasBefore() - u.lr() * u.biasGradient()),
                Double.doubleToRawLongBits(u.biasAfter()), "b_after = b_before - lr * dL/db");
        if (!biased) {
            assertEquals(0.0, u.biasBefore());
            assertEquals(0.0, u.biasAfter());
            assertEquals(0.0, u.biasGradient(), "no bias, no bias gradient");
        } else {
            assertTrue(u.biasGradient() > 0 && u.biasAfter() < 0, "the bias is pushed down too: " + u);
        }
        // the post's picture: positive weights, positive gradients, both pushed below zero
        for (int j = 0; j < 2; j++) {
            assertTrue(u.weightsBefore()[j] > 0 && u.gradient()[j] > 0 && u.weightsAfter()[j] < 0,
                    "w2" + (j + 1) + ": " + u.weightsBefore()[j] + " - " + lr + " * " + u.gradient()[j]);
        }
        // so it is not only dead but provably so, from that very step
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        assertEquals(died.step(), only(t, 1, 0, Event.Kind.PERMANENT).step());

        // lowering lambda afterwards does not bring it back
        double[] flat = t.network().w[1][0].clone();
        t.setLearningRate(0.01);
        t.runTo(t.step() + 1000);
        assertArrayEquals(bits(flat), bits(t.network().w[1][0]));
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
        assertTrue(of(t, 1, 0, Event.Kind.REVIVED).isEmpty());
    }

    @Test
    void restartingWithASmallerStepSizeAvoidsTheDeath() {
        Training t = new Training(SpecBuilder.post().weights(CASE_2).data(Target.CONSTANT).lr(0.01).build());
        t.runTo(1000);
        assertTrue(of(t, 1, 0, Event.Kind.DIED).isEmpty());
        assertEquals(NeuronState.ACTIVE, t.state(1, 0));
    }

    // ---- (d) Leaky ReLU and ELU saturate, they never die ----

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"LEAKY", "ELU"})
    void leakyAndEluNeuronsWithNegativeZEverywhereAreSaturatedNeverDead(Activation act) {
        Training t = new Training(SpecBuilder.post().weights(BORN_DEAD_H11).act(act).lr(0.05).build());
        assertEquals(0, t.census().activeCount(0, 0));
        assertEquals(NeuronState.SATURATED, t.state(0, 0));
        assertEquals(0, t.census().deadTotal());
        assertTrue(t.events().isEmpty(), t.events().toString());
        double[] initial = t.network().w[0][0].clone();
        for (int k = 0; k < 500; k++) {
            assertTrue(t.advance());
            for (int h = 0; h < 2; h++)
                for (int i = 0; i < 2; i++) assertFalse(t.state(h, i).isDead(), Event.neuronName(h, i) + " at step " + t.step());
        }
        assertFalse(java.util.Arrays.equals(bits(initial), bits(t.network().w[0][0])), "a small gradient still flows");
        assertTrue(t.events().isEmpty());
    }

    // ---- (e) switching the activation ----

    @Test
    void switchingFromReluToLeakyRevivesADeadNeuronAndBackKillsIt() {
        Training t = new Training(SpecBuilder.post().weights(BORN_DEAD_H11).build());
        t.runTo(10);
        t.setActivation(Activation.LEAKY, 0.01);
        Event revived = only(t, 0, 0, Event.Kind.REVIVED);
        assertEquals("activation", revived.by());
        assertEquals(10, revived.step());
        assertEquals(NeuronState.SATURATED, t.state(0, 0));
        assertEquals(Activation.LEAKY, t.network().activation());

        t.setActivation(Activation.RELU, 0.01);   // still z <= 0 everywhere: dead again, and permanently
        Event died = only(t, 0, 0, Event.Kind.DIED);
        assertEquals("activation", died.by());
        assertNull(died.cause());
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
        assertEquals(2, of(t, 0, 0, Event.Kind.PERMANENT).size());
    }

    // ---- (f) re-drawing the dead ----

    @Test
    void redrawDeadChangesOnlyTheDeadNeuronsWeights() {
        Training t = new Training(SpecBuilder.post().weights(BORN_DEAD_H11).build());
        t.runTo(20);
        Network before = t.network().copy();
        assertEquals(1, t.redrawDead());
        Network after = t.network();
        assertFalse(java.util.Arrays.equals(bits(before.w[0][0]), bits(after.w[0][0])), "h1^(1) got new weights");
        assertSameExcept(before, after, new boolean[][] {{true, false}, {false, false}});
    }

    @Test
    void redrawDeadInADeepNetTouchesExactlyTheDeadNeurons() {
        TrainingSpec spec = SpecBuilder.post().layers(3, 12, 12, 12, 1).bias(true).lr(0.5).n(64).seed(3).build();
        Training t = new Training(spec);
        t.runTo(300);
        assertFalse(t.diverged());
        boolean[][] dead = new boolean[3][12];
        int deadCount = 0;
        for (int h = 0; h < 3; h++)
            for (int i = 0; i < 12; i++) if (dead[h][i] = t.state(h, i).isDead()) deadCount++;
        assertTrue(deadCount >= 3, "the run should kill a few neurons, killed " + deadCount);
        Network before = t.network().copy();
        assertEquals(deadCount, t.redrawDead());
        Network after = t.network();
        for (int h = 0; h < 3; h++) {
            for (int i = 0; i < 12; i++) {
                if (!dead[h][i]) continue;
                assertFalse(java.util.Arrays.equals(bits(before.w[h][i]), bits(after.w[h][i])), Event.neuronName(h, i));
                assertEquals(0.0, after.b[h][i], "a re-drawn neuron's bias starts at 0");
            }
        }
        assertSameExcept(before, after, dead);
        // redraw events: every neuron either revived or is born dead again
        for (int h = 0; h < 3; h++)
            for (int i = 0; i < 12; i++)
                if (dead[h][i]) {
                    int h2 = h, i2 = i;
                    long fresh = t.events().stream().filter(e -> e.layer() == h2 && e.neuron() == i2 && e.by().equals("redraw")
                            && (e.kind() == Event.Kind.REVIVED || e.kind() == Event.Kind.BORN_DEAD)).count();
                    assertEquals(1, fresh, Event.neuronName(h, i));
                }
    }

    /** The post: re-initializing *may* revive a born-dead neuron. With seed 1 it does, with seed 5 it is born dead again. */
    @Test
    void reinitializeDrawsNewWeightsThatMayReviveABornDeadNeuron() {
        Training lucky = new Training(SpecBuilder.post().weights(BORN_DEAD_H11).seed(1).build());
        lucky.runTo(5);
        Network before = lucky.network().copy();
        lucky.reinitialize();
        assertFalse(before.sameParameters(lucky.network()));
        Event revived = only(lucky, 0, 0, Event.Kind.REVIVED);
        assertEquals("reinit", revived.by());
        assertEquals(5, revived.step());
        assertEquals(NeuronState.ACTIVE, lucky.state(0, 0));
        // a second re-initialization at the same step draws different weights again
        Network first = lucky.network().copy();
        lucky.reinitialize();
        assertFalse(first.sameParameters(lucky.network()));

        Training unlucky = new Training(SpecBuilder.post().weights(BORN_DEAD_H11).seed(5).build());
        unlucky.runTo(5);
        unlucky.reinitialize();
        List<Event> born = of(unlucky, 0, 0, Event.Kind.BORN_DEAD);
        assertEquals(2, born.size());
        assertEquals("reinit", born.get(1).by());
        assertEquals(5, born.get(1).step());
        assertEquals(NeuronState.PERMANENTLY_DEAD, unlucky.state(0, 0));
        assertTrue(of(unlucky, 0, 0, Event.Kind.REVIVED).isEmpty());
    }

    // ---- helpers ----

    static List<Event> of(Training t, int layer, int neuron, Event.Kind kind) {
        return t.events().stream().filter(e -> e.layer() == layer && e.neuron() == neuron && e.kind() == kind)
                .collect(Collectors.toList());
    }

    static Event only(Training t, int layer, int neuron, Event.Kind kind) {
        List<Event> found = of(t, layer, neuron, kind);
        assertEquals(1, found.size(), "one " + kind + " event for " + Event.neuronName(layer, neuron) + " in " + t.events());
        return found.get(0);
    }

    static double lossAtStart(double[] weights) {
        return new Training(SpecBuilder.post().weights(weights).build()).loss();
    }

    /** Every weight and bias bit-identical, except the incoming ones of hidden neurons marked in `changed`. */
    static void assertSameExcept(Network before, Network after, boolean[][] changed) {
        for (int l = 0; l < before.layers(); l++) {
            for (int i = 0; i < before.sizes[l + 1]; i++) {
                if (l < changed.length && changed[l][i]) continue;
                assertArrayEquals(bits(before.w[l][i]), bits(after.w[l][i]), "weights into unit " + i + " of layer " + (l + 1));
                assertEquals(Double.doubleToRawLongBits(before.b[l][i]), Double.doubleToRawLongBits(after.b[l][i]));
            }
        }
    }

    static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Double.doubleToRawLongBits(v[i]);
        return out;
    }
}
