package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.scenario.Walks;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;

/** The walks' words: every step has a text and a button label in both languages, and nothing else is left over. */
class WalkMessagesTest {

    @Test
    void everyStepOfEveryWalkHasATextAndAButtonInBothLanguagesAndNoKeyIsLeftOver() {
        Set<String> expected = new TreeSet<>();
        for (Scenario s : Scenario.values()) {
            Walks.Walk walk = Walks.of(s);
            for (int n = 1; n <= walk.size(); n++) {
                expected.add(walk.textKey(n));
                expected.add(walk.buttonKey(n));
            }
        }
        for (Lang lang : Lang.values()) {
            I18n m = I18n.of(lang);
            Set<String> found = new TreeSet<>();
            for (String key : m.keys()) if (key.matches("walk\\.[a-z0-9-]+\\.\\d+\\..+")) found.add(key);
            assertEquals(expected, found, lang + ": walk.<scenario>.<n>.text/.button keys");
            for (String key : expected) assertFalse(m.t(key).isBlank(), lang + " " + key);
        }
    }

    @Test
    void theFirstStepOfEveryWalkCreditsThePostByTitleAuthorAndDate() {
        for (Scenario s : Scenario.values()) {
            String key = Walks.of(s).textKey(1);
            String en = I18n.of(Lang.EN).t(key), zh = I18n.of(Lang.ZH).t(key);
            for (String text : new String[] {en, zh}) {
                assertTrue(text.contains("详解'死亡ReLU'问题"), key + ": the post's title");
                assertTrue(text.contains("王乐Levi"), key + ": its author");
            }
            assertTrue(en.contains("24 February 2025"), key);
            assertTrue(zh.contains("2025 年 2 月 24 日"), key);
        }
    }

    @Test
    void theTwoLanguagesAreWrittenSeparatelyNotCopied() {
        for (String key : I18n.of(Lang.EN).keys()) {
            if (!key.startsWith("walk.") && !key.startsWith("keys.")) continue;
            String en = I18n.of(Lang.EN).t(key), zh = I18n.of(Lang.ZH).t(key);
            assertNotEquals(en, zh, key + " is not translated");
            if (key.endsWith(".text")) assertTrue(zh.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF), key);
        }
    }

    @Test
    void buttonLabelsStayShortEnoughForOneOrTwoLines() {
        for (Lang lang : Lang.values()) {
            for (String key : I18n.of(lang).keys()) {
                if (key.startsWith("walk.") && key.endsWith(".button")) {
                    assertTrue(I18n.of(lang).t(key).length() <= 40, lang + " " + key + ": " + I18n.of(lang).t(key));
                }
            }
        }
    }
}
