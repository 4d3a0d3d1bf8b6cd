package lab.deadrelu.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassStatsTest {

    private static StudentRun run(String id, double lr, double loss, boolean diverged, String... dead) {
        int layer1 = 0, layer2 = 0;
        for (String d : dead) if (d.endsWith("(1)")) layer1++; else layer2++;
        return new StudentRun(id, id, "/lab?scenario=case-2", "case-2", lr, "relu", 1, 10, loss, List.of(layer1, layer2), List.of(dead), 4,
                diverged, 0);
    }

    @Test
    void counts_dead_neurons_per_name_in_network_order_and_runs_with_one_per_step_size() {
        ClassStats s = ClassStats.of(List.of(
                run("a", 0.3, 0.5, false, "h1^(2)"),
                run("b", 0.3, 0.2, false, "h1^(2)", "h2^(1)"),
                run("c", 0.1, 0.1, false),
                run("d", 0.3, 0.3, false)));
        assertEquals(4, s.runs());
        assertEquals(2, s.withDead());
        assertEquals(List.of(new ClassStats.NeuronCount("h2^(1)", 1), new ClassStats.NeuronCount("h1^(2)", 2)), s.neurons());
        assertEquals(2, s.byLr().size());
        assertEquals(0.1, s.byLr().get(0).lr());
        assertEquals(0, s.byLr().get(0).dead());
        assertEquals(1, s.byLr().get(0).runs());
        assertEquals(2, s.byLr().get(1).dead());
        assertEquals(3, s.byLr().get(1).runs());
        assertEquals(Wilson.of95(2, 3), s.byLr().get(1).interval());
    }

    @Test
    void losses_fall_in_half_decade_bins_and_diverged_runs_are_counted_apart() {
        ClassStats s = ClassStats.of(List.of(run("a", 0.3, 0.01, false), run("b", 0.3, 0.02, false), run("c", 0.3, 1.5, false),
                run("d", 9, Double.NaN, true)));
        ClassStats.LossHistogram h = s.loss();
        assertEquals(1, h.diverged());
        assertEquals(-2.0, h.from());
        assertEquals(0.5, h.width());
        assertEquals(List.of(2, 0, 0, 0, 1), h.counts());   // [-2, -1.5) holds 0.01 and 0.02; [0, 0.5) holds 1.5
    }
}
