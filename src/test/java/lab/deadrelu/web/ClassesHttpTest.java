package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.sim.Simulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A class over HTTP: the teacher opens it, students join and play, the teacher's view and API see them, and the teacher's actions reach them. */
class ClassesHttpTest extends LabTestBase {
    private static final Pattern CREATED = Pattern.compile("^/class/([ACDEFGHJKLMNPQRTUVWXY34679]{6})\\?key=([A-Za-z0-9_-]{24})$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the server logs (and no exception in it after any test). */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final ServerLog LOG = new ServerLog();

    /** One class for most tests (opening classes is rationed per address). */
    private String code, key;

    @BeforeAll
    void openAClass() {
        String[] opened = open("Dead neurons, period 3", "en", "/lab?scenario=case-2&pause=off");
        code = opened[0];
        key = opened[1];
    }

    /** Opens a class; its code and key from the redirect. */
    String[] open(String title, String lang, String link) {
        HttpResponse<String> r = postForm(client, "/course/classes", false, "title", title, "lang", lang, "link", link);
        assertEquals(303, r.statusCode(), r::body);
        String location = r.headers().firstValue("Location").orElseThrow();
        Matcher m = CREATED.matcher(location);
        assertTrue(m.matches(), location);
        return new String[] {m.group(1), m.group(2)};
    }

    JsonNode api(String code, String key) {
        HttpResponse<String> r = get("/api/classes/" + code + "?key=" + key);
        assertEquals(200, r.statusCode(), r::body);
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    /** The student's row in the API once `wanted` holds for it (polled until WAIT runs out). */
    JsonNode awaitStudent(String code, String key, Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = api(code, key);
            for (JsonNode s : last.get("students")) if (wanted.test(s)) return s;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no student as wanted within " + WAIT + ": " + last);
    }

    HttpResponse<String> join(HttpClient who, String code, String nickname) {
        return postForm(who, "/classes/join", false, "code", code, "nickname", nickname);
    }

    Simulation simulation(String id) {
        return app.unsafe.appDataManager.get(App.LIVE).registry().all().stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow();
    }

    @Test
    void the_teacher_page_opens_with_the_key_only() {
        HttpResponse<String> page = get("/class/" + code + "?key=" + key);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Dead neurons, period 3"));
        assertTrue(page.body().contains(code));
        assertTrue(page.body().contains("/lab?scenario=case-2&amp;pause=off&amp;class=" + code), "the class link students open");
        assertTrue(page.body().contains("class=\"qr-code\""), "a QR code of it");
        assertEquals(403, get("/class/" + code).statusCode());
        HttpResponse<String> wrong = get("/class/" + code + "?key=" + key.substring(1) + "A");
        assertEquals(403, wrong.statusCode());
        assertFalse(wrong.body().contains(key));
        assertEquals(200, get("/class/" + code.toLowerCase() + "?key=" + key).statusCode(), "the code in any case");
    }

    @Test
    void class_pages_are_never_framed_nor_leak_their_address() {
        for (String path : new String[] {"/class/" + code + "?key=" + key, "/class/" + code, "/api/classes/" + code + "?key=" + key}) {
            HttpResponse<String> r = get(path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), path);
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), path);
        }
    }

    @Test
    void the_api_describes_the_class_and_refuses_without_the_key() throws Exception {
        JsonNode c = api(code, key);
        assertEquals(code, c.get("code").asText());
        assertEquals("Dead neurons, period 3", c.get("title").asText());
        assertEquals("en", c.get("lang").asText());
        assertFalse(c.get("ended").asBoolean());
        assertTrue(c.get("ends").asText().endsWith("Z"));
        assertTrue(c.get("students").isArray());
        assertTrue(c.has("connected"));
        HttpResponse<String> refused = get("/api/classes/" + code + "?key=nope");
        assertEquals(403, refused.statusCode());
        assertTrue(JSON.readTree(refused.body()).get("error").asText().contains(code));
        HttpResponse<String> unknown = get("/api/classes/QQQQQQ?key=" + key);
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).get("error").asText().contains("QQQQQQ"));
    }

    @Test
    void a_student_who_joins_with_a_nickname_is_a_row_with_it_and_lands_on_the_class_link() {
        HttpClient student = newBrowser();
        HttpResponse<String> r = join(student, " " + code.toLowerCase().substring(0, 3) + " " + code.toLowerCase().substring(3) + " ", "Ada");
        assertEquals(303, r.statusCode(), r::body);
        assertEquals("/lab?scenario=case-2&pause=off&class=" + code + "&lang=en", r.headers().firstValue("Location").orElseThrow());
        JsonNode row = awaitStudent(code, key, s -> s.get("nickname").asText().equals("Ada"));
        assertEquals(16, row.get("id").asText().length());
        assertEquals(0, row.get("deadNeurons").asInt());

        // the same browser again (a reload, another instance) is the same row, never a second one
        join(student, code, "Ada L.");
        awaitStudent(code, key, s -> s.get("nickname").asText().equals("Ada L."));
        JsonNode all = api(code, key);
        long named = 0;
        for (JsonNode s : all.get("students")) if (s.get("nickname").asText().startsWith("Ada")) named++;
        assertEquals(1, named);
    }

    @Test
    void a_playing_student_is_seen_growing_in_the_api_with_the_run_and_its_link() {
        HttpClient student = newBrowser();
        join(student, code, "Grace");
        Opened lab = open(student, "/lab?scenario=case-2&pause=off&class=" + code);
        assertTrue(lab.body().contains("sse-swap=\"class\""), "the class line on the student's page");
        assertTrue(lab.body().contains("Grace"));
        try (SseStream stream = stream(student, lab.id())) {
            assertNotNull(stream.awaitNamed("status", WAIT));
            assertEquals(200, postForm(student, lab.actions() + "/play", true).statusCode());
            JsonNode row = awaitStudent(code, key, s -> s.get("nickname").asText().equals("Grace") && s.get("step").asLong() >= 20);
            assertTrue(row.get("connected").asBoolean());
            assertEquals("relu", row.get("act").asText());
            assertEquals(4, row.get("hiddenNeurons").asInt());
            assertEquals(2, row.get("deadPerLayer").size());
            assertTrue(row.get("link").asText().startsWith("/lab?scenario=case-2"), row.toString());
            assertFalse(row.get("link").asText().contains("class="), "the teacher opens the run without joining the class");
            assertTrue(row.get("link").asText().contains("at="), "the run at its step");
            long seen = row.get("step").asLong();
            awaitStudent(code, key, s -> s.get("nickname").asText().equals("Grace") && s.get("step").asLong() > seen);

            // the teacher's view shows the row, and its stream sends the students region
            HttpResponse<String> page = get("/class/" + code + "?key=" + key);
            assertTrue(page.body().contains("Grace"));
            try (SseStream teacher = SseStream.open(client, uri("/class/" + code + "/stream?key=" + key))) {
                SseStream.Event students = teacher.awaitNamed("students", WAIT);
                assertNotNull(students);
                assertTrue(students.data().contains("Grace"));
                assertNotNull(teacher.awaitNamed("charts", WAIT));
            }
            postForm(student, lab.actions() + "/pause", true);
        }
    }

    @Test
    void send_to_class_reaches_a_students_stream_and_pause_all_pauses_a_playing_student() {
        HttpClient student = newBrowser();
        Opened lab = open(student, "/lab?scenario=case-2&pause=off&class=" + code);
        try (SseStream stream = stream(student, lab.id())) {
            assertNotNull(stream.awaitNamed("status", WAIT));
            HttpResponse<String> sent = postForm(client, "/class/" + code + "/send", false, "key", key, "link", "/lab?scenario=case-1&lr=0.5");
            assertEquals(303, sent.statusCode(), sent::body);
            SseStream.Event banner = stream.await(e -> e.name().equals("class") && e.data().contains("case-1"), WAIT);
            assertNotNull(banner, "the banner came on the student's stream");
            assertTrue(banner.data().contains("/lab?scenario=case-1&amp;lr=0.5&amp;class=" + code), banner.data());
            assertFalse(banner.data().contains(key));

            assertEquals(200, postForm(student, lab.actions() + "/play", true).statusCode());
            Simulation sim = simulation(lab.id());
            assertTrue(sim.playing());
            assertEquals(303, postForm(client, "/class/" + code + "/pause", false, "key", key).statusCode());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sim.playing() && System.nanoTime() < deadline) Thread.onSpinWait();
            assertFalse(sim.playing(), "pause all paused the student's run");
            assertNotNull(stream.await(e -> e.name().equals("controls") && e.data().contains("id=\"play\""), WAIT), "the page shows it paused");
        }
        HttpResponse<String> wrongKey = postForm(client, "/class/" + code + "/pause", false, "key", "wrong");
        assertEquals(403, wrongKey.statusCode());
    }

    @Test
    void the_teacher_key_is_in_no_student_page_or_stream() {
        HttpClient student = newBrowser();
        HttpResponse<String> joined = join(student, code, "");
        assertFalse(joined.body().contains(key));
        Opened lab = open(student, "/lab?scenario=case-2&pause=off&class=" + code);
        assertFalse(lab.body().contains(key));
        assertTrue(lab.body().contains("Student "), "a generated nickname: " + LabTestBase.region(lab.body(), "class"));
        HttpResponse<String> home = send(student, HttpRequest.newBuilder(uri("/")).GET());
        assertFalse(home.body().contains(key));
        try (SseStream stream = stream(student, lab.id())) {
            postForm(student, lab.actions() + "/step", true);
            SseStream.Event e;
            int seen = 0;
            while ((e = stream.next(java.time.Duration.ofSeconds(2))) != null && seen++ < 50) assertFalse(e.data().contains(key), e.name());
        }
    }

    @Test
    void bad_input_is_a_400_and_unknown_codes_a_404_naming_them() {
        HttpClient student = newBrowser();
        HttpResponse<String> longName = join(student, code, "x".repeat(21));
        assertEquals(400, longName.statusCode());
        assertTrue(longName.body().contains("nickname") && longName.body().contains("20 characters"), longName.body());
        assertEquals(400, join(student, code, "bad\u0007name").statusCode());
        assertEquals(400, join(student, "", "Ada").statusCode());

        HttpResponse<String> unknown = join(student, "QQQQQQ", "Ada");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("QQQQQQ"));
        HttpResponse<String> unknownLink = send(student, HttpRequest.newBuilder(uri("/lab?scenario=case-2&class=qqqqqq")).GET());
        assertEquals(404, unknownLink.statusCode());
        assertTrue(unknownLink.body().contains("QQQQQQ"));
        HttpResponse<String> zh = send(student, HttpRequest.newBuilder(uri("/classes/join")).header("Accept-Language", "zh-CN")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("code=QQQQQQ")));
        assertEquals(404, zh.statusCode());
        assertTrue(zh.body().contains("没有代码为“QQQQQQ”的课堂"), zh.body());
        assertEquals(400, send(student, HttpRequest.newBuilder(uri("/lab?scenario=case-2&class=AB0")).GET()).statusCode(), "not a code");
        assertEquals(404, get("/class/QQQQQQ?key=x").statusCode());

        HttpResponse<String> badLink = postForm(client, "/course/classes", false, "title", "T", "lang", "en", "link", "https://evil.example/x");
        assertEquals(400, badLink.statusCode());
        assertTrue(badLink.body().contains("link"));
        assertEquals(400, postForm(client, "/course/classes", false, "title", "T", "lang", "en", "link", "/lab?scenario=case-9").statusCode());
        assertEquals(400, postForm(client, "/course/classes", false, "title", "", "lang", "en").statusCode());
        assertEquals(400, postForm(client, "/course/classes", false, "title", "x".repeat(81), "lang", "en").statusCode());
        assertEquals(400, postForm(client, "/course/classes", false, "title", "T", "lang", "fr").statusCode());
        assertEquals(400, postForm(client, "/class/" + code + "/send", false, "key", key, "link", "/compare?x=1").statusCode());
    }

    @Test
    void cross_site_posts_are_refused() {
        HttpRequest.Builder create = HttpRequest.newBuilder(uri("/course/classes")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("title=T&lang=en"));
        assertEquals(403, send(client, create).statusCode());
        HttpRequest.Builder end = HttpRequest.newBuilder(uri("/class/" + code + "/end")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("key=" + key));
        assertEquals(403, send(client, end).statusCode());
        assertFalse(api(code, key).get("ended").asBoolean(), "the class goes on");
        HttpRequest.Builder join = HttpRequest.newBuilder(uri("/classes/join")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("code=" + code + "&nickname=Eve"));
        assertEquals(403, send(newBrowser(), join).statusCode());

        // the class view is sent with no-referrer, so its forms come with "Origin: null": Sec-Fetch-Site decides
        HttpRequest.Builder fromClassView = HttpRequest.newBuilder(uri("/class/" + code + "/pause")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "null").header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString("key=" + key));
        assertEquals(303, send(client, fromClassView).statusCode());
        HttpRequest.Builder nullAlone = HttpRequest.newBuilder(uri("/class/" + code + "/pause")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "null").POST(HttpRequest.BodyPublishers.ofString("key=" + key));
        assertEquals(403, send(client, nullAlone).statusCode());
    }

    @Test
    void an_ended_class_answers_410_to_students_and_teacher_and_its_students_hear_of_it() {
        String[] opened = open("Ends soon", "zh", "");
        String c = opened[0], k = opened[1];
        HttpClient student = newBrowser();
        HttpResponse<String> joined = join(student, c, "Lin");
        assertEquals("/?class=" + c + "&lang=zh", joined.headers().firstValue("Location").orElseThrow(), "no start link: the home page's scenarios");
        HttpResponse<String> home = send(student, HttpRequest.newBuilder(uri("/?class=" + c + "&lang=zh")).GET());
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("/lab?scenario=case-2&amp;class=" + c + "&amp;lang=zh"), "scenario cards open in the class");
        Opened lab = open(student, "/lab?scenario=case-2&class=" + c + "&lang=zh");
        assertTrue(lab.body().contains("学生") || lab.body().contains("Lin"));
        try (SseStream stream = stream(student, lab.id())) {
            assertNotNull(stream.awaitNamed("status", WAIT));
            assertEquals(303, postForm(client, "/class/" + c + "/end", false, "key", k).statusCode());
            assertNotNull(stream.await(e -> e.name().equals("class") && e.data().contains("老师已结束这堂课"), WAIT), "the student's page says it ended");
        }
        assertEquals(410, join(newBrowser(), c, "Late").statusCode());
        HttpResponse<String> link = send(newBrowser(), HttpRequest.newBuilder(uri("/lab?scenario=case-2&class=" + c)).GET());
        assertEquals(410, link.statusCode());
        assertTrue(link.body().contains(c));
        HttpResponse<String> teacherPage = get("/class/" + c + "?key=" + k);
        assertEquals(410, teacherPage.statusCode());
        assertTrue(teacherPage.body().contains("/api/classes/" + c + "?key=" + k), "the teacher is shown the way to the last rows");
        assertEquals(403, get("/class/" + c + "?key=wrong").statusCode());
        assertTrue(api(c, k).get("ended").asBoolean(), "the JSON still has the last rows");
    }

}
