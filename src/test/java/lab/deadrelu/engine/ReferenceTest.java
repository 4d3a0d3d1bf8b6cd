package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's fast paths give the numbers of the readable Reference, bit for bit. */
class ReferenceTest {

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : Activation.values())
            for (boolean bias : new boolean[] {false, true})
                for (int batch : new int[] {1, 3, 12})   // 1: PerSampleSgd; 3 and 12 (= n, full batch): MiniBatchSgd
                    out.add(Arguments.of(act, bias, batch));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, biases {1}, batch {2}")
    @MethodSource("runs")
    void trainingTakesTheReferenceStepsBitForBit(Activation act, boolean bias, int batch) {
        for (int[] layers : new int[][] {{3, 2, 2, 1}, {3, 9, 5, 1}}) {
            TrainingSpec spec = SpecBuilder.post().layers(layers).act(act).bias(bias).batch(batch).shuffle(batch == 3)
                    .lr(0.1).n(12).noise(0.05).seed(4).build();
            Training engine = new Training(spec);
            Network reference = spec.initialNetwork();
            Sgd order = new Sgd(spec.initialNetwork(), engine.data(), batch, spec.shuffle(), spec.seed());
            for (long step = 0; step < 150; step++) {
                int[] samples = new int[batch];
                for (int k = 0; k < batch; k++) samples[k] = order.sampleIndex(step, k);
                Reference.step(reference, engine.data(), samples, spec.lr());
                assertTrue(engine.advance(), "step " + step);
                PathAgreementTest.assertSameBits(reference, engine.network(), spec + " after step " + step);
            }
        }
    }

    @Test
    void theReferenceForwardPassIsPredictAndItsDeadNeuronsAreTheCensusOnes() {
        TrainingSpec spec = SpecBuilder.post().layers(3, 6, 6, 1).lr(0.5).n(16).seed(3).build();
        Training t = new Training(spec);
        t.runTo(40);
        Network net = t.network();
        int dead = 0;
        for (double[] x : t.data().x) {
            double[][] z = net.unitBuffers(), a = net.unitBuffers();
            double yHat = net.predict(x, z, a);
            Reference.Pass p = Reference.forward(net, x);
            assertEquals(Double.doubleToRawLongBits(yHat), Double.doubleToRawLongBits(p.yHat()));
            for (int l = 0; l < net.layers(); l++)
                for (int i = 0; i < net.sizes[l + 1]; i++) assertEquals(Double.doubleToRawLongBits(z[l][i]), Double.doubleToRawLongBits(p.z()[l][i]));
        }
        for (int h = 0; h < net.hiddenLayers(); h++) {
            for (int i = 0; i < net.sizes[h + 1]; i++) {
                assertEquals(t.state(h, i).isDead(), Reference.deadOnData(net, t.data(), h, i), "h" + (i + 1) + "^(" + (h + 1) + ")");
                if (t.state(h, i).isDead()) dead++;
            }
        }
        assertTrue(dead > 0, "λ = 0.5 kills some of them, so both answers are checked");
    }

    @Test
    void aSingleSampleGradientIsTheChainRuleWrittenOut() {
        // 1-1-1: x = 2, w1 = 0.5 (z1 = 1, a1 = 1), w2 = 3 (y-hat = 3), y = 1: delta_out = 2, delta_1 = 3 · 2 · f'(1) = 6
        Network net = new Network(new int[] {1, 1, 1}, Activation.RELU, 0.01, false);
        net.w[0][0][0] = 0.5;
        net.w[1][0][0] = 3;
        Reference.Gradient g = Reference.backward(net, new double[] {2}, 1);
        assertEquals(2.0, g.w()[1][0][0]);    // dL/dw2 = delta_out · a1 = 2 · 1
        assertEquals(12.0, g.w()[0][0][0]);   // dL/dw1 = delta_1 · x = 6 · 2
        net.w[0][0][0] = -0.5;                // z1 = -1: the neuron is off on this sample
        g = Reference.backward(net, new double[] {2}, 1);
        assertTrue(g.w()[0][0][0] == 0, "ReLU'(z) = 0 for z ≤ 0: no gradient into it (±0)");
        assertTrue(g.w()[1][0][0] == 0, "a1 = 0");
    }
}
