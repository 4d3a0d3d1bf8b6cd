package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions the server issued: signed cookies, anything else silently replaced, and new sessions
 * rationed per address. A throwaway route shows the session id the app sees.
 */
class SessionsTest extends HttpTestBase {
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]{22})/stream\"");
    private static final String SECRET = "a shared secret of more than thirty-two characters";
    private final HttpClient bare = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    protected Javalin createApp() {
        return withSessionRoute(Config.forTests());
    }

    private static Javalin withSessionRoute(Config config) {
        return Javalin.create(javalin -> {
            App.configure(javalin, config);
            javalin.routes.get("/session", ctx -> ctx.result(Sessions.id(ctx) + " " + Sessions.id(ctx)));
        });
    }

    /** An app of its own, started, with the client settings changed by `change`. */
    private static Javalin own(UnaryOperator<Config.Clients> change) {
        Config c = Config.forTests();
        return withSessionRoute(c.withClients(change.apply(c.clients()))).start(0);
    }

    @BeforeEach
    void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    private static String setCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lab_session=")).findFirst().orElse(null);
    }

    private static String cookieValue(HttpResponse<String> r) {
        String c = setCookie(r);
        return c == null ? null : c.substring("lab_session=".length(), c.indexOf(';'));
    }

    private HttpResponse<String> as(int port, String cookie, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(LabTestBase.at(port, path)).GET();
        if (cookie != null) b.header("Cookie", cookie);
        if (headers.length > 0) b.headers(headers);
        return send(bare, b);
    }

    private HttpResponse<String> send(HttpClient who, HttpRequest.Builder b) {
        try {
            return who.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNewBrowserGetsARandomIdSignedByTheServerInAHttpOnlyLaxCookie() {
        HttpResponse<String> r = get("/session");
        String id = r.body().split(" ")[0];
        assertEquals(id + " " + id, r.body());
        assertTrue(Sessions.isWellFormed(id), id);
        assertEquals(1, r.headers().allValues("Set-Cookie").size());
        String cookie = setCookie(r);
        assertTrue(cookie.matches("lab_session=" + id + "\\.[A-Za-z0-9_-]{43}; .*"), "the id and its HMAC-SHA256: " + cookie);
        assertEquals(id, Sessions.of(app).idIn(cookieValue(r)));
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
        assertNull(setCookie(second));
    }

    @Test
    void malformedMadeUpAndForgedCookiesAreReplacedSilentlyNeverAnError() {
        String valid = newSession();
        String id = valid.substring(0, 22);
        char last = valid.charAt(valid.length() - 1);
        String[] bad = {"x", "A".repeat(22) + "A", "A".repeat(21) + "B", "../../etc", "A".repeat(21) + "+",
                "AAAAAAAAAAAAAAAAAAAAAA",                                   // well-formed, never issued: the old format
                id,                                                         // an issued id without its MAC
                id + "." + "A".repeat(43),                                  // a made-up MAC
                valid.substring(0, valid.length() - 1) + (last == 'A' ? 'B' : 'A'),   // one character of the MAC changed
                Sessions.newId() + valid.substring(22),                     // another id with this one's MAC
                valid + "A", valid.substring(0, valid.length() - 1)};
        for (String cookie : bad) {
            HttpResponse<String> r = as(app.port(), "lab_session=" + cookie, "/session");
            assertEquals(200, r.statusCode(), cookie);
            String given = r.body().split(" ")[0];
            assertNotEquals(cookie.length() >= 22 ? cookie.substring(0, 22) : cookie, given, cookie);
            assertTrue(Sessions.isWellFormed(given));
            assertTrue(setCookie(r).startsWith("lab_session=" + given + "."), cookie);
        }
        assertEquals(id, as(app.port(), "lab_session=" + valid, "/session").body().split(" ")[0], "the untouched cookie still works");
    }

    @Test
    void twoClientsCarryingTheSameMadeUpIdCannotDriveEachOthersSimulations() {
        String invented = "lab_session=AAAAAAAAAAAAAAAAAAAAAA";
        HttpResponse<String> first = as(app.port(), invented, "/lab?scenario=case-2");
        assertEquals(200, first.statusCode());
        Matcher lab = STREAM.matcher(first.body());
        assertTrue(lab.find());
        String firstCookie = "lab_session=" + cookieValue(first);

        HttpResponse<String> second = send(bare, HttpRequest.newBuilder(uri("/lab/" + lab.group(1) + "/step")).header("Cookie", invented)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(404, second.statusCode(), "the other client got a session of its own, which owns nothing");
        assertNotEquals(cookieValue(first), cookieValue(second));

        HttpResponse<String> owner = send(bare, HttpRequest.newBuilder(uri("/lab/" + lab.group(1) + "/step")).header("Cookie", firstCookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(303, owner.statusCode(), "the session the first client was given drives its lab");
    }

    @Test
    void instancesSharingSessionSecretAcceptEachOthersCookiesAndOthersDoNot() {
        Javalin a = own(c -> new Config.Clients(SECRET, false, null, 60, 400, 1000, 16));
        Javalin b = own(c -> new Config.Clients(SECRET, false, null, 60, 400, 1000, 16));
        Javalin other = own(c -> c);
        try {
            HttpResponse<String> first = as(a.port(), null, "/session");
            String id = first.body().split(" ")[0], cookie = "lab_session=" + cookieValue(first);
            HttpResponse<String> onB = as(b.port(), cookie, "/session");
            assertEquals(id, onB.body().split(" ")[0], "the same secret: the same browser");
            assertNull(setCookie(onB));
            HttpResponse<String> onOther = as(other.port(), cookie, "/session");
            assertNotEquals(id, onOther.body().split(" ")[0], "another secret: a new session");
            assertTrue(setCookie(onOther) != null);
        } finally {
            a.stop();
            b.stop();
            other.stop();
        }
    }

    @Test
    void theCookieIsSecureWhenTheLabIsServedOverHttps() {
        assertFalse(setCookie(get("/session", "X-Forwarded-Proto", "https")).contains("Secure"),
                "a client's own X-Forwarded-Proto is not believed without TRUST_PROXY");
        Javalin proxied = own(c -> c.withTrustProxy(true));
        Javalin publicHttps = own(c -> c.withPublicUrl("https://relu.example.edu"));
        try {
            assertTrue(setCookie(as(proxied.port(), null, "/session", "X-Forwarded-Proto", "https")).contains("Secure"));
            assertFalse(setCookie(as(proxied.port(), null, "/session")).contains("Secure"));
            assertTrue(setCookie(as(publicHttps.port(), null, "/session")).contains("Secure"));
        } finally {
            proxied.stop();
            publicHttps.stop();
        }
    }

    @Test
    void theEmbeddedCookieIsSignedToo() {
        HttpResponse<String> r = as(app.port(), null, "/lab?scenario=case-2&embed=1");
        assertEquals(200, r.statusCode());
        String cookie = setCookie(r);
        assertTrue(cookie.contains("SameSite=None") && cookie.contains("Secure") && cookie.contains("Partitioned"), cookie);
        assertTrue(Sessions.of(app).idIn(cookieValue(r)) != null, "a cookie this server accepts back: " + cookie);
    }

    @Test
    void newSessionsPerAddressAreRationedWithA429SayingToWait() throws Exception {
        Javalin rationed = own(c -> c.withNewSessions(1, 3));
        try {
            String kept = null;
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = as(rationed.port(), null, "/session");
                assertEquals(200, r.statusCode(), "the burst: " + i);
                kept = "lab_session=" + cookieValue(r);
            }
            HttpResponse<String> page = as(rationed.port(), null, "/lab?scenario=case-2");
            assertEquals(429, page.statusCode());
            String wait = page.headers().firstValue("Retry-After").orElseThrow();
            assertTrue(Long.parseLong(wait) >= 1 && Long.parseLong(wait) <= 60, wait);
            assertTrue(page.body().contains("Too many new visitors from your network"), page.body());
            assertTrue(page.body().contains("Wait " + wait + " s"), page.body());

            HttpResponse<String> zh = as(rationed.port(), "lab_session=AAAAAAAAAAAAAAAAAAAAAA", "/lab?scenario=case-2&lang=zh");
            assertEquals(429, zh.statusCode(), "a made-up cookie is a new session like no cookie");
            assertTrue(zh.body().contains("你所在网络的新访客太多"), zh.body());

            HttpResponse<String> api = as(rationed.port(), null, "/api/experiments/born-dead?trials=5");
            assertEquals(429, api.statusCode());
            assertTrue(new ObjectMapper().readTree(api.body()).get("error").asText().contains("Wait"), api.body());

            assertEquals(200, as(rationed.port(), kept, "/lab?scenario=case-2").statusCode(), "a browser with its session goes on");
            assertEquals(200, as(rationed.port(), null, "/").statusCode(), "pages that need no session are not rationed");
            assertEquals(429, as(rationed.port(), null, "/session", "X-Forwarded-For", "203.0.113.9").statusCode(),
                    "without TRUST_PROXY a client cannot pick its address");
        } finally {
            rationed.stop();
        }
    }

    @Test
    void behindATrustedProxyEachForwardedAddressHasItsOwnRation() {
        Javalin rationed = own(c -> c.withNewSessions(1, 2).withTrustProxy(true));
        try {
            for (int i = 0; i < 2; i++) assertEquals(200, as(rationed.port(), null, "/session", "X-Forwarded-For", "203.0.113.1").statusCode());
            assertEquals(429, as(rationed.port(), null, "/session", "X-Forwarded-For", "203.0.113.1").statusCode());
            assertEquals(429, as(rationed.port(), null, "/session", "X-Forwarded-For", "198.51.100.7, 203.0.113.1").statusCode(),
                    "the last hop is the one the proxy added; what the client put before it does not count");
            assertEquals(200, as(rationed.port(), null, "/session", "X-Forwarded-For", "203.0.113.2").statusCode());
            assertEquals(200, as(rationed.port(), null, "/session", "X-Forwarded-For", "2001:db8:1:2::5").statusCode());
            assertEquals(200, as(rationed.port(), null, "/session", "X-Forwarded-For", "2001:db8:1:2::6").statusCode());
            assertEquals(429, as(rationed.port(), null, "/session", "X-Forwarded-For", "2001:db8:1:2:aaaa::7").statusCode(),
                    "an IPv6 client counts as its /64");
        } finally {
            rationed.stop();
        }
    }

    @Test
    void addressesAreCountedAsSentForIpv4AndByTheirSlash64ForIpv6() {
        assertEquals("203.0.113.9", ClientAddress.counted("203.0.113.9"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.counted("2001:db8:1:2:3:4:5:6"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.counted("[2001:db8:1:2::1]"));
        assertFalse(ClientAddress.isIpLiteral("evil.example"), "a host name is never looked up");
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) ids.add(Sessions.newId());
        assertEquals(1000, ids.size());
        assertTrue(ids.stream().allMatch(Sessions::isWellFormed));
    }
}
