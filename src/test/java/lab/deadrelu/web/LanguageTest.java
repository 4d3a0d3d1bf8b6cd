package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.deadrelu.view.site.Assets;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.site.Ui;
import org.junit.jupiter.api.Test;

class LanguageTest {
    private static final Assets ASSETS = new Assets(java.util.List.of("/c"), "/i", "/h", "/s", "/j");

    @Test
    void acceptLanguagePicksTheFirstLanguageWeHave() {
        assertEquals(Lang.ZH, Language.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals(Lang.ZH, Language.fromAcceptLanguage("zh-TW"));
        assertEquals(Lang.ZH, Language.fromAcceptLanguage("fr-FR, zh-Hans;q=0.5"));
        assertEquals(Lang.EN, Language.fromAcceptLanguage("en-GB,zh;q=0.5"));
        assertEquals(Lang.EN, Language.fromAcceptLanguage("zh;q=0.2, en;q=0.9"));
        assertEquals(Lang.EN, Language.fromAcceptLanguage("de"));
        assertEquals(Lang.EN, Language.fromAcceptLanguage(null));
        assertEquals(Lang.EN, Language.fromAcceptLanguage(";;;q=x"));
    }

    @Test
    void theQueryParameterWinsAndMustBeKnown() {
        assertEquals(new Language.Choice(Lang.ZH, true), Language.choose("zh", "en", "/"));
        assertEquals(new Language.Choice(Lang.ZH, false), Language.choose(null, "zh", "/"));
        BadRequest e = assertThrows(BadRequest.class, () -> Language.choose("ZH", "en", "/lab?scenario=case-2"));
        assertEquals("lang", e.parameter);
        assertEquals("en, zh", e.allowed);
        assertEquals("/lab?scenario=case-2", e.suggestion);
    }

    @Test
    void linksCarryLangOnlyWhenItCameFromTheQuery() {
        Ui chosen = new Ui(Lang.ZH, "/relu", "/", "lang=zh", true, ASSETS);
        assertEquals("/relu/lab?scenario=case-1&lang=zh", chosen.link("/lab?scenario=case-1"));
        assertEquals("/relu/?lang=zh#top", chosen.link("/#top"));
        Ui guessed = new Ui(Lang.ZH, "", "/", "", false, ASSETS);
        assertEquals("/lab?scenario=case-1", guessed.link("/lab?scenario=case-1"));
    }

    @Test
    void switchingLanguageChangesOnlyLang() {
        Ui ui = new Ui(Lang.EN, "", "/lab", "scenario=case-2&lang=en&lr=0.5", true, ASSETS);
        assertEquals("/lab?scenario=case-2&lang=zh&lr=0.5", ui.switchTo(Lang.ZH));
        Ui noQuery = new Ui(Lang.EN, "/relu", "/lab", null, false, ASSETS);
        assertEquals("/relu/lab?lang=zh", noQuery.switchTo(Lang.ZH));
        Ui twice = new Ui(Lang.EN, "", "/", "lang=en&lang=zh&x=1", true, ASSETS);
        assertEquals("/?lang=zh&x=1", twice.switchTo(Lang.ZH));
    }

    @Test
    void aProtocolRelativePathCannotLeadOffSite() {
        assertTrue(new Ui(Lang.EN, "", "//evil.example/x", "", false, ASSETS).switchTo(Lang.ZH).startsWith("/evil.example/x"));
        assertTrue(new Ui(Lang.EN, "", "/\\evil.example", "", false, ASSETS).switchTo(Lang.ZH).startsWith("/evil.example"));
    }

    @Test
    void theBadLanguageSuggestionKeepsTheRestOfTheQuery() {
        assertEquals("/lab?scenario=case-2&lr=1", PageUi.withoutLang("/lab", "lang=xx&scenario=case-2&lr=1"));
        assertEquals("/", PageUi.withoutLang("/", "lang=xx"));
        assertEquals("/", PageUi.withoutLang("/", null));
    }
}
