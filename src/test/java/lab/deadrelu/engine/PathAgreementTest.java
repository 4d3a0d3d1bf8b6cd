package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine computes the same numbers on several paths (per-sample predict, the block forward pass
 * of Passes, the census, the mini-batch SGD path). They are promised to agree bit for bit, because
 * every sum runs in the same order; these tests hold them to it.
 */
class PathAgreementTest {

    static Stream<Arguments> shapesAndActivations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : Activation.values())
            for (String shape : new String[] {"3-2-2-1", "1-3-1", "8-7-5-1", "3-32-32-32-1", "5-4-1"})
                out.add(Arguments.of(act, shape));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndActivations")
    void passesForwardGivesTheZOfPredictBitForBit(Activation act, String shape) {
        TrainingSpec spec = SpecBuilder.post().layers(GradientCheckTest.parse(shape)).act(act).bias(true)
                .n(37).centred(true).seed(11).build();
        Network net = spec.initialNetwork();
        GradientCheckTest.randomBiases(net, 11);
        Dataset data = spec.dataset();
        for (int count : new int[] {1, data.size()}) {
            double[][][] a = new double[net.layers() + 1][][], z = new double[net.layers()][][];
            a[0] = new double[net.sizes[0]][count];
            for (int l = 0; l < net.layers(); l++) {
                z[l] = new double[net.sizes[l + 1]][count];
                a[l + 1] = new double[net.sizes[l + 1]][count];
            }
            for (int s = 0; s < count; s++) for (int j = 0; j < net.sizes[0]; j++) a[0][j][s] = data.x[s][j];
            double[] ones = new double[count];
            java.util.Arrays.fill(ones, 1.0);
            Passes.forward(net, a, z, ones, count);
            double[][] zp = net.unitBuffers(), ap = net.unitBuffers();
            for (int s = 0; s < count; s++) {
                net.predict(data.x[s], zp, ap);
                for (int l = 0; l < net.layers(); l++) {
                    for (int i = 0; i < net.sizes[l + 1]; i++) {
                        assertEquals(bits(zp[l][i]), bits(z[l][i][s]), "z[" + l + "][" + i + "] sample " + s + " of " + count);
                        if (l < net.layers() - 1)   // the census needs no output activation, so Passes leaves it out
                            assertEquals(bits(ap[l][i]), bits(a[l + 1][i][s]), "a[" + l + "][" + i + "] sample " + s + " of " + count);
                    }
                }
            }
        }
    }

    /** n = 300 spans three census chunks of 128; n = 8 is the post's table. */
    @ParameterizedTest(name = "n = {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 8, 128, 300})
    void censusLossIsTheMeanHalfSquaredResidualOfPredict(int n) {
        TrainingSpec spec = SpecBuilder.post().layers(3, 16, 8, 1).bias(true).n(n).noise(0.1).seed(5).build();
        Training t = new Training(spec);
        t.runTo(25);
        Network net = t.network();
        double[][] z = net.unitBuffers(), a = net.unitBuffers();
        double sum = 0;
        for (int s = 0; s < n; s++) {
            double r = net.predict(t.data().x[s], z, a) - t.data().y[s];
            sum += 0.5 * r * r;
        }
        assertEquals(bits(sum / n), bits(t.census().loss()));
        assertEquals(bits(sum / n), bits(t.loss()));
        assertEquals(bits(sum / n), bits(t.snapshot().loss()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndActivations")
    void theCensusGivesEachNeuronsZYHatAndLargestZOfPredictBitForBit(Activation act, String shape) {
        // 300 samples: three blocks of the census, the last one short
        TrainingSpec spec = SpecBuilder.post().layers(GradientCheckTest.parse(shape)).act(act).bias(true).lr(0.05)
                .n(300).centred(true).seed(5).build();
        Training t = new Training(spec);
        t.runTo(40);
        Network net = t.network();
        Dataset data = t.data();
        double[][] zp = net.unitBuffers(), ap = net.unitBuffers();
        double[][] max = new double[net.hiddenLayers()][];
        for (int h = 0; h < max.length; h++) {
            max[h] = new double[net.sizes[h + 1]];
            Arrays.fill(max[h], Double.NEGATIVE_INFINITY);
        }
        double[] yHat = new double[data.size()];
        double[] z00 = t.preActivations(max.length - 1, 0, yHat);
        for (int s = 0; s < data.size(); s++) {
            double predicted = net.predict(data.x[s], zp, ap);
            assertEquals(bits(predicted), bits(yHat[s]), "y-hat of sample " + s);
            assertEquals(bits(zp[max.length - 1][0]), bits(z00[s]), "z of the deepest layer's first neuron, sample " + s);
            for (int h = 0; h < max.length; h++)
                for (int i = 0; i < max[h].length; i++) if (zp[h][i] > max[h][i] || Double.isNaN(zp[h][i])) max[h][i] = zp[h][i];
        }
        Training alone = new Training(spec);   // measured on its own, not with a neuron's z
        alone.runTo(40);
        double[][] census = t.maxPreActivations();
        for (int h = 0; h < max.length; h++) {
            for (int i = 0; i < max[h].length; i++) {
                assertEquals(bits(max[h][i]), bits(census[h][i]), "largest z of " + Event.neuronName(h, i));
                assertEquals(bits(max[h][i]), bits(alone.maxPreActivations()[h][i]), "largest z of " + Event.neuronName(h, i) + ", measured alone");
            }
        }
        assertTrue(t.advance());
        assertNotSame(census, t.maxPreActivations(), "a step measures the largest z anew");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Activation.class)
    void censusActiveCountsAndStatesAgreeWithPreActivations(Activation act) {
        TrainingSpec spec = SpecBuilder.post().layers(3, 12, 12, 12, 1).act(act).bias(true).lr(0.2)
                .n(200).seed(4).build();
        Training t = new Training(spec);
        t.runTo(300);
        Census c = t.census();
        Snapshot snap = t.snapshot();
        int seenInactive = 0;
        for (int h = 0; h < c.hiddenLayers(); h++) {
            assertEquals(12, c.width(h));
            for (int i = 0; i < c.width(h); i++) {
                double[] z = t.preActivations(h, i);
                assertEquals(c.samples(), z.length);
                int active = 0;
                for (double zi : z) if (zi > 0) active++;
                assertEquals(active, c.activeCount(h, i), "neuron " + Event.neuronName(h, i));
                assertEquals(active, snap.activeCounts()[h][i]);
                NeuronState state = c.state(h, i);
                assertEquals(state, t.state(h, i));
                assertEquals(state, snap.states()[h][i]);
                if (active > 0) assertEquals(NeuronState.ACTIVE, state);
                else {
                    seenInactive++;
                    if (act == Activation.RELU) assertTrue(state.isDead(), state.toString());
                    else assertEquals(NeuronState.SATURATED, state);
                }
            }
        }
        int dead = 0;
        for (int h = 0; h < c.hiddenLayers(); h++) dead += c.deadIn(h);
        assertEquals(dead, c.deadTotal());
        assertEquals(dead, snap.deadTotal());
        assertEquals(act == Activation.RELU ? seenInactive : 0, dead);
        assertEquals(36, snap.hiddenNeurons());
        assertTrue(seenInactive > 0, "the run should leave some neuron inactive on every sample, or the check is empty");
    }

    static Stream<Arguments> sgdPaths() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : Activation.values())
            for (boolean bias : new boolean[] {false, true})
                for (int batch : new int[] {1, 3, 4, 10})   // 3 does not divide n = 10: batches straddle epochs
                    for (boolean shuffle : new boolean[] {false, true})
                        out.add(Arguments.of(act, bias, batch, shuffle));
        return out.stream();
    }

    /**
     * Training (scalar path for batch 1, Passes for larger batches) against a plain reconstruction:
     * per sample predict and textbook back-propagation, gradients summed over the batch in sample
     * order, then divided by the batch size. Same sums in the same order: same bits.
     */
    @ParameterizedTest(name = "{0}, biases {1}, batch {2}, shuffle {3}")
    @MethodSource("sgdPaths")
    void trainingAgreesWithAManualReconstructionBitForBit(Activation act, boolean bias, int batch, boolean shuffle) {
        TrainingSpec spec = SpecBuilder.post().layers(3, 5, 4, 1).act(act).bias(bias).batch(batch).shuffle(shuffle)
                .lr(0.05).n(10).noise(0.05).seed(21).build();
        Training t = new Training(spec);
        Network reference = spec.initialNetwork();
        Dataset data = spec.dataset();
        for (long step = 0; step < 120; step++) {
            int[] samples = new int[batch];
            for (int k = 0; k < batch; k++) samples[k] = expectedSampleIndex(step, k, batch, data.size(), shuffle, spec.seed());
            assertEquals(samples[0], t.nextSample());
            referenceStep(reference, data, samples, spec.lr());
            assertTrue(t.advance());
            assertSameBits(reference, t.network(), "step " + step);
        }
    }

    @Test
    void sampleOrderIsFixedWithoutShuffleAndAPermutationPerEpochWithIt() {
        Dataset data = Dataset.generate(7, 3, Target.SIN, 0, false, 1);
        Sgd fixed = new Sgd(SpecBuilder.post().n(7).build().initialNetwork(), data, 3, false, 9);
        for (long step = 0; step < 20; step++)
            for (int k = 0; k < 3; k++) assertEquals((int) ((step * 3 + k) % 7), fixed.sampleIndex(step, k));

        Sgd shuffled = new Sgd(SpecBuilder.post().n(7).build().initialNetwork(), data, 1, true, 9);
        List<String> orders = new ArrayList<>();
        for (long epoch = 0; epoch < 10; epoch++) {
            int[] order = new int[7];
            for (int k = 0; k < 7; k++) order[k] = shuffled.sampleIndex(epoch * 7 + k, 0);
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, sorted, "epoch " + epoch + " is a permutation");
            orders.add(Arrays.toString(order));
        }
        assertTrue(orders.stream().distinct().count() > 5, "epochs are shuffled differently: " + orders);
        // random access gives the same index as sequential access
        assertEquals(shuffled.sampleIndex(3, 0), new Sgd(shuffled.net, data, 1, true, 9).sampleIndex(3, 0));
        assertNotEquals(orders.get(0), orders.get(1));
        assertEquals(2, fixed.epochOf(5));   // 15 samples seen of 7
    }

    // ---- the reconstruction ----

    /** Sample k of step t: position p = t * batch + k; p mod n, or that entry of epoch p / n's Fisher-Yates shuffle. */
    static int expectedSampleIndex(long step, int k, int batch, int n, boolean shuffle, long seed) {
        long position = step * batch + k;
        int r = (int) (position % n);
        if (!shuffle) return r;
        SplittableRandom rng = Seeds.derive(seed, Seeds.SHUFFLE, position / n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i]; p[i] = p[j]; p[j] = tmp;
        }
        return p[r];
    }

    static void referenceStep(Network net, Dataset data, int[] samples, double lr) {
        int layers = net.layers();
        double[][][] g = new double[layers][][];
        double[][] gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            g[l] = new double[net.sizes[l + 1]][net.sizes[l]];
            gb[l] = new double[net.sizes[l + 1]];
        }
        for (int s : samples) {
            double[][] z = net.unitBuffers(), a = net.unitBuffers(), delta = net.unitBuffers();
            delta[layers - 1][0] = net.predict(data.x[s], z, a) - data.y[s];
            for (int l = layers - 1; l > 0; l--) {
                for (int j = 0; j < net.sizes[l]; j++) {
                    double e = 0;
                    for (int i = 0; i < net.sizes[l + 1]; i++) e += net.w[l][i][j] * delta[l][i];
                    delta[l - 1][j] = e * net.activation().derivative(z[l - 1][j], net.alpha());
                }
            }
            for (int l = 0; l < layers; l++) {
                double[] in = l == 0 ? data.x[s] : a[l - 1];
                for (int i = 0; i < net.sizes[l + 1]; i++) {
                    for (int j = 0; j < net.sizes[l]; j++) g[l][i][j] += delta[l][i] * in[j];
                    gb[l][i] += delta[l][i];
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < net.sizes[l + 1]; i++) {
                for (int j = 0; j < net.sizes[l]; j++) {
                    double mean = samples.length > 1 ? g[l][i][j] / samples.length : g[l][i][j];
                    net.w[l][i][j] = net.w[l][i][j] - lr * mean;
                }
                double meanB = samples.length > 1 ? gb[l][i] / samples.length : gb[l][i];
                if (net.biased) net.b[l][i] = net.b[l][i] - lr * meanB;
            }
        }
    }

    static void assertSameBits(Network expected, Network actual, String when) {
        for (int l = 0; l < expected.layers(); l++) {
            for (int i = 0; i < expected.sizes[l + 1]; i++) {
                for (int j = 0; j < expected.sizes[l]; j++)
                    assertEquals(bits(expected.w[l][i][j]), bits(actual.w[l][i][j]),
                            "w[" + l + "][" + i + "][" + j + "] at " + when + ": " + expected.w[l][i][j] + " vs " + actual.w[l][i][j]);
                assertEquals(bits(expected.b[l][i]), bits(actual.b[l][i]), "b[" + l + "][" + i + "] at " + when);
            }
        }
    }

    static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
