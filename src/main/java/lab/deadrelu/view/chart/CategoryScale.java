package lab.deadrelu.view.chart;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.view.i18n.Format;

/**
 * Named categories (initializers, activations, widths) at evenly spaced positions: category i sits
 * in the middle of the i-th of n equal slots of the range. map() takes the category's index.
 */
public final class CategoryScale implements Scale {
    private final List<String> labels;
    private final double r0, r1;

    public CategoryScale(List<String> labels, double r0, double r1) {
        this.labels = List.copyOf(labels);
        this.r0 = r0;
        this.r1 = r1;
    }

    @Override
    public double map(double index) {
        int n = Math.max(1, labels.size());
        double i = Double.isFinite(index) ? Math.max(0, Math.min(n - 1, index)) : 0;
        return r0 + (i + 0.5) / n * (r1 - r0);
    }

    @Override
    public double[] tickValues() {
        double[] v = new double[labels.size()];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return v;
    }

    @Override
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) ticks.add(new Tick(Format.r1(map(i)), labels.get(i)));
        return ticks;
    }

    @Override
    public double domainMin() { return 0; }

    @Override
    public double domainMax() { return Math.max(0, labels.size() - 1); }
}
