package lab.deadrelu.view.i18n;

/** The languages of the UI. A language's name is shown in that language (an endonym), so it is not translated. */
public enum Lang {
    EN("en", "en", "English"),
    ZH("zh", "zh-Hans", "中文");

    /** The value of the lang query parameter and the bundle suffix. */
    public final String code;
    /** The value of &lt;html lang&gt;: the bundle is Simplified Chinese, which BCP 47 spells zh-Hans. */
    public final String htmlLang;
    public final String ownName;

    Lang(String code, String htmlLang, String ownName) {
        this.code = code;
        this.htmlLang = htmlLang;
        this.ownName = ownName;
    }

    public static Lang fromCode(String code) {
        for (Lang l : values()) if (l.code.equals(code)) return l;
        return null;
    }

    /** "en, zh": what an error message lists as allowed. */
    public static String codes() {
        StringBuilder b = new StringBuilder();
        for (Lang l : values()) b.append(b.length() == 0 ? "" : ", ").append(l.code);
        return b.toString();
    }
}
