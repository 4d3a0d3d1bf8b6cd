package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private final I18n en = I18n.of(Lang.EN);
    private final I18n zh = I18n.of(Lang.ZH);

    @Test
    void bothBundlesHaveExactlyTheSameKeys() {
        Set<String> onlyEn = new TreeSet<>(en.keys());
        onlyEn.removeAll(zh.keys());
        Set<String> onlyZh = new TreeSet<>(zh.keys());
        onlyZh.removeAll(en.keys());
        assertTrue(onlyEn.isEmpty(), "missing in messages_zh.properties: " + onlyEn);
        assertTrue(onlyZh.isEmpty(), "missing in messages_en.properties: " + onlyZh);
    }

    @Test
    void noMessageIsEmpty() {
        for (Lang l : Lang.values()) {
            for (String key : I18n.of(l).keys()) assertFalse(I18n.of(l).t(key).isBlank(), l + " " + key);
        }
    }

    @Test
    void bothLanguagesUseTheSamePlaceholders() {
        for (String key : en.keys()) assertEquals(placeholders(en.t(key)), placeholders(zh.t(key)), key);
    }

    @Test
    void chineseIsReadAsUtf8() {
        assertEquals("返回首页", zh.t("error.next.home"));
    }

    @Test
    void everyScenarioHasATitleAndASummaryInBothLanguages() {
        for (Scenario s : Scenario.values()) {
            for (I18n bundle : new I18n[] {en, zh}) {
                assertFalse(bundle.t("scenario." + s.id + ".title").isBlank());
                assertFalse(bundle.t("scenario." + s.id + ".summary").isBlank());
            }
        }
    }

    /** What brought an event about, as the engine writes it (Training's compare("...") and its own events). */
    static Set<String> bysTheEngineEmits() throws java.io.IOException {
        String training = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/lab/deadrelu/engine/Training.java"));
        Set<String> bys = new TreeSet<>();
        Matcher m = Pattern.compile("compare\\(\"(\\w+)\"|Event\\.Kind\\.\\w+, \"(\\w+)\"").matcher(training);
        while (m.find()) bys.add(m.group(1) != null ? m.group(1) : m.group(2));
        return bys;
    }

    @Test
    void everyEventKindAndEveryCauseTheEngineEmitsHasItsWordsInBothLanguages() throws java.io.IOException {
        Set<String> bys = bysTheEngineEmits();
        assertTrue(bys.containsAll(Set.of("init", "update", "reinit", "redraw", "redo", "activation")), "found in the engine: " + bys);
        for (I18n bundle : new I18n[] {en, zh}) {
            for (lab.deadrelu.engine.Event.Kind k : lab.deadrelu.engine.Event.Kind.values()) {
                assertTrue(bundle.keys().contains("event." + k.code), "event." + k.code);
                assertTrue(bundle.keys().contains("timeline.kind." + k.code), "timeline.kind." + k.code);
            }
            for (String by : bys) {
                assertTrue(bundle.keys().contains("event.agent." + by), "event.agent." + by);
                if (!by.equals("update") && !by.equals("init")) assertTrue(bundle.keys().contains("event.by." + by), "event.by." + by);
            }
        }
    }

    @Test
    void placeholdersAreFilledLiterallyKeepingQuotes() {
        assertEquals("The parameter lang cannot be “x'y”.", en.t("error.400.message", "lang", "x'y"));
    }

    @Test
    void aMissingKeyFailsLoudly() {
        assertThrows(IllegalStateException.class, () -> en.t("no.such.key"));
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(message);
        while (m.find()) found.add(m.group());
        return found;
    }
}
