package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The data table and the gradient inspector over HTTP: the lab page, the weight action, the link, the stream. */
class LabTeachingHttpTest extends HttpTestBase {
    static final String FORM = "application/x-www-form-urlencoded";

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    /** The inner HTML of the element with this id (a section). */
    static String region(String html, String id) {
        Matcher m = Pattern.compile("<section id=\"" + id + "\"[^>]*>(.*?)</section>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "region " + id);
        return m.group(1);
    }

    /** The value and sign badge of one row of the inspector's factor table. */
    static String[] factor(String inspector, String key) {
        Matcher m = Pattern.compile("<tr data-factor=\"" + key + "\"><th scope=\"row\">[^<]*</th><td class=\"num\">([^<]*)</td>"
                + "<td>(?:<span class=\"sign-badge [^\"]*\">([^<]*)</span>)?</td></tr>").matcher(inspector);
        assertTrue(m.find(), "factor " + key + " in " + inspector);
        return new String[] {m.group(1), m.group(2)};
    }

    static double number(String text) {
        return Double.parseDouble(text.replace('\u2212', '-'));
    }

    static String actions(String page) {
        Matcher m = Pattern.compile("action=\"(/lab/[^/\"]+)/weight\"").matcher(page);
        assertTrue(m.find(), "the weight form");
        return m.group(1);
    }

    @Test
    void case1ShowsEveryZNegativeAndAllEightRowsInactive() {
        HttpResponse<String> r = get("/lab?scenario=case-1");
        assertEquals(200, r.statusCode());
        String table = region(r.body(), "table");
        assertEquals(8, count(table, "<th scope=\"row\">"));
        assertEquals(8, count(table, "<td class=\"act no\">no</td>"), "8 rows marked inactive");
        assertEquals(0, count(table, "<td class=\"act yes\">"));
        assertEquals(8, count(table, "<td class=\"z neg\">\u2212") + count(table, "<td class=\"z zero\">0</td>"), "every z <= 0");
        assertEquals(0, count(table, "<td class=\"z pos\">"));
        assertTrue(table.contains("It is dead on the data set."));
        assertTrue(r.body().contains("<section id=\"table\" class=\"lab-table\" sse-swap=\"table\" aria-labelledby=\"table-heading\">"));
        assertTrue(r.body().contains("<section id=\"inspector\" class=\"lab-inspector\" sse-swap=\"inspector\" aria-labelledby=\"inspector-heading\">"));
        assertTrue(r.body().contains("<link rel=\"stylesheet\" href=\"/static/css/teaching.css\">"));
        MarkupPolicyTest.assertNoInlineCode(r.body());
    }

    @Test
    void atTheKillingStepOfCase2TheInspectorShowsFourPositiveFactorsAndW21CrossingZero() {
        HttpResponse<String> r = get("/lab?scenario=case-2&at=8");
        assertEquals(200, r.statusCode());
        String inspector = region(r.body(), "inspector");
        assertTrue(inspector.contains("<h2 id=\"inspector-heading\">Gradient inspector: w₂₁</h2>"), inspector);
        assertTrue(inspector.contains("Update of step 8"));
        for (String key : new String[] {"upstream", "error", "downstream", "derivative", "gradient"}) {
            String[] f = factor(inspector, key);
            assertEquals("+", f[1], key);
            assertTrue(number(f[0]) > 0, key + " = " + f[0]);
        }
        assertTrue(number(factor(inspector, "before")[0]) > 0, "w₂₁ before > 0");
        assertEquals("+", factor(inspector, "before")[1]);
        assertTrue(number(factor(inspector, "after")[0]) < 0, "w₂₁ after < 0");
        assertEquals("\u2212", factor(inspector, "after")[1]);
        assertTrue(inspector.contains("<math display=\"block\""));
        MarkupPolicyTest.assertNoInlineCode(r.body());
        assertTrue(get("/lab?scenario=case-2&at=8&lang=zh").body().contains("第 8 步的更新"));
    }

    @Test
    void theWeightParameterPicksTheInspectedWeightAndABadOneIsA400NamingIt() {
        String inspector = region(get("/lab?scenario=case-2&at=8&weight=2.1.2").body(), "inspector");
        assertTrue(inspector.contains("Gradient inspector: w₂₂"));
        assertTrue(inspector.contains("<option value=\"2\" selected>w₂₂ (from h₂⁽¹⁾)</option>"));
        assertTrue(number(factor(inspector, "after")[0]) < 0, "w₂₂ after < 0 too");

        HttpResponse<String> bad = get("/lab?scenario=case-2&weight=2.1.3");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("weight") && bad.body().contains("&lt;layer&gt;.&lt;to&gt;.&lt;from&gt;"), bad.body());
        assertEquals(400, get("/lab?scenario=case-2&weight=2.1.b").statusCode(), "no biases in case 2");
    }

    @Test
    void theWeightActionSwitchesTheInspectorAndTheLinkFollows() {
        String page = get("/lab?scenario=case-2&at=8").body();
        String actions = actions(page);
        HttpResponse<String> htmx = post(actions + "/weight", "layer=2&to=1&from=2", "Content-Type", FORM, "HX-Request", "true");
        assertEquals(200, htmx.statusCode());
        assertEquals("/lab?scenario=case-2&at=8&weight=2.1.2", htmx.headers().firstValue("HX-Replace-Url").orElse(""));

        HttpResponse<String> plain = post(actions + "/weight", "layer=3&to=1&from=1", "Content-Type", FORM);
        assertEquals(303, plain.statusCode());
        assertEquals("/lab?scenario=case-2&at=8&weight=3.1.1", plain.headers().firstValue("Location").orElse(""));

        HttpResponse<String> back = post(actions + "/weight", "layer=2&to=1&from=1", "Content-Type", FORM);
        assertEquals("/lab?scenario=case-2&at=8", back.headers().firstValue("Location").orElse(""), "the default is left out");

        HttpResponse<String> missing = post(actions + "/weight", "layer=2&to=1&from=3", "Content-Type", FORM);
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("weight"), missing.body());
        HttpResponse<String> junk = post(actions + "/weight", "layer=2&to=1&from=x", "Content-Type", FORM);
        assertEquals(400, junk.statusCode());
        assertTrue(junk.body().contains("from"));
        assertEquals(400, post(actions + "/weight", "layer=0&to=1&from=1", "Content-Type", FORM).statusCode());
        assertEquals(400, post(actions + "/weight", "to=1&from=1", "Content-Type", FORM).statusCode());
    }

    @Test
    void theStreamSendsTheTableAndTheInspector() throws Exception {
        String page = get("/lab?scenario=case-2&at=8").body();
        String actions = actions(page);
        HttpRequest request = HttpRequest.newBuilder(uri(actions + "/stream")).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Set<String> events = new HashSet<>();
        boolean crossedZero = false;
        try (Stream<String> lines = response.get(10, TimeUnit.SECONDS).body()) {
            Iterator<String> it = lines.iterator();
            for (int read = 0; read < 5_000 && it.hasNext() && !(events.contains("table") && crossedZero); read++) {
                String line = it.next();
                if (line.startsWith("event:")) events.add(line.substring(6).trim());
                if (line.contains("This update took w₂₁ across zero")) crossedZero = true;
            }
        }
        assertTrue(events.contains("table") && events.contains("inspector"), "events: " + events);
        assertTrue(crossedZero, "the inspector fragment is the page's");
    }
}
