package lab.deadrelu.view.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.deadrelu.engine.Event;
import lab.deadrelu.sim.Witnessed;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.site.Ui;
import org.junit.jupiter.api.Test;

/**
 * Every event the engine can write, of every kind and by every cause, has its line, its agent, its
 * certificate, its announcement and its timeline mark in both languages (a missing key throws).
 */
class EventWordsTest {
    /** The causes the engine writes (Event's `by`). */
    static final List<String> BYS = List.of("init", "update", "reinit", "redraw", "redo", "activation");

    @Test
    void everyKindByEveryCauseIsToldInEnglishAndChinese() {
        for (Lang lang : Lang.values()) {
            Ui ui = new Ui(lang, "", "/lab", "", false, null);
            for (Event.Kind kind : Event.Kind.values()) {
                for (String by : BYS) {
                    Event e = kind == Event.Kind.DIVERGED ? new Event(12, -1, -1, kind, by, null) : new Event(12, 1, 0, kind, by, null);
                    String line = LabViews.eventText(e, ui);
                    assertTrue(line.contains("12"), kind + " " + by + ": " + line);
                    assertFalse(LabViews.agent(e, ui).isBlank());
                    assertFalse(Certificates.event(new Witnessed(e, null, 0.3, 1.5), true, 0.1, ui.messages()).isBlank(), kind + " " + by);
                    assertTrue(Certificates.announcement(List.of(e), ui.messages()).contains("12"), kind + " " + by);
                    assertFalse(TimelineView.marks(new lab.deadrelu.sim.Timeline(12, 12, 12, List.of(e), null), ui).isEmpty());
                }
            }
        }
    }

    @Test
    void aRecycledNeuronsLineSaysReDoOnceAndItsCertificateSaysWhatReDoDid() {
        Ui ui = new Ui(Lang.EN, "", "/lab", "", false, null);
        Event e = new Event(100, 1, 0, Event.Kind.RECYCLED, "redo", null);
        assertTrue(LabViews.eventText(e, ui).equals("h₁⁽²⁾ was recycled by ReDo at step 100."), LabViews.eventText(e, ui));
        String cert = Certificates.event(new Witnessed(e, null, 0.3, 1.5), true, 0.1, ui.messages());
        assertTrue(cert.contains("bias and outgoing weights set to 0, so the network’s output did not jump"), cert);
        String born = Certificates.event(new Witnessed(new Event(100, 1, 0, Event.Kind.BORN_DEAD, "redo", null), null, 0.3, 1.5), true, 0.1, ui.messages());
        assertTrue(born.startsWith("ReDo recycled h₁⁽²⁾ at step 100, and its new incoming weights leave it dead"), born);
    }
}
