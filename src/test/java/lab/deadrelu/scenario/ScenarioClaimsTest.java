package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.GradientFactors;
import lab.deadrelu.engine.Network;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each claim of the post ("详解'死亡ReLU'问题", 王乐Levi, 2025-02-24), checked on the preset that is
 * meant to show it. A failure here means a preset no longer demonstrates what the lab says it does.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScenarioClaimsTest {

    // ---- helpers ----

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    static List<Event> eventsOf(Training t, Event.Kind kind, int layer, int neuron) {
        return t.events().stream().filter(e -> e.kind() == kind && e.layer() == layer && e.neuron() == neuron).toList();
    }

    static boolean deathEventFor(Training t, int layer, int neuron) {
        return t.events().stream().anyMatch(e -> e.layer() == layer && e.neuron() == neuron
                && (e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD));
    }

    /** The step whose update killed h1^(2) in case-2, and that update. */
    static Event case2Death() {
        Training t = new Training(Scenario.CASE_2.spec);
        t.runTo(Scenario.CASE_2.steps);
        List<Event> died = eventsOf(t, Event.Kind.DIED, 1, 0);
        assertEquals(1, died.size(), "case-2: h1^(2) dies exactly once in " + Scenario.CASE_2.steps + " steps: " + t.events());
        return died.get(0);
    }

    // ---- case 1 ----

    @Nested
    class Case1_an_unlucky_initialization {
        final Scenario s = Scenario.CASE_1;

        @Test
        void h1_of_layer_1_has_a_non_positive_weighted_input_on_all_8_samples_at_step_0() {
            Training t = new Training(s.spec);
            double[] z = t.preActivations(0, 0);
            assertEquals(8, z.length);
            for (int i = 0; i < z.length; i++) assertTrue(z[i] <= 0, "z of h1^(1) on sample " + i + " = " + z[i]);
            assertEquals(0, t.census().activeCount(0, 0));
        }

        @Test
        void h1_of_layer_1_is_born_permanently_dead() {
            Training t = new Training(s.spec);
            assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
            List<Event> born = eventsOf(t, Event.Kind.BORN_DEAD, 0, 0);
            assertEquals(1, born.size());
            assertEquals(0, born.get(0).step());
            assertEquals("init", born.get(0).by());
            assertEquals("h1^(1)", born.get(0).name());
            assertEquals(1, eventsOf(t, Event.Kind.PERMANENT, 0, 0).size());
        }

        @Test
        void w11_w12_w13_are_bit_for_bit_their_initial_values_after_10000_steps_while_the_rest_learns() {
            Training t = new Training(s.spec);
            long[] initial = bits(t.network().w[0][0]);
            double[] otherInitial = t.network().w[0][1].clone();
            double startLoss = t.loss();
            t.runTo(10_000);
            assertEquals(10_000, t.step());
            assertArrayEquals(initial, bits(t.network().w[0][0]), "w11, w12, w13 moved");
            assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0));
            assertFalse(Arrays.equals(otherInitial, t.network().w[0][1]), "h2^(1) should still learn");
            assertTrue(t.loss() < startLoss, "the rest of the network still learns");
        }

        @Test
        void re_initializing_at_step_0_revives_h1_of_layer_1_and_its_weights_move() {
            Training t = new Training(s.spec);
            t.reinitialize();
            assertEquals(NeuronState.ACTIVE, t.state(0, 0));
            assertTrue(t.census().activeCount(0, 0) > 0);
            assertTrue(Arrays.stream(t.preActivations(0, 0)).anyMatch(z -> z > 0));
            assertEquals(1, eventsOf(t, Event.Kind.REVIVED, 0, 0).size());
            assertEquals("reinit", eventsOf(t, Event.Kind.REVIVED, 0, 0).get(0).by());
            long[] afterReinit = bits(t.network().w[0][0]);
            t.runTo(100);
            assertFalse(Arrays.equals(afterReinit, bits(t.network().w[0][0])), "w11, w12, w13 should move after re-initializing");

            // the UI's re-initialize is the op reinit@0 of the link: the same numbers
            Replay r = new Replay(RunSpec.of(s).withOp(Op.reinit(0)));
            r.advanceTo(100);
            assertArrayEquals(bits(t.network().w[0][0]), bits(r.training().network().w[0][0]));
        }

        @Test
        void another_seed_gives_a_live_h1_of_layer_1_whose_weights_move() {
            boolean found = false;
            for (long seed = 0; seed < 10 && !found; seed++) {
                if (seed == s.spec.seed()) continue;
                Training t = new Training(s.spec.withSeed(seed));
                if (t.state(0, 0) != NeuronState.ACTIVE) continue;
                long[] initial = bits(t.network().w[0][0]);
                t.runTo(100);
                found = !Arrays.equals(initial, bits(t.network().w[0][0]));
            }
            assertTrue(found, "no seed in 0..9 gives a live h1^(1) whose weights move");
        }

        @Test
        void h1_of_layer_1_is_alive_for_most_of_100_seeds() {
            int dead = 0;
            for (long seed = 0; seed < 100; seed++) if (new Training(s.spec.withSeed(seed)).state(0, 0).isDead()) dead++;
            assertTrue(dead < 50, dead + " of 100 seeds give a born-dead h1^(1)");
            assertTrue(dead > 0, "case 1 should not be a freak: some seeds give a born-dead h1^(1)");
        }

        /**
         * Why 1/8: with no bias, z = x1 w11 + x2 w12 + x3 w13 and every input x >= 0. He-normal draws the
         * three weights independently from a distribution symmetric about 0, so all three are negative
         * with probability (1/2)^3 = 1/8, and then z <= 0 on every sample. That is a lower bound: with
         * only 8 samples, z can also be <= 0 on all of them with one weight positive (the set of weight
         * vectors that are negative on 8 points of the positive orthant is larger than the negative
         * orthant). So: all-negative draws are 1/8 of the seeds; born-dead ones are at least those, and
         * as many as the chance of an isotropic direction falling in that set for this data set.
         */
        @Test
        void about_one_in_eight_seeds_draw_three_negative_weights_and_every_such_seed_is_born_dead() {
            int seeds = 1000, allNegative = 0, bornDead = 0;
            for (long seed = 0; seed < seeds; seed++) {
                Training t = new Training(s.spec.withSeed(seed));
                double[] w = t.network().w[0][0];
                boolean negative = w[0] < 0 && w[1] < 0 && w[2] < 0;
                boolean dead = t.state(0, 0).isDead();
                boolean allZNonPositive = Arrays.stream(t.preActivations(0, 0)).allMatch(z -> z <= 0);
                assertEquals(allZNonPositive, dead, "seed " + seed + ": dead must mean z <= 0 on every sample");
                if (negative) {
                    allNegative++;
                    assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(0, 0), "seed " + seed + ": three negative weights");
                }
                if (dead) bornDead++;
            }
            double p = 1.0 / 8, se = Math.sqrt(p * (1 - p) / seeds);
            assertEquals(p, allNegative / (double) seeds, 3 * se, "fraction of seeds with w11, w12, w13 all negative");
            assertTrue(bornDead >= allNegative);

            // the exact chance for this data set, estimated independently of the engine's random streams
            double[][] x = s.spec.dataset().x;
            Random rng = new Random(12345);
            int draws = 400_000, inCone = 0;
            for (int d = 0; d < draws; d++) {
                double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian();
                boolean all = true;
                for (double[] xi : x) if (a * xi[0] + b * xi[1] + c * xi[2] > 0) { all = false; break; }
                if (all) inCone++;
            }
            double q = inCone / (double) draws;
            double seQ = Math.sqrt(q * (1 - q) / seeds) + Math.sqrt(q * (1 - q) / draws);
            assertTrue(q > p, "8 samples leave more room than the negative orthant: " + q);
            assertEquals(q, bornDead / (double) seeds, 3 * seQ, "fraction of seeds with a born-dead h1^(1)");
        }
    }

    // ---- case 2 ----

    @Nested
    class Case2_a_step_size_too_large {
        final Scenario s = Scenario.CASE_2;

        @Test
        void the_update_that_kills_h1_of_layer_2_has_every_factor_with_the_sign_the_post_names() {
            Event death = case2Death();
            long k = death.step();
            assertTrue(k >= 1);
            Training t = new Training(s.spec);
            t.runTo(k - 1);
            assertEquals(NeuronState.ACTIVE, t.state(1, 0), "alive just before the killing update");
            Network net = t.network();
            double[] w2 = net.w[1][0].clone();
            double w31 = net.w[2][0][0];
            assertTrue(w2[0] > 0 || w2[1] > 0, "before: at least one of w21, w22 is positive: " + Arrays.toString(w2));
            int sample = t.nextSample();
            double[] h1 = t.preActivations(0, 0), h2 = t.preActivations(0, 1), z = t.preActivations(1, 0);
            double[] hA = {Math.max(0, h1[sample]), Math.max(0, h2[sample])};
            assertTrue(z[sample] > 0, "h1^(2) is active on the sample of the killing step");

            Event.Update cause = death.cause();
            assertNotNull(cause);
            assertEquals(s.spec.lr(), cause.lr());
            assertArrayEquals(bits(w2), bits(cause.weightsBefore()));
            for (int j = 0; j < 2; j++) {
                GradientFactors f = t.explain(new WeightRef(1, 0, j));
                assertEquals(sample, f.sample());
                assertEquals(hA[j], f.upstream(), "upstream is h" + (j + 1) + "a^(1)");
                assertTrue(f.upstream() > 0, "h" + (j + 1) + "a^(1) > 0 (both upstream neurons active): " + f);
                assertTrue(f.error() > 0, "y-hat - y > 0: " + f);
                assertEquals(w31, f.downstream(), "the downstream factor is w31");
                assertTrue(w31 > 0, "w31 > 0");
                assertEquals(1.0, f.derivative(), "ReLU'(z) = 1");
                assertTrue(f.gradient() > 0, "dL/dw2" + (j + 1) + " > 0");
                assertEquals(w2[j], f.weightBefore());
                assertTrue(f.weightAfter() < 0, "w2" + (j + 1) + " after the update < 0: " + f);
                assertEquals(f.gradient(), cause.gradient()[j], 1e-12 * Math.abs(f.gradient()), "the event's gradient is the explained one");
                assertEquals(cause.weightsBefore()[j] - cause.lr() * cause.gradient()[j], cause.weightsAfter()[j],
                        "after == before - lr * gradient");
                assertTrue(cause.weightsAfter()[j] < 0);
            }
            t.advance();
            assertEquals(k, t.step());
            assertArrayEquals(bits(cause.weightsAfter()), bits(t.network().w[1][0]));
            assertTrue(t.network().w[1][0][0] < 0 && t.network().w[1][0][1] < 0, "w21 and w22 both below zero");
        }

        @Test
        void from_the_killing_step_on_h1_of_layer_2_is_permanently_dead_and_w21_w22_never_change() {
            long k = case2Death().step();
            Training t = new Training(s.spec);
            t.runTo(k);
            long[] after = bits(t.network().w[1][0]);
            while (t.step() < 500) {
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0), "at step " + t.step());
                assertTrue(t.advance());
            }
            assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0));
            assertArrayEquals(after, bits(t.network().w[1][0]), "w21, w22 moved after the death");
            assertTrue(eventsOf(t, Event.Kind.REVIVED, 1, 0).isEmpty());
        }

        @Test
        void lowering_lambda_after_the_killing_step_does_not_revive_it() {
            Event death = case2Death();
            long k = death.step();
            double lower = s.spec.lr() / 10;
            for (long when : new long[] {k, k + 50}) {
                Replay r = new Replay(RunSpec.of(s).withOp(Op.lr(when, lower)));
                r.advanceTo(500);
                Training t = r.training();
                assertEquals(lower, t.lr());
                assertEquals(NeuronState.PERMANENTLY_DEAD, t.state(1, 0), "lambda lowered at step " + when);
                assertArrayEquals(bits(death.cause().weightsAfter()), bits(t.network().w[1][0]), "lambda lowered at step " + when);
                assertTrue(eventsOf(t, Event.Kind.REVIVED, 1, 0).isEmpty());
            }
        }

        @Test
        void restarting_with_a_tenth_of_lambda_and_the_same_seed_keeps_h1_of_layer_2_alive_for_2000_steps() {
            TrainingSpec lower = s.spec.withLr(s.spec.lr() / 10);
            RunSpec run = RunSpec.of(s).restarted(lower);
            assertEquals(s.spec.seed(), run.spec().seed());
            Replay r = new Replay(run);
            r.advanceTo(2000);
            Training t = r.training();
            assertEquals(2000, t.step());
            assertFalse(deathEventFor(t, 1, 0), "h1^(2) died with lambda / 10: " + t.events());
            assertEquals(NeuronState.ACTIVE, t.state(1, 0));
        }
    }

    // ---- inactive, not dead ----

    @Nested
    class Inactive_is_not_dead {
        final Scenario s = Scenario.INACTIVE_NOT_DEAD;

        @Test
        void the_focused_neuron_is_inactive_on_some_samples_and_active_on_others_at_step_0() {
            Training t = new Training(s.spec);
            int active = t.census().activeCount(s.focusLayer, s.focusNeuron);
            assertTrue(active > 0 && active < t.data().size(), "active on " + active + " of " + t.data().size());
            assertEquals(NeuronState.ACTIVE, t.state(s.focusLayer, s.focusNeuron));
            double[] z = t.preActivations(s.focusLayer, s.focusNeuron);
            assertTrue(Arrays.stream(z).anyMatch(v -> v <= 0) && Arrays.stream(z).anyMatch(v -> v > 0));
        }

        @Test
        void its_weights_change_within_the_first_epoch() {
            Training t = new Training(s.spec);
            long[] initial = bits(t.network().w[s.focusLayer][s.focusNeuron]);
            t.runTo(t.data().size());
            assertEquals(1, t.epoch());
            assertFalse(Arrays.equals(initial, bits(t.network().w[s.focusLayer][s.focusNeuron])));
        }

        @Test
        void a_sample_that_makes_it_inactive_gives_a_zero_update_yet_its_weights_move_later_and_it_never_dies() {
            Training t = new Training(s.spec);
            int layer = s.focusLayer, neuron = s.focusNeuron;
            long firstFlatStep = -1, movesAfterFlat = 0;
            while (t.step() < s.steps) {
                int sample = t.nextSample();
                boolean inactive = t.preActivations(layer, neuron)[sample] <= 0;
                if (inactive) {
                    GradientFactors f = t.explain(new WeightRef(layer, neuron, 0));
                    assertEquals(0.0, f.derivative(), "ReLU'(z) = 0 on an inactive sample");
                    assertEquals(0.0, f.gradient(), 0.0);
                }
                long[] before = bits(t.network().w[layer][neuron]);
                assertTrue(t.advance());
                boolean moved = !Arrays.equals(before, bits(t.network().w[layer][neuron]));
                if (inactive) {
                    assertFalse(moved, "step " + t.step() + ": an inactive sample must not move the weights");
                    if (firstFlatStep < 0) firstFlatStep = t.step();
                } else if (firstFlatStep >= 0 && moved) {
                    movesAfterFlat++;
                }
                assertFalse(t.state(layer, neuron).isDead(), "died at step " + t.step());
            }
            assertTrue(firstFlatStep >= 0, "no step with an inactive sample");
            assertTrue(movesAfterFlat > 0, "weights never moved after the first inactive sample");
            assertFalse(deathEventFor(t, layer, neuron));
        }
    }

    // ---- Leaky ReLU rescues case 2 ----

    @Nested
    class Leaky_ReLU_rescues_case_2 {
        final Scenario s = Scenario.LEAKY_RESCUES_CASE_2;

        @Test
        void it_is_the_case_2_run_with_only_the_activation_changed() {
            assertEquals(Activation.LEAKY, s.spec.act());
            assertEquals(Scenario.CASE_2.spec.withActivation(Activation.LEAKY, s.spec.alpha()), s.spec);
            assertEquals(Scenario.CASE_2.focusLayer, s.focusLayer);
            assertEquals(Scenario.CASE_2.focusNeuron, s.focusNeuron);
        }

        @Test
        void h1_of_layer_2_is_never_dead_and_its_weights_keep_changing_after_case_2s_killing_step() {
            long k = case2Death().step();
            Training t = new Training(s.spec);
            double[] atK10 = null;
            while (t.step() < Math.max(s.steps, k + 100)) {
                assertFalse(t.state(1, 0).isDead(), "dead at step " + t.step());
                if (t.step() == k + 10) atK10 = t.network().w[1][0].clone();
                if (t.step() == k + 100) break;
                assertTrue(t.advance());
            }
            assertNotNull(atK10);
            assertFalse(Arrays.equals(bits(atK10), bits(t.network().w[1][0])), "w21, w22 equal at k+10 and k+100");
            t.runTo(s.steps);
            assertFalse(deathEventFor(t, 1, 0), t.events().toString());
        }
    }

    // ---- a deep net that works anyway ----

    @Test
    void the_deep_net_ends_with_20_to_40_percent_dead_hidden_neurons_and_a_loss_below_a_tenth_of_its_start() {
        Scenario s = Scenario.DEEP_NET_WORKS_ANYWAY;
        Training t = new Training(s.spec);
        double start = t.loss();
        t.runTo(s.steps);
        assertEquals(s.steps, t.step());
        assertFalse(t.diverged());
        assertEquals(96, t.network().hiddenNeurons());
        double dead = t.census().deadTotal() / 96.0;
        assertTrue(dead >= 0.2 && dead <= 0.4, "dead fraction " + dead);
        assertTrue(t.loss() < 0.1 * start, "loss " + start + " -> " + t.loss());
    }

    // ---- healthy ----

    @Test
    void the_healthy_baseline_loses_no_neuron_and_its_loss_falls_below_a_tenth_of_its_start() {
        Scenario s = Scenario.HEALTHY;
        Training t = new Training(s.spec);
        double start = t.loss();
        t.runTo(s.steps);
        assertEquals(s.steps, t.step());
        List<Event> deaths = t.events().stream()
                .filter(e -> e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD).toList();
        assertTrue(deaths.isEmpty(), deaths.toString());
        assertEquals(0, t.census().deadTotal());
        assertTrue(t.loss() < 0.1 * start, "loss " + start + " -> " + t.loss());
    }

    // ---- every scenario ----

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void replaying_the_same_run_twice_gives_bit_identical_weights(Scenario s) {
        RunSpec run = RunSpec.of(s).at(s.steps);
        Training a = Replay.open(run).training(), b = Replay.open(run).training();
        assertEquals(s.steps, a.step());
        assertSameParameters(a, b);
        assertEquals(summary(a), summary(b));
        assertEquals(Double.doubleToRawLongBits(a.loss()), Double.doubleToRawLongBits(b.loss()));
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void replaying_a_link_with_interventions_twice_gives_bit_identical_weights(Scenario s) {
        RunSpec run = RunSpec.of(s).withOp(Op.lr(20, 0.01)).withOp(Op.redraw(40)).withOp(Op.act(60, Activation.ELU, 0.5))
                .withOp(Op.reinit(80)).withOp(Op.act(100, Activation.RELU, 0.01)).at(150);
        RunSpec again = RunSpec.parse(query(run.toQuery()), java.util.Set.of());
        assertEquals(run, again);
        assertSameParameters(Replay.open(run).training(), Replay.open(again).training());
    }

    static java.util.Map<String, String> query(String q) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String pair : q.split("&")) m.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        return m;
    }

    static List<String> summary(Training t) {
        return t.events().stream().map(e -> e.step() + " " + e.name() + " " + e.kind() + " " + e.by()).toList();
    }

    static void assertSameParameters(Training a, Training b) {
        Network x = a.network(), y = b.network();
        for (int l = 0; l < x.w.length; l++) {
            for (int i = 0; i < x.w[l].length; i++) {
                assertArrayEquals(bits(x.w[l][i]), bits(y.w[l][i]), "w[" + l + "][" + i + "]");
            }
            assertArrayEquals(bits(x.b[l]), bits(y.b[l]), "b[" + l + "]");
        }
    }
}
