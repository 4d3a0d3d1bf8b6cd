package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab in embed mode (?embed=1) stays in embed mode whatever the student does inside the frame:
 * controls, the stream's address-bar link, links to other runs, the language switch, error pages.
 */
class EmbedHttpTest extends LabTestBase {

    /**
     * The embed mode's cookie is Secure (SameSite=None needs it), and Java's client sends no Secure
     * cookie over http: a plain lab opened first gives this client its (Lax) session, as a student who
     * visited the lab itself has.
     */
    @BeforeAll
    void aSession() {
        open("/lab?scenario=case-1");
    }

    private static String replaceUrl(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), () -> "answered " + r.statusCode() + ": " + r.body());
        return r.headers().firstValue("HX-Replace-Url").orElseThrow(() -> new AssertionError("no HX-Replace-Url: " + r.headers()));
    }

    @Test
    void aControlPostedByHtmxKeepsEmbedInTheNewAddress() {
        Opened lab = open("/lab?scenario=case-2&embed=1");
        assertEquals("/lab?scenario=case-2&at=1&embed=1", replaceUrl(htmx(lab.actions() + "/step")));
        assertEquals("/lab?scenario=case-2&at=9&embed=1", replaceUrl(htmx(lab.actions() + "/epoch")));
    }

    @Test
    void embedGoesBeforeTheLanguageWhichStaysLast() {
        Opened lab = open("/lab?scenario=case-2&lang=zh&embed=1");
        assertEquals("/lab?scenario=case-2&at=1&embed=1&lang=zh", replaceUrl(htmx(lab.actions() + "/step")));
    }

    @Test
    void aPlainFormIsRedirectedToTheLinkWithEmbed() {
        Opened lab = open("/lab?scenario=case-2&embed=1");
        HttpResponse<String> r = plain(lab.actions() + "/step");
        assertEquals(303, r.statusCode());
        assertEquals("/lab?scenario=case-2&at=1&embed=1", r.headers().firstValue("Location").orElse(""));
    }

    @Test
    void theLinkFragmentOnThePageAndInTheStreamCarriesEmbed() {
        Opened lab = open("/lab?scenario=case-2&at=3&embed=1");
        assertTrue(lab.region("link").contains("href=\"/lab?scenario=case-2&amp;at=3&amp;embed=1\""), lab.region("link"));
        htmx(lab.actions() + "/step");
        try (SseStream s = stream(client, lab.id())) {
            SseStream.Event link = s.awaitNamed("link", WAIT);
            assertNotNull(link, "a link event");
            assertTrue(link.data().contains("href=\"/lab?scenario=case-2&amp;at=4&amp;embed=1\""), link.data());
        }
    }

    @Test
    void linksToOtherRunsInsideTheLabKeepEmbed() {
        String page = open("/lab?scenario=case-2&embed=1").body();
        Matcher node = Pattern.compile("class=\"node-link\" href=\"([^\"]+)\"").matcher(page);
        assertTrue(node.find(), "the network diagram links its neurons");
        assertTrue(node.group(1).endsWith("&amp;embed=1"), node.group(1));
        assertTrue(page.contains("lang=zh") && page.contains("embed=1&amp;lang=zh\""), "the language switch keeps embed");
    }

    @Test
    void linksThatLeaveTheLabOpenInANewTabWithoutEmbed() {
        String page = open("/lab?scenario=case-2&embed=1").body();
        Matcher compare = Pattern.compile("<a id=\"compare-with-[^\"]+\" href=\"([^\"]+)\"([^>]*)>").matcher(page);
        assertTrue(compare.find(), "the compare-with menu is there");
        assertFalse(compare.group(1).contains("embed"), compare.group(1));
        assertTrue(compare.group(2).contains("target=\"_blank\"") && compare.group(2).contains("rel=\"noopener\""), compare.group(0));
        assertTrue(page.contains("class=\"embed-full\" href=\"/lab?scenario=case-2\" target=\"_blank\" rel=\"noopener\""),
                "a way out to the whole lab, without embed");

        String whole = open("/lab?scenario=case-2").body();
        assertFalse(whole.contains("target=\"_blank\""), "the whole site opens nothing in new tabs");
        assertFalse(whole.contains("embed"), "nor mentions embed");
    }

    @Test
    void anErrorReachedFromTheFrameStaysEmbeddedAndPointsBackIntoIt() {
        HttpResponse<String> r = get("/lab?scenario=case-2&lr=-1&embed=1");
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("site-header"), "no site header in the frame");
        assertTrue(r.body().contains("href=\"/lab?scenario=case-2&amp;embed=1\""), "the suggested run stays embedded: " + r.body());
    }

    @Test
    void anEmbedValueOtherThanOneIsA400NamingEmbed() {
        for (String bad : new String[] {"yes", "0", "", "1%201"}) {
            HttpResponse<String> r = get("/lab?scenario=case-1&embed=" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.body().contains("<code>embed</code>"), "the page names embed: " + r.body());
        }
        assertEquals(400, get("/lab?scenario=case-1&embed=1&embed=1").statusCode(), "given once");
    }

    @Test
    void aFreshEmbeddedVisitGetsACookieThatWorksInAnotherSitesFrame() {
        HttpClient fresh = newBrowser();
        String embedded = send(fresh, HttpRequest.newBuilder(uri("/lab?scenario=case-1&embed=1")).GET())
                .headers().firstValue("Set-Cookie").orElse("");
        assertTrue(embedded.startsWith(Sessions.COOKIE + "=") && embedded.contains("SameSite=None") && embedded.contains("Secure")
                && embedded.contains("Partitioned"), embedded);
        String plain = send(newBrowser(), HttpRequest.newBuilder(uri("/lab?scenario=case-1")).GET())
                .headers().firstValue("Set-Cookie").orElse("");
        assertTrue(plain.contains("SameSite=Lax"), "the site itself keeps its Lax cookie: " + plain);
    }
}
