package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The post's two cases on a network with two inputs (plane-case-1, plane-case-2), where a neuron can
 * be drawn over the input square [0,1]^2: each claim the scenarios' words make, computed by the engine.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlaneScenariosClaimsTest {

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    static List<Event> eventsOf(Training t, int layer, int neuron, Event.Kind... kinds) {
        List<Event.Kind> wanted = List.of(kinds);
        return t.events().stream().filter(e -> e.layer() == layer && e.neuron() == neuron && wanted.contains(e.kind())).toList();
    }

    static List<Event> deaths(Training t) {
        return t.events().stream().filter(e -> e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD).toList();
    }

    @ParameterizedTest
    @EnumSource(names = {"PLANE_CASE_1", "PLANE_CASE_2"})
    void both_run_the_posts_network_on_two_inputs_from_the_unit_square(Scenario s) {
        TrainingSpec spec = s.spec;
        assertEquals("2-2-2-1", spec.shape());
        assertEquals(Activation.RELU, spec.act());
        assertFalse(spec.bias(), "no biases, as in the post");
        assertEquals(1, spec.batch(), "per-sample SGD");
        assertEquals(8, spec.n());
        assertFalse(spec.centred());
        for (double[] x : new Training(spec).data().x) {
            assertEquals(2, x.length);
            for (double v : x) assertTrue(v >= 0 && v < 1, Arrays.toString(x));
        }
    }

    @Nested
    class Plane_case_1_born_dead {
        final Scenario s = Scenario.PLANE_CASE_1;

        @Test
        void h1_of_layer_1_has_both_weights_negative_and_z_at_most_0_at_the_four_corners_so_on_the_whole_square() {
            Training t = new Training(s.spec);
            assertEquals(0, s.focusLayer);
            assertEquals(0, s.focusNeuron);
            double[] w = t.network().w[0][0];
            assertTrue(w[0] < 0 && w[1] < 0, "w11, w12: " + Arrays.toString(w));
            for (double[] corner : InputSquare.CORNERS) {
                double z = InputSquare.z(t.network(), 0, 0, corner);
                assertTrue(z <= 0, "z at " + Arrays.toString(corner) + " = " + z);
            }
            // z = w11 x1 + w12 x2 is linear, so its largest value on the square is at a corner; a grid agrees
            for (double z : InputSquare.grid(t.network(), 0, 0, 50)) assertTrue(z <= 0);
            for (double z : t.preActivations(0, 0)) assertTrue(z <= 0, "every data point is on the dark side");
            assertEquals(0, t.census().activeCount(0, 0));
        }

        @Test
        void h1_of_layer_1_is_born_permanently_dead_and_the_other_three_hidden_neurons_are_alive() {
            Training t = new Training(s.spec);
            assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
            List<Event> born = eventsOf(t, 0, 0, Event.Kind.BORN_DEAD);
            assertEquals(1, born.size());
            assertEquals(0, born.get(0).step());
            assertEquals("init", born.get(0).by());
            assertEquals(NeuronState.ACTIVE, t.state(0, 1));
            assertEquals(NeuronState.ACTIVE, t.state(1, 0));
            assertEquals(NeuronState.ACTIVE, t.state(1, 1));
        }

        @Test
        void w11_and_w12_never_move_while_the_rest_learns_no_other_neuron_dies_and_the_loss_falls_below_half_its_start() {
            Training t = new Training(s.spec);
            long[] initial = bits(t.network().w[0][0]);
            double[] other = t.network().w[0][1].clone();
            double start = t.loss();
            t.runTo(s.steps);
            assertEquals(s.steps, t.step());
            assertArrayEquals(initial, bits(t.network().w[0][0]), "w11, w12 moved");
            assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
            assertFalse(Arrays.equals(other, t.network().w[0][1]), "h2^(1) learns");
            List<Event> deaths = deaths(t);
            assertEquals(1, deaths.size(), "only h1^(1), at birth: " + deaths);
            assertTrue(t.loss() < start / 2, "loss " + start + " -> " + t.loss());
        }

        @Test
        void about_one_in_four_seeds_draw_two_negative_weights_and_every_such_seed_is_born_dead() {
            int seeds = 1000, negative = 0;
            for (long seed = 0; seed < seeds; seed++) {
                Training t = new Training(s.spec.withSeed(seed));
                double[] w = t.network().w[0][0];
                if (w[0] < 0 && w[1] < 0) {
                    negative++;
                    assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0), "seed " + seed);
                    for (double[] corner : InputSquare.CORNERS) assertTrue(InputSquare.z(t.network(), 0, 0, corner) <= 0);
                }
            }
            double p = 0.25;
            assertEquals(p, negative / (double) seeds, 3 * Math.sqrt(p * (1 - p) / seeds));
        }
    }

    @Nested
    class Plane_case_2_one_step_too_far {
        final Scenario s = Scenario.PLANE_CASE_2;

        /** The step whose update killed h1^(2), read from the run. */
        long deathStep() {
            Training t = new Training(s.spec);
            t.runTo(s.steps);
            List<Event> died = eventsOf(t, 1, 0, Event.Kind.DIED);
            assertEquals(1, died.size(), "h1^(2) dies exactly once in " + s.steps + " steps: " + t.events());
            return died.get(0).step();
        }

        @Test
        void every_hidden_neuron_is_alive_at_step_0() {
            Training t = new Training(s.spec);
            assertEquals(1, s.focusLayer);
            assertEquals(0, s.focusNeuron);
            for (NeuronState[] layer : t.states()) for (NeuronState st : layer) assertEquals(NeuronState.ACTIVE, st);
            assertTrue(deaths(t).isEmpty());
        }

        @Test
        void h1_of_layer_2_is_alive_with_both_weights_positive_until_the_update_of_step_8_pushes_both_below_zero() {
            long k = deathStep();
            assertEquals(8, k, "the step the summary and the walk name");
            Training t = new Training(s.spec);
            t.runTo(k - 1);
            assertEquals(NeuronState.ACTIVE, t.state(1, 0));
            double[] before = t.network().w[1][0].clone();
            assertTrue(before[0] > 0 && before[1] > 0, Arrays.toString(before));
            assertTrue(t.advance());
            double[] after = t.network().w[1][0];
            assertTrue(after[0] < 0 && after[1] < 0, Arrays.toString(after));
            assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
            Event.Update cause = eventsOf(t, 1, 0, Event.Kind.DIED).get(0).cause();
            assertEquals(s.spec.lr(), cause.lr());
            assertArrayEquals(bits(before), bits(cause.weightsBefore()));
            for (int j = 0; j < 2; j++) assertTrue(cause.lr() * cause.gradient()[j] > before[j], "λ times the gradient is bigger than the weight");
        }

        @Test
        void from_step_8_on_it_is_permanently_dead_dark_on_the_whole_square_and_its_weights_never_change_while_the_loss_falls() {
            long k = deathStep();
            Training t = new Training(s.spec);
            t.runTo(k);
            long[] after = bits(t.network().w[1][0]);
            double lossAtK = t.loss();
            while (t.step() < s.steps) {
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0), "at step " + t.step());
                if (t.step() % 50 == 0 || t.step() == k)
                    for (double z : InputSquare.grid(t.network(), 1, 0, 20)) assertTrue(z <= 0, "z on the square at step " + t.step());
                assertTrue(t.advance());
            }
            assertArrayEquals(after, bits(t.network().w[1][0]), "w21, w22 moved after the death");
            assertTrue(eventsOf(t, 1, 0, Event.Kind.REVIVED).isEmpty());
            assertEquals(1, deaths(t).size(), "no other neuron died: " + deaths(t));
            assertTrue(t.loss() < lossAtK, "the rest learns on: " + lossAtK + " -> " + t.loss());
        }

        @Test
        void lowering_lambda_after_the_death_does_not_revive_it() {
            long k = deathStep();
            Training dead = new Training(s.spec);
            dead.runTo(k);
            double lower = s.spec.lr() / 10;
            for (long when : new long[] {k, k + 50}) {
                Replay r = new Replay(RunSpec.of(s).withOp(Op.lr(when, lower)));
                r.advanceTo(s.steps);
                Training t = r.training();
                assertEquals(lower, t.lr());
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0), "λ lowered at step " + when);
                assertArrayEquals(bits(dead.network().w[1][0]), bits(t.network().w[1][0]), "λ lowered at step " + when);
                assertTrue(eventsOf(t, 1, 0, Event.Kind.REVIVED).isEmpty());
            }
        }

        @Test
        void restarting_with_lambda_0_03_a_tenth_and_the_same_seed_keeps_every_neuron_alive_for_2000_steps() {
            TrainingSpec lower = s.spec.withLr(0.03);   // λ / 10, as the walk's restart writes it
            RunSpec run = RunSpec.of(s).restarted(lower);
            assertEquals(s.spec.seed(), run.spec().seed());
            Replay r = new Replay(run);
            r.advanceTo(2000);
            Training t = r.training();
            assertEquals(2000, t.step());
            assertTrue(deaths(t).isEmpty(), t.events().toString());
            assertEquals(NeuronState.ACTIVE, t.state(1, 0));
        }
    }
}
