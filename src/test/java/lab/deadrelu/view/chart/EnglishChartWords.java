package lab.deadrelu.view.chart;

import java.util.List;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.view.i18n.Format;

/** The charts' English words, fixed in code: for tests of the charts' geometry and words without the bundles. */
public final class EnglishChartWords implements ChartWords {
    public static final EnglishChartWords INSTANCE = new EnglishChartWords();

    @Override public String stepAxis() { return "step"; }
    @Override public String band() { return "min–max of merged steps"; }
    @Override public String noData() { return "No steps yet."; }

    @Override public String lossTitle() { return "Loss"; }
    @Override public String lossAxis() { return "loss (log scale)"; }
    @Override public String lossLine() { return "loss"; }

    @Override
    public String lossSummary(double first, long firstStep, double last, long lastStep, double lowest) {
        if (lastStep == firstStep) return "Loss is " + Format.number(last) + " at step " + lastStep + ".";
        String verb = last < first ? "fell" : last > first ? "rose" : "stayed";
        String s = "Loss " + verb + " from " + Format.number(first) + " at step " + firstStep + " to "
                + Format.number(last) + " at step " + lastStep;
        return lowest < last ? s + " (lowest " + Format.number(lowest) + ")." : s + ".";
    }

    @Override public String deadTitle() { return "Dead neurons per layer"; }
    @Override public String deadAxis() { return "dead neurons"; }
    @Override public String layerLine(int layer) { return "layer " + layer; }

    @Override public String dormantLine(double tau) { return "dormant (τ = " + tau + ")"; }

    @Override
    public String dormantSummary(int[] low, int[] high, int[] widths) {
        return "Dormant at τ = 0.025: " + java.util.Arrays.toString(low) + "; at τ = 0.1: " + java.util.Arrays.toString(high) + ".";
    }

    @Override
    public String deadSummary(long step, int[] dead, int[] widths) {
        StringBuilder s = new StringBuilder("At step ").append(step).append(": ");
        for (int h = 0; h < dead.length; h++) {
            s.append(h == 0 ? "" : ", ").append(dead[h]).append(" of ").append(widths[h])
                    .append(h == 0 ? " neurons dead in layer " : " in layer ").append(h + 1);
        }
        return s.append('.').toString();
    }

    @Override public String weightsTitle(String neuron) { return "Weights into " + neuron; }
    @Override public String weightAxis() { return "weight"; }
    @Override public String deathMarker(long step) { return step == 0 ? "born dead" : "died at step " + step; }

    @Override
    public String weightsSummary(String neuron, List<String> names, double[] first, double[] last, long firstStep,
                                 long lastStep, Long deathStep) {
        StringBuilder s = new StringBuilder("From step ").append(firstStep).append(" to ").append(lastStep).append(": ");
        for (int i = 0; i < names.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(names.get(i)).append(i == 0 ? " went from " : " from ")
                    .append(Format.number(first[i])).append(" to ").append(Format.number(last[i]));
        }
        s.append('.');
        if (deathStep != null) s.append(' ').append(neuron).append(deathStep == 0 ? " was born dead." : " died at step " + deathStep + ".");
        return s.toString();
    }

    @Override public String networkTitle() { return "Network"; }
    @Override public String inputsColumn() { return "inputs"; }
    @Override public String hiddenColumn(int layer) { return "layer " + layer; }
    @Override public String outputColumn() { return "output"; }

    @Override
    public String state(NeuronState state) {
        switch (state) {
            case ACTIVE: return "active";
            case DEAD: return "dead";
            case PERMANENTLY_DEAD: return "permanently dead";
            default: return "saturated";
        }
    }

    @Override public String focused() { return "focused"; }
    @Override public String positiveWeight() { return "positive weight"; }
    @Override public String negativeWeight() { return "negative weight"; }
    @Override public String edgeWidth() { return "thicker line: larger |w|"; }

    @Override
    public String nodeTitle(String name, String role, boolean focused) {
        return name + ": " + role + (focused ? " (focused)" : "");
    }

    @Override public String input() { return "input"; }
    @Override public String output() { return "output"; }
    @Override public String edgeTitle(String weight, double value) { return weight + " = " + Format.number(value); }

    @Override
    public String partialEdges(String neuron, int shown, int total) {
        return "Showing only the " + shown + " connections of " + neuron + " (of " + total + ").";
    }

    @Override
    public String networkSummary(String shape, long step, int active, int dead, int permanentlyDead, int saturated,
                                 String focus, String focusState) {
        int hidden = active + dead + saturated;
        StringBuilder s = new StringBuilder("Network ").append(shape).append(" at step ").append(step).append(": ")
                .append(active).append(" of ").append(hidden).append(" hidden neurons active, ").append(dead).append(" dead");
        if (permanentlyDead > 0) s.append(" (").append(permanentlyDead).append(" permanently)");
        if (saturated > 0) s.append(", ").append(saturated).append(" saturated");
        s.append('.');
        if (focus != null) s.append(" Focused: ").append(focus).append(", ").append(focusState).append('.');
        return s.toString();
    }
}
