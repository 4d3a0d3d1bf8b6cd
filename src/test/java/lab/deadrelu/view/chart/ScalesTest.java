package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.deadrelu.view.i18n.Format;
import org.junit.jupiter.api.Test;

class ScalesTest {

    @Test
    void linearScaleMapsDomainEndsToRangeEnds() {
        LinearScale s = new LinearScale(-2, 3, 190, 28);
        assertEquals(190, s.map(-2), 1e-9);
        assertEquals(28, s.map(3), 1e-9);
        assertEquals(190 - 162 * 0.4, s.map(0), 1e-9);
        assertEquals(190, s.map(-100), 1e-9, "clamped below");
        assertEquals(28, s.map(1e300), 1e-9, "clamped above");
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(2, Ticks.niceStep(10, 5), 1e-12);
        assertEquals(0.2, Ticks.niceStep(1, 5), 1e-12);
        assertEquals(0.02, Ticks.niceStep(0.07, 5), 1e-12);
        assertEquals(500, Ticks.niceStep(2300, 6), 1e-9);
        assertEquals(100, Ticks.niceStep(500, 5), 1e-9);
        for (double span : new double[] {1e-9, 0.003, 0.7, 1, 13, 999, 12345, 6.02e23}) {
            double step = Ticks.niceStep(span, 5);
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            assertTrue(Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6,
                    span + " -> " + step);
        }
    }

    @Test
    void niceTicksCoverTheDomain() {
        double[][] domains = {{0, 1}, {-0.588, 1.03}, {0.19, 0.86}, {-1.39, 0}, {3, 3}, {-7e-6, 2e-6}, {12, 987654}, {-1e30, 1e30}};
        for (double[] d : domains) {
            LinearScale s = LinearScale.covering(d[0], d[1], 190, 28, 5);
            double[] ticks = s.tickValues();
            assertTrue(ticks.length >= 2 && ticks.length <= 11, ticks.length + " ticks for " + d[0] + ".." + d[1]);
            assertTrue(ticks[0] <= d[0] && ticks[ticks.length - 1] >= d[1], "ticks cover " + d[0] + ".." + d[1]);
            assertEquals(s.domainMin(), ticks[0], Math.abs(s.step()) * 1e-6);
            assertEquals(s.domainMax(), ticks[ticks.length - 1], Math.abs(s.step()) * 1e-6);
            assertEquals(190, s.map(ticks[0]), 1e-6);
            assertEquals(28, s.map(ticks[ticks.length - 1]), 1e-6);
        }
    }

    @Test
    void ticksWithinAnExactDomainAreWholeSteps() {
        LinearScale steps = LinearScale.within(0, 537, 56, 620, 6, 1);
        assertEquals(List.of("0", "100", "200", "300", "400", "500"), labels(steps.ticks()));
        assertEquals(620, steps.map(537), 1e-9);
        LinearScale counts = LinearScale.within(0, 2, 186, 32, 5, 1);
        assertEquals(List.of("0", "1", "2"), labels(counts.ticks()), "counts never get fractional ticks");
        assertEquals(List.of("0", "2k", "4k", "6k", "8k", "10k"), labels(LinearScale.within(0, 10_000, 0, 100, 6, 1).ticks()));
        assertEquals(List.of("0", "500k", "1M", "1.5M", "2M"), labels(LinearScale.within(0, 2e6, 0, 100, 4, 1).ticks()));
    }

    @Test
    void logScaleMapsDecadesAndItsTicksArePowersOfTen() {
        LogScale s = LogScale.covering(0.0529, 0.757, 190, 28);
        assertEquals(0.01, s.domainMin(), 1e-15);
        assertEquals(1, s.domainMax(), 1e-15);
        assertEquals(190, s.map(0.01), 1e-9);
        assertEquals(28, s.map(1), 1e-9);
        assertEquals(109, s.map(0.1), 1e-9);
        assertEquals(List.of("0.01", "0.1", "1"), labels(s.ticks()));

        for (double[] d : new double[][] {{1e-5, 3}, {2e-9, 7e5}, {0.3, 0.4}, {1e-300, 1e300}, {5, 5}, {1e-12, 1e-11}}) {
            LogScale wide = LogScale.covering(d[0], d[1], 190, 28);
            double[] ticks = wide.tickValues();
            assertTrue(ticks.length >= 2 && ticks.length <= 8, ticks.length + " ticks for " + d[0] + ".." + d[1]);
            for (double t : ticks) {
                double e = Math.log10(t);
                assertEquals(Math.rint(e), e, 1e-9, t + " is a power of ten");
            }
            assertTrue(ticks[0] <= Math.max(d[0], d[1] * LogScale.FLOOR) * (1 + 1e-9), "covers the low end");
            assertTrue(ticks[ticks.length - 1] >= d[1] * (1 - 1e-9), "covers the high end");
        }
        assertEquals(List.of("1e-5", "1e-4", "0.001", "0.01", "0.1", "1", "10"), labels(LogScale.covering(1e-5, 3, 190, 28).ticks()));
    }

    @Test
    void logScaleFloorsZerosAndNegativesAtTheBottom() {
        LogScale s = LogScale.covering(0, 0.8, 190, 28);   // no positive minimum: one decade below
        assertEquals(190, s.map(0), 1e-9);
        assertEquals(190, s.map(-3), 1e-9);
        assertEquals(190, s.map(Double.NaN), 1e-9);
        assertEquals(28, s.map(Double.POSITIVE_INFINITY), 1e-9);
        LogScale tiny = LogScale.covering(1e-30, 1, 190, 28);   // floored 12 decades below the top
        assertEquals(1e-12, tiny.domainMin(), 1e-24);
        assertEquals(190, tiny.map(1e-30), 1e-9);
    }

    @Test
    void scalesStayFiniteOnAnyInput() {
        double[] nasty = {0, -0.0, 1, -1, 1e-300, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double a : nasty) {
            for (double b : nasty) {
                List<Scale> scales = List.of(new LinearScale(a, b, 190, 28), LinearScale.covering(a, b, 190, 28, 5),
                        LinearScale.within(a, b, 56, 620, 6, 1), new LogScale(a, b, 190, 28), LogScale.covering(a, b, 190, 28));
                for (Scale s : scales) {
                    assertTrue(Double.isFinite(s.domainMin()) && Double.isFinite(s.domainMax()) && s.domainMax() > s.domainMin(),
                            s + " on " + a + ", " + b);
                    for (double v : nasty) {
                        double p = s.map(v);
                        assertTrue(Double.isFinite(p) && p >= 28 - 1e-9 && p <= 620 + 1e-9, s + " maps " + v + " to " + p);
                    }
                    String text = s.ticks().toString();
                    assertTrue(!text.contains("NaN") && !text.contains("Infinity") && !text.contains("∞"), text);
                    assertTrue(s.ticks().size() <= Ticks.MAX_TICKS + 1);
                }
            }
        }
    }

    @Test
    void labelsAreCompact() {
        assertEquals("0", Format.compact(0));
        assertEquals("0.001", Format.compact(0.001));
        assertEquals("1e-5", Format.compact(1e-5));
        assertEquals("2.5e-5", Format.compact(2.5e-5));
        assertEquals("0.25", Format.compact(0.25));
        assertEquals("-0.5", Format.compact(-0.5));
        assertEquals("0.3", Format.compact(0.30000000000000004));
        assertEquals("950", Format.compact(950));
        assertEquals("2k", Format.compact(2000));
        assertEquals("12.5k", Format.compact(12_500));
        assertEquals("1.5M", Format.compact(1.5e6));
        assertEquals("1e9", Format.compact(1e9));
        assertEquals("1e300", Format.compact(1e300));
        assertEquals("0.757", Format.number(0.75712));
        assertEquals("0.0529", Format.number(0.052934));
        assertEquals("-1.39", Format.number(-1.3882));
        assertEquals("1234", Format.number(1234.4));
        assertEquals("1.23e-5", Format.number(1.2345e-5));
        assertEquals("∞", Format.number(Double.POSITIVE_INFINITY));
        assertEquals("?", Format.number(Double.NaN));
    }

    @Test
    void coordinatesHaveOneDecimalAtMost() {
        StringBuilder b = new StringBuilder();
        for (double v : new double[] {12, 12.34, -4.56, -0.01, 0.05, Double.NaN, 1e3}) {
            Format.coord(b, v);
            b.append(' ');
        }
        assertEquals("12 12.3 -4.6 0 0.1 0 1000 ", b.toString());
        assertEquals(12.3, Format.r1(12.34));
        assertEquals(0.0, Format.r1(Double.NaN));
        assertEquals("0.0", Double.toString(Format.r1(-0.01)), "never -0.0");
    }

    private static List<String> labels(List<Tick> ticks) {
        return ticks.stream().map(Tick::label).toList();
    }
}
