package lab.deadrelu.web;

import java.util.Map;

/**
 * How the server runs, read once at startup.
 *
 * @param port           PORT, default 7070 (0 picks a free port)
 * @param basePath       BASE_PATH, default "": the prefix the app lives under, e.g. "/relu" behind a proxy
 * @param frameAncestors FRAME_ANCESTORS, default 'self': who may embed the pages (CSP frame-ancestors)
 * @param dev            system property deadrelu.dev=true: templates and static files reload from disk
 */
public record Config(int port, String basePath, String frameAncestors, boolean dev) {

    public Config {
        basePath = normalizeBasePath(basePath);
        // A header value: a line break or ';' would let the setting smuggle in other directives.
        if (frameAncestors == null || frameAncestors.isBlank() || frameAncestors.matches(".*[;\\r\\n].*")) {
            throw new IllegalArgumentException("FRAME_ANCESTORS must be CSP sources without ';', e.g. 'self' https://course.example");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("PORT must be in 0..65535, got " + port);
    }

    public static Config fromEnv() {
        return fromEnv(System.getenv(), Boolean.getBoolean("deadrelu.dev"));
    }

    static Config fromEnv(Map<String, String> env, boolean dev) {
        String port = env.getOrDefault("PORT", "7070").trim();
        if (!port.matches("\\d{1,5}")) throw new IllegalArgumentException("PORT must be a number in 0..65535, got '" + port + "'");
        return new Config(Integer.parseInt(port), env.getOrDefault("BASE_PATH", ""),
                env.getOrDefault("FRAME_ANCESTORS", "'self'").trim(), dev);
    }

    /** A free port, no prefix, precompiled templates: what the tests boot. */
    public static Config forTests() {
        return new Config(0, "", "'self'", false);
    }

    public Config withBasePath(String path) {
        return new Config(port, path, frameAncestors, dev);
    }

    /** "" or "/a/b": one leading slash, no trailing slash, only URL-safe path characters. */
    static String normalizeBasePath(String raw) {
        String p = raw == null ? "" : raw.trim();
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.isEmpty()) return "";
        if (!p.startsWith("/")) p = "/" + p;
        if (!p.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("BASE_PATH must look like /relu or /course/relu, got '" + raw + "'");
        }
        return p;
    }
}
