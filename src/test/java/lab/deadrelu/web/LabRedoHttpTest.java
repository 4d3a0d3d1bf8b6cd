package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A lab with ReDo, periodic (redo=τ&redoEvery=K) or as an op (redo:τ@k): the page, its event log,
 * timeline and certificates say what ReDo did, in both languages, and its stream plays. In case 2,
 * ReDo with τ = 0.1 at step 100 recycles the dead h₁⁽²⁾, which comes back and dies again at step 103.
 */
class LabRedoHttpTest extends LabTestBase {

    static void assertContains(String body, String part) {
        assertTrue(body.contains(part), "\n expected to find: " + part + "\n in\n" + body);
    }

    /** The certificate of one event line, as the page fetches it when the reader opens the line. */
    private String certificate(Opened lab, String event) {
        java.net.http.HttpResponse<String> r = get(lab.actions() + "/details/" + event);
        assertEquals(200, r.statusCode(), event + ": " + r.body());
        return r.body();
    }

    @Test
    void periodicRedoShowsTheRecyclingInTheEventLogTimelineAndCertificates() {
        Opened lab = open("/lab?scenario=case-2&redo=0.1&redoEvery=100&at=150");
        String events = lab.region("events");
        assertContains(events, "<li class=\"event event-recycled\" data-step=\"100\">");
        assertContains(events, ">h₁⁽²⁾ was recycled by ReDo at step 100.</summary>");
        assertContains(events, ">h₁⁽²⁾ came back to life at step 100. (after ReDo recycled the dormant neurons)</summary>");
        assertContains(events, ">h₁⁽²⁾ died at step 103.</summary>");
        assertContains(certificate(lab, "event-100-recycled-2-1"), "ReDo recycled h₁⁽²⁾ at step 100: it was dormant, its mean |a| over the data at most τ = 0.1"
                + " times its layer’s mean. Its incoming weights were re-drawn, and its bias and outgoing weights set to 0, so the network’s output did not jump.");
        assertContains(certificate(lab, "event-100-revived-2-1"), "h₁⁽²⁾ came back at step 100, after ReDo recycled the dormant neurons");
        String timeline = lab.region("timeline");
        assertContains(timeline, "<svg class=\"tl-mark tl-recycled\"");
        assertContains(timeline, "<title>h₁⁽²⁾ was recycled by ReDo at step 100.</title>");
    }

    @Test
    void periodicRedoRendersInChineseToo() {
        Opened lab = open("/lab?scenario=case-2&redo=0.1&redoEvery=100&at=150&lang=zh");
        String events = lab.region("events");
        assertContains(events, ">h₁⁽²⁾ 在第 100 步被 ReDo 回收。</summary>");
        assertContains(events, "（ReDo 回收休眠神经元之后）");
        assertContains(certificate(lab, "event-100-recycled-2-1"), "ReDo 在第 100 步回收了 h₁⁽²⁾：它处于休眠状态");
    }

    @Test
    void redoAsAnOpRecyclesAtItsStepInBothLanguages() {
        Opened lab = open("/lab?scenario=case-2&ops=redo:0.1@100&at=120");
        assertContains(lab.region("events"), ">h₁⁽²⁾ was recycled by ReDo at step 100.</summary>");
        assertContains(lab.region("timeline"), "tl-recycled");
        Opened zh = open("/lab?scenario=case-2&ops=redo:0.1@100&at=120&lang=zh");
        assertContains(zh.region("events"), ">h₁⁽²⁾ 在第 100 步被 ReDo 回收。</summary>");
        assertContains(zh.region("timeline"), "<title>h₁⁽²⁾ 在第 100 步被 ReDo 回收。</title>");
    }

    @Test
    void theRecycledCertificateGivesTheTauThatRecycledIt() {
        Opened lab = open("/lab?scenario=case-2&ops=redo:0.25@100&at=120");
        assertContains(certificate(lab, "event-100-recycled-2-1"), "its mean |a| over the data at most τ = 0.25 times its layer’s mean.");
        Opened zh = open("/lab?scenario=case-2&redo=0.05&redoEvery=100&at=120&lang=zh");
        assertContains(certificate(zh, "event-100-recycled-2-1"), "在数据上的平均 |a| 不超过本层平均值的 τ = 0.05 倍。");
    }

    @Test
    void theDeadChartShowsTheDormantAtBothThresholdsBesideTheDeadInBothLanguages() {
        String dead = open("/lab?scenario=case-2&at=30").region("dead");
        for (String css : new String[] {"dormant-low series-1", "dormant-low series-2", "dormant-high series-1", "dormant-high series-2"})
            assertContains(dead, "<polyline class=\"line dormant " + css + "\" points=\"");
        assertContains(dead, "<line class=\"line dormant dormant-low\" x1=\"-13\" y1=\"0\" x2=\"13\" y2=\"0\"/></svg>dormant (τ = 0.025)</li>");
        assertContains(dead, "<line class=\"line dormant dormant-high\" x1=\"-13\" y1=\"0\" x2=\"13\" y2=\"0\"/></svg>dormant (τ = 0.1)</li>");
        // at step 30 of case 2, h₁⁽²⁾ is dead: dead, and so dormant at every τ, in layer 2
        assertContains(dead, "At step 30, dead: 0 of 2 in layer 1, 1 of 2 in layer 2. Dormant (mean |a| at most τ times its layer’s mean) at τ = 0.025: ");
        assertTrue(dead.indexOf("polyline class=\"line dormant") < dead.indexOf("polyline class=\"line series-1"), "the dead drawn over the dormant");
        String zh = open("/lab?scenario=case-2&at=30&lang=zh").region("dead");
        assertContains(zh, "休眠（τ = 0.025）</li>");
        assertContains(zh, "休眠（τ = 0.1）</li>");
        assertContains(zh, "。休眠（平均 |a| 不超过本层平均值的 τ 倍）：τ = 0.025 时");
    }

    @Test
    void theRemediesSayHowReDrawingTheDeadDiffersFromReDo() {
        assertContains(open("/lab?scenario=case-2&at=30").region("remedies"), "<p class=\"remedy-note\" id=\"remedy-redraw-note\">New incoming weights for the dead"
                + " neurons only, the rest kept. ReDo (the link’s redo=τ) differs: it recycles the dormant neurons too, not only the dead, and also sets their"
                + " outgoing weights to 0, so the output does not jump.</p>");
        assertContains(open("/lab?scenario=case-2&at=30&lang=zh").region("remedies"), "还会把它们的输出权重设为 0，所以输出不会突变。</p>");
    }

    @Test
    void aLabWithRedoPlaysPastTheRecyclingAndItsFramesTellIt() {
        Opened lab = open("/lab?scenario=case-2&redo=0.1&redoEvery=100&at=95&pause=off");
        try (SseStream s = stream(client, lab.id())) {
            assertNotNull(s.awaitNamed("events", WAIT), "the first frame");
            assertEquals(200, htmx(lab.actions() + "/play").statusCode());
            SseStream.Event recycled = s.await(e -> e.name().equals("events") && e.data().contains("was recycled by ReDo at step 100."), WAIT);
            assertNotNull(recycled, "a frame with the recycling in the event log");
            assertNotNull(s.await(e -> e.name().equals("status") && step(e.data()) >= 104, WAIT), "it plays on past the death at 103");
            assertEquals(200, htmx(lab.actions() + "/pause").statusCode());
        }
    }
}
