package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsTest extends HttpTestBase {

    /** A throwaway route that shows the session id (read twice: one request sets at most one cookie). */
    @Override
    protected Javalin createApp() {
        return Javalin.create(javalin -> {
            App.configure(javalin, Config.forTests());
            javalin.routes.get("/session", ctx -> ctx.result(Sessions.id(ctx) + " " + Sessions.id(ctx)));
        });
    }

    @BeforeEach
    void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    private static String setCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lab_session=")).findFirst().orElse(null);
    }

    @Test
    void aNewBrowserGetsARandom128BitIdInAHttpOnlyLaxCookie() {
        HttpResponse<String> r = get("/session");
        String id = r.body().split(" ")[0];
        assertEquals(id + " " + id, r.body());
        assertTrue(Sessions.isWellFormed(id), id);
        assertEquals(1, r.headers().allValues("Set-Cookie").size());
        String cookie = setCookie(r);
        assertTrue(cookie.startsWith("lab_session=" + id + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: " + cookie);
    }

    @Test
    void theSameBrowserKeepsItsId() {
        String first = get("/session").body();
        HttpResponse<String> second = get("/session");
        assertEquals(first, second.body());
        assertEquals(null, setCookie(second));
    }

    @Test
    void aMalformedCookieIsReplacedNotAnError() {
        for (String bad : new String[] {"x", "A".repeat(22) + "A", "A".repeat(21) + "B", "../../etc", "A".repeat(21) + "+"}) {
            HttpResponse<String> r = get("/session", "Cookie", "lab_session=" + bad);
            assertEquals(200, r.statusCode(), bad);
            String id = r.body().split(" ")[0];
            assertNotEquals(bad, id);
            assertTrue(Sessions.isWellFormed(id));
            assertTrue(setCookie(r).startsWith("lab_session=" + id), bad);
            cookies.getCookieStore().removeAll();
        }
    }

    @Test
    void theCookieIsSecureBehindAnHttpsProxy() {
        assertTrue(setCookie(get("/session", "X-Forwarded-Proto", "https")).contains("Secure"));
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) ids.add(Sessions.newId());
        assertEquals(1000, ids.size());
        assertTrue(ids.stream().allMatch(Sessions::isWellFormed));
    }
}
