package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.engine.WeightRef;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;

/**
 * Everything `chart/network_diagram.jte` draws: layer columns of nodes, shaped and coloured by
 * state (static/css/states.css), and the edges between them, coloured by sign and as wide as the
 * weight is large. Positions are per-mille of the diagram's content box (x 0..1000 from the inputs to
 * the output, y 0..1000 down), sizes (radii, edge widths, label offsets) are CSS pixels: the template
 * places each node at a percentage, so labels keep their CSS size and nodes their shape at any width.
 * The height comes from the stylesheet by `size` (network-s, -m, -l: how many nodes the widest layer
 * has), with a minimum the geometry is laid out for.
 *
 * @param size    the css class that sets the height: network-s (up to 4 nodes a layer), network-m (up to 8), network-l
 * @param caption a sentence under the diagram when only the focused neuron's edges are drawn, else null
 * @param partial true when the network has more than {@link #MAX_EDGES} edges and only the focused
 *                neuron's are drawn
 */
public record NetworkDiagram(String id, String title, String description, String size,
                             List<Column> columns, List<Edge> edges, List<Node> nodes, boolean partial,
                             String caption, List<LegendItem> legend) {
    public static final int MAX_EDGES = 150;
    /** Layers wider than this name their nodes in tooltips only. */
    private static final int MAX_LABELLED = 8;
    /** Incoming weights the focused neuron shows as numbers on its edges, at most. */
    private static final int MAX_EDGE_LABELS = 8;
    /** Layers wider than this are drawn in two staggered columns (half the rows, so twice the pitch: a deep network fits a laptop's first screen). */
    static final int STAGGER_ABOVE = 16;
    /** How far the two staggered columns stand from the layer's line, per-mille of the width. */
    private static final double STAGGER = 25;
    /** Node spacing at most, and the node radius at most, CSS px. */
    private static final double SPACING_PX = 64, MAX_RADIUS = 16, MIN_EDGE = 1, MAX_EDGE = 6;

    public NetworkDiagram {
        columns = List.copyOf(columns);
        edges = List.copyOf(edges);
        nodes = List.copyOf(nodes);
        legend = List.copyOf(legend);
    }

    /** How a node is drawn; the css class carries the colour. */
    public enum Shape { CIRCLE, SQUARE, CROSSED_SQUARE, DIAMOND }

    /** A column heading at x (per-mille), above the nodes. */
    public record Column(double x, String label) {
        public String at() { return Format.pct(x); }
    }

    /**
     * A connection, from (x1, y1) to (x2, y2) in per-mille. cssClass: "pos", "neg" or "zero", plus
     * " focus" when it touches the focused neuron and " inspected" for the gradient inspector's
     * weight; width 1 to 6 px by |w| relative to the largest |w| drawn. url: where a click inspects it
     * (the focused neuron's edges, when the caller gives a WeightLink; else null). label: the weight's
     * value written halfway along it (the focused neuron's incoming edges), else null.
     */
    public record Edge(double x1, double y1, double x2, double y2, String cssClass, double width, String title,
                       double value, String url, String label) {
        public Edge(double x1, double y1, double x2, double y2, String cssClass, double width, String title, double value) {
            this(x1, y1, x2, y2, cssClass, width, title, value, null, null);
        }

        public boolean linked() { return url != null; }

        public boolean hasLabel() { return label != null; }

        /** The ends in whole per-mille, for the stretched svg the edges are drawn in. */
        public long x1u() { return Math.round(x1); }

        public long y1u() { return Math.round(y1); }

        public long x2u() { return Math.round(x2); }

        public long y2u() { return Math.round(y2); }

        public String midXAt() { return Format.pct((x1 + x2) / 2); }

        public String midYAt() { return Format.pct((y1 + y2) / 2); }
    }

    /**
     * The post's name of a node split for rendering: base, subscript and superscript, e.g. h, 1, (2),
     * written `dx`, `dy` px from the node's centre, anchored `anchor`; shown when `visible` (wide
     * layers show it only as a tooltip). Inputs' labels end left of the node, the output's start
     * right of it, hidden neurons' sit under the node (or right of it where layers are dense).
     */
    public record Label(String base, String sub, String sup, double dx, double dy, String anchor, boolean visible) {
        public boolean hasSub() { return !sub.isEmpty(); }

        public boolean hasSup() { return !sup.isEmpty(); }

        /** dx and dy as the template writes them: "-22", "34", "5.5". */
        public String dxs() { return coord(dx); }

        public String dys() { return coord(dy); }
    }

    static String coord(double v) {
        StringBuilder out = new StringBuilder(6);
        Format.coord(out, v);
        return out.toString();
    }

    /**
     * A node at (cx, cy) per-mille, of radius r px. `outline` is the path d of its shape around its
     * own centre, `mark` the X of a permanently dead neuron ("" otherwise), `ring` the focus ring (""
     * unless focused). layer and neuron: the hidden layer and neuron (0-based, as in Snapshot.states),
     * -1 for inputs and output. url: where a click focuses it (hidden nodes; null when the caller gives none).
     */
    public record Node(String name, String cssClass, Shape shape, NeuronState state, double cx, double cy, double r,
                       String outline, String mark, String ring, Label label, String title, int layer, int neuron,
                       boolean focused, String url) {
        public boolean hasMark() { return !mark.isEmpty(); }

        public boolean hasRing() { return !ring.isEmpty(); }

        public boolean linked() { return url != null; }

        public String xAt() { return Format.pct(cx); }

        public String yAt() { return Format.pct(cy); }

        /** A plain circle: the template draws a circle element (shorter than its path). */
        public boolean round() { return shape == Shape.CIRCLE; }

        public String rs() { return coord(r); }

        /** The radius of the focus ring. */
        public String ringRs() { return coord(ringRadius(r)); }
    }

    static double ringRadius(double r) {
        return r + Math.max(3, r * 0.35);
    }

    /** A legend entry: a node shape (outline, mark and ring around the centre of a 20 x 20 box) or an edge sample (`edge`). */
    public record LegendItem(String cssClass, String outline, String mark, String ring, boolean edge, String label) {
        public boolean hasMark() { return !mark.isEmpty(); }

        public boolean hasRing() { return !ring.isEmpty(); }
    }

    /** The content height (CSS px) each size is laid out for: the stylesheet's min-height less the padding. */
    static double contentHeight(String size) {
        return switch (size) {
            case "network-s" -> 150;
            case "network-m" -> 270;
            default -> 200;   // a layer of 32 in 16 staggered rows
        };
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
        String size = widest <= 4 ? "network-s" : widest <= MAX_LABELLED ? "network-m" : "network-l";
        double room = contentHeight(size);

        // each layer centred in its column, as tightly as it needs: narrow layers keep big nodes
        double[][] cx = new double[layers][], cy = new double[layers][];
        double[] radius = new double[layers];
        boolean[] below = new boolean[layers];
        List<Column> columns = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            cx[l] = new double[sizes[l]];
            cy[l] = new double[sizes[l]];
            boolean staggered = sizes[l] > STAGGER_ABOVE;
            int rows = staggered ? (sizes[l] + 1) / 2 : sizes[l];   // staggered: neurons 1, 3, 5, ... left, 2, 4, 6, ... right
            double spacing = rows <= 1 ? SPACING_PX : Math.min(SPACING_PX, room / (rows - 1));
            radius[l] = Format.r1(Math.min(MAX_RADIUS, spacing * 0.38));
            below[l] = sizes[l] <= 1 || spacing >= 2 * radius[l] + 30;   // room for a label under each node
            double x = layers == 1 ? 500 : Format.r1(1000.0 * l / (layers - 1));
            for (int i = 0; i < sizes[l]; i++) {
                int row = staggered ? i / 2 : i;
                cx[l][i] = staggered ? Format.r1(x + (i % 2 == 0 ? -STAGGER : STAGGER)) : x;
                cy[l][i] = Format.r1(500 + (row - (rows - 1) / 2.0) * spacing / room * 1000);
            }
            String heading = l == 0 ? words.inputsColumn() : l == layers - 1 ? words.outputColumn() : words.hiddenColumn(l);
            columns.add(new Column(x, heading));
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
        boolean labelled = !partial && hasFocus && sizes[focusLayer] <= MAX_EDGE_LABELS;
        List<Edge> edges = new ArrayList<>(drawn.size());
        for (int[] e : drawn) {
            int l = e[0], i = e[1], j = e[2];
            double v = w[l][i][j];
            boolean touches = hasFocus && (l == focusLayer && i == focusNeuron || l == focusLayer + 1 && j == focusNeuron);
            boolean into = hasFocus && l == focusLayer && i == focusNeuron;
            String sign = Double.isNaN(v) || v == 0 ? "zero" : v > 0 ? "pos" : "neg";
            double size1 = Double.isInfinite(v) ? 1 : largest > 0 && Double.isFinite(v) ? Math.abs(v) / largest : 0;
            double width = Format.r1(MIN_EDGE + (MAX_EDGE - MIN_EDGE) * size1);
            WeightRef ref = new WeightRef(l, i, j);
            String css = (touches && !partial ? sign + " focus" : sign) + (ref.equals(inspected) ? " inspected" : "");
            edges.add(new Edge(cx[l][j], cy[l][j], cx[l + 1][i], cy[l + 1][i], css, width,
                    words.edgeTitle(Notation.pretty(ref.name()), v), Double.isFinite(v) ? v : 0,
                    touches && weightLink != null ? weightLink.url(ref) : null,
                    into && labelled ? Signs.number(v) : null));
        }

        // nodes
        List<Node> nodes = new ArrayList<>();
        int active = 0, dead = 0, permanent = 0, saturated = 0;
        String focusName = null, focusState = null;
        for (int l = 0; l < layers; l++) {
            boolean named = sizes[l] <= MAX_LABELLED;
            double r = radius[l];
            for (int i = 0; i < sizes[l]; i++) {
                double x = cx[l][i], y = cy[l][i];
                if (l == 0) {
                    Label label = new Label("x", Integer.toString(i + 1), "", -(r + 6), 5, "end", named);
                    String name = "x" + (i + 1);
                    nodes.add(new Node(name, "node input", Shape.CIRCLE, null, x, y, r, Shapes.circle(r), "", "", label,
                            words.nodeTitle(Notation.pretty(name), words.input(), false), -1, -1, false, null));
                } else if (l == layers - 1) {
                    Label label = new Label("ŷ", "", "", r + 6, 6, "start", true);
                    nodes.add(new Node("ŷ", "node output", Shape.CIRCLE, null, x, y, r, Shapes.circle(r), "", "", label,
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
                    Label label = below[l]
                            ? new Label("h", Integer.toString(i + 1), "(" + (h + 1) + ")", 0, Format.r1(r + 21), "middle", named)
                            : new Label("h", Integer.toString(i + 1), "(" + (h + 1) + ")", Format.r1(r + 5), -3, "start", named);
                    nodes.add(new Node(name, "node " + state.code + (focused ? " focused" : ""), shapeOf(state), state, x, y, r,
                            outline(shapeOf(state), r), state == NeuronState.PERMANENTLY_DEAD ? Shapes.cross(r) : "",
                            focused ? Shapes.circle(ringRadius(r)) : "", label,
                            words.nodeTitle(Notation.pretty(name), words.state(state), focused), h, i, focused,
                            link == null ? null : link.url(h, i)));
                }
            }
        }

        String caption = partial ? words.partialEdges(focusName == null ? "-" : Notation.pretty(focusName), edges.size(), total) : null;
        String description = words.networkSummary(shape(sizes), snapshot.step(), active, dead, permanent, saturated,
                focusName, focusState);
        return new NetworkDiagram(id, words.networkTitle(), description, size, columns, edges, nodes, partial, caption,
                legend(words));
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
        for (NeuronState s : NeuronState.values()) {   // the marks every page draws for the states (StateMark)
            StateMark mark = StateMark.of(s);
            items.add(new LegendItem("node " + s.code, mark.shape(), mark.mark(), "", false, words.state(s)));
        }
        items.add(new LegendItem("node active focused", Shapes.circle(5.5), "", Shapes.circle(8.5), false, words.focused()));
        items.add(new LegendItem("edge pos", "M-11,0H11", "", "", true, words.positiveWeight()));
        items.add(new LegendItem("edge neg", "M-11,0H11", "", "", true, words.negativeWeight()));
        items.add(new LegendItem("edge pos wide", "M-11,0H11", "", "", true, words.edgeWidth()));
        return items;
    }

    /** The shape's outline around its centre, about as large in area as a circle of radius r. */
    static String outline(Shape shape, double r) {
        return switch (shape) {
            case SQUARE, CROSSED_SQUARE -> Shapes.square(r);
            case DIAMOND -> Shapes.diamond(r);
            default -> Shapes.circle(r);
        };
    }

    private static String shape(int[] sizes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) s.append(i == 0 ? "" : "-").append(sizes[i]);
        return s.toString();
    }
}
