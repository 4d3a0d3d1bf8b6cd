package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What momentum and Adam remember: kept through a new λ, forgotten by re-initializing and re-drawing, and what it means for death. */
class OptimizerMemoryTest {

    static final Optimizer MOMENTUM = Optimizer.momentum(0.9), ADAM = Optimizer.adam(0.9, 0.999, 1e-8);

    static Moments moments(Training t) {
        try {
            java.lang.reflect.Field f = Training.class.getDeclaredField("sgd");
            f.setAccessible(true);
            return ((Sgd) f.get(t)).moments;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void reInitializingStartsTheOptimizerAfreshAsANewRunWouldFromThoseWeights() {
        for (Optimizer opt : new Optimizer[] {MOMENTUM, ADAM}) {
            TrainingSpec spec = SpecBuilder.post().layers(3, 5, 4, 1).bias(true).n(12).lr(0.02).build().withOptimizer(opt);
            Training t = new Training(spec);
            t.runTo(40);
            t.reinitialize();
            assertEquals(0, moments(t).t);
            OptimizerReferenceTest.Reference fresh = new OptimizerReferenceTest.Reference(t.network(), opt);
            Sgd order = new Sgd(spec.initialNetwork(), t.data(), 1, false, spec.seed());
            for (long s = 40; s < 60; s++) {
                int i = order.sampleIndex(s, 0);
                fresh.step(new double[][] {t.data().x[i]}, new double[] {t.data().y[i]}, spec.lr());
                t.advance();
            }
            for (int l = 0; l < fresh.w.length; l++)
                for (int i = 0; i < fresh.w[l].length; i++)
                    for (int j = 0; j < fresh.w[l][i].length; j++)
                        assertEquals(Double.doubleToRawLongBits(fresh.w[l][i][j]), Double.doubleToRawLongBits(t.network().w[l][i][j]), opt.kind() + "");
        }
    }

    @Test
    void aNewStepSizeKeepsTheMemoryAndReDrawingForgetsOnlyTheReDrawnNeurons() {
        Training t = new Training(SpecBuilder.post().lr(0.3).seed(11358).build().withOptimizer(MOMENTUM));
        t.runTo(30);
        Moments m = moments(t);
        double[] before = m.flatten();
        t.setLearningRate(0.03);
        assertEquals(List.of(), differences(before, m.flatten()));
        List<int[]> dead = deadNeurons(t);
        assertFalse(dead.isEmpty(), "case 2 under momentum has dead neurons at step 30");
        t.redrawDead();
        for (int h = 0; h < t.census().hiddenLayers(); h++) {
            for (int i = 0; i < t.census().width(h); i++) {
                boolean redrawn = contains(dead, h, i);
                boolean zero = m.mB[h][i] == 0 && java.util.Arrays.stream(m.mW[h][i]).allMatch(x -> x == 0);
                if (redrawn) assertTrue(zero, "redrawn h" + (i + 1) + "^(" + (h + 1) + ") starts with no velocity");
            }
        }
        assertNotEquals(0.0, java.util.Arrays.stream(m.mW[t.network().layers() - 1][0]).map(Math::abs).sum(), "the output layer keeps its velocity");
    }

    /** Plain SGD stops a dead neuron at once; momentum and Adam carry it on for a while, so "permanent" waits until their memory cannot carry it out. */
    @Test
    void underMomentumAndAdamPermanentComesAfterDeathAndNothingPermanentEverRevives() {
        for (Optimizer opt : new Optimizer[] {Optimizer.SGD, MOMENTUM, ADAM, Optimizer.momentum(0.5), Optimizer.adam(0.8, 0.99, 1e-3)}) {
            for (long seed = 1; seed <= 12; seed++) {
                Training t = new Training(SpecBuilder.post().layers(3, 6, 6, 1).bias(true).lr(0.5).seed(seed).n(16).build().withOptimizer(opt));
                t.runTo(3000);
                for (Event e : t.events()) {
                    if (e.kind() != Event.Kind.PERMANENT) continue;
                    for (Event later : t.events()) {
                        assertFalse(later.kind() == Event.Kind.REVIVED && later.layer() == e.layer() && later.neuron() == e.neuron()
                                && later.step() >= e.step(), opt.kind() + " seed " + seed + ": " + e.name() + " revived after being called permanent");
                    }
                }
            }
        }
    }

    @Test
    void aFirstLayerNeuronStillMovingIsDeadButNotYetPermanent() {
        Training t = new Training(SpecBuilder.post().lr(0.3).seed(11358).build().withOptimizer(MOMENTUM));
        t.runTo(5);
        assertEquals(NeuronState.DEAD, t.state(0, 0), "h1^(1) died at step 5 with velocity left");
        assertTrue(moments(t).reach(0, 0, 0, t.lr()) > 0);
        t.runTo(21);
        assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
    }

    private static List<int[]> deadNeurons(Training t) {
        List<int[]> out = new java.util.ArrayList<>();
        for (int h = 0; h < t.census().hiddenLayers(); h++)
            for (int i = 0; i < t.census().width(h); i++) if (t.state(h, i).isDead()) out.add(new int[] {h, i});
        return out;
    }

    private static boolean contains(List<int[]> list, int h, int i) {
        return list.stream().anyMatch(p -> p[0] == h && p[1] == i);
    }

    private static List<Integer> differences(double[] a, double[] b) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int k = 0; k < a.length; k++) if (Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(b[k])) out.add(k);
        return out;
    }
}
