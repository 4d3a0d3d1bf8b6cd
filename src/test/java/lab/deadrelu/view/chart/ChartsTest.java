package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.sim.Series;
import lab.deadrelu.view.i18n.Format;
import lab.deadrelu.view.i18n.Notation;
import org.junit.jupiter.api.Test;

class ChartsTest {
    static final ChartWords EN = EnglishChartWords.INSTANCE;

    /** Every "x,y" of a points attribute (absolute) or a band's path d ("M" absolute, then "l" relative). */
    static List<double[]> coordinates(String geometry) {
        List<double[]> out = new ArrayList<>();
        double x = 0, y = 0;
        boolean relative = false;
        for (String token : geometry.replaceAll("([Mlz])", " $1 ").trim().split("\\s+")) {
            if (token.isEmpty() || token.equals("z")) continue;
            if (token.equals("M") || token.equals("l")) {
                relative = token.equals("l");
                continue;
            }
            String[] xy = token.split(",");
            double a = Double.parseDouble(xy[0]), b = Double.parseDouble(xy[1]);
            x = relative ? x + a : a;
            y = relative ? y + b : b;
            out.add(new double[] {x, y});
        }
        return out;
    }

    static void assertInsidePlot(LineChart chart) {
        for (LineChart.Line line : chart.lines()) {
            for (String geometry : List.of(line.points(), line.band())) {
                double unit = geometry == line.band() ? Charts.BAND_UNIT : 1;
                for (double[] q : coordinates(geometry)) {
                    double[] p = {q[0] * unit, q[1] * unit};
                    assertTrue(p[0] >= chart.left() && p[0] <= chart.right() && p[1] >= chart.top() && p[1] <= chart.bottom(),
                            line.cssClass() + " has " + p[0] + "," + p[1] + " outside the plot");
                }
            }
        }
    }

    static void assertNoNonFinite(Object geometry) {
        String text = geometry.toString();
        assertFalse(text.contains("NaN"), text);
        assertFalse(text.contains("Infinity"), text);
    }

    @Test
    void lossChartOfCase2HasItsPointsInsideThePlotArea() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 500, 128);   // 128 buckets: merged, so bands appear
        LineChart chart = run.lossChart();
        assertEquals(1, chart.lines().size());
        LineChart.Line line = chart.lines().get(0);
        assertEquals("series-loss", line.cssClass());
        assertTrue(coordinates(line.points()).size() >= 20, "a real curve");
        assertTrue(coordinates(line.points()).size() <= (chart.right() - chart.left()) / Charts.MIN_GAP + 2, "no more points than room");
        assertTrue(line.hasBand(), "merged buckets show their range");
        assertInsidePlot(chart);
        assertNoNonFinite(chart);
        // the first bucket covers several steps after merging: the sentence names its last one
        String start = "Loss fell from " + Format.number(run.loss.lastOf(0)) + " at step " + run.loss.stepOf(0) + " to ";
        assertTrue(chart.description().startsWith(start), chart.description());
        assertEquals("Loss fell from 0.757 at step 0 to 0.0603 at step 100 (lowest 0.0489).",
                new CaseRun(Scenario.CASE_2, 100, 256).lossChart().description());
        assertTrue(chart.description().contains("at step 500"), chart.description());
        for (Tick t : chart.yTicks()) assertTrue(t.label().matches("1|10+|0\\.0*1|1e-?\\d+"), "power of ten: " + t.label());
        assertEquals("500", chart.xTicks().get(chart.xTicks().size() - 1).label());
        assertEquals("step", chart.xLabel());
        assertEquals("loss (log scale)", chart.yLabel());
    }

    @Test
    void weightsChartContainsZeroAndMarksTheDeath() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 500, 256);
        Long death = run.deathStep();
        assertNotNull(death, "case 2 kills h1^(2)");
        LineChart chart = run.weightsChart();
        assertEquals(List.of("w₂₁", "w₂₂"), chart.lines().stream().map(LineChart.Line::label).toList(), "the post's notation");
        assertEquals("Weights into h₁⁽²⁾", chart.title());
        assertTrue(chart.description().contains("w21 went from"), "the text alternative keeps the names of links and JSON: " + chart.description());
        assertNotNull(chart.zeroY());
        assertTrue(chart.zeroY() > chart.top() && chart.zeroY() < chart.bottom(), "weights of both signs: zero inside");
        assertTrue(chart.yTicks().stream().anyMatch(t -> t.label().equals("0") && t.pos() == chart.zeroY()));
        assertEquals(1, chart.markers().size());
        LineChart.Marker marker = chart.markers().get(0);
        double expected = Charts.LEFT + (double) death / 500 * (Charts.RIGHT - Charts.LEFT);
        assertEquals(expected, marker.x(), 0.051);
        assertEquals("died at step " + death, marker.label());
        assertTrue(chart.legend().stream().anyMatch(e -> e.kind() == LineChart.Kind.MARKER && e.label().equals(marker.label())));
        assertTrue(chart.description().contains("died at step " + death), chart.description());
        assertInsidePlot(chart);
        assertNoNonFinite(chart);

        // after the death the weights stay flat: the line ends in one long segment
        List<double[]> w21 = coordinates(chart.lines().get(0).points());
        double[] last = w21.get(w21.size() - 1), before = w21.get(w21.size() - 2);
        assertEquals(last[1], before[1]);
        assertTrue(before[0] <= marker.x() + 2 * Charts.MIN_GAP, "flat from the death on");
    }

    @Test
    void weightsChartIncludesZeroEvenWhenAllWeightsArePositive() {
        Series s = new Series(16);
        for (int step = 0; step <= 10; step++) s.add(step, 2 + step * 0.1);
        LineChart chart = Charts.weights("w", List.of(s), List.of("w11"), null, "h1^(1)", EN);
        assertEquals(chart.bottom(), chart.zeroY(), 1e-9, "zero at the bottom");
        assertTrue(chart.markers().isEmpty());
        assertEquals("0", chart.yTicks().get(0).label());
    }

    @Test
    void deadCountsChartHasALinePerHiddenLayerUpToTheWidestLayer() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 500, 256);
        LineChart chart = run.deadChart();
        assertEquals(List.of("layer 1", "layer 2"), chart.lines().stream().map(LineChart.Line::label).toList());
        assertEquals(List.of("0", "1", "2"), chart.yTicks().stream().map(Tick::label).toList());
        assertEquals(List.of("series-1", "series-2"), chart.lines().stream().map(LineChart.Line::cssClass).toList());
        assertInsidePlot(chart);
        // layer 2 ends at one dead neuron (within the nudge that keeps equal counts apart)
        List<double[]> layer2 = coordinates(chart.lines().get(1).points());
        double one = chart.yTicks().get(1).pos();
        assertEquals(one, layer2.get(layer2.size() - 1)[1], 4.1, "within the nudge of 4 per-mille");
        assertTrue(layer2.size() <= 6, "a step line: " + chart.lines().get(1).points());
        assertEquals("At step 500: 0 of 2 neurons dead in layer 1, 1 of 2 in layer 2.", chart.description());
    }

    @Test
    void aSpikeSurvivesMergingInTheBand() {
        Series s = new Series(8);
        for (int step = 0; step < 200; step++) s.add(step, step == 77 ? 50 : 0.5);
        LineChart chart = Charts.loss("l", s, 199, EN);
        LineChart.Line line = chart.lines().get(0);
        double top = coordinates(line.band()).stream().mapToDouble(p -> p[1] * Charts.BAND_UNIT).min().orElseThrow();
        double expected = chart.bottom() - (Math.log10(50) + 1) / 3 * (chart.bottom() - chart.top());   // axis 0.1 to 100
        assertEquals(expected, top, Charts.BAND_UNIT / 2.0, "the spike to 50 shows in the band (to a band unit)");
        assertTrue(chart.description().contains("stayed"), chart.description());
    }

    @Test
    void pointsAreBoundedByTheRoomNotByTheHistory() {
        Series s = new Series(4096);
        for (int step = 0; step < 4000; step++) s.add(step, Math.sin(step / 50.0));
        LineChart chart = Charts.weights("w", List.of(s), List.of("w11"), 1234L, "h1^(1)", EN);
        int points = coordinates(chart.lines().get(0).points()).size();
        assertTrue(points <= (Charts.RIGHT - Charts.LEFT) / Charts.MIN_GAP + 2, points + " points");
        assertInsidePlot(chart);
    }

    @Test
    void edgeCasesNeverProduceNaNOrInfinity() {
        List<List<Series>> cases = new ArrayList<>();
        cases.add(List.of(new Series(4)));                                   // empty
        cases.add(List.of(series(new double[] {0.5})));                      // one point
        cases.add(List.of(series(new double[] {3, 3, 3, 3})));               // all equal
        cases.add(List.of(series(new double[] {0, 0, 0})));                  // zeros
        cases.add(List.of(series(new double[] {1e300, 1e300, 2e300})));      // huge (a float: infinite)
        cases.add(List.of(series(new double[] {1e38, -3e38, 3.4e38})));      // huge, finite as floats
        cases.add(List.of(series(new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2})));
        cases.add(List.of(series(new double[] {-1, -2, -0.5})));             // negative loss
        cases.add(List.of(series(new double[] {1e-40, 1e-45, 0})));          // subnormal floats
        cases.add(List.of(series(new double[] {1, 2}), new Series(4), series(new double[] {7})));
        for (List<Series> c : cases) {
            List<LineChart> charts = List.of(
                    Charts.loss("l", c.get(0), 0, EN),
                    Charts.loss("l", c.get(0), 1_000_000, EN),
                    Charts.deadCounts("d", c, new int[] {2, 2, 2}, EN),
                    Charts.deadCounts("d", c, new int[0], EN),
                    Charts.weights("w", c, List.of("w21"), 0L, "h1^(2)", EN),
                    Charts.weights("w", c, List.of(), 10_000L, "h1^(2)", EN));
            for (LineChart chart : charts) {
                assertNoNonFinite(chart);
                assertInsidePlot(chart);
                assertFalse(chart.description().isBlank());
                assertFalse(chart.xTicks().isEmpty());
                assertFalse(chart.yTicks().isEmpty());
            }
        }
        LineChart empty = Charts.loss("l", new Series(4), 0, EN);
        assertTrue(empty.lines().isEmpty());
        assertEquals("No steps yet.", empty.description());
        assertNull(empty.zeroY());
        LineChart one = Charts.loss("l", series(new double[] {0.5}), 0, EN);
        assertEquals(2, coordinates(one.lines().get(0).points()).size(), "one point still shows as a dot");
        assertEquals("Loss is 0.5 at step 0.", one.description());
    }

    @Test
    void lineStylesCycle() {
        assertEquals("series-1", Charts.style(0));
        assertEquals("series-8", Charts.style(7));
        assertEquals("series-1", Charts.style(8));
    }

    @Test
    void atStepZeroCaseOnesWeightsAreThreeLabelledPointsBelowZero() {
        CaseRun run = new CaseRun(Scenario.CASE_1, 0, 256);
        LineChart chart = run.weightsChart();
        assertEquals(3, chart.points().size(), "one point per weight: nothing else to draw at step 0");
        double previous = Double.NEGATIVE_INFINITY;
        for (LineChart.Point p : chart.points().stream().sorted(java.util.Comparator.comparingDouble(LineChart.Point::y)).toList()) {
            assertTrue(p.shown(), "its value written beside it without hovering: " + p);
            assertTrue(p.y() > chart.zeroY(), "below the zero line: " + p);
            assertEquals(0, p.x(), "at step 0");
            assertTrue(p.label().matches("w₁[₁₂₃] = −\\d\\.\\d+"), p.label());
            assertTrue(p.title().matches("w₁[₁₂₃], step 0: −\\d\\.\\d+"), p.title());
            assertEquals("start", p.anchor(), "right of the point, into the plot");
            double baseline = p.y() / 1000 * Charts.MIN_PLOT_PX + p.dy();
            assertTrue(baseline >= previous + 16 - 0.1, "labels a line apart on the smallest plot: " + chart.points());
            assertTrue(baseline >= 12 + 16 && baseline <= Charts.MIN_PLOT_PX, "inside the plot, under the label of the born-dead marker: " + baseline);
            previous = baseline;
        }
        assertEquals(List.of(0), chart.markers().stream().map(LineChart.Marker::row).toList(), "case 1 is born dead: one marker");
        assertTrue(chart.lines().stream().allMatch(LineChart.Line::hasPoints));
        assertInsidePlot(chart);
        LineChart loss = run.lossChart();
        assertEquals(1, loss.points().size());
        assertEquals(Signs.number(run.loss.lastOf(0)), loss.points().get(0).label(), "the loss at step 0, written out");
        LineChart dead = run.deadChart();
        assertEquals(2, dead.points().size(), "a point per layer at step 0");
    }

    @Test
    void afterStepZeroTheFirstAndCurrentValuesArePointsThatTellTheirStepOnHoverAndFocus() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 30, 256);
        LineChart chart = run.weightsChart();
        assertEquals(4, chart.points().size(), "w21 and w22 at steps 0 and 30");
        assertTrue(chart.points().stream().noneMatch(LineChart.Point::shown), "labels wait for hover or focus");
        LineChart.Point last = chart.points().get(1);
        assertEquals(Charts.RIGHT, last.x());
        assertEquals("end", last.anchor(), "at the right edge the label runs left, into the plot");
        assertTrue(last.dx() < 0);
        assertTrue(last.title().startsWith("w₂₁, step 30: "), last.title());
        LineChart zh = Charts.weights("w", run.weights, run.names, 8L, "h1^(2)", ChartsMarkTest.ZH);
        assertTrue(zh.points().get(1).title().startsWith("w₂₁，第 30 步："), zh.points().get(1).title());
        assertEquals("h₁⁽²⁾ 的输入权重", zh.title());
        assertEquals(List.of("步数", "权重"), List.of(zh.xLabel(), zh.yLabel()), "axis titles in Chinese");
    }

    @Test
    void deadNeuronsPerLayerIsAStepChartWithWholeTicksAndAPointWhereACountChanged() {
        CaseRun run = new CaseRun(Scenario.CASE_2, 500, 1024);   // no merged buckets: every step is its own
        LineChart chart = run.deadChart();
        for (Tick t : chart.yTicks()) assertTrue(t.label().matches("\\d+"), "whole numbers: " + t.label());
        assertEquals("dead neurons", chart.yLabel());
        List<LineChart.Point> layer2 = chart.points().stream().filter(p -> p.cssClass().equals("series-2")).toList();
        assertEquals(3, layer2.size(), "step 0, the death, now: " + layer2);
        LineChart.Point death = layer2.get(1);
        assertEquals("layer 2, step 8: 1", death.title());
        double x8 = Charts.LEFT + 8 / 500.0 * (Charts.RIGHT - Charts.LEFT);
        assertTrue(death.x() >= x8 - 0.1 && death.x() <= x8 + 2 * Charts.MIN_GAP, death.x() + " near " + x8);
        // each layer its colour, dash (series class) and mark, in the legend too
        List<LineChart.LegendEntry> lines = chart.legend().stream().filter(e -> e.kind() == LineChart.Kind.LINE).toList();
        assertEquals(List.of("series-1", "series-2"), lines.stream().map(LineChart.LegendEntry::cssClass).toList());
        assertTrue(lines.stream().allMatch(LineChart.LegendEntry::hasShape));
        assertFalse(lines.get(0).shape().equals(lines.get(1).shape()), "a circle and a square");
        assertFalse(layer2.get(0).shape().equals(chart.points().get(0).shape()));
        // the rise is a step: from (x of step 8, 0) straight up to (same x, 1)
        List<double[]> pts = coordinates(chart.lines().get(1).points());
        boolean vertical = false;
        for (int i = 1; i < pts.size(); i++) vertical |= pts.get(i)[0] == pts.get(i - 1)[0] && pts.get(i)[1] < pts.get(i - 1)[1] - 100;
        assertTrue(vertical, "a vertical rise: " + chart.lines().get(1).points());
    }

    @Test
    void aNeuronWithMoreThanEightIncomingWeightsNamesTheFiveThatMovedMostAndShadesTheOthers() {
        CaseRun run = new CaseRun(Scenario.DEEP_NET_WORKS_ANYWAY, 300, 256);
        assertTrue(run.weights.size() > Charts.MAX_NAMED, run.weights.size() + " weights");
        LineChart chart = run.weightsChart();
        List<LineChart.LegendEntry> named = chart.legend().stream().filter(e -> e.kind() == LineChart.Kind.LINE).toList();
        assertEquals(Charts.NAMED, named.size());
        int others = run.weights.size() - Charts.NAMED;
        List<LineChart.LegendEntry> band = chart.legend().stream().filter(e -> e.cssClass().equals("band others")).toList();
        assertEquals(List.of(others + " others"), band.stream().map(LineChart.LegendEntry::label).toList());
        assertTrue(chart.legend().size() <= Charts.NAMED + 3, "a short legend: " + chart.legend().size());
        // the named are the five with the largest |w_now - w_start|
        double[] change = new double[run.weights.size()];
        for (int i = 0; i < change.length; i++) {
            Series s = run.weights.get(i);
            change[i] = Math.abs(s.lastOf(s.size() - 1) - s.lastOf(0));
        }
        double smallestNamed = Double.MAX_VALUE, largestOther = 0;
        for (int i = 0; i < change.length; i++) {
            String name = Notation.pretty(run.names.get(i));
            boolean isNamed = named.stream().anyMatch(e -> e.label().equals(name));
            if (isNamed) smallestNamed = Math.min(smallestNamed, change[i]);
            else largestOther = Math.max(largestOther, change[i]);
        }
        assertTrue(smallestNamed >= largestOther, smallestNamed + " vs " + largestOther);
        // the shaded envelope spans the others' values
        LineChart.Line envelope = chart.lines().stream().filter(l -> l.cssClass().equals("others")).findFirst().orElseThrow();
        assertFalse(envelope.hasPoints());
        assertTrue(envelope.hasBand());
        assertInsidePlot(chart);
        assertTrue(chart.description().contains(others + " other weights end between"), chart.description());
        assertEquals(2 * Charts.NAMED, chart.points().size(), "points for the named weights only");
    }

    static Series series(double[] values) {
        Series s = new Series(4);
        for (int i = 0; i < values.length; i++) s.add(i, values[i]);
        return s;
    }
}
