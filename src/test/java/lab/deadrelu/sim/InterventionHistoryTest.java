package lab.deadrelu.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;

/** A run changed live by an intervention charts exactly what its link charts when opened afresh. */
class InterventionHistoryTest {

    private static Simulation open(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return new Simulation("id", "owner", RunSpec.parse(params, Set.of()), null, 0);
    }

    private static String dump(Series s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) b.append(s.stepOf(i)).append(':').append(s.minOf(i)).append('/').append(s.maxOf(i)).append('/').append(s.lastOf(i)).append(' ');
        return b.toString();
    }

    private static void assertSameHistory(Simulation live) {
        Simulation reopened = open(live.run().toQuery());
        History a = live.state().history(), b = reopened.state().history();
        String link = live.run().toQuery();
        assertEquals(dump(b.loss), dump(a.loss), "loss, " + link);
        for (int h = 0; h < a.dead.length; h++) assertEquals(dump(b.dead[h]), dump(a.dead[h]), "dead " + h + ", " + link);
        for (int j = 0; j < a.focusWeights.length; j++) assertEquals(dump(b.focusWeights[j]), dump(a.focusWeights[j]), "weight " + j + ", " + link);
    }

    @Test
    void reinitializingAtAStepChartsWhatTheLinkCharts() {
        Simulation sim = open("scenario=case-2&at=40");
        sim.reinitialize();
        assertSameHistory(sim);
        sim.stepEpoch();
        assertSameHistory(sim);
    }

    @Test
    void anInterventionAtStepZeroChartsWhatTheLinkCharts() {
        Simulation sim = open("scenario=case-2");
        sim.reinitialize();
        sim.setActivation(Activation.LEAKY);
        sim.stepOnce();
        assertSameHistory(sim);
    }

    @Test
    void twoInterventionsAtOneStepAndLaterOnesChartWhatTheLinkCharts() {
        Simulation sim = open("scenario=case-2&at=20");
        sim.setActivation(Activation.LEAKY);
        sim.applyLr(0.05);
        sim.stepEpoch();
        sim.redrawDead();
        sim.stepOnce();
        assertSameHistory(sim);
    }

    @Test
    void anInterventionInsideAMergedBucketChartsWhatTheLinkCharts() {
        // 1,000 steps in 240 buckets: each bucket covers several steps, so the intervention's step shares one.
        Simulation sim = open("scenario=case-2&at=1001");
        sim.reinitialize();
        assertSameHistory(sim);
        sim.stepOnce();
        sim.reinitialize();
        sim.stepEpoch();
        assertSameHistory(sim);
    }

    @Test
    void replacingTheLastValueForgetsTheOneItReplaces() {
        Series s = new Series(4);
        for (int step = 0; step < 9; step++) s.add(step, step);   // buckets now cover 4 steps
        s.add(9, 100);
        s.replaceLast(-5);
        Series t = new Series(4);
        for (int step = 0; step < 9; step++) t.add(step, step);
        t.add(9, -5);
        assertEquals(dump(t), dump(s));
        s.replaceLast(7);
        s.replaceLast(6);
        Series u = new Series(4);
        for (int step = 0; step < 9; step++) u.add(step, step);
        u.add(9, 6);
        assertEquals(dump(u), dump(s));
    }
}
