package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.sim.Series;

/** A scenario run to some step with the histories the lab keeps: loss, dead per layer, the focused neuron's weights. */
final class CaseRun {
    final Scenario scenario;
    final Training training;
    final Series loss;
    final List<Series> deadPerLayer = new ArrayList<>();
    final List<Series> weights = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final int[] widths;

    CaseRun(Scenario scenario, long steps, int capacity) {
        this.scenario = scenario;
        this.training = new Training(scenario.spec);
        int[] layers = scenario.spec.layers();
        widths = new int[layers.length - 2];
        for (int h = 0; h < widths.length; h++) {
            widths[h] = layers[h + 1];
            deadPerLayer.add(new Series(capacity));
        }
        loss = new Series(capacity);
        int fanIn = layers[scenario.focusLayer];
        for (int j = 0; j < fanIn; j++) {
            weights.add(new Series(capacity));
            names.add(new WeightRef(scenario.focusLayer, scenario.focusNeuron, j).name());
        }
        record();
        for (long s = 0; s < steps && training.advance(); s++) record();
    }

    private void record() {
        Snapshot snap = training.snapshot();
        loss.add(snap.step(), snap.loss());
        for (int h = 0; h < widths.length; h++) deadPerLayer.get(h).add(snap.step(), snap.deadIn(h));
        double[] in = snap.weights()[scenario.focusLayer][scenario.focusNeuron];
        for (int j = 0; j < in.length; j++) weights.get(j).add(snap.step(), in[j]);
    }

    /** The step the focused neuron last became dead (born dead or killed), or null. */
    Long deathStep() {
        Long step = null;
        for (Event e : training.events()) {
            if (e.layer() != scenario.focusLayer || e.neuron() != scenario.focusNeuron) continue;
            if (e.kind() == Event.Kind.DIED || e.kind() == Event.Kind.BORN_DEAD) step = e.step();
            if (e.kind() == Event.Kind.REVIVED) step = null;
        }
        return step;
    }

    String focusName() {
        return Event.neuronName(scenario.focusLayer, scenario.focusNeuron);
    }

    LineChart lossChart() {
        return Charts.loss("loss-chart", loss, training.step(), EnglishChartWords.INSTANCE);
    }

    LineChart deadChart() {
        return Charts.deadCounts("dead-chart", deadPerLayer, widths, EnglishChartWords.INSTANCE);
    }

    LineChart weightsChart() {
        return Charts.weights("weights-chart", weights, names, deathStep(), focusName(), EnglishChartWords.INSTANCE);
    }

    NetworkDiagram diagram() {
        return NetworkDiagram.of("network", training.snapshot(), scenario.focusLayer, scenario.focusNeuron,
                (h, i) -> "/lab?s=" + scenario.id + "&focus=" + (h + 1) + "." + (i + 1), EnglishChartWords.INSTANCE);
    }
}
