package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.WeightRef;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The link parameter `weight`: the gradient inspector's weight, <layer>.<to>.<from>, default left out. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WeightLinkTest {

    static RunSpec parse(String q) {
        return RunSpecTest.parse(q);
    }

    @Test
    void weight_comes_right_after_focus_in_the_canonical_order() {
        assertEquals(RunSpec.KEYS.indexOf("focus") + 1, RunSpec.KEYS.indexOf("weight"));
        assertEquals("scenario=case-2&at=8&weight=2.1.2", parse("weight=2.1.2&at=8&scenario=case-2").toQuery());
    }

    @Test
    void the_default_is_the_focused_neurons_first_incoming_weight_and_is_left_out() {
        RunSpec run = parse("scenario=case-2");
        assertEquals(new WeightRef(1, 0, 0), run.weight(), "w21 for h1^(2)");
        assertEquals("w21", run.weight().name());
        assertEquals("scenario=case-2", parse("scenario=case-2&weight=2.1.1").toQuery());
        RunSpec other = parse("scenario=case-2&focus=1.2");
        assertEquals(new WeightRef(0, 1, 0), other.weight());
        assertEquals("scenario=case-2&focus=1.2", parse("scenario=case-2&focus=1.2&weight=1.2.1").toQuery(),
                "the default follows the focus");
        assertEquals("scenario=case-2&focus=1.2&weight=2.1.1", parse("scenario=case-2&focus=1.2&weight=2.1.1").toQuery(),
                "the scenario's default weight is no default under another focus");
    }

    @Test
    void links_with_a_weight_read_back_as_themselves() {
        for (String q : List.of("scenario=case-2&weight=2.1.2", "scenario=case-2&weight=3.1.1", "scenario=case-1&weight=1.2.3",
                "scenario=case-2&bias=true&weight=2.1.b", "scenario=deep-net-works-anyway&weight=4.1.32",
                "scenario=case-2&at=7&focus=1.2&weight=1.1.3")) {
            RunSpec run = parse(q);
            assertEquals(q, run.toQuery());
            RunSpecTest.assertRoundTrip(run);
        }
        assertEquals(new WeightRef(1, 0, WeightRef.BIAS), parse("scenario=case-2&bias=true&weight=2.1.b").weight());
        assertEquals(new WeightRef(2, 0, 0), parse("scenario=case-2&weight=3.1.1").weight(), "w31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.1.3", "2.3.1", "4.1.1", "0.1.1", "2.0.1", "2.1.0", "2.1.b", "2.1", "2.1.2.1", "", "w21", "2.1.x",
        "2.1.-1", "99999999999.1.1", "2..1"})
    void a_weight_the_network_lacks_is_refused_naming_weight_and_the_allowed_form(String value) {
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&weight=" + value));
        assertEquals("weight", e.parameter);
        assertTrue(e.allowed.contains("<layer>.<to>.<from>") && e.allowed.contains("3-2-2-1"), e.allowed);
        assertTrue(e.allowed.contains("only with biases on"), "case 2 has no biases: " + e.allowed);
    }

    @Test
    void changing_the_focus_resets_the_weight_keeping_it_keeps_it() {
        RunSpec run = parse("scenario=case-2&weight=2.1.2");
        assertEquals(new WeightRef(1, 0, 1), run.focus(1, 0).weight(), "same focus");
        assertEquals(new WeightRef(0, 1, 0), run.focus(0, 1).weight(), "new focus: its first weight");
        assertEquals(new WeightRef(1, 0, 1), run.at(30).weight());
        assertEquals(new WeightRef(1, 0, 1), run.withOp(Op.reinit(3)).weight());
        assertEquals(new WeightRef(1, 0, 1), run.restarted(run.spec().withLr(0.01)).weight());
        assertEquals(new WeightRef(2, 0, 0), run.withWeight(new WeightRef(2, 0, 0)).weight());
        InvalidParameter e = assertThrows(InvalidParameter.class, () -> run.withWeight(new WeightRef(1, 0, 2)));
        assertEquals("weight", e.parameter);
        assertEquals("2.1.3", e.value);
    }

    @Test
    void a_bias_weight_falls_back_to_the_default_when_biases_go_off() {
        RunSpec biased = parse("scenario=case-2&bias=true&weight=2.1.b");
        var s = biased.spec();
        var off = new lab.deadrelu.engine.TrainingSpec(s.layers(), s.act(), s.alpha(), false, s.lr(), s.batch(), s.shuffle(), s.seed(),
                s.init(), s.initScale(), s.weights(), s.data(), s.n(), s.noise(), s.centred(), s.dataSeed());
        assertEquals(new WeightRef(1, 0, 0), biased.restarted(off).weight());
    }

    @Test
    void an_intervention_keeps_the_weight_in_the_replayed_link() {
        Replay r = Replay.open(parse("scenario=case-2&at=5&weight=2.1.2"));
        r.intervene(Op.lr(5, 0.01));
        assertEquals("scenario=case-2&ops=lr:0.01@5&at=5&weight=2.1.2", r.run().toQuery());
    }
}
