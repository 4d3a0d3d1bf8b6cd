package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Initializer;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Target;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs as links: canonical formatting, round trips, strict refusal of bad values, and what a replay does with ops. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RunSpecTest {

    /** "a=1&b=2" as an ordered map, the way a web handler hands a query to RunSpec.parse. */
    static Map<String, String> query(String q) {
        Map<String, String> m = new LinkedHashMap<>();
        if (q.isEmpty()) return m;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            m.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return m;
    }

    static RunSpec parse(String q) {
        return RunSpec.parse(query(q), Set.of());
    }

    static void assertRoundTrip(RunSpec run) {
        String link = run.toQuery();
        RunSpec back = parse(link);
        assertEquals(run, back, link);
        assertEquals(link, back.toQuery());
    }

    // ---- round trips ----

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void a_preset_is_the_link_with_only_its_scenario_and_reads_back_as_itself(Scenario s) {
        RunSpec run = RunSpec.of(s);
        assertEquals("scenario=" + s.id, run.toQuery());
        assertRoundTrip(run);
        assertEquals(s.spec, parse("scenario=" + s.id).spec());
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void a_run_with_ops_focus_at_and_changed_parameters_reads_back_as_itself(Scenario s) {
        TrainingSpec d = s.spec;
        RunSpec run = RunSpec.of(s)
                .withSpec(d.withLr(0.07).withSeed(424242).withActivation(Activation.ELU, 0.5))
                .withOp(Op.redraw(40)).withOp(Op.act(50, Activation.LEAKY, 0.01)).withOp(Op.lr(120, 0.01))
                .withOp(Op.act(200, Activation.ELU, 2.5)).withOp(Op.reinit(300))
                .at(77).focus(0, 1);
        assertRoundTrip(run);
        String link = run.toQuery();
        assertTrue(link.contains("ops=redraw@40,act:leaky@50,lr:0.01@120,act:elu:2.5@200,reinit@300"), link);
        assertTrue(link.contains("at=77"), link);
        assertTrue(link.contains("focus=1.2"), link);
    }

    @Test
    void optimizersAreInTheLinkOnlyWithTheNumbersTheyUseAndOnlyWhenNotTheDefault() {
        assertEquals("scenario=case-2&opt=adam", parse("scenario=case-2&opt=adam").toQuery());
        assertEquals("scenario=case-2&opt=adam&beta1=0.8&eps=0.001", parse("scenario=case-2&opt=adam&eps=1e-3&beta1=0.8").toQuery());
        assertEquals("scenario=case-2&opt=momentum&beta=0.5", parse("scenario=case-2&beta=0.5&opt=momentum").toQuery());
        assertEquals("scenario=case-2", parse("scenario=case-2&opt=sgd").toQuery());
        RunSpec adam = parse("scenario=case-2&opt=adam&beta2=0.99");
        assertEquals(lab.deadrelu.engine.Optimizer.adam(0.9, 0.99, 1e-8), adam.spec().opt());
        Map<String, String> v = adam.values();
        assertEquals(List.of("adam", "0.9", "0.9", "0.99", "0.00000001"), List.of(v.get("opt"), v.get("beta"), v.get("beta1"), v.get("beta2"), v.get("eps")));
        assertEquals(parse(adam.toQuery()).spec(), adam.spec(), "the link reads back as the same run");
    }

    @Test
    void anOptimizerNumberTheOptimizerDoesNotUseOrOutOfRangeIsRefusedSayingWhatIsAllowed() {
        String[][] bad = {{"scenario=case-2&beta=0.5", "beta", "given only with opt=momentum"},
                {"scenario=case-2&opt=momentum&eps=1e-3", "eps", "given only with opt=adam"},
                {"scenario=case-2&opt=adam&beta1=1", "beta1", "[0, 1)"}, {"scenario=case-2&opt=adam&eps=0", "eps", "(0, 1]"},
                {"scenario=case-2&opt=rmsprop", "opt", "sgd, momentum or adam"}, {"scenario=case-2&opt=momentum&beta=x", "beta", "[0, 1)"}};
        for (String[] b : bad) {
            InvalidParameter e = assertThrows(InvalidParameter.class, () -> parse(b[0]), b[0]);
            assertEquals(b[1], e.parameter, b[0]);
            assertTrue(e.allowed.contains(b[2]), e.allowed);
        }
        assertEquals("1", assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&opt=adam&beta1=1")).value, "named as the link wrote it");
    }

    @Test
    void every_parameter_changed_at_once_reads_back_as_itself() {
        TrainingSpec spec = new TrainingSpec(new int[] {4, 5, 3, 1}, Activation.LEAKY, 0.2, true, 0.0125, 4, true, 99,
                Initializer.XAVIER, 1.0, new double[0], Target.QUADRATIC, 16, 0.25, true, 7);
        RunSpec run = RunSpec.of(Scenario.CASE_2).withSpec(spec).withOp(Op.lr(10, 0.5)).at(12).focus(1, 2);
        assertRoundTrip(run);
        assertEquals("scenario=case-2&layers=4-5-3-1&act=leaky&alpha=0.2&bias=true&init=xavier&lr=0.0125&batch=4"
                + "&shuffle=true&n=16&data=quad&noise=0.25&center=true&dseed=7&seed=99&ops=lr:0.5@10&at=12&focus=2.3", run.toQuery());
    }

    @Test
    void explicit_weights_and_a_uniform_scale_read_back_as_themselves() {
        double[] w = {0.1, -0.25, 3, -1e-3, 2, 0.5, -0.75, 1, 1.5, -2, 0.3333333333333333, -1e6};
        TrainingSpec d = Scenario.CASE_1.spec;
        TrainingSpec explicit = new TrainingSpec(d.layers(), d.act(), d.alpha(), d.bias(), d.lr(), d.batch(), d.shuffle(), d.seed(),
                Initializer.EXPLICIT, d.initScale(), w, d.data(), d.n(), d.noise(), d.centred(), d.dataSeed());
        assertRoundTrip(RunSpec.of(Scenario.CASE_1).withSpec(explicit));
        TrainingSpec uniform = new TrainingSpec(d.layers(), d.act(), d.alpha(), d.bias(), d.lr(), d.batch(), d.shuffle(), d.seed(),
                Initializer.UNIFORM, 0.35, new double[0], d.data(), d.n(), d.noise(), d.centred(), d.dataSeed());
        assertRoundTrip(RunSpec.of(Scenario.CASE_1).withSpec(uniform));
        // w without init means init=explicit
        RunSpec viaW = parse("scenario=case-1&w=" + String.join(",", Arrays.stream(w).mapToObj(Double::toString).toList()));
        assertEquals(Initializer.EXPLICIT, viaW.spec().init());
        assertArrayEquals(w, viaW.spec().weights());
        // "-0" and "0" are one number and one link
        RunSpec minusZero = parse("scenario=case-1&w=-0,1,1,1,1,1,1,1,1,1,1,1");
        assertEquals(0, Double.doubleToRawLongBits(minusZero.spec().weights()[0]));
        assertRoundTrip(minusZero);
        assertEquals(parse("scenario=case-1&w=0,1,1,1,1,1,1,1,1,1,1,1"), minusZero);
    }

    @Test
    void a_lambda_divided_by_ten_again_and_again_still_reads_back_as_itself() {
        double lr = Scenario.CASE_2.spec.lr();
        for (int i = 0; i < 12; i++) {
            lr /= 10;   // 0.03, 0.003, ... 3.0000000000000005E-6, ...: floating point leaves long tails
            RunSpec run = RunSpec.of(Scenario.CASE_2).withSpec(Scenario.CASE_2.spec.withLr(lr)).withOp(Op.lr(5, lr / 3));
            assertRoundTrip(run);
        }
        for (double v : new double[] {1e-30, 4.9e-324, 1.2345678901234567e-5, 123456.78901234567, 999999.9999999999}) {
            assertRoundTrip(RunSpec.of(Scenario.CASE_2).withSpec(Scenario.CASE_2.spec.withLr(v)));
        }
    }

    @Test
    void ops_added_out_of_order_give_the_same_run_as_their_link() {
        RunSpec run = RunSpec.of(Scenario.CASE_2).withOp(Op.lr(100, 0.01)).withOp(Op.lr(50, 0.2)).at(150);
        RunSpec back = parse(run.toQuery());
        assertEquals(run, back, run.toQuery());
        Training a = Replay.open(run).training(), b = Replay.open(back).training();
        assertEquals(b.lr(), a.lr());
        ScenarioClaimsTest.assertSameParameters(a, b);
    }

    // ---- canonical form ----

    @Test
    void the_canonical_link_orders_keys_as_KEYS_and_leaves_defaults_out() {
        assertEquals("scenario=case-2&lr=0.03", parse("lr=0.03&scenario=case-2").toQuery());
        assertEquals("scenario=case-2", parse("seed=11358&at=0&focus=2.1&act=relu&lr=0.3&scenario=case-2&layers=3-2-2-1&n=8&batch=1"
                + "&bias=false&shuffle=false&init=he&ops=&data=sin&noise=0&center=false&dseed=1").toQuery());
        RunSpec all = parse("focus=1.2&at=5&ops=reinit@3&seed=4&dseed=2&center=true&noise=0.5&data=linear&n=9&shuffle=true"
                + "&batch=3&lr=0.1&init=uniform&scale=0.5&bias=true&alpha=0.2&act=leaky&layers=3-3-2-1&scenario=case-1");
        List<String> keys = new ArrayList<>(query(all.toQuery()).keySet());
        List<String> inKeyOrder = keys.stream().sorted((a, b) -> RunSpec.KEYS.indexOf(a) - RunSpec.KEYS.indexOf(b)).toList();
        assertEquals(inKeyOrder, keys);
        assertEquals(19, keys.size(), all.toQuery());
        assertEquals(all.values().keySet().stream().toList(), RunSpec.KEYS);
    }

    @Test
    void numbers_are_written_one_way() {
        assertEquals("scenario=case-2&lr=0.03", parse("scenario=case-2&lr=3e-2").toQuery());
        assertEquals("scenario=case-2&lr=0.03", parse("scenario=case-2&lr=0.030").toQuery());
        assertEquals("scenario=case-2&lr=2", parse("scenario=case-2&lr=2.0").toQuery());
        assertEquals("scenario=case-2&seed=7", parse("scenario=case-2&seed=007").toQuery());
    }

    @Test
    void act_elu_without_alpha_gets_elus_default_alpha_1_and_the_link_does_not_mention_alpha() {
        RunSpec elu = parse("scenario=case-2&act=elu");
        assertEquals(Activation.ELU, elu.spec().act());
        assertEquals(1.0, elu.spec().alpha());
        assertEquals("scenario=case-2&act=elu", elu.toQuery());
        RunSpec eluHalf = parse("scenario=case-2&act=elu&alpha=0.5");
        assertEquals(0.5, eluHalf.spec().alpha());
        assertEquals("scenario=case-2&act=elu&alpha=0.5", eluHalf.toQuery());
        // from a Leaky preset: ELU still gets 1, and ReLU keeps the 0.01 it would ignore anyway
        assertEquals(1.0, parse("scenario=leaky-rescues-case-2&act=elu").spec().alpha());
        assertEquals("scenario=leaky-rescues-case-2&act=elu", parse("scenario=leaky-rescues-case-2&act=elu").toQuery());
        assertEquals(0.01, parse("scenario=case-2&act=leaky").spec().alpha());
        assertEquals("scenario=case-2&act=leaky", parse("scenario=case-2&act=leaky").toQuery());
        // and in an op
        assertEquals(1.0, Op.parse("act:elu@5").value());
        assertEquals("act:elu@5", Op.parse("act:elu:1@5").format());
    }

    @Test
    void a_changed_network_without_focus_moves_the_focus_to_a_neuron_that_exists() {
        RunSpec run = parse("scenario=case-2&layers=3-4-1");
        assertEquals(0, run.focusLayer());
        assertEquals(0, run.focusNeuron());
        assertRoundTrip(run);
    }

    @Test
    void the_caller_may_allow_its_own_parameters() {
        RunSpec run = RunSpec.parse(query("scenario=case-2&lang=zh"), Set.of("lang"));
        assertEquals("scenario=case-2", run.toQuery());
        InvalidParameter bad = assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&lang=zh"));
        assertEquals("lang", bad.parameter);
    }

    // ---- refusals ----

    static Stream<Arguments> badLinks() {
        String manyOps = String.join(",", java.util.Collections.nCopies(201, "reinit@1"));
        return Stream.of(
                Arguments.of("scenario=case-9", "scenario"),
                Arguments.of("lr=0.1", "scenario"),
                Arguments.of("scenario=case-2&speed=3", "speed"),
                Arguments.of("scenario=case-2&lr=0", "lr"),
                Arguments.of("scenario=case-2&lr=-1", "lr"),
                Arguments.of("scenario=case-2&lr=NaN", "lr"),
                Arguments.of("scenario=case-2&lr=Infinity", "lr"),
                Arguments.of("scenario=case-2&lr=1e7", "lr"),
                Arguments.of("scenario=case-2&lr=0x10", "lr"),
                Arguments.of("scenario=case-2&lr=abc", "lr"),
                Arguments.of("scenario=case-2&lr=0.1d", "lr"),
                Arguments.of("scenario=case-2&lr=", "lr"),
                Arguments.of("scenario=case-2&layers=3-0-1", "layers"),
                Arguments.of("scenario=case-2&layers=3-1000-1", "layers"),
                Arguments.of("scenario=case-2&layers=3-2-2-2", "layers"),
                Arguments.of("scenario=case-2&layers=3-2-2-2-2-2-2-2-2-2-1", "layers"),
                Arguments.of("scenario=case-2&layers=3-1", "layers"),
                Arguments.of("scenario=case-2&layers=9-2-1", "layers"),
                Arguments.of("scenario=case-2&layers=3-x-1", "layers"),
                Arguments.of("scenario=case-2&batch=9", "batch"),
                Arguments.of("scenario=case-2&n=4&batch=5", "batch"),
                Arguments.of("scenario=case-2&batch=0", "batch"),
                Arguments.of("scenario=case-2&n=0", "n"),
                Arguments.of("scenario=case-2&n=10001", "n"),
                Arguments.of("scenario=case-2&at=-1", "at"),
                Arguments.of("scenario=case-2&at=1000001", "at"),
                Arguments.of("scenario=case-2&ops=lr@3", "ops"),
                Arguments.of("scenario=case-2&ops=lr:x@3", "ops"),
                Arguments.of("scenario=case-2&ops=boom@3", "ops"),
                Arguments.of("scenario=case-2&ops=reinit@-1", "ops"),
                Arguments.of("scenario=case-2&ops=reinit@1000001", "ops"),
                Arguments.of("scenario=case-2&ops=reinit", "ops"),
                Arguments.of("scenario=case-2&ops=reinit:1@3", "ops"),
                Arguments.of("scenario=case-2&ops=reinit@3,", "ops"),
                Arguments.of("scenario=case-2&ops=act:tanh@3", "ops"),
                Arguments.of("scenario=case-2&ops=lr:0@3", "ops"),
                Arguments.of("scenario=case-2&ops=lr:-1@3", "ops"),
                Arguments.of("scenario=case-2&ops=lr:1e7@3", "ops"),
                Arguments.of("scenario=case-2&ops=act:leaky:0@3", "ops"),
                Arguments.of("scenario=case-2&ops=act:elu:11@3", "ops"),
                Arguments.of("scenario=case-2&ops=" + manyOps, "ops"),
                Arguments.of("scenario=case-2&focus=3.1", "focus"),
                Arguments.of("scenario=case-2&focus=1.3", "focus"),
                Arguments.of("scenario=case-2&focus=0.1", "focus"),
                Arguments.of("scenario=case-2&focus=2", "focus"),
                Arguments.of("scenario=case-2&seed=-1", "seed"),
                Arguments.of("scenario=case-2&seed=99999999999999999999", "seed"),
                Arguments.of("scenario=case-2&dseed=x", "dseed"),
                Arguments.of("scenario=case-2&act=tanh", "act"),
                Arguments.of("scenario=case-2&alpha=0", "alpha"),
                Arguments.of("scenario=case-2&alpha=11", "alpha"),
                Arguments.of("scenario=case-2&bias=maybe", "bias"),
                Arguments.of("scenario=case-2&init=lecun", "init"),
                Arguments.of("scenario=case-2&init=explicit", "w"),
                Arguments.of("scenario=case-2&w=1,2", "w"),
                Arguments.of("scenario=case-2&scale=0", "scale"),
                Arguments.of("scenario=case-2&noise=-1", "noise"),
                Arguments.of("scenario=case-2&data=cos", "data"),
                Arguments.of("scenario=case-2&shuffle=2", "shuffle"),
                Arguments.of("scenario=case-2&center=yes", "center"));
    }

    @ParameterizedTest(name = "{0} is refused, naming {1}")
    @MethodSource("badLinks")
    void a_bad_value_is_refused_with_an_error_that_names_the_parameter_and_what_is_allowed(String link, String parameter) {
        InvalidParameter bad = assertThrows(InvalidParameter.class, () -> parse(link));
        assertEquals(parameter, bad.parameter, bad.getMessage());
        assertFalse(bad.allowed.isBlank());
        assertTrue(bad.getMessage().startsWith(parameter + " = "), bad.getMessage());
        assertTrue(bad.getMessage().contains(bad.allowed), bad.getMessage());
    }

    @Test
    void the_refusal_says_what_is_allowed() {
        assertTrue(allowedFor("scenario=case-2&lr=0").contains("(0, 1e6]"));
        assertTrue(allowedFor("scenario=nope").contains("case-1") && allowedFor("scenario=nope").contains("healthy"));
        assertTrue(allowedFor("scenario=case-2&layers=3-1000-1").contains("64"));
        assertTrue(allowedFor("scenario=case-2&layers=3-2-2-2").contains("one output"));
        assertTrue(allowedFor("scenario=case-2&n=0").contains("10000"));
        assertTrue(allowedFor("scenario=case-2&batch=9").contains("8"));
        assertTrue(allowedFor("scenario=case-2&at=-1").contains("1000000"));
        assertTrue(allowedFor("scenario=case-2&ops=boom@3").contains("reinit@<step>"));
        assertTrue(allowedFor("scenario=case-2&ops=" + String.join(",", java.util.Collections.nCopies(201, "reinit@1"))).contains("200"));
        assertTrue(allowedFor("scenario=case-2&focus=3.1").contains("3-2-2-1"));
        assertTrue(allowedFor("scenario=case-2&speed=3").contains("scenario"));
    }

    static String allowedFor(String link) {
        return assertThrows(InvalidParameter.class, () -> parse(link)).allowed;
    }

    @Test
    void two_hundred_ops_are_allowed_and_two_hundred_and_one_are_not() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 200; i++) ops.add(Op.lr(i, 0.1));
        RunSpec run = new RunSpec(Scenario.CASE_2, Scenario.CASE_2.spec, ops, 0, 1, 0);
        assertRoundTrip(run);
        ops.add(Op.reinit(300));
        InvalidParameter bad = assertThrows(InvalidParameter.class, () -> new RunSpec(Scenario.CASE_2, Scenario.CASE_2.spec, ops, 0, 1, 0));
        assertEquals("ops", bad.parameter);
    }

    @Test
    void a_run_built_in_code_is_checked_like_a_link() {
        assertEquals("at", assertThrows(InvalidParameter.class, () -> RunSpec.of(Scenario.CASE_2).at(-1)).parameter);
        assertEquals("at", assertThrows(InvalidParameter.class, () -> RunSpec.of(Scenario.CASE_2).at(RunSpec.MAX_STEP + 1)).parameter);
        assertEquals("focus", assertThrows(InvalidParameter.class, () -> RunSpec.of(Scenario.CASE_2).focus(2, 0)).parameter);
        assertEquals("focus", assertThrows(InvalidParameter.class, () -> RunSpec.of(Scenario.CASE_2).focus(0, -1)).parameter);
    }

    // ---- replay semantics ----

    @Test
    void an_op_at_step_k_acts_after_k_updates() {
        RunSpec run = RunSpec.of(Scenario.CASE_2).withOp(Op.lr(5, 0.01));
        Replay r = new Replay(run);
        r.advanceTo(4);
        assertEquals(0.3, r.training().lr());
        r.advanceTo(5);
        assertEquals(5, r.training().step());
        assertEquals(0.01, r.training().lr(), "the op at 5 is applied as soon as 5 updates are done");
        r.advanceTo(20);

        Training by = new Training(Scenario.CASE_2.spec);   // the same by hand: 5 updates, then the new lr
        by.runTo(5);
        by.setLearningRate(0.01);
        by.runTo(20);
        ScenarioClaimsTest.assertSameParameters(by, r.training());
    }

    @Test
    void an_op_at_step_0_acts_before_the_first_update() {
        Replay r = new Replay(RunSpec.of(Scenario.CASE_2).withOp(Op.lr(0, 0.02)));
        assertEquals(0, r.training().step());
        assertEquals(0.02, r.training().lr());
    }

    @Test
    void opening_a_link_at_step_k_applies_the_ops_of_step_k() {
        RunSpec run = RunSpec.of(Scenario.CASE_1).withOp(Op.lr(5, 0.01)).withOp(Op.reinit(5)).withOp(Op.lr(6, 0.5)).at(5);
        Replay r = Replay.open(run);
        assertEquals(5, r.training().step());
        assertEquals(0.01, r.training().lr());
        assertTrue(r.training().events().stream().anyMatch(e -> e.step() == 5 && "reinit".equals(e.by())), "the reinit of step 5 ran");
        assertEquals(run, r.run());
    }

    @Test
    void an_intervention_drops_the_ops_the_link_had_scheduled_for_later() {
        RunSpec run = RunSpec.of(Scenario.CASE_2).withOp(Op.lr(3, 0.1)).withOp(Op.lr(10, 0.9));
        Replay r = new Replay(run);
        r.advanceTo(5);
        r.intervene(Op.reinit(5));
        assertEquals(List.of(Op.lr(3, 0.1), Op.reinit(5)), r.run().ops());
        r.advanceTo(12);
        assertEquals(0.1, r.training().lr(), "lr:0.9@10 was dropped");
        assertEquals(12, r.run().at());
        // the link of what is on screen replays to the same numbers
        ScenarioClaimsTest.assertSameParameters(r.training(), Replay.open(parse(r.run().toQuery())).training());
    }

    @Test
    void an_intervention_acts_at_the_current_step_only() {
        Replay r = new Replay(RunSpec.of(Scenario.CASE_2));
        r.advanceTo(5);
        assertThrows(IllegalArgumentException.class, () -> r.intervene(Op.reinit(4)));
        assertThrows(IllegalArgumentException.class, () -> r.intervene(Op.reinit(6)));
    }
}
