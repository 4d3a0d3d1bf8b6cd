package lab.deadrelu.sim;

import static lab.deadrelu.sim.WalkClaimsTest.assertFocus;
import static lab.deadrelu.sim.WalkClaimsTest.bits;
import static lab.deadrelu.sim.WalkClaimsTest.deathOf;
import static lab.deadrelu.sim.WalkClaimsTest.events;
import static lab.deadrelu.sim.WalkClaimsTest.w;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Training;
import lab.deadrelu.scenario.InputSquare;
import lab.deadrelu.scenario.Op;
import lab.deadrelu.scenario.Scenario;

/** The claims of the two-input walks' words (walk.plane-case-1/2.&lt;n&gt;.text), on the run each step leads to. */
final class PlaneWalkClaims {
    private PlaneWalkClaims() {}

    /** z of the neuron on a 21 x 21 grid over the input square [0,1]^2, corners included. */
    static double[] square(Training t, int layer, int neuron) {
        return InputSquare.grid(t.network(), layer, neuron, 20);
    }

    static void planeCase1(WalkClaimsTest.Walker w, int n, Training t) {
        double[] initial = w(w.target(0), 0, 0);
        assertFocus(w, 0, 0);
        switch (n) {
            case 1 -> {   // step 8: w11, w12 flat and negative; the line through (0,0) only; z <= 0 on the whole square; the loss fell
                assertEquals(8, t.step());
                assertEquals(1, t.epoch());
                assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
                assertTrue(initial[0] < 0 && initial[1] < 0, "w11, w12 below zero: " + Arrays.toString(initial));
                assertEquals(0.0, InputSquare.z(t.network(), 0, 0, InputSquare.CORNERS[0]), "the line goes through (0, 0)");
                for (int c = 1; c < 4; c++)
                    assertTrue(InputSquare.z(t.network(), 0, 0, InputSquare.CORNERS[c]) < 0, "and through no other corner: " + Arrays.toString(InputSquare.CORNERS[c]));
                for (double z : square(t, 0, 0)) assertTrue(z <= 0, "z <= 0 on the whole square");
                for (double z : t.preActivations(0, 0)) assertTrue(z <= 0, "z <= 0 on every sample");
                assertTrue(t.loss() < w.target(0).loss(), "the loss fell all the same");
                assertFalse(Arrays.equals(w(w.target(0), 0, 1), w(t, 0, 1)), "the rest of the network learns");
            }
            case 2 -> {   // step 500: not moved; permanently dead since step 0, born dead
                assertEquals(500, t.step());
                assertArrayEquals(bits(initial), bits(w(t, 0, 0)));
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
                assertEquals(0, events(t, 0, 0, Event.Kind.BORN_DEAD).get(0).step());
                assertEquals(0, events(t, 0, 0, Event.Kind.PERMANENT).get(0).step());
            }
            case 3 -> {   // re-initialized at 500: both weights positive, z > 0 on the square but at (0,0), active on all 8, revived
                assertEquals(500, t.step());
                assertEquals(List.of(Op.reinit(500)), w.sim.run().ops());
                double[] now = w(t, 0, 0);
                assertTrue(now[0] > 0 && now[1] > 0, Arrays.toString(now));
                assertEquals(0.0, InputSquare.z(t.network(), 0, 0, InputSquare.CORNERS[0]));
                double[] z = square(t, 0, 0);
                for (int p = 1; p < z.length; p++) assertTrue(z[p] > 0, "z > 0 on the square except at (0, 0)");
                assertEquals(8, t.data().size());
                assertEquals(8, t.census().activeCount(0, 0), "active on all eight samples");
                assertEquals(NeuronState.ACTIVE, t.state(0, 0));
                List<Event> revived = events(t, 0, 0, Event.Kind.REVIVED);
                assertEquals(1, revived.size());
                assertEquals("reinit", revived.get(0).by());
            }
            case 4 -> {   // step 600: w11, w12 move; the loss below step 500's; about one draw in four is born dead this way
                assertEquals(600, t.step());
                assertEquals(List.of(Op.reinit(500)), w.sim.run().ops());
                assertFalse(Arrays.equals(w(w.target(3), 0, 0), w(t, 0, 0)), "w11, w12 move after re-initializing");
                assertFalse(t.state(0, 0).isDead());
                assertFalse(t.state(0, 1).isDead());
                assertTrue(t.loss() < w.target(2).loss(), t.loss() + " vs " + w.target(2).loss() + " at step 500");
                int seeds = 400, negative = 0;
                for (long seed = 0; seed < seeds; seed++) {
                    Training d = new Training(Scenario.PLANE_CASE_1.spec.withSeed(seed));
                    double[] v = d.network().w[0][0];
                    if (v[0] < 0 && v[1] < 0) {
                        negative++;
                        assertEquals(NeuronState.PERMANENTLY_DEAD, d.state(0, 0), "seed " + seed + ": both weights negative");
                    }
                }
                assertEquals(0.25, negative / (double) seeds, 3 * Math.sqrt(0.25 * 0.75 / seeds), "about one draw in four");
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }

    static void planeCase2(WalkClaimsTest.Walker w, int n, Training t) {
        assertFocus(w, 1, 0);
        switch (n) {
            case 1 -> {   // step 7, λ = 0.3: w21, w22 both positive, active; nobody has died
                assertEquals(7, t.step());
                assertEquals(0.3, t.lr());
                double[] w2 = w(t, 1, 0);
                assertTrue(w2[0] > 0 && w2[1] > 0, "w21, w22 > 0 at step 7: " + Arrays.toString(w2));
                assertEquals(NeuronState.ACTIVE, t.state(1, 0));
                for (int l = 0; l < 2; l++) for (int i = 0; i < 2; i++) assertFalse(deathOf(t, l, i), t.events().toString());
            }
            case 2 -> {   // step 8: this update pushed both below zero; the why; dark on the whole square; died at step 8
                WalkClaimsTest.assertStep8PushedBothBelowZero(t);
                for (double z : square(t, 1, 0)) assertTrue(z <= 0, "z <= 0 on the whole square");
                assertTrue(Arrays.stream(square(t, 0, 0)).anyMatch(z -> z > 0) && Arrays.stream(square(t, 0, 1)).anyMatch(z -> z > 0),
                        "not because layer 1 went dark: both its neurons are bright somewhere");
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
                List<Event> died = events(t, 1, 0, Event.Kind.DIED);
                assertEquals(1, died.size());
                assertEquals(8, died.get(0).step());
            }
            case 3 -> {   // step 100: flat since 8, z <= 0 on the whole square, permanent; the loss below step 8's through h2^(2)
                assertEquals(100, t.step());
                assertArrayEquals(bits(w(w.target(2), 1, 0)), bits(w(t, 1, 0)));
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
                for (double z : t.preActivations(1, 0)) assertTrue(z <= 0);
                for (double z : square(t, 1, 0)) assertTrue(z <= 0);
                assertFalse(Arrays.equals(w(w.target(1), 0, 0), w(t, 0, 0)), "layer 1 learned on");
                assertFalse(t.state(1, 1).isDead(), "h2^(2) is alive");
                assertTrue(t.loss() < w.target(2).loss(), t.loss() + " vs " + w.target(2).loss() + " at step 8");
            }
            case 4 -> {   // λ lowered to 0.03 at 100, on to 200: w21, w22 did not move, still dead
                WalkClaimsTest.assertLowerLrAt100ChangedNothing(w, t);
            }
            case 5 -> {   // restarted with λ = 0.03, same seed, at step 100: alive, never died, w21 and w22 positive
                assertEquals(100, t.step());
                assertEquals(0.03, t.lr());
                assertEquals(0.03, w.sim.run().spec().lr());
                assertEquals(Scenario.PLANE_CASE_2.spec.seed(), w.sim.run().spec().seed(), "same seed");
                assertEquals(Scenario.PLANE_CASE_2.spec.dataSeed(), w.sim.run().spec().dataSeed(), "same data");
                assertArrayEquals(bits(w(w.target(0), 1, 0)), bits(w(new Training(w.sim.run().spec()), 1, 0)), "same first weights");
                assertTrue(w.sim.run().ops().isEmpty());
                assertEquals(NeuronState.ACTIVE, t.state(1, 0));
                assertFalse(deathOf(t, 1, 0), t.events().toString());
                double[] w2 = w(t, 1, 0);
                assertTrue(w2[0] > 0 && w2[1] > 0, Arrays.toString(w2));
            }
            default -> throw new AssertionError("no claims for step " + n);
        }
    }
}
