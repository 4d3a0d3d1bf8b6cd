package lab.deadrelu.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.sim.Series;
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
                for (double[] p : coordinates(geometry)) {
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
        assertEquals(List.of("w21", "w22"), chart.lines().stream().map(LineChart.Line::label).toList());
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
        assertEquals(one, layer2.get(layer2.size() - 1)[1], 2);
        assertTrue(layer2.size() <= 6, "a step line: " + chart.lines().get(1).points());
        assertEquals("At step 500: 0 of 2 neurons dead in layer 1, 1 of 2 in layer 2.", chart.description());
    }

    @Test
    void aSpikeSurvivesMergingInTheBand() {
        Series s = new Series(8);
        for (int step = 0; step < 200; step++) s.add(step, step == 77 ? 50 : 0.5);
        LineChart chart = Charts.loss("l", s, 199, EN);
        LineChart.Line line = chart.lines().get(0);
        double top = coordinates(line.band()).stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double expected = chart.bottom() - (Math.log10(50) + 1) / 3 * (chart.bottom() - chart.top());   // axis 0.1 to 100
        assertEquals(expected, top, 0.5, "the spike to 50 shows in the band (whole units)");
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

    static Series series(double[] values) {
        Series s = new Series(4);
        for (int i = 0; i < values.length; i++) s.add(i, values[i]);
        return s;
    }
}
