package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.Training;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

class NetworkDiagramTest {
    static final ChartWords EN = EnglishChartWords.INSTANCE;
    static final NeuronLink LINK = (h, i) -> "/lab?focus=" + (h + 1) + "." + (i + 1);

    @Test
    void theArticlesNetworkHasAllNodesAndEdgesAndShowsTheDeadNeuron() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 100, 256);
        NetworkDiagram d = run.diagram();
        assertEquals(3 + 2 + 2 + 1, d.nodes().size());
        assertEquals(6 + 4 + 2, d.edges().size());
        assertFalse(d.partial());
        assertNull(d.caption());
        assertEquals(List.of("inputs", "layer 1", "layer 2", "output"), d.columns().stream().map(NetworkDiagram.Column::label).toList());

        NetworkDiagram.Node h12 = node(d, 1, 0);
        assertEquals("h1^(2)", h12.name());
        assertEquals(NeuronState.PERMANENTLY_DEAD, h12.state());
        assertEquals("node permanently-dead focused", h12.cssClass());
        assertEquals(NetworkDiagram.Shape.CROSSED_SQUARE, h12.shape());
        assertTrue(h12.hasMark() && h12.hasRing() && h12.focused());
        assertEquals("/lab?s=case-2&focus=2.1", h12.url());
        assertEquals("h₁⁽²⁾: permanently dead (focused)", h12.title(), "the post's notation in what the reader sees");
        assertEquals(new NetworkDiagram.Label("h", "1", "(2)", 0, h12.r() + 21, "middle", true), h12.label(), "under the node (clear of a focus ring), in px");

        NetworkDiagram.Node h11 = node(d, 0, 0);
        assertEquals("node active", h11.cssClass());
        assertEquals(NetworkDiagram.Shape.CIRCLE, h11.shape());
        assertFalse(h11.hasMark() || h11.hasRing());

        List<NetworkDiagram.Node> inputs = d.nodes().stream().filter(n -> n.cssClass().equals("node input")).toList();
        assertEquals(List.of("1", "2", "3"), inputs.stream().map(n -> n.label().sub()).toList());
        assertTrue(inputs.stream().allMatch(n -> n.url() == null && n.layer() == -1 && n.label().base().equals("x")));
        assertEquals(1, d.nodes().stream().filter(n -> n.cssClass().equals("node output") && n.label().base().equals("ŷ")).count());
        assertTrue(d.description().startsWith("Network 3-2-2-1 at step 100: 3 of 4 hidden neurons active, 1 dead (1 permanently)."),
                d.description());

        // columns left to right, each layer centred: inputs at one x, hidden layers further right
        assertTrue(inputs.get(0).cx() < h11.cx() && h11.cx() < h12.cx());
        assertEquals(inputs.get(1).cy(), d.nodes().get(d.nodes().size() - 1).cy(), 1e-9, "the output sits level with x2");
    }

    @Test
    void edgesAreColouredBySignAndWidenedBySize() {
        Snapshot snap = new CaseRun(Scenario.CASE_2, 100, 256).training.snapshot();
        NetworkDiagram d = NetworkDiagram.of("n", snap, 1, 0, LINK, EN);
        double largest = 0;
        for (double[][] layer : snap.weights()) for (double[] row : layer) for (double w : row) largest = Math.max(largest, Math.abs(w));
        for (NetworkDiagram.Edge e : d.edges()) {
            String sign = e.cssClass().split(" ")[0];
            assertEquals(e.value() > 0 ? "pos" : "neg", sign, e.title());
            assertEquals(1 + 5 * Math.abs(e.value()) / largest, e.width(), 0.051, e.title());
            assertTrue(e.width() >= 1 && e.width() <= 6);
            assertTrue(e.title().matches("w.* = -?[0-9.e-]+"), e.title());
        }
        assertEquals(6.0, d.edges().stream().mapToDouble(NetworkDiagram.Edge::width).max().orElseThrow());
        // w21 and w22 run into the focused neuron, w31 out of it: marked as its edges
        List<String> focusEdges = d.edges().stream().filter(e -> e.cssClass().endsWith(" focus"))
                .map(e -> e.title().split(" ")[0]).toList();
        assertEquals(List.of("w₂₁", "w₂₂", "w₃₁"), focusEdges);
        NetworkDiagram.Edge w22 = d.edges().stream().filter(e -> e.title().startsWith("w₂₂ ")).findFirst().orElseThrow();
        assertEquals("neg focus", w22.cssClass(), "case 2 pushed w22 below zero");
        NetworkDiagram.Node h21 = node(d, 0, 1), h12 = node(d, 1, 0);
        assertEquals(List.of(h21.cx(), h21.cy(), h12.cx(), h12.cy()), List.of(w22.x1(), w22.y1(), w22.x2(), w22.y2()));
    }

    @Test
    void aDeepNetworkDrawsOnlyTheFocusedNeuronsEdges() {
        Scenario deep = Scenario.DEEP_NET_WORKS_ANYWAY;
        Snapshot snap = new Training(deep.spec).snapshot();
        NetworkDiagram d = NetworkDiagram.of("n", snap, deep.focusLayer, deep.focusNeuron, LINK, EN);
        assertEquals(3 + 32 * 3 + 1, d.nodes().size());
        assertTrue(d.partial());
        assertEquals(32 + 32, d.edges().size());
        NetworkDiagram.Node focus = node(d, deep.focusLayer, deep.focusNeuron);
        assertTrue(focus.focused());
        for (NetworkDiagram.Edge e : d.edges()) {
            boolean in = e.x2() == focus.cx() && e.y2() == focus.cy(), out = e.x1() == focus.cx() && e.y1() == focus.cy();
            assertTrue(in ^ out, "every edge touches the focused neuron: " + e);
            assertFalse(e.cssClass().contains("focus"), "no highlight needed when only its edges show");
        }
        assertEquals("Showing only the 64 connections of h₁₀⁽²⁾ (of 2176).", d.caption());
        assertEquals("network-l", d.size(), "the tall size: room for 32 nodes a column");
        assertTrue(focus.r() < 8, "small nodes in wide layers");
        assertFalse(focus.label().visible(), "wide layers name their nodes in tooltips only");
        assertTrue(node(d, 2, 0).cy() >= 0 && node(d, 2, 31).cy() <= 1000, "the first and last node lie in the content box");
        double pitch = (node(d, 2, 2).cy() - node(d, 2, 0).cy()) / 1000 * NetworkDiagram.contentHeight(d.size());
        assertTrue(pitch >= 2 * focus.r(), "nodes of a 32-wide layer do not overlap at the smallest height: " + pitch + " px apart");
        assertTrue(node(d, 2, 1).cx() > node(d, 2, 0).cx() && node(d, 2, 1).cy() == node(d, 2, 0).cy(),
                "a 32-wide layer stands in two staggered columns of 16 rows");
        assertTrue(d.edges().stream().noneMatch(NetworkDiagram.Edge::hasLabel), "32 incoming weights: no numbers on the edges");
        NetworkDiagram.Node x1 = d.nodes().get(0);
        assertEquals(16, x1.r(), 1e-9, "narrow layers keep big nodes");
        assertTrue(x1.label().visible());

        NetworkDiagram none = NetworkDiagram.of("n", snap, -1, -1, LINK, EN);
        assertTrue(none.edges().isEmpty(), "nothing focused: no edges of 2176");
        assertTrue(none.nodes().stream().noneMatch(NetworkDiagram.Node::focused));
    }

    @Test
    void everyStateHasItsOwnShapeAndClass() {
        NeuronState[][] states = {{NeuronState.ACTIVE, NeuronState.DEAD, NeuronState.PERMANENTLY_DEAD, NeuronState.SATURATED}};
        double[][][] w = {{{0.5}, {-0.5}, {0}, {Double.NaN}}, {{1, Double.POSITIVE_INFINITY, -2, 0}}};
        Snapshot snap = new Snapshot(7, 0, 0.1, 0.3, Activation.RELU, 0.01, w, new double[][] {{0, 0, 0, 0}, {0}}, states, new int[][] {{1, 0, 0, 0}}, false);
        NetworkDiagram d = NetworkDiagram.of("n", snap, 0, 3, null, EN);
        List<NetworkDiagram.Node> hidden = d.nodes().stream().filter(n -> n.layer() == 0).toList();
        assertEquals(List.of("node active", "node dead", "node permanently-dead", "node saturated focused"),
                hidden.stream().map(NetworkDiagram.Node::cssClass).toList());
        assertEquals(List.of(NetworkDiagram.Shape.CIRCLE, NetworkDiagram.Shape.SQUARE, NetworkDiagram.Shape.CROSSED_SQUARE,
                NetworkDiagram.Shape.DIAMOND), hidden.stream().map(NetworkDiagram.Node::shape).toList());
        assertTrue(hidden.stream().noneMatch(NetworkDiagram.Node::linked), "no link function: no links");
        assertEquals(List.of("pos", "neg", "zero", "zero", "pos", "pos", "neg", "zero"),
                d.edges().stream().map(e -> e.cssClass().split(" ")[0]).toList());
        String text = d.toString();
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);

        // the legend shows all four shapes, the focus ring and both edge signs
        assertEquals(List.of("active", "dead", "permanently dead", "saturated", "focused", "positive weight", "negative weight",
                "thicker line: larger |w|"), d.legend().stream().map(NetworkDiagram.LegendItem::label).toList());
        assertTrue(d.legend().get(2).hasMark());
        assertTrue(d.legend().get(4).hasRing());
        assertEquals(1, d.legend().stream().filter(i -> i.cssClass().equals("node saturated")).count());
    }

    @Test
    void allZeroWeightsAreThinGreyEdges() {
        double[][][] w = {{{0, 0}}, {{0}}};
        Snapshot snap = new Snapshot(0, 0, 0, 0.1, Activation.RELU, 0.01, w, new double[][] {{0}, {0}}, new NeuronState[][] {{NeuronState.DEAD}},
                new int[][] {{0}}, false);
        NetworkDiagram d = NetworkDiagram.of("n", snap, 0, 0, LINK, EN);
        assertEquals("zero zero zero", d.edges().stream().map(e -> e.cssClass().split(" ")[0]).collect(Collectors.joining(" ")));
        assertTrue(d.edges().stream().allMatch(e -> e.width() == 1));
        assertNotNull(node(d, 0, 0).url());
    }

    @Test
    void theFocusedNeuronsIncomingWeightsAreWrittenOnTheirEdgesAndNoOthers() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 100, 256);
        NetworkDiagram d = run.diagram();
        List<NetworkDiagram.Edge> labelled = d.edges().stream().filter(NetworkDiagram.Edge::hasLabel).toList();
        assertEquals(List.of("w₂₁", "w₂₂"), labelled.stream().map(e -> e.title().split(" ")[0]).toList());
        NetworkDiagram.Edge w22 = labelled.get(1);
        assertEquals(Signs.number(w22.value()), w22.label(), "the value, with a real minus sign");
        assertTrue(w22.label().startsWith("−"), w22.label());
        NetworkDiagram.Node h12 = node(d, 1, 0);
        for (NetworkDiagram.Edge e : labelled) assertEquals(List.of(h12.cx(), h12.cy()), List.of(e.x2(), e.y2()), "edges into the focused neuron");
        // halfway along edges from one column into one node: the labels stand at least a line apart at the smallest height
        double apart = Math.abs(Double.parseDouble(labelled.get(0).midYAt().replace("%", "")) - Double.parseDouble(labelled.get(1).midYAt().replace("%", "")));
        assertTrue(apart / 100 * NetworkDiagram.contentHeight(d.size()) >= 16, apart + "% apart");
    }

    @Test
    void theHeightClassGrowsWithTheWidestLayerAndNodesNeverOverlap() {
        for (Scenario s : Scenario.values()) {
            NetworkDiagram d = NetworkDiagram.of("n", new Training(s.spec).snapshot(), s.focusLayer, s.focusNeuron, LINK, EN);
            int widest = java.util.Arrays.stream(s.spec.layers()).max().orElseThrow();
            assertEquals(widest <= 4 ? "network-s" : widest <= 8 ? "network-m" : "network-l", d.size(), s.id);
            double room = NetworkDiagram.contentHeight(d.size());
            for (NetworkDiagram.Node a : d.nodes()) {
                assertTrue(a.cx() >= 0 && a.cx() <= 1000 && a.cy() >= 0 && a.cy() <= 1000, s.id + ": " + a.name() + " inside");
                for (NetworkDiagram.Node b : d.nodes()) {
                    if (a == b || a.cx() != b.cx()) continue;
                    double gap = Math.abs(a.cy() - b.cy()) / 1000 * room;
                    assertTrue(gap >= a.r() + b.r(), s.id + ": " + a.name() + " and " + b.name() + " overlap (" + gap + " px)");
                }
            }
        }
    }

    @Test
    void theLegendDrawsTheStatesWithTheMarksEveryPageUses() {
        NetworkDiagram d = new CaseRun(Scenario.CASE_2, 10, 256).diagram();
        for (NeuronState s : NeuronState.values()) {
            NetworkDiagram.LegendItem item = d.legend().stream().filter(i -> i.cssClass().equals("node " + s.code)).findFirst().orElseThrow();
            assertEquals(StateMark.of(s).shape(), item.outline(), s.code);
            assertEquals(StateMark.of(s).mark(), item.mark(), s.code);
        }
        assertEquals(NetworkDiagram.Shape.CROSSED_SQUARE, NetworkDiagram.shapeOf(NeuronState.PERMANENTLY_DEAD));
        assertTrue(StateMark.PERMANENTLY_DEAD.hasMark() && !StateMark.DEAD.hasMark());
        assertEquals(StateMark.DEAD.shape(), StateMark.PERMANENTLY_DEAD.shape(), "permanently dead: the dead square with an X");
        assertEquals(StateMark.ACTIVE.shape(), StateMark.INACTIVE.shape(), "inactive: the active circle, hollow (states.css)");
        assertEquals(5, StateMark.all().stream().map(StateMark::cssClass).distinct().count());
    }

    static NetworkDiagram.Node node(NetworkDiagram d, int layer, int neuron) {
        return d.nodes().stream().filter(n -> n.layer() == layer && n.neuron() == neuron).findFirst().orElseThrow();
    }
}
