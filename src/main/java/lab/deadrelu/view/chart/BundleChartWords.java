package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.I18n;

/** The charts' words from the message bundles ("chart.*" keys), so charts speak the page's language. */
public final class BundleChartWords implements ChartWords {
    private final I18n m;

    public BundleChartWords(I18n messages) {
        this.m = messages;
    }

    @Override public String stepAxis() { return m.t("chart.step"); }
    @Override public String band() { return m.t("chart.band"); }
    @Override public String noData() { return m.t("chart.noData"); }
    @Override public String pointTitle(String series, long step, String value) { return m.t("chart.point", series, step, value); }
    @Override public String others(int count) { return m.t("chart.weights.others", count); }

    @Override
    public String othersSummary(int count, double lowest, double highest) {
        return m.t("chart.weights.othersSummary", count, Signs.number(lowest), Signs.number(highest));
    }

    @Override public String lossTitle() { return m.t("chart.loss.title"); }
    @Override public String lossAxis() { return m.t("chart.loss.axis"); }
    @Override public String lossLine() { return m.t("chart.loss.line"); }

    @Override
    public String lossSummary(double first, long firstStep, double last, long lastStep, double lowest) {
        return m.t(last <= first ? "chart.loss.fell" : "chart.loss.rose", Format.number(first), firstStep, Format.number(last),
                lastStep, Format.number(lowest));
    }

    @Override public String deadTitle() { return m.t("chart.dead.title"); }
    @Override public String deadAxis() { return m.t("chart.dead.axis"); }
    @Override public String layerLine(int layer) { return m.t("chart.layer", layer); }

    @Override
    public String deadSummary(long step, int[] dead, int[] widths) {
        List<String> parts = new ArrayList<>();
        for (int h = 0; h < dead.length; h++) parts.add(m.t("chart.dead.part", dead[h], widths[h], h + 1));
        return m.t("chart.dead.summary", step, String.join(m.t("chart.listSeparator"), parts));
    }

    @Override public String dormantLine(double tau) { return m.t("chart.dormant.line", Format.number(tau)); }

    @Override
    public String dormantSummary(int[] low, int[] high, int[] widths) {
        return m.t("chart.dormant.summary", parts(low, widths), parts(high, widths), Format.number(lab.deadrelu.engine.Dormancy.LOW),
                Format.number(lab.deadrelu.engine.Dormancy.HIGH));
    }

    private String parts(int[] counts, int[] widths) {
        List<String> parts = new ArrayList<>();
        for (int h = 0; h < counts.length; h++) parts.add(m.t("chart.dead.part", counts[h], widths[h], h + 1));
        return String.join(m.t("chart.listSeparator"), parts);
    }

    @Override public String weightsTitle(String neuron) { return m.t("chart.weights.title", neuron); }
    @Override public String weightAxis() { return m.t("chart.weights.axis"); }
    @Override public String deathMarker(long step) { return step == 0 ? m.t("chart.marker.born") : m.t("chart.marker.died", step); }
    @Override public String stepMarker(long step) { return m.t("chart.marker.mark", step); }

    @Override
    public String weightsSummary(String neuron, List<String> names, double[] first, double[] last, long firstStep,
                                 long lastStep, Long deathStep) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) parts.add(m.t("chart.weights.part", names.get(j), Format.number(first[j]), Format.number(last[j])));
        String s = m.t("chart.weights.summary", firstStep, lastStep, String.join(m.t("chart.listSeparator"), parts));
        if (deathStep != null) s += " " + (deathStep == 0 ? m.t("chart.weights.born", neuron) : m.t("chart.weights.died", neuron, deathStep));
        return s;
    }

    @Override public String networkTitle() { return m.t("chart.network.title"); }
    @Override public String inputsColumn() { return m.t("chart.network.inputs"); }
    @Override public String hiddenColumn(int layer) { return m.t("chart.layer", layer); }
    @Override public String outputColumn() { return m.t("chart.network.output"); }
    @Override public String state(NeuronState state) { return m.t("neuron." + state.code); }
    @Override public String focused() { return m.t("chart.network.focused"); }
    @Override public String positiveWeight() { return m.t("chart.network.positive"); }
    @Override public String negativeWeight() { return m.t("chart.network.negative"); }
    @Override public String edgeWidth() { return m.t("chart.network.width"); }

    @Override
    public String nodeTitle(String name, String role, boolean focused) {
        return m.t(focused ? "chart.network.nodeFocused" : "chart.network.node", name, role);
    }

    @Override public String input() { return m.t("chart.network.input"); }
    @Override public String output() { return m.t("chart.network.outputNode"); }
    @Override public String edgeTitle(String weight, double value) { return weight + " = " + Format.number(value); }

    @Override
    public String partialEdges(String neuron, int shown, int total) {
        return m.t("chart.network.partial", neuron, shown, total);
    }

    @Override
    public String networkSummary(String shape, long step, int active, int dead, int permanentlyDead, int saturated,
                                 String focus, String focusState) {
        return m.t("chart.network.summary", shape, step, active, dead, permanentlyDead, saturated, focus, focusState);
    }
}
