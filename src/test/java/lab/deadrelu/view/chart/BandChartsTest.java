package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
import lab.deadrelu.view.i18n.Format;
import org.junit.jupiter.api.Test;

class BandChartsTest {

    static BandCharts.Value v(double x, double y, double low, double high) {
        return new BandCharts.Value(x, y, low, high, "/lab?seed=" + (int) x, "x = " + x);
    }

    static String render(BandChart chart) {
        StringOutput out = new StringOutput();
        TemplateEngine.createPrecompiled(ContentType.Html).render("chart/chart_band.jte", Map.of("chart", chart), out);
        return out.toString();
    }

    @Test
    void estimatesAlongALogAxisGetALineABandAndALinkedDotEach() {
        BandCharts.Series relu = new BandCharts.Series("series-1", "ReLU", false,
                List.of(v(0.01, 0.1, 0.05, 0.2), v(0.1, 0.5, 0.4, 0.6), v(1, 0.9, 0.8, 0.95)));
        BandChart c = BandCharts.build("died", "Died", "desc", BandCharts.logX(0.01, 1), "λ", true, BandCharts.Y.FRACTION,
                "share", List.of(relu), "95% interval");
        BandChart.Curve curve = c.curves().get(0);
        assertEquals(3, curve.points().split(" ").length);
        assertEquals(3, curve.dots().size());
        BandChart.Dot first = curve.dots().get(0), last = curve.dots().get(2);
        assertEquals(Charts.LEFT + BandCharts.INSET, first.x(), 1e-9, "the grid's ends sit just inside the plot");
        assertEquals(Charts.RIGHT - BandCharts.INSET, last.x(), 1e-9);
        assertTrue(first.yLow() > first.y() && first.y() > first.yHigh(), "the interval brackets the estimate (y runs down)");
        assertEquals(Charts.BOTTOM - 0.1 * (Charts.BOTTOM - Charts.TOP), first.y(), 0.05);
        assertTrue(curve.band().startsWith("M") && curve.band().endsWith("Z"));
        assertEquals(List.of("ReLU", "95% interval"), c.legend().stream().map(LineChart.LegendEntry::label).toList());
        String html = render(c);
        assertTrue(html.contains("<a href=\"/lab?seed=0\" aria-label=\"x = 0.01\"><circle class=\"dot\""), html);
        assertTrue(html.contains("<path class=\"band series-1\""));
        assertTrue(html.contains("<line class=\"whisker\""));
        assertFalse(html.contains("style="));
    }

    @Test
    void categoriesGetDotsAndWhiskersButNoLineAndTheoryIsDashedWithoutDots() {
        BandCharts.Series measured = new BandCharts.Series("series-2", "measured", false,
                List.of(v(0, 0.3, 0.2, 0.4), v(1, Double.NaN, Double.NaN, Double.NaN), v(2, 0.7, 0.6, 0.8)));
        BandCharts.Series theory = new BandCharts.Series("series-2", "theory", true, List.of(v(0, 0.25, Double.NaN, Double.NaN), v(2, 0.75, Double.NaN, Double.NaN)));
        BandChart c = BandCharts.build("c", "t", "d", BandCharts.categoryX(List.of("he", "xavier", "zeros")), "init", false,
                BandCharts.Y.FRACTION, "share", List.of(measured, theory), "95% interval");
        assertEquals("", c.curves().get(0).points(), "no line between unordered categories");
        assertEquals(2, c.curves().get(0).dots().size(), "a value that is not finite is left out, not drawn as 0");
        assertEquals("series-2 theory", c.curves().get(1).cssClass());
        assertTrue(c.curves().get(1).dots().isEmpty());
        assertFalse(c.curves().get(1).points().isEmpty());
        assertEquals(List.of("he", "xavier", "zeros"), c.xTicks().stream().map(Tick::label).toList());
        assertEquals(Format.r1(Charts.LEFT + (Charts.RIGHT - Charts.LEFT) / 6.0), c.xTicks().get(0).pos());
        assertTrue(render(c).contains("<polyline class=\"line series-2 theory\""));
    }

    @Test
    void aLogYAxisSkipsValuesThatAreNotPositiveAndDotsAloneHaveADotInTheLegend() {
        BandCharts.Series loss = new BandCharts.Series("series-1", "loss", false, false,
                List.of(v(1, 0.5, 0.1, 0.9), v(2, 0, 0, 0), v(3, 0.01, 0.005, 0.02)));
        BandChart c = BandCharts.build("l", "t", "d", BandCharts.linearX(1, 3), "depth", true, BandCharts.Y.LOG, "loss", List.of(loss), "95%");
        assertEquals(2, c.curves().get(0).dots().size());
        assertEquals("", c.curves().get(0).points(), "dots alone");
        assertEquals(LineChart.Kind.MARKER, c.legend().get(0).kind());
        assertTrue(render(c).contains("<g class=\"dots series-1\"><circle class=\"dot\" cx=\"0\" cy=\"0\""));
    }
}
