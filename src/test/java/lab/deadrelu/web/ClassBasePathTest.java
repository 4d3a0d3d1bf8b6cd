package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A class behind a base path: every link the teacher and the students follow keeps it. */
class ClassBasePathTest extends LabTestBase {

    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withBasePath("/relu"));
    }

    @Test
    void the_class_view_the_join_and_the_student_links_carry_the_base_path() {
        HttpResponse<String> created = postForm(client, "/relu/course/classes", false, "title", "T", "lang", "en",
                "link", "http://localhost:" + app.port() + "/relu/lab?scenario=case-2&lr=0.25&lang=zh");
        assertEquals(303, created.statusCode(), created::body);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/relu/class/"), location);
        String code = location.substring("/relu/class/".length(), "/relu/class/".length() + 6);

        HttpResponse<String> page = get(location);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("sse-connect=\"/relu/class/" + code + "/stream?key="), "the stream");
        assertTrue(page.body().contains("action=\"/relu/class/" + code + "/send\""), "the forms");
        assertTrue(page.body().contains("/relu/lab?scenario=case-2&amp;lr=0.25&amp;class=" + code + "&amp;lang=en"), "the students' link");

        HttpClient student = newBrowser();
        HttpResponse<String> joined = postForm(student, "/relu/classes/join", false, "code", code, "nickname", "Ada");
        assertEquals("/relu/lab?scenario=case-2&lr=0.25&class=" + code + "&lang=en", joined.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> lab = send(student, java.net.http.HttpRequest.newBuilder(uri(joined.headers().firstValue("Location").orElseThrow())).GET());
        assertEquals(200, lab.statusCode());
        assertTrue(lab.body().contains("sse-connect=\"/relu/lab/"), "the lab under the base path");
        assertTrue(lab.body().contains("Ada"), "the student's class line");
    }
}
