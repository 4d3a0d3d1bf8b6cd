package lab.deadrelu.view.chart;

import lab.deadrelu.view.i18n.Format;

/**
 * Marks drawn around their own centre, in CSS pixels, as SVG path data: the templates place them
 * at a position given in percent (a nested svg at x%, y%), so they keep their size and shape however
 * wide the chart is drawn. Each encloses about the area of a circle of radius r.
 */
public final class Shapes {
    private Shapes() {}

    /** The shapes a series' points cycle through (with its colour and dash), so no two neighbours rely on colour alone. */
    public enum Kind { CIRCLE, SQUARE, TRIANGLE, DIAMOND }

    public static String of(Kind kind, double r) {
        return switch (kind) {
            case SQUARE -> square(r);
            case TRIANGLE -> triangle(r);
            case DIAMOND -> diamond(r);
            default -> circle(r);
        };
    }

    /** The i-th shape of the cycle. */
    public static Kind cycle(int i) {
        Kind[] all = Kind.values();
        return all[Math.floorMod(i, all.length)];
    }

    /** A circle as two arcs. */
    public static String circle(double r) {
        StringBuilder d = new StringBuilder("M");
        pair(d, -r, 0);
        d.append('a');
        pair(d, r, r);
        d.append(" 0 1 0 ");
        pair(d, 2 * r, 0);
        d.append('a');
        pair(d, r, r);
        d.append(" 0 1 0 ");
        pair(d, -2 * r, 0);
        return d.append('Z').toString();
    }

    public static String square(double r) {
        double a = r * 0.89;
        StringBuilder d = new StringBuilder("M");
        pair(d, -a, -a);
        d.append('H');
        Format.coord(d, a);
        d.append('V');
        Format.coord(d, a);
        d.append('H');
        Format.coord(d, -a);
        return d.append('Z').toString();
    }

    public static String diamond(double r) {
        double a = r * 1.25;
        StringBuilder d = new StringBuilder("M");
        pair(d, 0, -a);
        d.append('L');
        pair(d, a, 0);
        d.append(' ');
        pair(d, 0, a);
        d.append(' ');
        pair(d, -a, 0);
        return d.append('Z').toString();
    }

    /** A triangle pointing up, its centroid at the centre. */
    public static String triangle(double r) {
        double a = r * 1.35;
        StringBuilder d = new StringBuilder("M");
        pair(d, 0, -a);
        d.append('L');
        pair(d, a * 0.87, a * 0.5);
        d.append(' ');
        pair(d, -a * 0.87, a * 0.5);
        return d.append('Z').toString();
    }

    /** The X drawn inside a square of half-side 0.89 r, inset a little. */
    public static String cross(double r) {
        double a = r * 0.55;
        StringBuilder d = new StringBuilder("M");
        pair(d, -a, -a);
        d.append('L');
        pair(d, a, a);
        d.append('M');
        pair(d, -a, a);
        d.append('L');
        pair(d, a, -a);
        return d.toString();
    }

    private static void pair(StringBuilder d, double x, double y) {
        Format.coord(d, x);
        d.append(',');
        Format.coord(d, y);
    }
}
