package lab.deadrelu.view;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;

/**
 * Everything `fragments/network_diagram.jte` draws: layer columns of nodes, shaped and coloured by
 * state, and the edges between them, coloured by sign and as wide as the weight is large. Drawn in a
 * viewBox of `width` x `height` units, so it scales to its container.
 *
 * @param caption a sentence under the diagram when only the focused neuron's edges are drawn, else null
 * @param partial true when the network has more than {@link #MAX_EDGES} edges and only the focused
 *                neuron's are drawn
 */
public record NetworkDiagram(String id, String title, String description, int width, int height,
                             List<Column> columns, List<Edge> edges, List<Node> nodes, boolean partial,
                             String caption, List<LegendItem> legend) {
    public static final int MAX_EDGES = 150;
    public static final int WIDTH = 640;
    private static final int SIDE = 64, TOP = 52, BOTTOM = 40, SMALL_SPACING = 64, TALL = 560, MAX_LABELLED = 8;
    private static final double MAX_RADIUS = 16, MIN_EDGE = 1, MAX_EDGE = 6;

    public NetworkDiagram {
        columns = List.copyOf(columns);
        edges = List.copyOf(edges);
        nodes = List.copyOf(nodes);
        legend = List.copyOf(legend);
    }

    /** How a node is drawn; the css class carries the colour. */
    public enum Shape { CIRCLE, SQUARE, CROSSED_SQUARE, DIAMOND }

    /** A column heading at (x, y). */
    public record Column(double x, double y, String label) {}

    /**
     * A connection, from (x1, y1) to (x2, y2). cssClass: "pos", "neg" or "zero", plus " focus" when
     * it touches the focused neuron and " inspected" for the gradient inspector's weight; width 1 to 6
     * by |w| relative to the largest |w| drawn. url: where a click inspects it (the focused neuron's
     * edges, when the caller gives a WeightLink; else null).
     */
    public record Edge(double x1, double y1, double x2, double y2, String cssClass, double width, String title,
                       double value, String url) {
        public Edge(double x1, double y1, double x2, double y2, String cssClass, double width, String title, double value) {
            this(x1, y1, x2, y2, cssClass, width, title, value, null);
        }

        public boolean linked() { return url != null; }
    }

    /**
     * The post's name of a node split for rendering: base, subscript and superscript, e.g. h, 1, (2);
     * shown at (x, y) when `visible` (wide layers show it only as a tooltip). The stylesheet anchors
     * it by the node's class: inputs' labels end left of the node, the output's start right of it,
     * hidden neurons' are centred below.
     */
    public record Label(String base, String sub, String sup, double x, double y, boolean visible) {
        public boolean hasSub() { return !sub.isEmpty(); }

        public boolean hasSup() { return !sup.isEmpty(); }
    }

    /**
     * A node at (cx, cy) of radius r. `outline` is the path d of its shape, `mark` the X of a
     * permanently dead neuron ("" otherwise), `ring` the focus ring ("" unless focused). layer and
     * neuron: the hidden layer and neuron (0-based, as in Snapshot.states), -1 for inputs and output.
     * url: where a click focuses it (hidden nodes; null when the caller gives none).
     */
    public record Node(String name, String cssClass, Shape shape, NeuronState state, double cx, double cy, double r,
                       String outline, String mark, String ring, Label label, String title, int layer, int neuron,
                       boolean focused, String url) {
        public boolean hasMark() { return !mark.isEmpty(); }

        public boolean hasRing() { return !ring.isEmpty(); }

        public boolean linked() { return url != null; }
    }

    /** A legend entry: a node shape (outline, mark and ring in a 20 x 20 box) or an edge sample (`edge`). */
    public record LegendItem(String cssClass, String outline, String mark, String ring, boolean edge, String label) {
        public boolean hasMark() { return !mark.isEmpty(); }

        public boolean hasRing() { return !ring.isEmpty(); }
    }

    /**
     * The diagram of a snapshot with one hidden neuron focused (focusLayer -1: none).
     *
     * @param link the URL that focuses a hidden neuron (layer, neuron) -> url; null for no links
     */
    public static NetworkDiagram of(String id, Snapshot snapshot, int focusLayer, int focusNeuron, NeuronLink link,
                                    ChartWords words) {
        return of(id, snapshot, focusLayer, focusNeuron, link, null, null, words);
    }

    /**
     * The same, with the focused neuron's edges (in and out) linked by `weightLink` (null: none) and the
     * gradient inspector's weight `inspected` (null: none) marked.
     */
    public static NetworkDiagram of(String id, Snapshot snapshot, int focusLayer, int focusNeuron, NeuronLink link,
                                    WeightRef inspected, WeightLink weightLink, ChartWords words) {
        double[][][] w = snapshot.weights();
        NeuronState[][] states = snapshot.states();
        int layers = w.length + 1;
        int[] sizes = new int[layers];
        sizes[0] = w[0].length == 0 ? 0 : w[0][0].length;
        for (int l = 0; l < w.length; l++) sizes[l + 1] = w[l].length;
        boolean hasFocus = focusLayer >= 0 && focusLayer < layers - 2 && focusNeuron >= 0 && focusNeuron < sizes[focusLayer + 1];

        int widest = 1;
        for (int n : sizes) widest = Math.max(widest, n);
        double height = widest <= MAX_LABELLED ? Math.max(220, TOP + BOTTOM + (widest - 1) * SMALL_SPACING) : TALL;
        double room = height - TOP - BOTTOM, midY = TOP + room / 2;
        double columnGap = (WIDTH - 2.0 * SIDE) / (layers - 1);

        // each layer centred in its column, as tightly as it needs: narrow layers keep big nodes
        double[][] cx = new double[layers][], cy = new double[layers][];
        double[] radius = new double[layers];
        List<Column> columns = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            cx[l] = new double[sizes[l]];
            cy[l] = new double[sizes[l]];
            double spacing = sizes[l] <= 1 ? SMALL_SPACING : Math.min(SMALL_SPACING, room / (sizes[l] - 1));
            radius[l] = Format.r1(Math.min(MAX_RADIUS, spacing * 0.38));
            double x = Format.r1(SIDE + l * columnGap);
            for (int i = 0; i < sizes[l]; i++) {
                cx[l][i] = x;
                cy[l][i] = Format.r1(midY + (i - (sizes[l] - 1) / 2.0) * spacing);
            }
            String heading = l == 0 ? words.inputsColumn() : l == layers - 1 ? words.outputColumn() : words.hiddenColumn(l);
            columns.add(new Column(x, 20, heading));
        }

        // edges: all of them, or only those into and out of the focused neuron
        int total = TrainingSpec.weightCount(sizes);
        boolean partial = total > MAX_EDGES;
        List<int[]> drawn = new ArrayList<>();   // {weight layer, to, from}
        for (int l = 0; l < w.length; l++) {
            for (int i = 0; i < w[l].length; i++) {
                for (int j = 0; j < w[l][i].length; j++) {
                    boolean touches = hasFocus && (l == focusLayer && i == focusNeuron || l == focusLayer + 1 && j == focusNeuron);
                    if (!partial || touches) drawn.add(new int[] {l, i, j});
                }
            }
        }
        double largest = 0;
        for (int[] e : drawn) {
            double v = w[e[0]][e[1]][e[2]];
            if (Double.isFinite(v)) largest = Math.max(largest, Math.abs(v));
        }
        List<Edge> edges = new ArrayList<>(drawn.size());
        for (int[] e : drawn) {
            int l = e[0], i = e[1], j = e[2];
            double v = w[l][i][j];
            boolean touches = hasFocus && (l == focusLayer && i == focusNeuron || l == focusLayer + 1 && j == focusNeuron);
            String sign = Double.isNaN(v) || v == 0 ? "zero" : v > 0 ? "pos" : "neg";
            double size = Double.isInfinite(v) ? 1 : largest > 0 && Double.isFinite(v) ? Math.abs(v) / largest : 0;
            double width = Format.r1(MIN_EDGE + (MAX_EDGE - MIN_EDGE) * size);
            WeightRef ref = new WeightRef(l, i, j);
            String css = (touches && !partial ? sign + " focus" : sign) + (ref.equals(inspected) ? " inspected" : "");
            edges.add(new Edge(cx[l][j], cy[l][j], cx[l + 1][i], cy[l + 1][i], css, width, words.edgeTitle(ref.name(), v),
                    Double.isFinite(v) ? v : 0, touches && weightLink != null ? weightLink.url(ref) : null));
        }

        // nodes
        List<Node> nodes = new ArrayList<>();
        int active = 0, dead = 0, permanent = 0, saturated = 0;
        String focusName = null, focusState = null;
        for (int l = 0; l < layers; l++) {
            boolean labelled = sizes[l] <= MAX_LABELLED;
            double r = radius[l];
            for (int i = 0; i < sizes[l]; i++) {
                double x = cx[l][i], y = cy[l][i];
                if (l == 0) {
                    Label label = new Label("x", Integer.toString(i + 1), "", Format.r1(x - r - 6), Format.r1(y + 4), labelled);
                    String name = "x" + (i + 1);
                    nodes.add(new Node(name, "node input", Shape.CIRCLE, null, x, y, r, circle(x, y, r), "", "", label,
                            words.nodeTitle(name, words.input(), false), -1, -1, false, null));
                } else if (l == layers - 1) {
                    Label label = new Label("ŷ", "", "", Format.r1(x + r + 6), Format.r1(y + 5), true);
                    nodes.add(new Node("ŷ", "node output", Shape.CIRCLE, null, x, y, r, circle(x, y, r), "", "", label,
                            words.nodeTitle("ŷ", words.output(), false), -1, -1, false, null));
                } else {
                    int h = l - 1;
                    NeuronState state = h < states.length && i < states[h].length ? states[h][i] : NeuronState.ACTIVE;
                    switch (state) {
                        case ACTIVE: active++; break;
                        case DEAD: dead++; break;
                        case PERMANENTLY_DEAD: dead++; permanent++; break;
                        default: saturated++;
                    }
                    boolean focused = hasFocus && h == focusLayer && i == focusNeuron;
                    String name = Event.neuronName(h, i);
                    if (focused) {
                        focusName = name;
                        focusState = words.state(state);
                    }
                    Label label = new Label("h", Integer.toString(i + 1), "(" + (h + 1) + ")", x, Format.r1(y + r + 24), labelled);
                    nodes.add(new Node(name, "node " + state.code + (focused ? " focused" : ""), shapeOf(state), state, x, y, r,
                            outline(shapeOf(state), x, y, r), state == NeuronState.PERMANENTLY_DEAD ? cross(x, y, r) : "",
                            focused ? circle(x, y, r + Math.max(3, r * 0.35)) : "", label,
                            words.nodeTitle(name, words.state(state), focused), h, i, focused,
                            link == null ? null : link.url(h, i)));
                }
            }
        }

        String caption = partial ? words.partialEdges(focusName == null ? "-" : focusName, edges.size(), total) : null;
        String description = words.networkSummary(shape(sizes), snapshot.step(), active, dead, permanent, saturated,
                focusName, focusState);
        return new NetworkDiagram(id, words.networkTitle(), description, WIDTH, (int) Math.ceil(height), columns, edges,
                nodes, partial, caption, legend(words));
    }

    /** Active: circle; dead: square; permanently dead: square with an X; saturated: diamond. */
    public static Shape shapeOf(NeuronState state) {
        switch (state) {
            case DEAD: return Shape.SQUARE;
            case PERMANENTLY_DEAD: return Shape.CROSSED_SQUARE;
            case SATURATED: return Shape.DIAMOND;
            default: return Shape.CIRCLE;
        }
    }

    private static List<LegendItem> legend(ChartWords words) {
        List<LegendItem> items = new ArrayList<>();
        for (NeuronState s : NeuronState.values()) {
            items.add(new LegendItem("node " + s.code, outline(shapeOf(s), 10, 10, 7),
                    s == NeuronState.PERMANENTLY_DEAD ? cross(10, 10, 7) : "", "", false, words.state(s)));
        }
        items.add(new LegendItem("node active focused", circle(10, 10, 5.5), "", circle(10, 10, 8.5), false, words.focused()));
        items.add(new LegendItem("edge pos", "M1,10L23,10", "", "", true, words.positiveWeight()));
        items.add(new LegendItem("edge neg", "M1,10L23,10", "", "", true, words.negativeWeight()));
        items.add(new LegendItem("edge pos wide", "M1,10L23,10", "", "", true, words.edgeWidth()));
        return items;
    }

    /** The shape's outline as an SVG path, about as large in area as a circle of radius r. */
    static String outline(Shape shape, double x, double y, double r) {
        switch (shape) {
            case SQUARE:
            case CROSSED_SQUARE: {
                double a = r * 0.89;
                return path('M', x - a, y - a, 'H', x + a, 'V', y + a, 'H', x - a) + "Z";
            }
            case DIAMOND: {
                double a = r * 1.25;
                StringBuilder d = new StringBuilder("M");
                pair(d, x, y - a);
                d.append('L');
                pair(d, x + a, y);
                d.append(' ');
                pair(d, x, y + a);
                d.append(' ');
                pair(d, x - a, y);
                return d.append('Z').toString();
            }
            default:
                return circle(x, y, r);
        }
    }

    /** A circle as a path: two arcs. */
    static String circle(double x, double y, double r) {
        StringBuilder d = new StringBuilder("M");
        pair(d, x - r, y);
        d.append('a');
        pair(d, r, r);
        d.append(" 0 1 0 ");
        pair(d, 2 * r, 0);
        d.append('a');
        pair(d, r, r);
        d.append(" 0 1 0 ");
        pair(d, -2 * r, 0);
        return d.toString();
    }

    /** The X inside a square of half-side 0.89 r, inset a little. */
    static String cross(double x, double y, double r) {
        double a = r * 0.55;
        StringBuilder d = new StringBuilder("M");
        pair(d, x - a, y - a);
        d.append('L');
        pair(d, x + a, y + a);
        d.append('M');
        pair(d, x - a, y + a);
        d.append('L');
        pair(d, x + a, y - a);
        return d.toString();
    }

    private static String path(char m, double x, double y, char h1, double x1, char v, double y1, char h2, double x2) {
        StringBuilder d = new StringBuilder().append(m);
        pair(d, x, y);
        d.append(h1);
        Format.coord(d, x1);
        d.append(v);
        Format.coord(d, y1);
        d.append(h2);
        Format.coord(d, x2);
        return d.toString();
    }

    private static void pair(StringBuilder d, double x, double y) {
        Format.coord(d, x);
        d.append(',');
        Format.coord(d, y);
    }

    private static String shape(int[] sizes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) s.append(i == 0 ? "" : "-").append(sizes[i]);
        return s.toString();
    }
}
