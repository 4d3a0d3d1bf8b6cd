package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.sim.Series;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;

/** A link's mark=<step> as a vertical marker on the loss, dead-count and weights charts. */
class ChartsMarkTest {
    static final ChartWords EN = EnglishChartWords.INSTANCE;
    static final ChartWords ZH = new BundleChartWords(I18n.of(Lang.ZH));

    static Series ramp(int steps) {
        Series s = new Series(256);
        for (int step = 0; step <= steps; step++) s.add(step, 1.0 / (1 + step));
        return s;
    }

    @Test
    void lossAndDeadChartsDrawTheMarkAtItsStep() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 30, 256);
        LineChart loss = Charts.loss("loss-chart", run.loss, 30, 8L, EN);
        assertEquals(1, loss.markers().size());
        LineChart.Marker m = loss.markers().get(0);
        assertEquals("marker mark", m.cssClass());
        assertEquals("marked: step 8", m.label());
        double expectedX = Charts.LEFT + (Charts.RIGHT - Charts.LEFT) * 8 / 30.0;
        assertEquals(Format.r1(expectedX), m.x(), 1e-9);
        assertTrue(loss.legend().stream().anyMatch(e -> e.kind() == LineChart.Kind.MARKER && e.label().equals("marked: step 8")));

        LineChart dead = Charts.deadCounts("dead-chart", run.deadPerLayer, run.widths, 8L, ZH);
        assertEquals(List.of("标记：第 8 步"), dead.markers().stream().map(LineChart.Marker::label).toList());
        assertEquals(m.x(), dead.markers().get(0).x(), 1e-9, "the same step on every chart");

        assertTrue(Charts.loss("l", run.loss, 30, null, EN).markers().isEmpty(), "no mark, no marker");
        assertEquals(Charts.loss("l", run.loss, 30, EN), Charts.loss("l", run.loss, 30, null, EN));
    }

    @Test
    void aMarkOutsideTheStepsOnTheChartWaitsUntilTheRunGetsThere() {
        Series loss = ramp(30);
        assertTrue(Charts.loss("l", loss, 30, 31L, EN).markers().isEmpty());
        assertTrue(Charts.loss("l", loss, 30, 1_000_000L, EN).markers().isEmpty());
        assertEquals(1, Charts.loss("l", loss, 30, 30L, EN).markers().size());
        assertEquals(1, Charts.loss("l", loss, 30, 0L, EN).markers().size());
    }

    @Test
    void onTheWeightsChartTheMarkJoinsTheDeathMarkerWithoutCoveringIt() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 30, 256);
        assertEquals(8L, run.deathStep());
        LineChart same = Charts.weights("w", run.weights, run.names, 8L, "h1^(2)", 8L, EN);
        assertEquals(List.of("marker death"), same.markers().stream().map(LineChart.Marker::cssClass).toList(),
                "the death marker already marks step 8");

        LineChart near = Charts.weights("w", run.weights, run.names, 8L, "h1^(2)", 10L, EN);
        assertEquals(List.of("marker death", "marker mark"), near.markers().stream().map(LineChart.Marker::cssClass).toList());
        LineChart.Marker death = near.markers().get(0), mark = near.markers().get(1);
        assertEquals("died at step 8", death.label());
        assertEquals("marked: step 10", mark.label());
        assertEquals(List.of("start", "start"), List.of(death.anchor(), mark.anchor()), "both in the left half: labels run right");
        assertEquals(List.of(0, 1), List.of(death.row(), mark.row()), "close together: one label under the other, never over it");
        assertTrue(mark.dy() >= death.dy() + 16, "a row apart: " + death.dy() + ", " + mark.dy());

        LineChart far = Charts.weights("w", run.weights, run.names, 8L, "h1^(2)", 28L, EN);
        assertEquals("start", far.markers().get(0).anchor(), "far apart: each label where it would be alone");
        assertEquals("end", far.markers().get(1).anchor(), "in the right half a label runs left, into the plot");
        assertEquals(List.of(0, 0), far.markers().stream().map(LineChart.Marker::row).toList(), "far apart: one row");

        LineChart alone = Charts.weights("w", run.weights, run.names, null, "h1^(2)", 3L, EN);
        assertEquals(List.of("marked: step 3"), alone.markers().stream().map(LineChart.Marker::label).toList());
    }

    @Test
    void theMarkerRendersAsAnSvgLineWithItsLabel() throws Exception {
        CaseRun run = new CaseRun(Scenario.CASE_2, 30, 256);
        TemplateRenderingTest.engine();
        LineChart chart = Charts.loss("loss-chart", run.loss, 30, 8L, EN);
        String html = TemplateRenderingTest.render("chart/chart_line.jte", Map.of("chart", chart));
        TemplateRenderingTest.assertSafeAndWellFormed(html);
        assertEquals(266.7, chart.markers().get(0).x(), 1e-9, "1000 * 8 / 30 per-mille of the plot");
        assertTrue(html.contains("<g class=\"marker mark\"><line x1=\"26.67%\" y1=\"0\" x2=\"26.67%\" y2=\"100%\"/>"), html);
        assertTrue(html.contains(">marked: step 8</text>"), html);
    }
}
