package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Snapshot;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.sim.Series;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class TemplateRenderingTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    public static TemplateEngine engine;

    @BeforeAll
    public static void engine() {
        engine = TemplateEngine.create(new DirectoryCodeResolver(Path.of("templates")), Path.of("target/jte-test-classes"),
                ContentType.Html);
    }

    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }

    public static String chart(LineChart chart) {
        return render("chart/chart_line.jte", Map.of("chart", chart));
    }

    static String diagram(NetworkDiagram diagram) {
        return render("chart/network_diagram.jte", Map.of("diagram", diagram));
    }

    /** Every visible word with a script tag in front: it must come out as text. */
    static ChartWords hostile() {
        return (ChartWords) Proxy.newProxyInstance(ChartWords.class.getClassLoader(), new Class<?>[] {ChartWords.class},
                (proxy, method, args) -> SCRIPT + "\"'&" + method.invoke(EnglishChartWords.INSTANCE, args));
    }

    public static void assertSafeAndWellFormed(String html) throws Exception {
        assertFalse(html.contains("<script"), "no raw script tag");
        assertFalse(html.contains(" style="), "no inline styles (CSP)");
        assertFalse(html.contains("NaN") || html.contains("Infinity"), "only finite numbers");
        String xml = "<root>" + html + "</root>";   // balanced tags, quoted attributes, escaped text
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void lineChartRendersAnAccessibleSvg() throws Exception {
        CaseRun run = new CaseRun(Scenario.CASE_2, 100, 256);
        LineChart loss = run.lossChart();
        String html = chart(loss);
        assertSafeAndWellFormed(html);
        assertTrue(html.contains("<svg class=\"chart-svg\" role=\"group\" aria-labelledby=\"loss-chart-t loss-chart-d\">"), html);
        assertFalse(html.contains("viewBox=\"0 0 640"), "no scaled frame: text keeps its CSS size");
        assertTrue(html.contains("<svg class=\"plot\" viewBox=\"0 0 1000 1000\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"), html);
        assertTrue(html.contains("<title id=\"loss-chart-t\">Loss</title>"));
        assertTrue(html.contains("<desc id=\"loss-chart-d\">Loss fell from 0.757 at step 0 to 0.0603 at step 100 (lowest 0.0489).</desc>"));
        assertTrue(html.contains("points=\"" + loss.lines().get(0).points() + "\""));
        assertTrue(html.contains("<text class=\"axis-label y-title\" x=\"0\" dx=\"-52\" y=\"0\" dy=\"-13\">loss (log scale)</text>"), html);
        assertTrue(html.contains("<text class=\"axis-label x-title\" x=\"100%\" y=\"100%\" dy=\"39\">step</text>"), html);
        assertTrue(html.contains("<ul class=\"chart-legend\">"));
        assertEquals(3, count(html.substring(html.indexOf("<svg class=\"y-labels\""), html.indexOf("<svg class=\"x-labels\"")), "<text y="), "three decades labelled on y");
        assertEquals(2, count(html, "<g class=\"point series-loss\" tabindex=\"0\" role=\"img\"><title>Loss, step "), "the first and the current loss");

        String weights = chart(run.weightsChart());
        assertSafeAndWellFormed(weights);
        assertTrue(weights.contains("<path class=\"zero-line\" d=\"M0,"), weights);
        assertTrue(weights.contains("<g class=\"marker death\"><line x1=\"8%\""), weights);
        assertTrue(weights.contains(">died at step 8</text>"));
        assertSafeAndWellFormed(chart(run.deadChart()));
    }

    @Test
    void networkDiagramRendersShapesLinksAndLegend() throws Exception {
        CaseRun run = new CaseRun(Scenario.CASE_2, 100, 256);
        String html = diagram(run.diagram());
        assertSafeAndWellFormed(html);
        assertTrue(html.contains("role=\"group\" aria-labelledby=\"network-t network-d\""), "a group, not an img: its neurons are links");
        assertTrue(html.contains("<title id=\"network-t\">Network</title>"));
        assertTrue(html.contains("<desc id=\"network-d\">Network 3-2-2-1 at step 100:"));
        assertEquals(12, count(html, "<line class=\"edge "));
        assertEquals(4, count(html, "<a class=\"node-link\""), "each hidden neuron is a link");
        assertTrue(html.contains("<a class=\"node-link\" href=\"/lab?s=case-2&amp;focus=2.1\" data-layer=\"1\" data-neuron=\"0\">"
                + "<g class=\"node permanently-dead focused\"><title>h₁⁽²⁾: permanently dead (focused)</title>"), html);
        assertTrue(html.contains("<path class=\"node-mark\""), "the X of the permanently dead");
        assertTrue(html.contains("<path class=\"focus-ring\""));
        assertTrue(html.contains(">h<tspan class=\"sub\">1</tspan><tspan class=\"sup\">(2)</tspan></text>"), "h1^(2) as sub- and superscript");
        assertTrue(html.contains("<title>w₂₂ = -1.39</title>"), html);
        assertTrue(html.contains("<ul class=\"chart-legend network-legend\">"));
        assertEquals(8, count(html, "<li>"));
        assertFalse(html.contains("network-caption"), "all edges drawn: no caption");
        String bare = render("chart/network_diagram.jte", Map.of("diagram", run.diagram(), "legend", false));
        assertFalse(bare.contains("<li>"), "legend = false: for frames whose page shows the legend once");
        assertSafeAndWellFormed(bare);

        Scenario deep = Scenario.DEEP_NET_WORKS_ANYWAY;
        Snapshot snap = new lab.deadrelu.engine.Training(deep.spec).snapshot();
        String big = diagram(NetworkDiagram.of("deep", snap, deep.focusLayer, deep.focusNeuron, (h, i) -> "/lab?f=" + h + "." + i,
                EnglishChartWords.INSTANCE));
        assertSafeAndWellFormed(big);
        assertTrue(big.contains("<p class=\"network-caption\">Showing only the 64 connections of h₁₀⁽²⁾ (of 2176).</p>"));
        assertEquals(64, count(big, "<line class=\"edge "));
        assertEquals(96, count(big, "<a class=\"node-link\""));
    }

    @Test
    void everyStringIsEscaped() throws Exception {
        CaseRun run = new CaseRun(Scenario.CASE_2, 100, 256);
        ChartWords words = hostile();
        List<String> pages = List.of(
                chart(Charts.loss("l\"><script>", run.loss, 100, words)),
                chart(Charts.deadCounts("d", run.deadPerLayer, run.widths, words)),
                chart(Charts.weights("w", run.weights, List.of(SCRIPT, "w22"), 8L, SCRIPT, words)),
                diagram(NetworkDiagram.of("n", run.training.snapshot(), 1, 0, (h, i) -> "/lab\"><script>alert(1)</script>", words)));
        for (String html : pages) {
            assertSafeAndWellFormed(html);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        }
    }

    @Test
    void edgeCasesRenderWithoutNaNOrInfinity() throws Exception {
        Series empty = new Series(4), nasty = new Series(4);
        double[] values = {Double.NaN, 0, 1e300, -1e300, Double.POSITIVE_INFINITY, 1e-45, 3.3e38};
        for (int i = 0; i < values.length; i++) nasty.add(i, values[i]);
        ChartWords en = EnglishChartWords.INSTANCE;
        for (Series s : List.of(empty, nasty)) {
            assertSafeAndWellFormed(chart(Charts.loss("l", s, 0, en)));
            assertSafeAndWellFormed(chart(Charts.deadCounts("d", List.of(s, s), new int[] {2, 3}, en)));
            assertSafeAndWellFormed(chart(Charts.weights("w", List.of(s), List.of("w11"), 3L, "h1^(1)", en)));
        }
        double[][][] w = {{{Double.NaN, 1e300, -Double.MAX_VALUE}}, {{Double.NEGATIVE_INFINITY}}};
        Snapshot snap = new Snapshot(1, 0, Double.NaN, 1e6, Activation.RELU, 0.01, w, new double[][] {{0}, {0}},
                new lab.deadrelu.engine.NeuronState[][] {{lab.deadrelu.engine.NeuronState.DEAD}}, new int[][] {{0}}, true);
        assertSafeAndWellFormed(diagram(NetworkDiagram.of("n", snap, 0, 0, (h, i) -> "/x", en)));
    }

    static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
