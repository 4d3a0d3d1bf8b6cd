package lab.deadrelu.view.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Event;
import lab.deadrelu.engine.Training;
import lab.deadrelu.scenario.Replay;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.i18n.Notation;
import lab.deadrelu.view.site.Ui;
import org.junit.jupiter.api.Test;

/**
 * Death certificates in both languages, on runs where each one applies. The numbers in the expected
 * sentences come from the engine (the run replayed without the simulation), formatted as the
 * certificates format them; a few are also spelled out, so a reader sees what the page says.
 */
class CertificatesTest {
    static final Ui EN = new Ui(Lang.EN, "", "/lab", "", false, null);
    static final Ui ZH = new Ui(Lang.ZH, "", "/lab", "", false, null);
    static final Registry REGISTRY = new Registry(1000, 1000, 60_000);

    static final String REVIVABLE = "scenario=case-2&w=0.1,0.1,0.1,1,1,1,1,-0.3,2,-0.1,1,1&lr=0.05&data=sum";
    /** 3-2-2-2-1: h1^(2) dead but revivable; h1^(3) listens to it with +1 and to an active neuron with -0.2. */
    static final String DEEPER = "scenario=case-2&layers=3-2-2-2-1&w=0.1,0.1,0.1,1,1,1,1,-0.3,0.5,0.5,1,-0.2,0.5,0.5,1,1"
            + "&lr=0.05&data=sum&focus=3.1";
    static final String BLOCKED = "scenario=case-2&w=-0.5,-0.3,-0.2,0.4,0.6,0.3,0.5,-0.7,0.5,0.5,1,0.5&lr=0.05";

    static RunSpec link(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return RunSpec.parse(params, Set.of());
    }

    static SimulationState state(String query) {
        return REGISTRY.open("teacher", link(query), 0).state();
    }

    static Training engineAt(String query, long step) {
        Replay r = new Replay(link(query).at(0));
        r.advanceTo(step);
        return r.training();
    }

    static double maxZ(Training t, int h, int i) {
        double m = Double.NEGATIVE_INFINITY;
        for (double z : t.preActivations(h, i)) m = Math.max(m, z);
        return m;
    }

    static String n(double v) {
        return Certificates.num(v);
    }

    static DeathCertificates.Card card(SimulationState s, Ui ui, String neuron) {
        return CertificateViews.build(s, ui, "/lab/x").cards().stream().filter(c -> c.neuron().equals(neuron)).findFirst()
                .orElseThrow(() -> new AssertionError("no card for " + neuron));
    }

    static LabPage.EventLine line(SimulationState s, Ui ui, String kind, String neuron) {
        return LabViews.events(s, ui).lines().stream().filter(l -> l.kind().equals(kind) && l.text().contains(neuron))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " event of " + neuron));
    }

    static void assertContains(String whole, String part) {
        assertTrue(whole.contains(part), "\n expected to find: " + part + "\n in: " + whole);
    }

    // ---- killed by an update: the post's case 2 ----

    @Test
    void case2TheUpdateOfStep8KilledH12AndTheCertificateSaysHowWithItsNumbers() {
        SimulationState s = state("scenario=case-2&at=30");
        Event died = s.recentEvents().stream().filter(e -> e.kind() == Event.Kind.DIED).findFirst().orElseThrow();
        Event.Update u = died.cause();
        assertEquals(8, died.step());
        String weights = "w₂₁ from " + n(u.weightsBefore()[0]) + " to " + n(u.weightsAfter()[0]) + " (λ·g = " + n(u.lr() * u.gradient()[0])
                + ") and w₂₂ from " + n(u.weightsBefore()[1]) + " to " + n(u.weightsAfter()[1]) + " (λ·g = " + n(u.lr() * u.gradient()[1]) + ")";
        assertEquals("w₂₁ from 0.848 to −0.588 (λ·g = 1.44) and w₂₂ from 0.212 to −1.39 (λ·g = 1.6)", weights);
        Training at8 = engineAt("scenario=case-2", 8);
        String expected = "h₁⁽²⁾ was killed at step 8: the update λ·g (λ = 0.3) took " + weights + ". "
                + "After this update, z ≤ 0 on all 8 samples (largest z = " + n(maxZ(at8, 1, 0)) + "). "
                + "All inputs to h₁⁽²⁾ are ReLU outputs ≥ 0 and all its incoming weights are now ≤ 0, "
                + "so z ≤ 0 for every possible input: it can never fire again.";
        LabPage.EventLine line = line(s, EN, "died", "h₁⁽²⁾");
        assertEquals("h₁⁽²⁾ died at step 8.", line.text(), "the short line stays as the heading");
        assertEquals(expected, line.certificate());
        assertEquals("/lab?scenario=case-2&at=30&mark=8", line.focusLink(), "focus (h₁⁽²⁾, the default) and mark step 8");
        assertEquals("focus h₁⁽²⁾, mark step 8", line.focusLabel());

        DeathCertificates.Card c = card(s, EN, "h₁⁽²⁾");
        assertEquals("h₁⁽²⁾: permanently dead since step 8", c.heading());
        assertEquals("permanently-dead", c.state());
        assertTrue(c.focused());
        assertEquals("/lab?scenario=case-2&at=30&mark=8", c.focusLink());
        assertEquals("Focus h₁⁽²⁾ and mark step 8", c.focusLabel());
        assertContains(c.text(), "h₁⁽²⁾ was killed at step 8: the update λ·g (λ = 0.3) took " + weights + ".");
        assertContains(c.text(), "it can never fire again.");

        String zh = line(s, ZH, "died", "h₁⁽²⁾").certificate();
        assertEquals("h₁⁽²⁾ 在第 8 步被一次更新“杀死”：这次更新 λ·g（λ = 0.3）让 w₂₁ 从 0.848 变成 −0.588（λ·g = 1.44），"
                + "w₂₂ 从 0.212 变成 −1.39（λ·g = 1.6）。这次更新之后，它在全部 8 个样本上都有 z ≤ 0（最大的 z = " + n(maxZ(at8, 1, 0)) + "）。"
                + "h₁⁽²⁾ 的输入都是 ReLU 的输出，全都 ≥ 0，而它的输入权重现在全都 ≤ 0，所以无论输入是什么，都有 z ≤ 0：它再也不会激活了。", zh);
        assertEquals("h₁⁽²⁾：自第 8 步起永久死亡", card(s, ZH, "h₁⁽²⁾").heading());
        assertEquals("关注 h₁⁽²⁾，标出第 8 步", line(s, ZH, "died", "h₁⁽²⁾").focusLabel());
    }

    @Test
    void theEventLogListsTheNewestFirstAndAnotherNeuronsLinkNamesItsFocus() {
        SimulationState s = state("scenario=case-2&lr=1000&at=30");
        List<LabPage.EventLine> lines = LabViews.events(s, EN).lines();
        for (int k = 1; k < lines.size(); k++) assertTrue(lines.get(k - 1).step() >= lines.get(k).step());
        LabPage.EventLine h11 = line(s, EN, "died", "h₁⁽¹⁾");
        assertEquals("/lab?scenario=case-2&lr=1000&at=30&focus=1.1&mark=" + h11.step(), h11.focusLink());
        Training t = engineAt("scenario=case-2&lr=1000", h11.step());
        assertContains(h11.certificate(), "After this update, z ≤ 0 on all 8 samples (largest z = " + n(maxZ(t, 0, 0)) + ").");
        assertContains(h11.certificate(), "Its inputs are the fixed data and its weights get no gradient, so nothing in training can change that: permanently dead.");
    }

    // ---- born dead: the post's case 1 ----

    @Test
    void case1H11WasBornDeadOnEverySampleAndItsInputsAreTheFixedData() {
        SimulationState s = state("scenario=case-1&at=30");
        String largest = n(maxZ(engineAt("scenario=case-1", 0), 0, 0));
        assertEquals("−0.106", largest);
        String en = "h₁⁽¹⁾ was born dead: z ≤ 0 on all 8 samples at initialization (largest z = " + largest + "). "
                + "Its inputs are the fixed data and its weights get no gradient, so nothing in training can change that: "
                + "permanently dead. Only new weights (re-initialize, re-draw the dead, or ReDo’s recycling) can bring it back.";
        assertEquals(en, line(s, EN, "born-dead", "h₁⁽¹⁾").certificate());
        DeathCertificates.Card c = card(s, EN, "h₁⁽¹⁾");
        assertEquals("h₁⁽¹⁾: permanently dead since step 0", c.heading());
        assertEquals(en, c.text(), "a first-layer neuron's z cannot change while it is dead: no 'now' sentence");
        assertEquals("/lab?scenario=case-1&at=30&mark=0", c.focusLink());

        assertEquals("h₁⁽¹⁾ 一出生就是死的：初始化时，它在全部 8 个样本上都有 z ≤ 0（最大的 z = " + largest + "）。"
                + "它的输入是固定不变的数据，它的权重又得不到梯度，训练中没有任何东西能改变这一点：永久死亡。"
                + "只有换一组新权重（重新初始化、重新抽取死亡神经元，或 ReDo 回收）才能让它复活。", card(s, ZH, "h₁⁽¹⁾").text());
        assertEquals("From step 0, h₁⁽¹⁾ is provably dead for good.", line(s, EN, "permanent", "h₁⁽¹⁾").text());
        assertTrue(line(s, EN, "permanent", "h₁⁽¹⁾").certificate().startsWith("Its inputs are the fixed data"), "the body is the proof");
    }

    // ---- dead on the data set, but not provably permanent ----

    @Test
    void deadButRevivableNamesThePositiveWeightAndWhatWouldHaveToHappenUpstream() {
        SimulationState s = state(REVIVABLE + "&at=2");
        Training t = engineAt(REVIVABLE, 2);
        DeathCertificates.Card c = card(s, EN, "h₁⁽²⁾");
        assertEquals("h₁⁽²⁾: dead on the data set since step 0", c.heading());
        assertEquals("h₁⁽²⁾ was born dead: z ≤ 0 on all 8 samples at initialization (largest z = "
                + n(maxZ(engineAt(REVIVABLE, 0), 1, 0)) + "). Now z ≤ 0 on all 8 samples (largest z = " + n(maxZ(t, 1, 0)) + "). "
                + "But w₂₁ = +1 > 0: if h₁⁽¹⁾ sends a larger value on some sample, h₁⁽²⁾ can fire again. "
                + "It is dead on the data set, not permanently dead.", c.text());
        assertContains(card(s, ZH, "h₁⁽²⁾").text(), "现在它在全部 8 个样本上都有 z ≤ 0（最大的 z = " + n(maxZ(t, 1, 0)) + "）。"
                + "不过 w₂₁ = +1 > 0：只要在某个样本上 h₁⁽¹⁾ 的输出变大，h₁⁽²⁾ 就能重新激活。它只是在数据集上死亡，并非永久死亡。");

        SimulationState deeper = state(DEEPER);
        assertContains(card(deeper, EN, "h₁⁽³⁾").text(), "But w₃₁ = +1 > 0: if h₁⁽²⁾ becomes active on some sample, h₁⁽³⁾ can fire again.");
        assertContains(card(deeper, ZH, "h₁⁽³⁾").text(), "不过 w₃₁ = +1 > 0：只要在某个样本上 h₁⁽²⁾ 变为活跃，h₁⁽³⁾ 就能重新激活。");
    }

    @Test
    void aNeuronFedOnlyByPermanentlyDeadNeuronsIsPermanentlyDeadAndItsCertificateSaysWhy() {
        SimulationState s = state(BLOCKED + "&at=3");
        DeathCertificates.Card c = card(s, EN, "h₁⁽²⁾");
        assertEquals("h₁⁽²⁾: permanently dead since step 0", c.heading(), "it inherits h₁⁽¹⁾'s death");
        assertContains(c.text(), "It is fed only by dead neurons: its only positive weights (w₂₁ = +0.5 > 0) come from permanently dead "
                + "neurons (h₁⁽¹⁾), whose output stays 0 for good, and every other input enters with a weight ≤ 0. "
                + "So z ≤ 0 on every sample whatever training does, and h₁⁽²⁾ is permanently dead too, although not all its weights are ≤ 0.");
        assertContains(card(s, ZH, "h₁⁽²⁾").text(), "它只由死亡的神经元供给：它仅有的正权重（w₂₁ = +0.5 > 0）都来自永久死亡的神经元（h₁⁽¹⁾），这些神经元的输出永远是 0");
    }

    // ---- revived ----

    @Test
    void revivalsSayWhatBroughtTheNeuronBackAndOnHowManySamplesItFires() {
        SimulationState up = state(REVIVABLE + "&at=10");
        int active = engineAt(REVIVABLE, 5).census().activeCount(1, 0);
        assertEquals("h₁⁽²⁾ came back at step 5 after a change in the layers below (a dead neuron’s own weights cannot move). "
                + "It is active again: z > 0 on " + active + " of 8 samples.", line(up, EN, "revived", "h₁⁽²⁾").certificate());
        assertEquals("h₁⁽²⁾ 在第 5 步复活了，因为前面的层发生了变化（死亡神经元自己的权重是动不了的）。它重新活跃起来：8 个样本中有 "
                + active + " 个 z > 0。", line(up, ZH, "revived", "h₁⁽²⁾").certificate());

        SimulationState redrawn = state("scenario=case-1&ops=redraw@10&at=30");
        int after = engineAt("scenario=case-1&ops=redraw@10", 10).census().activeCount(0, 0);
        assertTrue(after > 0);
        assertEquals("h₁⁽¹⁾ came back at step 10, after the dead neurons were re-drawn. It is active again: z > 0 on " + after + " of 8 samples.",
                line(redrawn, EN, "revived", "h₁⁽¹⁾").certificate());
        assertEquals("h₁⁽¹⁾ 在第 10 步复活了：死亡神经元刚刚重新抽取了权重。它重新活跃起来：8 个样本中有 " + after + " 个 z > 0。",
                line(redrawn, ZH, "revived", "h₁⁽¹⁾").certificate());

        SimulationState leaky = state("scenario=case-1&ops=act:leaky@10&at=30");
        String z = n(maxZ(engineAt("scenario=case-1&ops=act:leaky@10", 10), 0, 0));
        assertEquals("h₁⁽¹⁾ is no longer dead from step 10: with Leaky ReLU a sample with z ≤ 0 still passes α = 0.01 of the gradient back, "
                + "so its weights move again. z is still ≤ 0 on all 8 samples (largest z = " + z + "), but the gradient no longer stops there: "
                + "saturated, not dead.", line(leaky, EN, "revived", "h₁⁽¹⁾").certificate());
        assertContains(line(leaky, ZH, "revived", "h₁⁽¹⁾").certificate(), "从第 10 步起，h₁⁽¹⁾ 不再是死的：换成 Leaky ReLU 后，即使 z ≤ 0，样本也会回传 α = 0.01 倍的梯度");
    }

    // ---- saturated: Leaky ReLU and ELU ----

    @Test
    void saturatedNeuronsStillPassGradientAndSayHowMuch() {
        SimulationState leaky = state("scenario=case-1&act=leaky&at=30");
        String z = n(maxZ(engineAt("scenario=case-1&act=leaky", 30), 0, 0));
        DeathCertificates.Card c = card(leaky, EN, "h₁⁽¹⁾");
        assertEquals("h₁⁽¹⁾: saturated", c.heading());
        assertEquals("h₁⁽¹⁾ is saturated: z ≤ 0 on all 8 samples (largest z = " + z + "), but Leaky ReLU passes α = 0.01 of the gradient back, "
                + "so its weights keep moving: not dead.", c.text());
        assertEquals("/lab?scenario=case-1&act=leaky&at=30", c.focusLink(), "nothing to mark: it never died");
        assertEquals("Focus h₁⁽¹⁾", c.focusLabel());
        assertEquals("h₁⁽¹⁾ 处于饱和：在全部 8 个样本上都有 z ≤ 0（最大的 z = " + z + "），但 Leaky ReLU 仍会回传 α = 0.01 倍的梯度，"
                + "所以它的权重还在变：它没有死。", card(leaky, ZH, "h₁⁽¹⁾").text());

        SimulationState elu = state("scenario=case-1&act=elu&at=30");
        double ez = maxZ(engineAt("scenario=case-1&act=elu", 30), 0, 0);
        assertEquals("h₁⁽¹⁾ is saturated: z ≤ 0 on all 8 samples (largest z = " + n(ez) + "), but ELU passes α·e^z of the gradient back "
                + "(α = 1; at most " + n(StrictMath.exp(ez)) + " here), so its weights keep moving: not dead.", card(elu, EN, "h₁⁽¹⁾").text());
        assertContains(card(elu, ZH, "h₁⁽¹⁾").text(), "但 ELU 仍会回传 α·e^z 倍的梯度（α = 1，这里最多 " + n(StrictMath.exp(ez)) + "）");
    }

    // ---- a diverged run ----

    @Test
    void aDivergedRunSaysWhichStepAndWhichStepSize() {
        String q = "scenario=case-2&bias=true&lr=1000000&seed=7&at=30";
        SimulationState s = state(q);
        assertTrue(s.diverged());
        LabPage.EventLine d = LabViews.events(s, EN).lines().get(0);
        assertEquals("diverged", d.kind());
        assertEquals(null, d.focusLink());
        assertEquals("With λ = 1e6, the update of step " + s.divergedAt() + " would have made the numbers infinite, so the run stopped there "
                + "and keeps the last finite weights (loss " + n(s.snapshot().loss()) + "). No neuron changes state any more: lower λ and restart.",
                d.certificate());
        assertEquals("在 λ = 1e6 下，第 " + s.divergedAt() + " 步的更新会让数值变成无穷大，所以训练停在那里，保留最后一组有限的权重（损失 "
                + n(s.snapshot().loss()) + "）。此后不会再有神经元改变状态：请调小 λ 后重新开始。", LabViews.events(s, ZH).lines().get(0).certificate());
        DeathCertificates.Remedies r = CertificateViews.build(s, EN, "/lab/x").remedies();
        assertTrue(r.diverged());
    }

    // ---- updates with many weights, and edge cases built by hand ----

    @Test
    void aKillingUpdateOfManyWeightsNamesTheSixThatMovedMostAndCountsTheRest() {
        SimulationState s = state("scenario=deep-net-works-anyway&at=3000");
        Event deep = null;
        for (Event e : s.recentEvents()) if (e.kind() == Event.Kind.DIED && e.cause() != null && e.layer() > 0 && moved(e.cause())) deep = e;
        if (deep == null) {   // none among the latest: build one over the same network shape
            deep = new Event(12, 1, 3, Event.Kind.DIED, "update", update(33));
        }
        String text = Certificates.killed(deep, true, I18n.of(Lang.EN));
        int count = deep.cause().weightsBefore().length + 1;
        for (Event e : s.recentEvents()) {   // the deep run also has deaths its own update had no part in
            if (e.kind() == Event.Kind.DIED && e.cause() != null && !moved(e.cause()))
                assertContains(Certificates.killed(e, true, I18n.of(Lang.EN)), Notation.neuron(e) + " died at step " + e.step()
                        + ", although that step left its own weights where they were (their gradient was 0)");
        }
        assertContains(text, "and " + (count - Certificates.WEIGHTS_NAMED) + " more parameters by less.");
        assertEquals(Certificates.WEIGHTS_NAMED, text.split("\\(λ·g = ").length - 1);
        assertContains(Certificates.killed(deep, true, I18n.of(Lang.ZH)), "另外 " + (count - Certificates.WEIGHTS_NAMED) + " 个参数变化较小");
    }

    static boolean moved(Event.Update u) {
        boolean any = u.biasGradient() != 0;
        for (double g : u.gradient()) any |= g != 0;
        return any;
    }

    @Test
    void onlyTheNewestEventsCarryTheirCertificateSoABigRunsFramesStaySmall() {
        SimulationState s = state("scenario=deep-net-works-anyway&at=3000");
        List<LabPage.EventLine> lines = LabViews.events(s, EN).lines();
        assertEquals(50, lines.size());
        for (int k = 0; k < lines.size(); k++) {
            LabPage.EventLine l = lines.get(k);
            assertEquals(k < LabViews.CERTIFIED_EVENTS, l.certificate() != null, k + ": " + l.text());
            if (l.focusLink() != null) assertTrue(l.focusLink().endsWith("&mark=" + l.step()), l.focusLink());
        }
    }

    static Event.Update update(int fanIn) {
        double[] g = new double[fanIn], before = new double[fanIn], after = new double[fanIn];
        for (int j = 0; j < fanIn; j++) {
            g[j] = 0.1 * (j + 1);
            before[j] = 0.05;
            after[j] = before[j] - 0.5 * g[j];
        }
        return new Event.Update(0.5, g, before, after, 0.2, 0.1, 0.0);
    }

    @Test
    void handBuiltEventsCoverTheRareCases() {
        I18n en = I18n.of(Lang.EN), zh = I18n.of(Lang.ZH);
        // its own weights did not move: the layers below killed it
        Event still = new Event(7, 1, 0, Event.Kind.DIED, "update",
                new Event.Update(0.3, new double[] {0, 0}, new double[] {0.4, -0.2}, new double[] {0.4, -0.2}, 0, 0, 0));
        assertEquals("h₁⁽²⁾ died at step 7, although that step left its own weights where they were (their gradient was 0): "
                + "the layers below changed, and their new outputs leave z ≤ 0 on every sample.", Certificates.killed(still, false, en));
        // with biases: the bias is listed after the weights, named as in the post
        Event biased = new Event(3, 1, 0, Event.Kind.DIED, "update",
                new Event.Update(0.5, new double[] {1, 2}, new double[] {0.25, 0.5}, new double[] {-0.25, -0.5}, 0.5, 0.125, -0.125));
        assertEquals("h₁⁽²⁾ was killed at step 3: the update λ·g (λ = 0.5) took w₂₁ from 0.25 to −0.25 (λ·g = 0.5), "
                + "w₂₂ from 0.5 to −0.5 (λ·g = 1) and b⁽²⁾₁ from 0.125 to −0.125 (λ·g = 0.25).", Certificates.killed(biased, true, en));
        assertEquals("h₁⁽²⁾ 在第 3 步被一次更新“杀死”：这次更新 λ·g（λ = 0.5）让 w₂₁ 从 0.25 变成 −0.25（λ·g = 0.5）、"
                + "w₂₂ 从 0.5 变成 −0.5（λ·g = 1），b⁽²⁾₁ 从 0.125 变成 −0.125（λ·g = 0.25）。", Certificates.killed(biased, true, zh));
        Event unbiased = new Event(3, 1, 0, Event.Kind.DIED, "update",
                new Event.Update(0.5, new double[] {1, 2}, new double[] {0.25, 0.5}, new double[] {-0.25, -0.5}, 0, 0, 0));
        assertFalse(Certificates.killed(unbiased, false, en).contains("b⁽²⁾₁"), "no biases, no bias in the sentence");
        assertTrue(Certificates.killed(unbiased, true, en).endsWith(" and b⁽²⁾₁ from 0 to 0 (λ·g = 0)."), "biases on: listed, even unmoved");
    }

    // ---- the announcer ----

    @Test
    void aNeuronKilledAndRevivedWithinOneChangeIsAnnouncedAlive() {
        List<Event> step8 = List.of(new Event(8, 1, 0, Event.Kind.DIED, "update", null), new Event(8, 1, 0, Event.Kind.PERMANENT, "update", null),
                new Event(8, 1, 0, Event.Kind.REVIVED, "reinit", null));
        assertEquals("Step 8: h₁⁽²⁾ came back to life.", Certificates.announcement(step8, EN.messages()));
        assertEquals("Step 8: h₁⁽²⁾ died for good.", Certificates.announcement(step8.subList(0, 2), EN.messages()));
    }

    @Test
    void aNeuronRecycledByRedoIsAnnouncedAsRecycledAndOneThatCameBackAsAlive() {
        Event recycled = new Event(100, 1, 0, Event.Kind.RECYCLED, "redo", null);
        assertEquals("Step 100: h₁⁽²⁾ was recycled by ReDo.", Certificates.announcement(List.of(recycled), EN.messages()));
        assertEquals("Step 100: h₁⁽²⁾ came back to life.",
                Certificates.announcement(List.of(recycled, new Event(100, 1, 0, Event.Kind.REVIVED, "redo", null)), EN.messages()));
        assertEquals("Step 100: h₁⁽²⁾ was born dead.",
                Certificates.announcement(List.of(recycled, new Event(100, 1, 0, Event.Kind.BORN_DEAD, "redo", null)), EN.messages()));
    }

    @Test
    void theAnnouncementIsAShortSentenceOnlyWhenSomethingHappened() {
        Simulation sim = REGISTRY.open("teacher", link("scenario=case-2&at=6"), 0);
        assertEquals("", CertificateViews.build(sim.state(), EN, "/a").announcement());
        sim.stepOnce();
        assertEquals("", CertificateViews.build(sim.state(), EN, "/a").announcement());
        sim.stepOnce();
        assertEquals("Step 8: h₁⁽²⁾ died for good.", CertificateViews.build(sim.state(), EN, "/a").announcement());
        assertEquals("第 8 步：h₁⁽²⁾ 永久死亡。", CertificateViews.build(sim.state(), ZH, "/a").announcement());
        sim.stepOnce();
        assertEquals("Step 8: h₁⁽²⁾ died for good.", CertificateViews.build(sim.state(), EN, "/a").announcement(), "no new event: the same words");

        sim.redrawDead();
        String redraw = CertificateViews.build(sim.state(), EN, "/a").announcement();
        assertTrue(redraw.equals("Step 9: h₁⁽²⁾ came back to life.") || redraw.equals("Step 9: h₁⁽²⁾ was born dead, for good.")
                || redraw.equals("Step 9: h₁⁽²⁾ was born dead."), redraw);

        List<Event> many = List.of(new Event(4, 0, 0, Event.Kind.DIED, "update", null), new Event(4, 0, 0, Event.Kind.PERMANENT, "update", null),
                new Event(4, 1, 0, Event.Kind.DIED, "update", null), new Event(4, 1, 1, Event.Kind.REVIVED, "update", null),
                new Event(4, 1, 2, Event.Kind.BORN_DEAD, "redraw", null), new Event(4, 1, 3, Event.Kind.DIED, "update", null),
                new Event(4, 1, 4, Event.Kind.DIED, "update", null));
        assertEquals("Step 4: h₁⁽¹⁾ died for good; h₁⁽²⁾ died; h₂⁽²⁾ came back to life; h₃⁽²⁾ was born dead; 2 more.",
                Certificates.announcement(many, en()));
        assertEquals("第 4 步：h₁⁽¹⁾ 永久死亡；h₁⁽²⁾ 死亡；h₂⁽²⁾ 复活了；h₃⁽²⁾ 一出生就是死的；另有 2 个。",
                Certificates.announcement(many, I18n.of(Lang.ZH)));
        assertEquals("Step 57: the run diverged.", Certificates.announcement(List.of(new Event(57, -1, -1, Event.Kind.DIVERGED, "update", null)), en()));
    }

    static I18n en() {
        return I18n.of(Lang.EN);
    }

    // ---- remedies ----

    @Test
    void remediesOfferAStepSizeTenTimesSmallerAndTheOtherActivations() {
        SimulationState s = state("scenario=case-2&at=30");
        DeathCertificates.Remedies r = CertificateViews.build(s, EN, "/lab/abc").remedies();
        assertEquals("/lab/abc", r.actions());
        assertEquals("0.3", r.lr());
        assertEquals("0.03", r.lowerLr());
        assertEquals(1, r.dead());
        assertFalse(r.diverged());
        assertEquals(List.of("leaky", "elu"), r.switches().stream().map(LabPage.Choice::value).toList());
        assertEquals(List.of("Leaky ReLU", "ELU"), r.switches().stream().map(LabPage.Choice::label).toList());
        DeathCertificates.Remedies leaky = CertificateViews.build(state("scenario=leaky-rescues-case-2"), EN, "/x").remedies();
        assertEquals(List.of("elu"), leaky.switches().stream().map(LabPage.Choice::value).toList());
        assertEquals(0, leaky.dead());
    }
}
