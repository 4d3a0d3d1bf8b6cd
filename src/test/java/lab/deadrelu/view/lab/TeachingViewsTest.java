package lab.deadrelu.view.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import lab.deadrelu.engine.GradientFactors;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.NetworkDiagram;
import lab.deadrelu.view.chart.Signs;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.lab.GradientInspector.Kind;
import lab.deadrelu.view.site.Assets;
import lab.deadrelu.view.site.Ui;
import org.junit.jupiter.api.Test;

/** The data table and the gradient inspector: what the view builders compute and what their templates render. */
class TeachingViewsTest {
    static final Assets ASSETS = new Assets(java.util.List.of("/c"), "/i", "/h", "/s", "/j");
    static final Ui EN = new Ui(Lang.EN, "", "/lab", "", false, ASSETS);
    static final Ui ZH = new Ui(Lang.ZH, "", "/lab", "lang=zh", true, ASSETS);

    static Simulation open(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return new Registry(10, 10, 60_000).open("owner", RunSpec.parse(params, Set.of()), 0);
    }

    static SimulationState state(String query) {
        return open(query).state();
    }

    static final TemplateEngine ENGINE = TemplateEngine.create(new DirectoryCodeResolver(Path.of("templates")),
            Path.of("target/jte-test-classes"), ContentType.Html);

    static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }

    static String table(DataTable t, Ui ui) {
        return render("lab/data_table.jte", Map.of("ui", ui, "table", t));
    }

    static String inspector(GradientInspector g, Ui ui) {
        return render("lab/gradient_inspector.jte", Map.of("ui", ui, "inspector", g));
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    static void assertCspSafe(String html) {
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains(" style="), "no inline styles (CSP)");
        assertFalse(html.contains("NaN") || html.contains("Infinity"), "only finite numbers");
    }

    static void assertWellFormed(String xml) throws Exception {
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<root>" + xml + "</root>").getBytes(StandardCharsets.UTF_8)));
    }

    // ---- the data table ----

    @Test
    void case1ReadsAsAColumnOfNegativeZWithEveryRowInactive() throws Exception {
        SimulationState s = state("scenario=case-1");
        DataTable t = DataTable.of(s, EN);
        assertFalse(t.summarized());
        assertEquals(8, t.rows().size());
        assertEquals(List.of("x₁", "x₂", "x₃"), t.inputHeaders());
        assertEquals("z of h₁⁽¹⁾", t.zHeader());
        assertTrue(t.verdict().contains("dead on the data set"), t.verdict());
        int next = 0;
        for (int i = 0; i < 8; i++) {
            DataTable.Row r = t.rows().get(i);
            assertEquals(i + 1, r.number());
            assertTrue(s.focusZ()[i] <= 0);
            assertFalse(r.active());
            assertNotEquals("pos", r.sign());
            assertTrue(r.z().startsWith(Signs.MINUS) || r.z().equals("0"), r.z());
            assertEquals(Signs.number(s.yHat()[i]), r.yHat());
            assertEquals(Signs.signed(s.yHat()[i] - s.data().y[i]), r.error());
            assertEquals(Signs.number(s.data().y[i]), r.y());
            if (r.next()) next++;
            assertEquals(i == s.nextSample(), r.next());
            assertFalse(r.inspected(), "step 0: the inspector shows the next update, whose sample is the next one");
        }
        assertEquals(1, next);

        String html = table(t, EN);
        assertCspSafe(html);
        assertWellFormed(html);
        assertTrue(html.contains("<caption>8 samples and z of h₁⁽¹⁾ under the weights of step 0</caption>"), html);
        assertEquals(9, count(html, "<th scope=\"col\""), "#, x1..x3, y, z, active?, y-hat, error");
        assertEquals(8, count(html, "<th scope=\"row\">"));
        assertEquals(8, count(html, "<td class=\"act no\">no</td>"), "every sample inactive, in words");
        assertEquals(8, count(html, "<td class=\"z neg\">" + Signs.MINUS), "every z negative, with its minus sign");
        assertEquals(1, count(html, "aria-current=\"true\""));
        assertTrue(html.contains("<tr class=\"next\" aria-current=\"true\"><th scope=\"row\">1 <span class=\"row-mark next-mark\">next</span>"), html);
    }

    @Test
    void afterTheKillingUpdateTheTableMarksItsSampleAndTheNextOne() {
        SimulationState s = state("scenario=case-2&at=8");
        DataTable t = DataTable.of(s, EN);
        GradientFactors f = s.inspection().factors();
        assertTrue(s.inspection().last());
        for (DataTable.Row r : t.rows()) {
            assertEquals(r.number() - 1 == f.sample(), r.inspected());
            assertEquals(r.number() - 1 == s.nextSample(), r.next());
            assertFalse(r.active(), "h₁⁽²⁾ is dead after step 8");
        }
        assertNotEquals(f.sample(), s.nextSample());
        assertEquals("inspected", t.rows().get(f.sample()).cssClass());
        assertNull(t.rows().get(3).cssClass());
        assertTrue(table(t, EN).contains("<span class=\"row-mark inspected-mark\">in the inspector</span>"));
    }

    @Test
    void aNeuronActiveOnSomeSamplesIsCalledInactiveNotDead() {
        SimulationState s = state("scenario=inactive-not-dead&at=200");
        DataTable t = DataTable.of(s, EN);
        long active = t.rows().stream().filter(DataTable.Row::active).count();
        assertTrue(active > 0 && active < 8, "the scenario's neuron is active on some samples only: " + active);
        assertTrue(t.verdict().contains("is active on " + active + " of 8 samples"), t.verdict());
        for (DataTable.Row r : t.rows()) assertEquals(r.active(), r.sign().equals("pos"));
        String html = table(t, EN);
        assertEquals(active, count(html, "<td class=\"act yes\">yes</td>"));
        assertEquals(active, count(html, "<td class=\"z pos\">+"));
    }

    @Test
    void up_to_32_samples_are_rows_beyond_a_summary() {
        assertEquals(32, DataTable.of(state("scenario=case-2&n=32"), EN).rows().size());
        assertTrue(DataTable.of(state("scenario=case-2&n=33"), EN).summarized());
    }

    @Test
    void a_thousand_samples_give_a_summary_with_a_sorted_strip_of_200_bars() throws Exception {
        SimulationState s = state("scenario=case-1&n=1000&at=5");
        DataTable t = DataTable.of(s, EN);
        assertTrue(t.summarized());
        assertTrue(t.rows().isEmpty());
        DataTable.Summary sum = t.summary();
        double[] z = s.focusZ().clone();
        Arrays.sort(z);
        int active = 0;
        for (double v : z) if (v > 0) active++;
        assertEquals(1000, sum.n());
        assertEquals(active, sum.active());
        assertEquals(Signs.signed(z[0]), sum.min());
        assertEquals(Signs.signed(z[999]), sum.max());
        assertEquals(Signs.signed((z[499] + z[500]) / 2), sum.median());
        DataTable.Strip strip = sum.strip();
        assertEquals(DataTable.MAX_BARS, strip.bars().size());
        double previousX = -1;
        boolean seenPositive = false;
        for (DataTable.Bar b : strip.bars()) {
            assertTrue(b.x() > previousX && b.x() + b.width() <= strip.width() + 0.05, "left to right inside the box");
            previousX = b.x();
            assertTrue(b.y() >= 0 && b.y() + b.height() <= strip.height() + 0.05 && b.height() >= 1);
            if (b.sign().equals("pos")) {
                seenPositive = true;
                assertEquals(strip.zeroY(), b.y() + b.height(), 0.11, "positive bars stand on the zero line");
            } else {
                assertFalse(seenPositive, "sorted: no negative bar after a positive one");
                if (b.sign().equals("neg")) assertEquals(strip.zeroY(), b.y(), 0.11, "negative bars hang from it");
            }
        }
        String html = table(t, EN);
        assertCspSafe(html);
        assertWellFormed(html);
        assertFalse(html.contains("<table"));
        assertEquals(200, count(html, "<rect class=\"bar "));
        assertTrue(html.contains("role=\"img\" aria-labelledby=\"z-strip-t z-strip-d\""));
        assertTrue(html.contains("The strip shows 200 of the 1000 samples"), html);
        assertTrue(html.contains("<dd id=\"z-active\">" + active + " of 1000 (z &gt; 0)</dd>"), html);
    }

    @Test
    void a_strip_of_few_samples_has_one_bar_each_and_never_divides_by_zero() {
        DataTable.Strip one = DataTable.strip(new double[] {0}, "t", "d");
        assertEquals(1, one.bars().size());
        assertEquals("zero", one.bars().get(0).sign());
        DataTable.Strip mixed = DataTable.strip(new double[] {-2, -1, 0, 3}, "t", "d");
        assertEquals(4, mixed.bars().size());
        assertEquals(List.of("neg", "neg", "zero", "pos"), mixed.bars().stream().map(DataTable.Bar::sign).toList());
        assertEquals(4 + 3 * 72.0 / 5, mixed.zeroY(), 0.05, "the zero line at 3/5 of the height");
    }

    // ---- the gradient inspector ----

    @Test
    void theKillingUpdateOfCase2ShowsFourPositiveFactorsAndW21CrossingZero() throws Exception {
        SimulationState s = state("scenario=case-2&at=8");
        GradientFactors f = s.inspection().factors();
        GradientInspector g = GradientInspector.of(s, EN, "/lab/x");
        assertTrue(g.available());
        assertTrue(g.last());
        assertEquals("Update of step 8", g.heading());
        assertEquals("w₂₁", g.weightName());
        assertEquals(List.of(Kind.ERROR, Kind.WEIGHT, Kind.DERIVATIVE, Kind.UPSTREAM), g.terms().stream().map(GradientInspector.Term::kind).toList());
        assertEquals(List.of(Signs.number(f.error()), Signs.number(f.downstream()), Signs.number(f.derivative()), Signs.number(f.upstream())),
                g.terms().stream().map(GradientInspector.Term::value).toList());
        assertEquals(new GradientInspector.MathSym("w", List.of("31"), List.of()), g.terms().get(1).symbol(), "downstream is w₃₁");
        assertEquals("ReLU", g.terms().get(2).function());
        assertEquals(new GradientInspector.MathSym("h", List.of("1", "a"), List.of("(", "1", ")")), g.terms().get(3).symbol(), "h1a^(1)");
        assertEquals(Signs.number(f.gradient()), g.gradient());
        assertEquals(Signs.number(f.weightBefore()), g.update().before());
        assertEquals(Signs.number(f.weightAfter()), g.update().after());
        assertEquals(Signs.number(f.weightAfter()), Signs.number(s.snapshot().weights()[1][0][0]), "after = the weight on screen");
        Map<String, GradientInspector.Row> rows = new LinkedHashMap<>();
        for (GradientInspector.Row r : g.rows()) rows.put(r.key(), r);
        assertEquals(List.of("upstream", "error", "downstream", "derivative", "gradient", "lr", "change", "before", "after"), List.copyOf(rows.keySet()));
        for (String key : List.of("upstream", "error", "downstream", "derivative", "gradient", "change", "before")) {
            assertEquals("+", rows.get(key).sign(), key);
            assertEquals("sign-pos", rows.get(key).signClass(), key);
        }
        assertEquals(Signs.MINUS, rows.get("after").sign());
        assertEquals(Signs.number(f.upstream()), rows.get("upstream").value());
        assertEquals(Signs.number(f.lr() * f.gradient()), rows.get("change").value());
        assertTrue(g.note().contains("across zero"), g.note());
        assertNull(g.batchNote());

        String html = inspector(g, EN);
        assertCspSafe(html);
        assertEquals(3, count(html, "<math display=\"block\""));
        Matcher math = Pattern.compile("<math .*?</math>", Pattern.DOTALL).matcher(html);
        while (math.find()) assertWellFormed(math.group());
        assertTrue(html.contains("<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><msub><mi>w</mi><mrow><mn>21</mn></mrow></msub></mrow></mfrac>"), html);
        assertTrue(html.contains("<mrow><mo>(</mo><mi>ŷ</mi><mo>−</mo><mi>y</mi><mo>)</mo></mrow><mo>·</mo><msub><mi>w</mi><mrow><mn>31</mn></mrow></msub>"));
        assertTrue(html.contains("<msup><mi>ReLU</mi><mo>′</mo></msup>"));
        assertTrue(html.contains("<mo>=</mo><mn>" + g.terms().get(0).value() + "</mn><mo>·</mo><mn>" + g.terms().get(1).value() + "</mn>"), html);
        assertTrue(html.contains("<mo>=</mo><mn>" + Signs.number(f.gradient()) + "</mn></math>"));
        for (String key : List.of("upstream", "error", "downstream", "derivative"))
            assertTrue(Pattern.compile("<tr data-factor=\"" + key + "\">.*?<span class=\"sign-badge sign-pos\">\\+</span></td></tr>").matcher(html).find(), key);
        assertTrue(html.contains("<tr data-factor=\"after\"><th scope=\"row\">w₂₁ after the update</th><td class=\"num\">" + Signs.number(f.weightAfter())
                + "</td><td><span class=\"sign-badge sign-neg\">−</span></td></tr>"), html);
    }

    @Test
    void atStep0AndAfterAnInterventionTheInspectorShowsTheNextUpdate() {
        Simulation sim = open("scenario=case-2");
        GradientInspector g = GradientInspector.of(sim.state(), EN, "/lab/x");
        assertFalse(g.last());
        assertEquals("Next update (step 1)", g.heading());
        assertTrue(g.context().startsWith("How the next update will move w₂₁: sample 1, step size λ = 0.3."), g.context());
        sim.stepOnce();
        sim.stepOnce();
        assertEquals("Update of step 2", GradientInspector.of(sim.state(), EN, "/lab/x").heading());
        sim.applyLr(0.01);
        g = GradientInspector.of(sim.state(), EN, "/lab/x");
        assertEquals("Next update (step 3)", g.heading());
        assertTrue(g.context().contains("λ = 0.01") && g.context().contains("You intervened"), g.context());
        sim.stepOnce();
        g = GradientInspector.of(sim.state(), EN, "/lab/x");
        assertEquals("Update of step 3", g.heading());
        assertEquals("0.01", g.update().lr());
    }

    @Test
    void aDeadNeuronsWeightGetsNoGradientAndTheNoteSaysWhy() {
        GradientInspector g = GradientInspector.of(state("scenario=case-2&at=20"), EN, "/lab/x");
        assertEquals("0", g.gradient());
        assertEquals("0", g.terms().get(2).value(), "ReLU'(z) = 0");
        assertTrue(g.note().startsWith("ReLU′(z) = 0: h₁⁽²⁾ is inactive on this sample") && g.note().contains("dead on the data set"), g.note());
        assertEquals(g.update().before(), g.update().after());
        GradientInspector quiet = GradientInspector.of(state("scenario=inactive-not-dead&at=200"), EN, "/lab/x");
        if (quiet.gradient().equals("0")) assertFalse(quiet.note().contains("dead on the data set"), quiet.note());
    }

    @Test
    void theOutputWeightAndAFirstLayerWeightAndABiasHaveTheirOwnFactors() {
        GradientInspector out = GradientInspector.of(state("scenario=case-2&at=3&weight=3.1.1"), EN, "/lab/x");
        assertEquals("w₃₁", out.weightName());
        assertEquals(List.of(Kind.ERROR, Kind.UPSTREAM), out.terms().stream().map(GradientInspector.Term::kind).toList());
        assertEquals("1", out.rows().get(2).value());
        assertTrue(out.rows().get(2).label().contains("ŷ itself"));
        assertEquals("w₃₁ (picked in the network)", out.form().elsewhere());

        SimulationState first = state("scenario=healthy&at=3");
        GradientInspector w11 = GradientInspector.of(first, EN, "/lab/x");
        assertEquals(List.of(Kind.ERROR, Kind.SUM, Kind.DERIVATIVE, Kind.UPSTREAM), w11.terms().stream().map(GradientInspector.Term::kind).toList());
        assertEquals(new GradientInspector.MathSym("x", List.of("1"), List.of()), w11.terms().get(3).symbol());
        assertEquals(new GradientInspector.MathSym("h", List.of("1", "a"), List.of("(", "1", ")")), w11.terms().get(1).symbol(), "d y-hat / d h1a^(1)");
        assertEquals(Signs.number(first.inspection().factors().downstream()), w11.terms().get(1).value());
        String html = inspector(w11, EN);
        assertTrue(html.contains("<mfrac><mrow><mo>∂</mo><mi>ŷ</mi></mrow><mrow><mo>∂</mo><msubsup><mi>h</mi><mrow><mn>1</mn><mi>a</mi></mrow>"), html);

        GradientInspector bias = GradientInspector.of(state("scenario=case-2&bias=true&at=3&weight=2.1.b"), EN, "/lab/x");
        assertEquals("b⁽²⁾₁", bias.weightName());
        assertEquals(List.of(Kind.ERROR, Kind.WEIGHT, Kind.DERIVATIVE), bias.terms().stream().map(GradientInspector.Term::kind).toList());
        assertEquals("1", bias.rows().get(0).value());
        List<LabPage.Choice> options = bias.form().options();
        assertEquals(List.of("1", "2", "b"), options.stream().map(LabPage.Choice::value).toList(), "the bias last");
        assertTrue(options.get(2).selected());
        assertNull(bias.form().elsewhere());
    }

    @Test
    void withABatchTheProductIsTheSamplesShareAndTheUpdateUsesTheMean() {
        SimulationState s = state("scenario=case-2&batch=4&at=3");
        GradientInspector g = GradientInspector.of(s, EN, "/lab/x");
        assertTrue(g.batchNote().contains("the mean of ∂L/∂w over the batch of 4 samples"), g.batchNote());
        assertTrue(g.update().mean());
        assertEquals(Signs.number(s.inspection().meanGradient()), g.update().gradient());
        assertEquals(Signs.number(s.inspection().weightNow()), g.update().after());
        assertTrue(g.rows().stream().anyMatch(r -> r.key().equals("mean")));
        assertTrue(inspector(g, EN).contains("<mover><mi>g</mi><mo>‾</mo></mover>"));
        GradientInspector next = GradientInspector.of(state("scenario=case-2&batch=4"), EN, "/lab/x");
        assertFalse(next.last());
        assertNotEquals("?", next.update().gradient(), "a small next batch's mean is worked out");
    }

    @Test
    void aDivergedRunHasNothingToExplain() {
        SimulationState s = state("scenario=case-2&act=leaky&lr=1000000&at=100");
        assertTrue(s.diverged());
        GradientInspector g = GradientInspector.of(s, EN, "/lab/x");
        assertFalse(g.available());
        String html = inspector(g, EN);
        assertCspSafe(html);
        assertFalse(html.contains("<math"));
        assertTrue(html.contains("The run has diverged"));
    }

    @Test
    void theWeightChoicePostsTheFocusedNeuronAndItsInputs() {
        GradientInspector g = GradientInspector.of(state("scenario=case-2&weight=2.1.2"), EN, "/lab/abc");
        GradientInspector.WeightForm f = g.form();
        assertEquals("/lab/abc/weight", f.action());
        assertEquals(2, f.layer());
        assertEquals(1, f.to());
        assertEquals(List.of(new LabPage.Choice("1", "w₂₁ (from h₁⁽¹⁾)", false), new LabPage.Choice("2", "w₂₂ (from h₂⁽¹⁾)", true)), f.options());
        String html = inspector(g, EN);
        assertTrue(html.contains("<form class=\"weight-form\" method=\"post\" action=\"/lab/abc/weight\" hx-post=\"/lab/abc/weight\""), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"layer\" value=\"2\"><input type=\"hidden\" name=\"to\" value=\"1\">"));
        assertTrue(html.contains("<option value=\"2\" selected>w₂₂ (from h₂⁽¹⁾)</option>"));
    }

    @Test
    void theDiagramLinksTheFocusedNeuronsEdgesToTheInspector() {
        LabPage page = LabViews.build(state("scenario=case-2&at=8&weight=2.1.2"), EN);
        List<NetworkDiagram.Edge> linked = page.network().edges().stream().filter(NetworkDiagram.Edge::linked).toList();
        assertEquals(3, linked.size(), "w₂₁, w₂₂ in, w₃₁ out");
        assertEquals(List.of("/lab?scenario=case-2&at=8", "/lab?scenario=case-2&at=8&weight=2.1.2", "/lab?scenario=case-2&at=8&weight=3.1.1"),
                linked.stream().map(NetworkDiagram.Edge::url).toList());
        assertEquals(1, page.network().edges().stream().filter(e -> e.cssClass().contains("inspected")).count());
        assertTrue(linked.get(1).cssClass().endsWith(" inspected"));
        String html = render("chart/network_diagram.jte", Map.of("diagram", page.network()));
        assertEquals(3, count(html, "<a class=\"edge-link\""));
        assertEquals(3, count(html, "<line class=\"edge-hit\""));
        assertEquals(12, count(html, "<line class=\"edge "));
    }

    @Test
    void everyLabelExistsInChineseToo() {
        for (String q : List.of("scenario=case-1", "scenario=case-2&at=8", "scenario=case-2&at=20", "scenario=case-2&batch=4&at=3",
                "scenario=case-2&weight=3.1.1&at=2", "scenario=healthy&at=3", "scenario=case-1&n=1000",
                "scenario=case-2&bias=true&at=3&weight=2.1.b", "scenario=case-2&act=leaky&lr=1000000&at=100", "scenario=case-2&act=elu&at=30")) {
            SimulationState s = state(q);
            String html = table(DataTable.of(s, ZH), ZH) + inspector(GradientInspector.of(s, ZH, "/lab/x"), ZH);
            assertCspSafe(html);
        }
        DataTable t = DataTable.of(state("scenario=case-1"), ZH);
        assertTrue(t.verdict().contains("已经死亡"), t.verdict());
        assertEquals("第 8 步的更新", GradientInspector.of(state("scenario=case-2&at=8"), ZH, "/lab/x").heading());
    }
}
