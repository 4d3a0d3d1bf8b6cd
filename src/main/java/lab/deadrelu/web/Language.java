package lab.deadrelu.web;

import java.util.List;
import java.util.Locale;
import lab.deadrelu.view.i18n.Lang;

/** Which language a request gets: ?lang= when given, else the browser's Accept-Language, else English. */
final class Language {
    private Language() {}

    /** The language and whether the visitor picked it by query (then links keep ?lang=). */
    record Choice(Lang lang, boolean fromQuery) {}

    /** @throws BadRequest when lang is present but not one of en, zh */
    static Choice choose(String langParam, String acceptLanguage, String sameRequestWithoutLang) {
        if (langParam != null) {
            Lang l = Lang.fromCode(langParam);
            if (l == null) throw new BadRequest("lang", langParam, Lang.codes(), sameRequestWithoutLang);
            return new Choice(l, true);
        }
        return new Choice(fromAcceptLanguage(acceptLanguage), false);
    }

    /** Like {@link #choose} but never fails: error pages must render whatever the request said. */
    static Choice chooseLeniently(String langParam, String acceptLanguage) {
        Lang l = langParam == null ? null : Lang.fromCode(langParam);
        return l != null ? new Choice(l, true) : new Choice(fromAcceptLanguage(acceptLanguage), false);
    }

    /** The browser's most preferred language we have: any zh (zh-CN, zh-Hans, zh-TW...) gives zh. */
    static Lang fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) return Lang.EN;
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header); // sorted by q, q=0 dropped
        } catch (IllegalArgumentException malformed) {
            return Lang.EN;
        }
        for (Locale.LanguageRange r : ranges) {
            String primary = r.getRange().split("-")[0];
            if (primary.equals("zh")) return Lang.ZH;
            if (primary.equals("en") || primary.equals("*")) return Lang.EN;
        }
        return Lang.EN;
    }
}
