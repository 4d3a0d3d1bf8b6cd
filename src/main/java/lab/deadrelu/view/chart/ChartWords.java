package lab.deadrelu.view.chart;

import java.util.List;
import lab.deadrelu.engine.NeuronState;

/**
 * Every visible word of the charts and the network diagram, in the reader's language. The web
 * layer implements it over its message bundles; the builders put the results into the records, so
 * templates never look a message up. Numbers reach the sentences as numbers: format them with
 * {@link Format#number(double)} (values) and as plain integers (steps).
 */
public interface ChartWords {
    // ---- shared ----
    /** The x axis of every chart: "step". */
    String stepAxis();

    /** Legend of the shaded band: "min–max of merged steps". */
    String band();

    /** Text alternative of a chart without data: "No steps yet." */
    String noData();

    /** A point's tooltip and accessible name: "w₂₁, step 8: −0.42" (the value already formatted). */
    default String pointTitle(String series, long step, String value) {
        return series + ", step " + step + ": " + value;
    }

    // ---- loss chart ----
    String lossTitle();

    /** The y axis: "loss (log scale)". */
    String lossAxis();

    /** Legend of the loss line. */
    String lossLine();

    /** "Loss fell from 0.757 at step 0 to 0.0529 at step 500 (lowest 0.0511)." */
    String lossSummary(double first, long firstStep, double last, long lastStep, double lowest);

    // ---- dead neurons per layer ----
    String deadTitle();

    /** The y axis: "dead neurons". */
    String deadAxis();

    /** Legend of one hidden layer's line, 1-based: "layer 1". */
    String layerLine(int layer);

    /** "At step 500: 0 of 2 neurons dead in layer 1, 1 of 2 in layer 2." dead[h] of widths[h]. */
    String deadSummary(long step, int[] dead, int[] widths);

    /** Legend of ReDo's τ-dormant neurons: "dormant (τ = 0.1)". */
    String dormantLine(double tau);

    /** The sentence after the dead summary when the chart shows the dormant: "Dormant ... at τ = 0.025: 1 of 2 in layer 1; at τ = 0.1: ...", low[h] and high[h] of widths[h]. */
    String dormantSummary(int[] low, int[] high, int[] widths);

    // ---- incoming weights of the focused neuron ----
    /** "Weights into h1^(2)". */
    String weightsTitle(String neuron);

    /** The y axis: "weight". */
    String weightAxis();

    /** The death marker's label: "died at step 8" (step 0: "born dead"). */
    String deathMarker(long step);

    /** The label of the marker at a step the link marks (mark=8), e.g. the step of an event: "marked: step 8". */
    default String stepMarker(long step) {
        return "marked: step " + step;
    }

    /** The legend of the band that stands for the weights a crowded chart does not name: "27 others". */
    default String others(int count) {
        return count + " others";
    }

    /** Said after the named weights: "27 other weights end between −0.31 and 0.44." */
    default String othersSummary(int count, double lowest, double highest) {
        return count + " other weights end between " + Signs.number(lowest) + " and " + Signs.number(highest) + ".";
    }

    /** "From step 0 to 500: w21 went from 0.41 to -0.23, w22 from 0.18 to -0.05. h1^(2) died at step 8." */
    String weightsSummary(String neuron, List<String> names, double[] first, double[] last, long firstStep,
                          long lastStep, Long deathStep);

    // ---- network diagram ----
    String networkTitle();

    /** Column headings: "inputs", "layer 1" (1-based), "output". */
    String inputsColumn();

    String hiddenColumn(int layer);

    String outputColumn();

    /** A state's name: "active", "dead", "permanently dead", "saturated". */
    String state(NeuronState state);

    /** Legend entries. */
    String focused();

    String positiveWeight();

    String negativeWeight();

    /** "thicker line: larger |w|" */
    String edgeWidth();

    /** Tooltip of a node: "h1^(2): dead (focused)"; `role` is a state's name, "input" or "output". */
    String nodeTitle(String name, String role, boolean focused);

    String input();

    String output();

    /** Tooltip of an edge: "w21 = -0.232". */
    String edgeTitle(String weight, double value);

    /** Caption when a big network shows only the focused neuron's edges. */
    String partialEdges(String neuron, int shown, int total);

    /** Text alternative: "Network 3-2-2-1 at step 100: 3 of 4 hidden neurons active, 1 dead (1 permanently) ..." */
    String networkSummary(String shape, long step, int active, int dead, int permanentlyDead, int saturated,
                          String focus, String focusState);
}
