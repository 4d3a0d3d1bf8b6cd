package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import org.junit.jupiter.api.Test;

/** The teacher's page: locks in the link, enforced by the server; title and note escaped; the QR code; embed mode. */
class CourseHttpTest extends LabTestBase {
    private static final String LOCKED = "/lab?scenario=case-2&lock=act,lr&title=Lesson&note=Only+press+play";

    @Test
    void lockedControlsAreDisabledAndSaySo() {
        Opened lab = open(LOCKED);
        String controls = lab.region("controls");
        assertTrue(Pattern.compile("<input id=\"lr\"[^>]*disabled").matcher(controls).find(), controls);
        assertTrue(Pattern.compile("<button type=\"submit\" id=\"lr-now\" disabled").matcher(controls).find());
        assertTrue(Pattern.compile("<select id=\"act\" name=\"act\" disabled").matcher(controls).find());
        assertFalse(Pattern.compile("id=\"reinit\" disabled").matcher(lab.region("remedies")).find(), "reinit is not locked");
        assertTrue(controls.contains("locked by your teacher"));
        assertTrue(lab.body().contains("<h2 class=\"course-title\">Lesson</h2>"));
        assertTrue(lab.body().contains("Only press play"));
    }

    @Test
    void aForgedLockedActionIs403AndChangesNothing() {
        Opened lab = open(LOCKED);
        String before = lab.region("link");
        for (boolean htmx : new boolean[] {true, false}) {
            HttpResponse<String> r = postForm(client, lab.actions() + "/lr-now", htmx, "lr", "0.001");
            assertEquals(403, r.statusCode());
            assertTrue(r.body().contains("locked"), r.body());
            assertEquals(403, postForm(client, lab.actions() + "/act", htmx, "act", "leaky").statusCode());
        }
        HttpResponse<String> step = htmx(lab.actions() + "/step");
        assertEquals(200, step.statusCode(), "an unlocked control still works");
        String link = step.headers().firstValue("HX-Replace-Url").orElseThrow();
        assertTrue(link.contains("lock=lr,act"), "the locks survive a control, in canonical order: " + link);
        assertFalse(link.contains("lr=0.001") || link.contains("act=leaky"), link);
        assertTrue(before.contains("lock=lr,act"));
    }

    @Test
    void aLockedWalkIsDisabledRefusedAndGoingBackKeepsTheLocks() {
        Opened lab = open("/lab?scenario=case-2&lock=walk");
        assertTrue(Pattern.compile("id=\"walk-next\" class=\"walk-button\" disabled").matcher(lab.region("walk")).find(), lab.region("walk"));
        assertEquals(403, htmx(lab.actions() + "/walk", "to", "1").statusCode());
        Opened other = open("/lab?scenario=case-2&lock=lr&walk=1");
        HttpResponse<String> back = htmx(other.actions() + "/walk", "to", "0");
        assertEquals(200, back.statusCode());
        assertTrue(back.headers().firstValue("HX-Replace-Url").orElseThrow().contains("lock=lr"), "going back in the walk keeps the locks");
    }

    /**
     * One lock link per lock: the controls it covers, wherever they are (toolbar, remedies, walk steps,
     * compare links, the keyboard's reset), are disabled and say why; their POSTs are refused with 403
     * (a sentence for htmx, a page without) and change nothing; what it does not cover still works.
     *
     * @param link     a lab link with the lock (at a step where the walk's next step needs it, if one does)
     * @param disabled ids that must be disabled, each described by a "locked by your teacher" note
     * @param refused  POSTs that must be refused: action, then form fields
     */
    record Lock(String lock, String link, List<String> disabled, List<String> notLinked, List<List<String>> refused) {}

    static final List<Lock> LOCKS = List.of(
            new Lock("lr", "/lab?scenario=case-2&at=100&lock=lr", List.of("lr", "lr-now", "lr-restart", "remedy-lr-lower", "remedy-lr-restart", "walk-next"),
                    List.of("compare-with-lower-lr"),
                    List.of(List.of("lr-now", "lr", "0.03"), List.of("lr-restart", "lr", "0.03"), List.of("walk", "to", "4"), List.of("walk", "to", "5"))),
            new Lock("act", "/lab?scenario=leaky-rescues-case-2&at=500&lock=act", List.of("act", "act-now", "remedy-act-elu", "walk-next"),
                    List.of("compare-with-act-relu", "compare-with-act-elu"),
                    List.of(List.of("act", "act", "relu"), List.of("walk", "to", "4"))),
            new Lock("bias", "/lab?scenario=case-2&at=8&lock=bias", List.of("bias", "bias-restart"), List.of(),
                    List.of(List.of("bias", "bias", "on"))),
            new Lock("reinit", "/lab?scenario=case-1&at=500&lock=reinit", List.of("reinit", "walk-next"), List.of(),
                    List.of(List.of("reinit"), List.of("walk", "to", "3"))),
            new Lock("redraw", "/lab?scenario=case-2&at=8&lock=redraw", List.of("redraw"), List.of(), List.of(List.of("redraw"))),
            new Lock("reset", "/lab?scenario=case-2&at=8&lock=reset", List.of("reset"), List.of(), List.of(List.of("reset"))),
            new Lock("walk", "/lab?scenario=case-2&at=20&lock=walk", List.of("walk-next", "walk-go-1", "walk-go-2"), List.of(),
                    List.of(List.of("walk", "to", "1"), List.of("walk", "to", "3"), List.of("walk", "to", "0"))));

    @Test
    void eachLockDisablesEveryControlItCoversSaysWhyAndRefusesItsRequestsWithoutChangingAnything() {
        for (Lock lock : LOCKS) {
            Opened lab = open(lock.link());
            String page = lab.body();
            for (String id : lock.disabled()) {
                Matcher tag = Pattern.compile("<(button|input|select)[^>]*\\sid=\"" + id + "\"[^>]*>").matcher(page);
                assertTrue(tag.find(), lock.lock() + ": #" + id + " on the page");
                String t = tag.group();
                assertTrue(Pattern.compile("\\sdisabled(\\s|>|$)").matcher(t).find(), lock.lock() + ": #" + id + " disabled: " + t);
                Matcher described = Pattern.compile("aria-describedby=\"([^\"]+)\"").matcher(t);
                assertTrue(described.find(), lock.lock() + ": #" + id + " says why: " + t);
                boolean says = false;
                for (String note : described.group(1).split(" "))
                    says |= Pattern.compile("id=\"" + note + "\">locked by your teacher<").matcher(page).find();
                assertTrue(says, lock.lock() + ": #" + id + " is described by a 'locked by your teacher' note: " + t);
            }
            for (String id : lock.notLinked()) {
                assertFalse(page.contains("<a id=\"" + id + "\""), lock.lock() + ": no link for " + id);
                assertTrue(page.contains("<span id=\"" + id + "\" class=\"compare-locked\""), lock.lock() + ": " + id + " says it is locked");
            }
            String before = replaceUrl(htmx(lab.actions() + "/pause"));
            for (List<String> post : lock.refused()) {
                String[] fields = post.subList(1, post.size()).toArray(String[]::new);
                HttpResponse<String> h = htmx(lab.actions() + "/" + post.get(0), fields);
                assertEquals(403, h.statusCode(), lock.lock() + " " + post);
                assertTrue(h.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "htmx gets a sentence: " + post);
                assertTrue(h.body().contains("Your teacher locked this control"), h.body());
                HttpResponse<String> p = plain(lab.actions() + "/" + post.get(0), fields);
                assertEquals(403, p.statusCode());
                assertTrue(p.body().contains("<h1>This control is locked</h1>"), "a page without script");
            }
            assertEquals(before, replaceUrl(htmx(lab.actions() + "/pause")), lock.lock() + ": nothing changed");
            HttpResponse<String> step = htmx(lab.actions() + "/step");
            assertEquals(200, step.statusCode(), "an unlocked control still works");
            assertTrue(replaceUrl(step).contains("lock=" + lock.lock()), "the lock stays in the link");
        }
    }

    @Test
    void theKeyboardShortcutOfALockedResetSaysSo() {
        String page = open("/lab?scenario=case-2&lock=reset").body();
        assertTrue(page.contains("data-locked=\"Reset: locked by your teacher\""), "static/js/lab.js says this when r is pressed");
        assertTrue(Pattern.compile("<dd>reset the run <span class=\"locked-note\">locked by your teacher</span></dd>").matcher(page).find(),
                "the list of shortcuts says it");
        String zh = open("/lab?scenario=case-2&lock=reset&lang=zh").body();
        assertTrue(zh.contains("已被老师锁定"));
    }

    static String replaceUrl(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("HX-Replace-Url").orElseThrow();
    }

    @Test
    void titleAndNoteAreEscaped() {
        String evil = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
        String attr = "%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E";
        String body = open("/lab?scenario=case-1&title=" + evil + "&note=" + attr).body();
        assertFalse(body.contains("<script>alert"), "title escaped");
        assertFalse(body.contains("<img src=x onerror"), "note escaped");
        assertTrue(body.contains("&lt;script&gt;"));
        String course = get("/course?scenario=case-1&title=" + evil + "&note=" + attr).body();
        assertFalse(course.contains("<script>alert"));
        assertFalse(course.contains("<img src=x onerror"));
    }

    @Test
    void tooLongTitleIsA400() {
        assertEquals(400, get("/lab?scenario=case-1&title=" + "x".repeat(81)).statusCode());
        assertEquals(400, get("/lab?scenario=case-1&lock=lr,nope").statusCode());
    }

    @Test
    void theCoursePageBuildsALinkWhoseQrCodeDecodesBackToIt() throws Exception {
        HttpResponse<String> r = get("/course?scenario=case-2&lock=lr&title=Week+3&note=Try+it&linklang=zh");
        assertEquals(200, r.statusCode());
        Matcher link = Pattern.compile("<a id=\"course-link-out\" href=\"([^\"]+)\"").matcher(r.body());
        assertTrue(link.find(), r.body());
        String expected = link.group(1).replace("&amp;", "&");
        assertTrue(expected.endsWith("/lab?scenario=case-2&lock=lr&title=Week+3&note=Try+it&lang=zh"), expected);
        assertTrue(r.body().contains("<code id=\"course-embed\">&lt;iframe src="), "the embed snippet is shown as text");
        assertEquals("<iframe src=\"" + expected.replace("&", "&amp;") + "&amp;embed=1\" title=\"死亡 ReLU 实验室\" width=\"100%\" height=\"900\""
                + " loading=\"lazy\"></iframe>", snippet(r.body()), "the snippet embeds the embed mode, titled in the students' language");
        assertEquals(expected, decodeQr(r.body()));
        assertEquals(200, get(expected.substring(expected.indexOf("/lab?"))).statusCode(), "the link opens");
    }

    @Test
    void theSnippetIsTextThatCopiesAsOneIframeWhateverTheTitleSays() {
        String body = get("/course?scenario=case-1&title=" + enc("\"><script>alert(1)</script>") + "&note=" + enc("a & b < c")).body();
        MarkupPolicyTest.assertNoInlineCode(body);
        assertFalse(body.contains("<iframe"), "shown, not rendered");
        String snippet = snippet(body);
        assertTrue(snippet.startsWith("<iframe src=\"http://localhost:") && snippet.endsWith("></iframe>"), snippet);
        assertEquals(1, snippet.split("<", -1).length - 2, "one opening and one closing tag: " + snippet);
        assertEquals(10, snippet.split("\"", -1).length - 1, "five quoted attribute values, nothing breaking out: " + snippet);
        assertTrue(snippet.contains("title=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E") && snippet.contains("note=a+%26+b+%3C+c"), snippet);
    }

    @Test
    void everyScenarioHasAReadyMadeLinkInBothLanguagesOnBothLanguagesPages() {
        for (Lang page : Lang.values()) {
            String body = get("/course?lang=" + page.code).body();
            I18n m = I18n.of(page);
            for (Scenario s : Scenario.values()) {
                assertTrue(body.contains("<option value=\"" + s.id + "\""), s.id + " can be chosen");
                Matcher card = Pattern.compile("<li class=\"preset-card\" id=\"preset-" + s.id + "\">(.*?)</li>", Pattern.DOTALL).matcher(body);
                assertTrue(card.find(), page + ": a card for " + s.id);
                assertTrue(card.group(1).contains("<h3>" + m.t("scenario." + s.id + ".title") + "</h3>"), card.group(1));
                assertTrue(card.group(1).contains(m.t("course.preset.note." + s.id)), card.group(1));
                Matcher links = Pattern.compile("<a href=\"([^\"]+)\" hreflang=\"([^\"]+)\"").matcher(card.group(1));
                int found = 0;
                while (links.find()) {
                    Lang lang = links.group(2).equals("en") ? Lang.EN : Lang.ZH;
                    String link = links.group(1).replace("&amp;", "&");
                    assertTrue(link.contains("/lab?scenario=" + s.id + "&") && link.endsWith("&lang=" + lang.code), link);
                    String lab = get(link.substring(link.indexOf("/lab?"))).body();
                    assertTrue(lab.contains("<h2 class=\"course-title\">"), "the link opens with its title: " + link);
                    assertTrue(lab.contains(I18n.of(lang).t("scenario." + s.id + ".summary")), "in " + lang + ": " + link);
                    found++;
                }
                assertEquals(Lang.values().length, found, page + " " + s.id + ": one link per language");
            }
        }
    }

    @Test
    void theBuiltLinkAndItsSnippetEachHaveACopyButtonThatSaysWhatItDid() {
        for (Lang lang : Lang.values()) {
            I18n m = I18n.of(lang);
            String body = get("/course?scenario=case-2&lang=" + lang.code).body();
            for (String[] copy : new String[][] {{"course-link-out", "course-link-status", "course.copyLink"}, {"course-embed", "course-embed-status", "course.copyEmbed"}}) {
                assertTrue(body.contains("data-copy=\"" + copy[0] + "\" data-status=\"" + copy[1] + "\""), lang + ": copies #" + copy[0]);
                assertTrue(body.contains("data-copied=\"" + m.t("course.copied") + "\" data-selected=\"" + m.t("course.selected") + "\">"
                        + m.t(copy[2]) + "</button>"), lang + ": " + copy[2]);
                assertTrue(body.contains("<span class=\"copy-status\" id=\"" + copy[1] + "\" role=\"status\"></span>"), lang + ": where it says so");
            }
            assertFalse(get("/course?lang=" + lang.code).body().contains("data-copy="), "nothing to copy before a link is built");
        }
    }

    @Test
    void theSiteHeaderLinksToTheCoursePageInBothLanguagesAndThePageSaysStepSize() {
        assertTrue(get("/?lang=en").body().contains("<a href=\"/course?lang=en\">For teachers</a>"));
        assertTrue(get("/?lang=zh").body().contains("<a href=\"/course?lang=zh\">教师专用</a>"));
        assertTrue(get("/experiments?lang=zh").body().contains("<a href=\"/course?lang=zh\">"), "on every page with the header");
        String en = get("/course?lang=en").body(), zh = get("/course?lang=zh").body();
        assertTrue(en.contains("<label for=\"course-lock-lr\">Step size λ</label>"), "the site's words");
        assertTrue(zh.contains("<label for=\"course-lock-lr\">步长 λ</label>"));
        assertFalse(en.toLowerCase(java.util.Locale.ROOT).contains("learning rate"));
        assertFalse(zh.contains("学习率"));
        assertFalse(open("/lab?scenario=case-1&embed=1").body().contains("href=\"/course"), "the embedded lab has no site header");
    }

    @Test
    void aLinkTooLongForAQrCodeIsShownWithoutOne() {
        // 480 explicit weights: about 2,900 characters, more than a QR code holds, well within an address
        String weights = String.join(",", java.util.Collections.nCopies(3 * 20 + 20 * 20 + 20, "0.125"));
        HttpResponse<String> r = get("/course?link=" + enc("scenario=case-1&layers=3-20-20-1&w=" + weights));
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains("class=\"qr-code\""));
        assertTrue(r.body().contains("too long for a QR code"), "says why");
        assertTrue(r.body().contains("id=\"course-link-out\""), "the link is still there");
    }

    /** The embed snippet as a teacher copies it: the text of the code element. */
    static String snippet(String html) {
        Matcher m = Pattern.compile("<code id=\"course-embed\">(.*?)</code>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "a snippet");
        return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void aPastedLinkKeepsItsRun() {
        HttpResponse<String> r = get("/course?link=" + enc("http://x/lab?scenario=case-1&lr=0.5&at=10&lang=en") + "&lock=act");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("/lab?scenario=case-1&amp;lr=0.5&amp;at=10&amp;lock=act\""), r.body());
    }

    @Test
    void embedModeHasNoSiteHeader() {
        String page = open("/lab?scenario=case-1&embed=1").body();
        assertFalse(page.contains("site-header"));
        assertFalse(page.contains("site-footer"));
        assertTrue(open("/lab?scenario=case-1").body().contains("site-header"));
        assertEquals(400, get("/lab?scenario=case-1&embed=yes").statusCode());
    }

    /** Draws the SVG's module rectangles into an image and reads it with zxing's decoder. */
    static String decodeQr(String html) throws Exception {
        Matcher svg = Pattern.compile("<svg class=\"qr-code\"[^>]*viewBox=\"0 0 (\\d+) \\1\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(html);
        assertTrue(svg.find(), "a QR svg");
        int size = Integer.parseInt(svg.group(1)), scale = 4;
        BufferedImage img = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        Matcher rect = Pattern.compile("<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"1\" fill=\"#000000\"/>").matcher(svg.group(2));
        int n = 0;
        while (rect.find()) {
            g.fillRect(Integer.parseInt(rect.group(1)) * scale, Integer.parseInt(rect.group(2)) * scale, Integer.parseInt(rect.group(3)) * scale, scale);
            n++;
        }
        g.dispose();
        assertTrue(n > 50, "module rectangles");
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
