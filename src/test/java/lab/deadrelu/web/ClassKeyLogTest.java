package lab.deadrelu.web;

import lab.deadrelu.support.AppProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The teacher's key is in no log line: the server as a process, logging as in production (Jetty and Javalin
 * at warn) with the app's own lines down to debug, through a whole class. (Jetty's own debug lines carry
 * every request's URL, keys included: an operator who turns them on must treat that log as secret.)
 */
class ClassKeyLogTest {
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(AppProcess server, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void a_whole_class_leaves_its_teacher_key_out_of_the_log() throws Exception {
        try (AppProcess server = ServerProcess.start("class-key-log", List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.lab.deadrelu=debug", "-Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn",
                "-Dorg.slf4j.simpleLogger.log.io.javalin=warn"), Map.of())) {
            HttpResponse<String> created = send(server, "/course/classes", "title=Logged&lang=en&link=" + enc("/lab?scenario=case-2"));
            assertEquals(303, created.statusCode(), created::body);
            Matcher m = Pattern.compile("/class/(\\w{6})\\?key=([A-Za-z0-9_-]+)").matcher(created.headers().firstValue("Location").orElseThrow());
            assertTrue(m.matches());
            String code = m.group(1), key = m.group(2);
            assertEquals(200, send(server, "/class/" + code + "?key=" + key, null).statusCode());
            assertEquals(403, send(server, "/class/" + code + "?key=" + key + "x", null).statusCode());
            assertEquals(200, send(server, "/api/classes/" + code + "?key=" + key, null).statusCode());
            assertEquals(303, send(server, "/classes/join", "code=" + code + "&nickname=Ada").statusCode());
            assertEquals(200, send(server, "/lab?scenario=case-2&class=" + code, null).statusCode());
            assertEquals(303, send(server, "/class/" + code + "/send", "key=" + key + "&link=" + enc("/lab?scenario=case-1")).statusCode());
            assertEquals(303, send(server, "/class/" + code + "/pause", "key=" + key).statusCode());
            assertEquals(303, send(server, "/class/" + code + "/end", "key=" + key).statusCode());
            String log = server.output();
            assertTrue(log.contains("Opened class " + code) && log.contains("Ended class " + code), "the log has the class's lines: " + log);
            assertFalse(log.contains(key), log);
        }
    }
}
