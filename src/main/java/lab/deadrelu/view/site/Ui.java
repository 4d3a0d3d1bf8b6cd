package lab.deadrelu.view.site;

import java.util.ArrayList;
import java.util.List;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;

/**
 * What every template needs from the request: the language and its messages, and how to build links.
 *
 * @param basePath      "" or the prefix the app is hosted under, e.g. "/relu"
 * @param path          the request path inside the app (without basePath), raw as sent
 * @param query         the raw query string, or "" when there is none
 * @param langFromQuery true when the visitor chose the language with ?lang=: links then carry it on
 * @param embed         the lab in embed mode (?embed=1, in a course page's iframe): lab links carry it on
 */
public record Ui(Lang lang, String basePath, String path, String query, boolean langFromQuery, boolean embed, Assets assets) {

    public Ui {
        // A path such as "//evil.example" would turn our own links protocol-relative (off-site).
        path = path == null || path.isEmpty() ? "/" : path.replaceFirst("^[/\\\\]+", "/");
        query = query == null ? "" : query;
    }

    /** Not embedded. */
    public Ui(Lang lang, String basePath, String path, String query, boolean langFromQuery, Assets assets) {
        this(lang, basePath, path, query, langFromQuery, false, assets);
    }

    public I18n messages() {
        return I18n.of(lang);
    }

    public String t(String key) {
        return messages().t(key);
    }

    public String t(String key, Object... args) {
        return messages().t(key, args);
    }

    /** For &lt;html lang&gt;. */
    public String htmlLang() {
        return lang.htmlLang;
    }

    /**
     * A link to a path of this app ("/lab?scenario=case-2"): the base path goes in front, and lang goes
     * along when the visitor picked it by query (a language from Accept-Language needs no parameter).
     * In embed mode a lab link keeps embed=1 (before lang, which stays last); other pages are left whole.
     */
    public String link(String appPath) {
        String href = basePath + appPath;
        if (embed && isLab(appPath)) href = withParameter(href, "embed=1");
        return langFromQuery ? withParameter(href, "lang=" + lang.code) : href;
    }

    /**
     * Should this link of ours open in a new tab? In embed mode, yes for everything but the lab: a student
     * in a course page's frame expects the frame to stay the lab the teacher put there, and a whole page
     * (compare, home) is too big for it; besides, only the lab may be framed by the course site.
     */
    public boolean opensTab(String href) {
        return embed && !isLab(href.startsWith(basePath) ? href.substring(basePath.length()) : href);
    }

    /** This page outside the frame: the same link without embed (for "open in a new tab"). */
    public String unembedded() {
        List<String> kept = new ArrayList<>();
        for (String part : query.split("&")) if (!part.isEmpty() && !part.equals("embed") && !part.startsWith("embed=")) kept.add(part);
        return basePath + path + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    private static boolean isLab(String appPath) {
        return appPath.equals("/lab") || appPath.startsWith("/lab?") || appPath.startsWith("/lab#");
    }

    /** "name=value" added to the query, before any #fragment. */
    private static String withParameter(String href, String parameter) {
        int hash = href.indexOf('#');
        String fragment = hash < 0 ? "" : href.substring(hash);
        String beforeFragment = hash < 0 ? href : href.substring(0, hash);
        String sep = beforeFragment.contains("?") ? "&" : "?";
        return beforeFragment + sep + parameter + fragment;
    }

    /** This very page in another language: same path and query, only lang changed (or added at the end). */
    public String switchTo(Lang other) {
        List<String> kept = new ArrayList<>();
        boolean replaced = false;
        for (String part : query.split("&")) {
            if (part.isEmpty()) continue;
            boolean isLang = part.equals("lang") || part.startsWith("lang=");
            if (isLang && !replaced) {
                kept.add("lang=" + other.code);
                replaced = true;
            } else if (!isLang) {
                kept.add(part);
            }
        }
        if (!replaced) kept.add("lang=" + other.code);
        return basePath + path + "?" + String.join("&", kept);
    }

    public List<Lang> languages() {
        return List.of(Lang.values());
    }
}
