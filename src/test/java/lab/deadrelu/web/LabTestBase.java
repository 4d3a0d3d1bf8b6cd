package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the lab's HTTP tests share: opening a lab, reading its regions, posting its controls, watching its stream. */
abstract class LabTestBase extends HttpTestBase {
    /** The regions of the lab page an SSE frame replaces, by their sse-swap names, in page order. */
    static final List<String> REGIONS = List.of("walk", "controls", "compare", "status", "timeline", "network", "weights", "loss", "dead", "plane", "table", "inspector",
            "certificates", "remedies", "announce", "events", "link");
    /** How long a test waits for what must come (it goes on as soon as it does): long enough for a busy machine. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\"");
    private static final Pattern STEP = Pattern.compile("<dd id=\"step\"[^>]*>(\\d+)</dd>");

    /** A lab page as served: the response and the id of the simulation it opened. */
    record Opened(HttpResponse<String> response, String id) {
        String body() {
            return response.body();
        }

        String region(String name) {
            return LabTestBase.region(body(), name);
        }

        String actions() {
            return "/lab/" + id;
        }
    }

    Opened open(String link, String... headers) {
        return open(client, link, headers);
    }

    Opened open(HttpClient who, String link, String... headers) {
        HttpResponse<String> r = send(who, HttpRequest.newBuilder(uri(link)).GET(), headers);
        assertEquals(200, r.statusCode(), () -> link + " answered " + r.statusCode() + ": " + r.body());
        Matcher m = STREAM.matcher(r.body());
        assertTrue(m.find(), "the page connects to its stream");
        return new Opened(r, m.group(1));
    }

    /** POST a urlencoded form (fields as name, value, ...); htmx adds HX-Request: true. */
    HttpResponse<String> postForm(HttpClient who, String path, boolean htmx, String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(enc(fields[i])).append('=').append(enc(fields[i + 1]));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return htmx ? send(who, b, "HX-Request", "true") : send(who, b);
    }

    HttpResponse<String> htmx(String path, String... fields) {
        return postForm(client, path, true, fields);
    }

    HttpResponse<String> plain(String path, String... fields) {
        return postForm(client, path, false, fields);
    }

    SseStream stream(HttpClient who, String id) {
        return SseStream.open(who, uri("/lab/" + id + "/stream"));
    }

    HttpResponse<String> send(HttpClient who, HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) request.headers(headers);
        request.timeout(WAIT);
        try {
            return who.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** A browser of its own: its own cookie jar, so its own session. */
    static HttpClient newBrowser() {
        return HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static URI at(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * The inner HTML of the element carrying sse-swap="name" (what a frame replaces). Counts nested
     * elements of the same tag, so a region may contain its own divs.
     */
    static String region(String html, String name) {
        int attr = html.indexOf("sse-swap=\"" + name + "\"");
        assertTrue(attr >= 0, "the page has the region " + name);
        int open = html.lastIndexOf('<', attr);
        String tag = html.substring(open + 1).split("[\\s>]", 2)[0];
        int start = html.indexOf('>', attr) + 1;
        Matcher m = Pattern.compile("<(/?)" + tag + "(?=[\\s>])").matcher(html);
        int depth = 1, from = start;
        while (m.find(from)) {
            depth += m.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) return html.substring(start, m.start());
            from = m.end();
        }
        throw new AssertionError("region " + name + " is not closed");
    }

    /** The text of the status value with this id (the dd's classes are styling, not content). */
    static String dd(String html, String id) {
        Matcher m = Pattern.compile("<dd id=\"" + id + "\"[^>]*>(.*?)</dd>").matcher(html);
        assertTrue(m.find(), () -> "a value " + id + " in " + html);
        return m.group(1);
    }

    /** The step a status fragment shows. */
    static long step(String status) {
        Matcher m = STEP.matcher(status);
        assertTrue(m.find(), () -> "a status with a step: " + status);
        return Long.parseLong(m.group(1));
    }

    /** A fragment with the simulation's id (and so every URL carrying it) taken out. */
    static String withoutId(String html, String id) {
        return html.replace(id, "<id>");
    }
}
