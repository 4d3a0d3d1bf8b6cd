package lab.deadrelu.view;

/** One axis tick: its position in the chart's viewBox units and its label. */
public record Tick(double pos, String label) {}
