package lab.deadrelu.view.lab;

import static lab.deadrelu.view.lab.TeachingViewsTest.EN;
import static lab.deadrelu.view.lab.TeachingViewsTest.ZH;
import static lab.deadrelu.view.lab.TeachingViewsTest.inspector;
import static lab.deadrelu.view.lab.TeachingViewsTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.engine.OptimizerStep;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.Signs;
import org.junit.jupiter.api.Test;

/** Under momentum and Adam the inspector and the certificates show the step the optimizer took, not λ·g. */
class OptimizerViewsTest {

    static Map<String, GradientInspector.Row> rows(GradientInspector g) {
        Map<String, GradientInspector.Row> rows = new LinkedHashMap<>();
        for (GradientInspector.Row r : g.rows()) rows.put(r.key(), r);
        return rows;
    }

    @Test
    void adamsInspectorShowsItsCorrectedMomentsAndWhyItsStepIsAboutLambdaAtMost() {
        SimulationState s = state("scenario=case-2&opt=adam&at=8");
        OptimizerStep step = s.inspection().optimizer();
        GradientInspector g = GradientInspector.of(s, EN, "/lab/x");
        assertEquals(List.of("upstream", "error", "downstream", "derivative", "gradient", "lr", "mHat", "vHat", "change", "before", "after"),
                List.copyOf(rows(g).keySet()));
        assertEquals(Signs.number(step.change()), rows(g).get("change").value());
        double before = s.inspection().factors().weightBefore(), now = s.inspection().weightNow();
        assertEquals(before - now, step.change(), 1e-15, "what the inspector says was subtracted is what was subtracted");
        assertTrue(Math.abs(step.change()) <= 0.3 * 1.01, "one Adam step is at most about λ: " + step.change());
        assertTrue(g.note().contains("one Adam step moves w₂₁ by about λ = 0.3 at most"), g.note());
        String html = inspector(g, EN);
        assertTrue(html.contains("<mi>ε</mi>") && html.contains("<msqrt>"), "the update line is Adam's");
        assertTrue(inspector(GradientInspector.of(s, ZH, "/lab/x"), ZH).contains("Adam 的一步最多只让"));
    }

    @Test
    void momentumsInspectorShowsTheVelocityItSubtracts() {
        SimulationState s = state("scenario=case-2&opt=momentum&at=4");
        OptimizerStep step = s.inspection().optimizer();
        GradientInspector g = GradientInspector.of(s, EN, "/lab/x");
        assertEquals(Signs.number(step.m()), rows(g).get("velocity").value());
        assertEquals(0.3 * step.m(), step.change(), 0.0, "momentum subtracts λ·v");
        assertEquals(s.inspection().factors().weightBefore() - step.change(), s.inspection().weightNow(), 1e-15);
        assertTrue(inspector(g, EN).contains("<mi>β</mi>"));
    }

    @Test
    void plainSgdKeepsItsLambdaTimesGradientLine() {
        SimulationState s = state("scenario=case-2&at=8");
        assertEquals(null, s.inspection().optimizer());
        assertTrue(rows(GradientInspector.of(s, EN, "/lab/x")).containsKey("change"));
    }

    @Test
    void aDeathCertificateUnderMomentumNamesTheMomentumStep() {
        SimulationState s = state("scenario=case-2&opt=momentum&at=30");
        String text = CertificatesTest.card(s, EN, "h₁⁽²⁾").text();
        assertTrue(text.contains("was killed at step 5: the momentum update (λ = 0.3) took"), text);
        assertTrue(text.contains("(a step of "), text);
        assertTrue(CertificatesTest.card(s, ZH, "h₁⁽²⁾").text().contains("动量更新"), "zh");
    }
}
