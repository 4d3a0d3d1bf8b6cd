package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import lab.deadrelu.web.classes.Classes;
import org.junit.jupiter.api.Test;

/** Classes are bounded: classes on the server, students in a class, classes opened and wrong keys sent per address. */
class ClassLimitsHttpTest extends LabTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withClasses(new Config.Classes(6, 2, 1, null)));
    }

    private HttpResponse<String> create(String title) {
        return postForm(client, "/course/classes", false, "title", title, "lang", "en", "link", "");
    }

    @Test
    void a_full_server_a_full_class_and_too_many_openings_or_wrong_keys_are_refused_with_a_sentence() {
        HttpResponse<String> first = create("One");
        assertEquals(303, first.statusCode());
        assertEquals(303, create("Two").statusCode());
        HttpResponse<String> full = create("Three");
        assertEquals(503, full.statusCode());
        assertTrue(full.headers().firstValue("Retry-After").isPresent());
        assertTrue(full.body().contains("as many classes as it may"), full.body());

        String code = first.headers().firstValue("Location").orElseThrow().substring("/class/".length(), "/class/".length() + 6);
        assertEquals(303, postForm(newBrowser(), "/classes/join", false, "code", code).statusCode());
        HttpResponse<String> noRoom = postForm(newBrowser(), "/classes/join", false, "code", code);
        assertEquals(503, noRoom.statusCode(), "a class of one is full");
        assertTrue(noRoom.body().contains(code));

        assertEquals(503, create("Four").statusCode());
        assertEquals(503, create("Five").statusCode());
        HttpResponse<String> rationed = create("Six");   // a burst of 5 per address, then 20 an hour
        assertEquals(429, rationed.statusCode());
        assertTrue(Long.parseLong(rationed.headers().firstValue("Retry-After").orElseThrow()) >= 1);

        int status = 0;
        for (int i = 0; i <= Classes.WRONG_KEYS_PER_MINUTE && status != 429; i++) status = get("/class/" + code + "?key=guess" + i).statusCode();
        assertEquals(429, status, "wrong keys from one address run out");
        HttpResponse<String> guessing = get("/class/" + code + "?key=guess");
        assertEquals(429, guessing.statusCode());
        assertTrue(guessing.headers().firstValue("Retry-After").isPresent());
    }
}
