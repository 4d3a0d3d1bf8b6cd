package lab.deadrelu.view.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lab.deadrelu.scenario.CompareLink;
import lab.deadrelu.sim.Pair;
import lab.deadrelu.sim.PairState;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.chart.Charts;
import lab.deadrelu.view.chart.EnglishChartWords;
import lab.deadrelu.view.chart.LineChart;
import lab.deadrelu.view.chart.TemplateRenderingTest;
import lab.deadrelu.view.chart.Tick;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.site.Assets;
import lab.deadrelu.view.site.Ui;
import org.junit.jupiter.api.Test;

/** The compare page's view: shared scales for every pair of charts, the differences in words, the lab's menu. */
class CompareViewsTest {
    static final Assets ASSETS = new Assets(java.util.List.of("/c"), "/i", "/h", "/s", "/j");
    static final Ui EN = new Ui(Lang.EN, "", "/compare", "", false, ASSETS);
    static final Ui ZH = new Ui(Lang.ZH, "/relu", "/compare", "lang=zh", true, ASSETS);

    static PairState state(String a, String b) {
        Pair pair = new Registry(8, 100, 60_000).openPair("me", CompareLink.run("a", a), CompareLink.run("b", b), null, 0);
        return pair.state();
    }

    static List<String> labels(List<Tick> ticks) {
        return ticks.stream().map(t -> t.label() + "@" + t.pos()).toList();
    }

    static void assertSameAxes(LineChart a, LineChart b) {
        assertEquals(labels(a.yTicks()), labels(b.yTicks()), a.id() + " and " + b.id() + ": y");
        assertEquals(labels(a.xTicks()), labels(b.xTicks()), a.id() + " and " + b.id() + ": x");
        assertEquals(a.zeroY(), b.zeroY(), "the grid, axes and zero line follow the ticks");
    }

    @Test
    void bothLossChartsHaveIdenticalTicksThoughTheirLossesSpanDifferentDecades() {
        // healthy learns its way down; case 1 with seed 33 is born with three dead neurons and stays near 0.6
        // (both open at the later step, 2000)
        PairState s = state("scenario=healthy&at=2000", "scenario=case-1&seed=33&at=300");
        ComparePage page = CompareViews.build(s, EN);
        assertSameAxes(page.a().loss(), page.b().loss());
        assertSameAxes(page.a().dead(), page.b().dead());
        assertSameAxes(page.a().weights(), page.b().weights());

        // alone, each would have drawn its own axes: the sharing is what makes them comparable
        LineChart aloneA = Charts.loss("x", s.a().history().loss, 2000, EnglishChartWords.INSTANCE);
        LineChart aloneB = Charts.loss("x", s.b().history().loss, 2000, EnglishChartWords.INSTANCE);
        assertNotEquals(labels(aloneA.yTicks()), labels(aloneB.yTicks()));
        assertEquals("2k", page.b().loss().xTicks().get(page.b().loss().xTicks().size() - 1).label(), "B's x runs to A's step too");
        // the shared log axis runs from a decade at or below the lower run's lowest to one at or above the higher's highest
        List<Double> shared = page.a().loss().yTicks().stream().map(t -> Double.parseDouble(t.label())).toList();
        double lowest = Math.min(s.a().history().loss.lowest(), s.b().history().loss.lowest());
        double highest = Math.max(s.a().history().loss.highest(), s.b().history().loss.highest());
        assertTrue(shared.get(0) <= lowest && lowest < shared.get(0) * 10, shared + " from " + lowest);
        assertTrue(shared.get(shared.size() - 1) >= highest && highest > shared.get(shared.size() - 1) / 10, shared + " to " + highest);
    }

    @Test
    void theDeadChartsCountUpToTheWidestLayerOfEitherRun() {
        PairState s = state("scenario=case-2&at=50", "scenario=case-2&layers=3-5-2-1&at=50");
        ComparePage page = CompareViews.build(s, EN);
        assertSameAxes(page.a().dead(), page.b().dead());
        assertEquals("5", page.a().dead().yTicks().get(page.a().dead().yTicks().size() - 1).label());
        assertTrue(CompareViews.neurons(s, EN).startsWith("The networks have different shapes"));
    }

    @Test
    void case2AgainstALowerLambdaInWords() {
        PairState s = state("scenario=case-2&at=100", "scenario=case-2&lr=0.03&at=100");
        ComparePage page = CompareViews.build(s, EN);
        List<String> said = page.differences().items().stream().map(i -> i.kind() + ": " + i.text()).toList();
        assertEquals("setup: Settings that differ: λ: 0.3 in A, 0.03 in B.", said.get(0));
        assertEquals("dead: Their dead neurons first differed at step 8: A had 1 dead, B 0.", said.get(1));
        assertEquals("neurons: Dead in A only: h₁⁽²⁾ (since step 8). Dead in B only: none.", said.get(2));
        assertTrue(said.get(3).matches("loss: Loss now: A 0\\.\\d+, B 0\\.\\d+\\. [AB] is lower, by a factor of [\\d.]+\\."), said.get(3));
        assertEquals(4, said.size(), "nobody diverged");

        Map<String, ComparePage.Row> rows = new java.util.HashMap<>();
        for (ComparePage.Row r : page.status().rows()) rows.put(r.key(), r);
        assertEquals(List.of("step", "epoch", "loss", "lr", "act", "dead-1", "dead-2", "focus", "state"),
                page.status().rows().stream().map(ComparePage.Row::key).toList());
        assertFalse(rows.get("step").differs());
        assertTrue(rows.get("lr").differs());
        assertTrue(rows.get("dead-2").differs());
        assertEquals("1 of 2", rows.get("dead-2").a());
        assertEquals("0 of 2", rows.get("dead-2").b());
        assertEquals("h₁⁽²⁾: permanently dead", rows.get("focus").a());
        assertFalse(rows.get("loss").differs(), "the loss is compared in words, not flagged in every frame");

        // the death marker on A's weights, the first difference on both loss and dead charts
        assertEquals(List.of("marker death"), page.a().weights().markers().stream().map(LineChart.Marker::cssClass).toList());
        assertTrue(page.b().weights().markers().isEmpty());
        for (LineChart c : List.of(page.a().loss(), page.b().loss(), page.a().dead(), page.b().dead())) {
            assertEquals(1, c.markers().size(), c.id());
            assertEquals("dead counts differ from step 8", c.markers().get(0).label());
            assertEquals(page.a().weights().markers().get(0).x(), c.markers().get(0).x(), "same x scale everywhere");
        }
        assertEquals("A · Loss", page.a().loss().title());
        assertEquals("B · Weights into h₁⁽²⁾", page.b().weights().title());
        assertEquals("A · The network", page.a().network().title());
        assertEquals(List.of("λ = 0.03"), page.b().settings());
        assertTrue(page.a().settings().isEmpty());
        assertEquals("/compare?a=scenario%3Dcase-2%26at%3D100&b=scenario%3Dcase-2%26lr%3D0.03%26at%3D100", page.link());
        assertEquals(List.of(true, false, false), page.presets().stream().map(ComparePage.Preset::current).toList());
    }

    @Test
    void theSameRunTwiceSaysSoAndChineseIsChinese() {
        PairState s = state("scenario=case-1&at=10", "scenario=case-1&at=10");
        ComparePage page = CompareViews.build(s, ZH);
        List<String> said = page.differences().items().stream().map(ComparePage.Item::text).toList();
        assertEquals("两个链接描述的是同一次运行，所以每一步都完全相同。", said.get(0));
        assertEquals("到第 10 步为止，两次运行每一层的死亡神经元数一直相同。", said.get(1));
        assertEquals("目前两次运行中死亡的神经元完全相同：h₁⁽¹⁾。", said.get(2));
        assertTrue(said.get(3).endsWith("两者相同（三位有效数字）。"), said.get(3));
        assertTrue(page.status().rows().stream().noneMatch(ComparePage.Row::differs));
        assertEquals("/relu/compare?a=scenario%3Dcase-1%26at%3D10&b=scenario%3Dcase-1%26at%3D10&lang=zh", page.link());
        assertEquals("/relu/lab?scenario=case-1&at=10&lang=zh", page.status().labA());
    }

    @Test
    void aDivergedRunIsNamed() {
        PairState s = state("scenario=deep-net-works-anyway&lr=100&at=10", "scenario=deep-net-works-anyway&at=10");
        ComparePage page = CompareViews.build(s, EN);
        ComparePage.Item last = page.differences().items().get(page.differences().items().size() - 1);
        assertEquals("diverged", last.kind());
        assertEquals("Run A diverged at step 3; it stays at its last finite step while the other goes on.", last.text());
        assertTrue(CompareViews.neurons(s, EN).contains("more"), "a long list is cut: " + CompareViews.neurons(s, EN));
        assertFalse(page.controls().finished());
    }

    @Test
    void theLabMenuOffersVariantsAtTheCurrentStep() {
        SimulationState lab = state("scenario=case-2&focus=2.2&at=42", "scenario=case-2").a();
        CompareMenu menu = CompareViews.menu(EN, lab.run());
        assertEquals(List.of("lower-lr", "seed", "act-leaky", "act-elu", "opt-momentum", "opt-adam"), menu.variants().stream().map(CompareMenu.Variant::id).toList());
        assertEquals(List.of("λ ÷ 10 (λ = 0.03)", "another seed (11359)", "Leaky ReLU", "ELU", "Momentum", "Adam"),
                menu.variants().stream().map(CompareMenu.Variant::label).toList());
        assertEquals("/compare?a=scenario%3Dcase-2%26at%3D42%26focus%3D2.2&b=scenario%3Dcase-2%26lr%3D0.03%26at%3D42%26focus%3D2.2",
                menu.variants().get(0).href());
        assertTrue(menu.variants().get(5).href().endsWith("b=scenario%3Dcase-2%26opt%3Dadam%26at%3D42%26focus%3D2.2"), menu.variants().get(5).href());
        CompareMenu leaky = CompareViews.menu(ZH, state("scenario=leaky-rescues-case-2", "scenario=case-2").a().run());
        assertEquals(List.of("lower-lr", "seed", "act-relu", "act-elu", "opt-momentum", "opt-adam"), leaky.variants().stream().map(CompareMenu.Variant::id).toList());
        assertTrue(leaky.variants().get(2).href().startsWith("/relu/compare?a=scenario%3Dleaky-rescues-case-2&b=scenario%3Dleaky-rescues-case-2%26act%3Drelu"));
        assertTrue(leaky.variants().get(2).href().endsWith("&lang=zh"));
    }

    @Test
    void theFragmentsRenderWellFormedAndEscaped() throws Exception {
        if (TemplateRenderingTest.engine == null) TemplateRenderingTest.engine();
        PairState s = state("scenario=case-2&at=100", "scenario=case-2&lr=0.03&at=100");
        ComparePage page = CompareViews.build(s, EN);
        String status = TemplateRenderingTest.render("compare/compare_status.jte", Map.of("ui", EN, "status", page.status()));
        TemplateRenderingTest.assertSafeAndWellFormed(status);
        assertTrue(status.contains("<td id=\"step-a\">100</td>"), status);
        assertTrue(status.contains("<tr class=\"differs\">"), "rows that differ are marked");
        assertTrue(status.contains("<span class=\"visually-hidden\"> (differs)</span>"), "in words too");
        String differences = TemplateRenderingTest.render("compare/compare_differences.jte", Map.of("ui", EN, "differences", page.differences()));
        TemplateRenderingTest.assertSafeAndWellFormed(differences);
        assertTrue(differences.contains("<li class=\"difference difference-dead\">Their dead neurons first differed at step 8"));
        String controls = TemplateRenderingTest.render("compare/compare_controls.jte", Map.of("ui", EN, "controls", page.controls()));
        assertFalse(controls.contains(" style=") || controls.contains("<script"), "HTML with boolean attributes: not XML, but no inline code");
        assertTrue(controls.contains("hx-post=\"/compare/" + s.id() + "/step\""));
        String menu = TemplateRenderingTest.render("compare/compare_with.jte", Map.of("menu", CompareViews.menu(EN, s.a().run())));
        TemplateRenderingTest.assertSafeAndWellFormed(menu);
        assertTrue(menu.contains("href=\"/compare?a=scenario%3Dcase-2%26at%3D100&amp;b=scenario%3Dcase-2%26lr%3D0.03%26at%3D100\""), menu);
        for (LineChart c : List.of(page.a().loss(), page.b().dead(), page.a().weights()))
            TemplateRenderingTest.assertSafeAndWellFormed(TemplateRenderingTest.chart(c));
    }

    @Test
    void aTenthIsExactInDecimal() {
        assertEquals(0.03, CompareViews.tenth(0.3));
        assertEquals(1e-7, CompareViews.tenth(1e-6));
        assertEquals(0.07, CompareViews.tenth(0.7));
        assertEquals(0.003, CompareViews.tenth(CompareViews.tenth(0.3)));
    }
}
