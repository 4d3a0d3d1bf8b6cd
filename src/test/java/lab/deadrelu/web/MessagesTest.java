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
