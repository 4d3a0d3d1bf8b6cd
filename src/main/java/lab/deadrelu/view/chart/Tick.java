package lab.deadrelu.view.chart;

import lab.deadrelu.view.i18n.Format;

/** One axis tick: its position in per-mille of the plot (0..1000, see {@link Charts}) and its label. */
public record Tick(double pos, String label) {
    /** The position as an SVG percentage, for the template. */
    public String at() {
        return Format.pct(pos);
    }

    /** The position in the plot's units as path data writes it: "250", "137.5". */
    public String u() {
        StringBuilder out = new StringBuilder(6);
        Format.coord(out, pos);
        return out.toString();
    }
}
