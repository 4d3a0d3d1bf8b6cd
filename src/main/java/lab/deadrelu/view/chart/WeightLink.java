package lab.deadrelu.view.chart;

import lab.deadrelu.engine.WeightRef;

/** The URL that puts a weight into the gradient inspector, or null for none. */
@FunctionalInterface
public interface WeightLink {
    String url(WeightRef weight);
}
