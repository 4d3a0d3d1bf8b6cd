package lab.deadrelu.view.lab;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.engine.Dataset;
import lab.deadrelu.engine.InputPlane;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.scenario.PlaneAxes;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.Png;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;

/**
 * What `lab/input_plane.jte` shows: each hidden neuron's activation over the square of two inputs,
 * one tile per neuron in a {@link #BOX} x {@link #BOX} viewBox, its picture a small PNG (bright where
 * the neuron is active, dark where z ≤ 0), the samples as dots on it and, for a first-layer neuron,
 * its boundary w·x + b = 0. With more than two inputs the square is a slice: the other inputs stay at
 * the values of the focused sample (the one the gradient inspector's update used, else the next one).
 * Networks of one input have no plane (`layers` is empty).
 *
 * @param heading the panel's title
 * @param caption how to read a tile
 * @param slice   with more than two inputs: where the slice lies (it moves with the focused sample), else null
 * @param layers  the tiles, a row per hidden layer; with more than {@link #MAX_TILES} hidden neurons the focused one alone
 * @param only    with more than MAX_TILES hidden neurons: a sentence saying that only the focused neuron is drawn, else null
 * @param axes    with more than two inputs: the pairs of inputs to draw the plane over, else empty
 */
public record PlaneTiles(String heading, String caption, String slice, List<Row> layers, String only, List<Axes> axes) {
    /** Cells per side of a tile's picture; the browser scales it up smoothly. */
    static final int CELLS = 24;
    static final int BOX = 100;
    /** Networks with more hidden neurons than this draw the focused neuron only, so a frame stays small. */
    static final int MAX_TILES = 16;
    /** Samples drawn as dots at most (the first ones). */
    static final int MAX_DOTS = 64;
    /** Palette: 0 where a ≤ 0, then SHADES steps of green up to the largest a on the tile. */
    static final int SHADES = 16;
    private static final int[] PALETTE = palette();

    public PlaneTiles {
        layers = List.copyOf(layers);
        axes = List.copyOf(axes);
    }

    public boolean drawn() {
        return !layers.isEmpty();
    }

    public record Row(String label, List<Tile> tiles) {
        public Row {
            tiles = List.copyOf(tiles);
        }
    }

    /**
     * One neuron's tile. `image` is its picture as a data: URI; `boundary` its line w·x + b = 0 inside the
     * square (first-layer neurons whose line crosses it), else null; `title` says it all in words.
     */
    public record Tile(String neuron, String state, String image, Line boundary, List<Dot> dots, String title, String link,
                       String action, boolean focused) {
        public Tile {
            dots = List.copyOf(dots);
        }

        public String cssClass() {
            return "plane-tile " + state + (focused ? " focused" : "");
        }
    }

    public record Line(double x1, double y1, double x2, double y2) {}

    /** A sample at (cx, cy), whole tile units (a dot is 7 units wide); active: the neuron's z > 0 on it. */
    public record Dot(int cx, int cy, boolean active) {
        public String cssClass() {
            return active ? "on" : "off";
        }
    }

    /** A pair of inputs to draw the plane over, with the link and the htmx action that choose it. */
    public record Axes(String label, String link, String action, boolean current) {}

    public static PlaneTiles of(SimulationState s, Ui ui, String actions) {
        RunSpec run = s.run();
        Dataset data = s.data();
        int d = data.inputs();
        String heading = ui.t("lab.plane.heading");
        if (d < 2) return new PlaneTiles(heading, "", null, List.of(), null, List.of());
        Snapshot snap = s.snapshot();
        PlaneAxes axes = run.plane();
        int sample = focusedSample(s);
        double[] base = d > 2 ? data.x[sample] : new double[d];
        double lo = run.spec().centred() ? -1 : 0, hi = 1;
        int hiddenNeurons = snap.hiddenNeurons();
        boolean all = hiddenNeurons <= MAX_TILES;
        InputPlane plane = InputPlane.of(snap, axes.u(), axes.v(), base, lo, hi, CELLS, all ? snap.states().length : run.focusLayer() + 1);
        List<Row> rows = new ArrayList<>();
        int dots = Math.min(MAX_DOTS, data.size());
        double[][][] sampleUnits = new double[dots][][];
        for (int k = 0; k < dots; k++) sampleUnits[k] = InputPlane.activations(snap, data.x[k]);
        for (int h = 0; h < snap.states().length; h++) {
            if (!all && h != run.focusLayer()) continue;
            List<Tile> tiles = new ArrayList<>();
            for (int i = 0; i < snap.states()[h].length; i++) {
                if (!all && i != run.focusNeuron()) continue;
                tiles.add(tile(s, ui, actions, plane, sampleUnits, h, i));
            }
            rows.add(new Row(ui.t("lab.plane.layer", h + 1), tiles));
        }
        String across = Notation.input(axes.u()), up = Notation.input(axes.v());
        String caption = ui.t("lab.plane.caption", across, up);
        String slice = d > 2 ? ui.t("lab.plane.slice", others(base, axes), sample + 1) : null;
        String only = all ? null : ui.t("lab.plane.only", hiddenNeurons, MAX_TILES);
        return new PlaneTiles(heading, caption, slice, rows, only, d > 2 ? choices(ui, run, actions, d) : List.of());
    }

    static Tile tile(SimulationState s, Ui ui, String actions, InputPlane plane, double[][][] sampleUnits, int h, int i) {
        RunSpec run = s.run();
        Snapshot snap = s.snapshot();
        Dataset data = s.data();
        NeuronState state = snap.states()[h][i];
        String neuron = Notation.neuron(h, i);
        List<Dot> dots = new ArrayList<>();
        int active = 0;
        for (int k = 0; k < sampleUnits.length; k++) {
            boolean on = sampleUnits[k][h][i] > 0;   // a > 0 exactly when z > 0, for every activation here
            if (on) active++;
            dots.add(new Dot((int) Math.round(x(plane, data.x[k][plane.u()])), (int) Math.round(y(plane, data.x[k][plane.v()])), on));
        }
        Line boundary = h == 0 ? boundary(plane, snap.weights()[0][i], snap.biases()[0][i]) : null;
        String title = ui.t("lab.plane.tile", neuron, ui.t("neuron." + state.code), active, sampleUnits.length)
                + (h == 0 && boundary == null ? " " + ui.t("lab.plane.tile.outside") : "");
        boolean focused = h == run.focusLayer() && i == run.focusNeuron();
        return new Tile(neuron, state.code, Png.dataUri(picture(plane, h, i)), boundary, dots, title, LabViews.labLink(ui, run.focus(h, i)),
                LabViews.focusAction(actions, h, i, null), focused);
    }

    /** The tile's pixels: palette 0 where a ≤ 0, else 1..SHADES by a over the largest a on the tile. */
    static byte[] picture(InputPlane plane, int h, int i) {
        double[] a = plane.a()[h][i];
        double max = plane.max(h, i);
        byte[] pixels = new byte[a.length];
        for (int k = 0; k < a.length; k++)
            pixels[k] = (byte) (a[k] > 0 ? 1 + Math.min(SHADES - 1, (int) (a[k] / max * SHADES)) : 0);
        return Png.indexed(plane.size(), plane.size(), pixels, PALETTE);
    }

    /** Where w·x + b = 0 crosses the square (the inputs off the plane at their slice values), in tile units; null if it does not. */
    static Line boundary(InputPlane plane, double[] w, double bias) {
        double c = bias;   // z = c + wu·xu + wv·xv on the plane
        for (int j = 0; j < w.length; j++) if (j != plane.u() && j != plane.v()) c += w[j] * plane.base()[j];
        double wu = w[plane.u()], wv = w[plane.v()], lo = plane.lo(), hi = plane.hi();
        List<double[]> ends = new ArrayList<>();
        if (wv != 0) {   // the left and right edges: xv = -(c + wu·xu) / wv
            for (double xu : new double[] {lo, hi}) {
                double xv = -(c + wu * xu) / wv;
                if (xv >= lo && xv <= hi) ends.add(new double[] {xu, xv});
            }
        }
        if (wu != 0) {   // the bottom and top edges: xu = -(c + wv·xv) / wu
            for (double xv : new double[] {lo, hi}) {
                double xu = -(c + wv * xv) / wu;
                if (xu > lo && xu < hi) ends.add(new double[] {xu, xv});
            }
        }
        if (ends.size() < 2) return null;
        double[] p = ends.get(0), q = ends.get(ends.size() - 1);
        if (p[0] == q[0] && p[1] == q[1]) return null;   // touches a corner only
        return new Line(x(plane, p[0]), y(plane, p[1]), x(plane, q[0]), y(plane, q[1]));
    }

    /** The sample whose other inputs the slice keeps: the inspected update's, else the next one. */
    static int focusedSample(SimulationState s) {
        int inspected = s.inspectedSample();
        return inspected >= 0 ? inspected : Math.max(0, Math.min(s.nextSample(), s.data().size() - 1));
    }

    /** "x₃ = 0.42" for each input off the plane. */
    static String others(double[] base, PlaneAxes axes) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < base.length; j++) if (j != axes.u() && j != axes.v()) parts.add(Notation.input(j) + " = " + Format.number(base[j]));
        return String.join(", ", parts);
    }

    static List<Axes> choices(Ui ui, RunSpec run, String actions, int inputs) {
        List<Axes> list = new ArrayList<>();
        for (int u = 0; u < inputs; u++) {
            for (int v = u + 1; v < inputs; v++) {
                PlaneAxes p = new PlaneAxes(u, v);
                list.add(new Axes(Notation.input(u) + " · " + Notation.input(v), LabViews.labLink(ui, run.withPlane(p)),
                        actions + "/plane?plane=" + (u + 1) + "." + (v + 1), p.equals(run.plane())));
            }
        }
        return list;
    }

    static double x(InputPlane plane, double xu) {
        return Format.r1((xu - plane.lo()) / (plane.hi() - plane.lo()) * BOX);
    }

    static double y(InputPlane plane, double xv) {
        return Format.r1((plane.hi() - xv) / (plane.hi() - plane.lo()) * BOX);
    }

    /** Dark for "off", then greens from deep to light: brighter where the neuron's output is larger. */
    private static int[] palette() {
        int[] p = new int[SHADES + 1];
        p[0] = 0x1f242b;
        int[] from = {0x0b, 0x4d, 0x3c}, to = {0xb4, 0xf2, 0xda};
        for (int k = 1; k <= SHADES; k++) {
            double t = (k - 1) / (double) (SHADES - 1);
            int r = (int) Math.round(from[0] + t * (to[0] - from[0]));
            int g = (int) Math.round(from[1] + t * (to[1] - from[1]));
            int b = (int) Math.round(from[2] + t * (to[2] - from[2]));
            p[k] = r << 16 | g << 8 | b;
        }
        return p;
    }
}
