package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one real Redis (REDIS_URL): a class opened on one is the other's class too, and a
 * Redis that stops answering is a 503 page that says to try again, never a 500.
 */
class ClassesOverRedisTest extends LabTestBase {
    private RedisServer redis;
    private Javalin other;

    @Override
    protected Javalin createApp() {
        try {
            redis = RedisServer.start();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Config config = Config.forTests().withClasses(Config.Classes.DEFAULT.withRedisUrl(redis.url()));
        other = App.create(config).start(0);
        return App.create(config);
    }

    @AfterAll
    void stopOthers() throws Exception {
        if (other != null) other.stop();
        if (redis != null) redis.close();
    }

    @Test
    void aClassOpenedOnOneInstanceIsTheOthersAndADeadRedisIsA503() throws Exception {
        HttpResponse<String> created = postForm(client, "/course/classes", false, "title", "Shared", "lang", "en", "link", "/lab?scenario=case-2");
        assertEquals(303, created.statusCode(), created::body);
        Matcher m = Pattern.compile("/class/(\\w{6})\\?key=([\\w-]+)").matcher(created.headers().firstValue("Location").orElseThrow());
        assertTrue(m.find());
        String code = m.group(1), key = m.group(2);

        HttpClient http = HttpClient.newHttpClient();
        URI onOther = URI.create("http://127.0.0.1:" + other.port() + "/api/classes/" + code + "?key=" + key);
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(onOther).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"title\":\"Shared\""), api.body());

        redis.kill();
        HttpResponse<String> page = get("/class/" + code + "?key=" + key);
        assertEquals(503, page.statusCode(), page.body());
        assertEquals("5", page.headers().firstValue("Retry-After").orElse(""));
        assertTrue(page.body().contains("cannot reach the store where classes live"), page.body());
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(onOther).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, json.statusCode(), json.body());
        assertTrue(json.body().startsWith("{"), "JSON under /api/: " + json.body());
    }
}
