package lab.deadrelu.view.chart;

import java.util.List;

/** Maps data values onto a range of viewBox units and says where its ticks go. */
public interface Scale {
    /** The position of a value; always finite, clamped to the range. */
    double map(double value);

    /** The tick values inside the domain, in increasing order. */
    double[] tickValues();

    /** Ticks with positions (rounded to one decimal) and compact labels. */
    List<Tick> ticks();

    double domainMin();

    double domainMax();
}
