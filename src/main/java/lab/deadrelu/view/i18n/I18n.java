package lab.deadrelu.view.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The UI strings of one language, from src/main/resources/i18n/messages_&lt;code&gt;.properties.
 * The bundles are read as UTF-8 explicitly (Properties.load(InputStream) would assume ISO-8859-1).
 * Placeholders are {0}, {1}, ... replaced literally: unlike MessageFormat, quotes in the text stay as written.
 */
public final class I18n {
    private static final Map<Lang, I18n> BUNDLES = loadAll();

    private final Lang lang;
    private final Map<String, String> messages;

    private I18n(Lang lang, Map<String, String> messages) {
        this.lang = lang;
        this.messages = messages;
    }

    public static I18n of(Lang lang) {
        return BUNDLES.get(lang);
    }

    public Lang lang() {
        return lang;
    }

    /** The message for key; a missing key is a bug, so it fails loudly instead of showing the key. */
    public String t(String key) {
        String m = messages.get(key);
        if (m == null) throw new IllegalStateException("No message '" + key + "' in messages_" + lang.code + ".properties");
        return m;
    }

    public String t(String key, Object... args) {
        String m = t(key);
        for (int i = 0; i < args.length; i++) m = m.replace("{" + i + "}", String.valueOf(args[i]));
        return m;
    }

    public Set<String> keys() {
        return messages.keySet();
    }

    private static Map<Lang, I18n> loadAll() {
        Map<Lang, I18n> all = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) all.put(l, new I18n(l, load("/i18n/messages_" + l.code + ".properties")));
        return all;
    }

    private static Map<String, String> load(String resource) {
        try (InputStream in = I18n.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("Missing message bundle " + resource);
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> m = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read message bundle " + resource, e);
        }
    }
}
