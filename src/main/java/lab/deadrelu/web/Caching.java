package lab.deadrelu.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import lab.deadrelu.view.site.Ui;

/**
 * HTTP caching of deterministic answers: a run's JSON, a finished experiment's page, JSON or CSV, the
 * scenario list. Their content follows from the URL (and the language) alone, so they carry
 * Cache-Control: public and an ETag made from this build and the URL, known before anything is
 * computed; a client sending that ETag back in If-None-Match gets 304 without the work being done.
 * Pages of a session (a lab, a comparison, the course builder, streams) say no-store instead.
 */
public final class Caching {
    /** A day: the answers never change within a build, and a new build changes every ETag. */
    public static final String DETERMINISTIC = "public, max-age=86400";
    /** The scenario list: words that a new build may change. */
    public static final String FOR_AN_HOUR = "public, max-age=3600";
    /** Files under /static (unversioned names): an hour, then revalidated by their ETag. */
    static final String STATIC_FILES = "public, max-age=3600";
    /** Webjars: the version is in the path, so the file never changes. */
    static final String WEBJARS = "public, max-age=31536000, immutable";

    /** What identifies this build: a hash of the jar's entries (same jar, same ETags on every instance), else random per process. */
    static final String BUILD = build();

    private Caching() {}

    /**
     * Marks a deterministic answer as cacheable (public, `cacheControl`, ETag from this build, the
     * request's path and query, and `varying`) and tells whether the client already has it: then it
     * was answered 304 and the handler must send nothing. An answer that set a cookie is never public.
     */
    public static boolean notModified(Context ctx, String cacheControl, String... varying) {
        if (!ctx.res().getHeaders("Set-Cookie").isEmpty()) {   // a first visit on its way: this answer is the visitor's own
            ctx.header("Cache-Control", "no-store");
            return false;
        }
        StringBuilder identity = new StringBuilder(BUILD).append('\n').append(ctx.path()).append('?').append(ctx.queryString());
        for (String v : varying) identity.append('\n').append(v);
        String etag = "W/\"" + hash(identity.toString()) + "\"";
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", etag);
        if (!matches(ctx.header("If-None-Match"), etag)) return false;
        ctx.status(HttpStatus.NOT_MODIFIED);
        return true;
    }

    /** A before-filter: an SSE stream is this moment's frames of one browser's run, never to be stored. */
    static void noStoreForStreams(Context ctx) {
        if (ctx.path().endsWith("/stream")) ctx.header("Cache-Control", "no-store");
    }

    /** The same for a page or words in the visitor's language: it varies with Accept-Language unless ?lang= chose it. */
    public static boolean notModified(Context ctx, String cacheControl, Ui ui) {
        if (!ui.langFromQuery()) ctx.header("Vary", "Accept-Language");
        return notModified(ctx, cacheControl, ui.lang().code, ui.embed() ? "embed" : "");
    }

    /** If-None-Match: a list of ETags, weak or strong (compared weakly, as RFC 9110 says for GET), or "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        String ours = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) return true;
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals(ours)) return true;
        }
        return false;
    }

    private static String hash(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(s.getBytes(StandardCharsets.UTF_8))).substring(0, 22);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String build() {
        try {
            Path code = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                StringBuilder entries = new StringBuilder();
                try (ZipFile jar = new ZipFile(code.toFile())) {   // names and CRCs from the central directory: nothing is inflated
                    for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        entries.append(entry.getName()).append(' ').append(entry.getCrc()).append('\n');
                    }
                }
                return hash(entries.toString());
            }
        } catch (Exception e) {
            // no jar to read (tests, dev runs): a random id below
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
