package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.List;
import lab.deadrelu.scenario.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad link is a 400 page that names the parameter, the value sent and what is allowed, and links to
 * the scenario's default run: never a 500, never a silent default. Under /api/ the same problem is JSON.
 */
class LabBadLinksTest extends LabTestBase {

    /** Hundreds of bad links from one browser in a tight loop: a script's pace, over the request rate a student never reaches. */
    @Override
    protected Javalin createApp() {
        return App.create(Config.forTests().withLimits(Config.Limits.DEFAULT.withRequestRate(1_000_000, 100_000)));
    }

    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;");
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', value = {
        "scenario=case-9                          | scenario | case-9       | one of case-1, case-2, inactive-not-dead, leaky-rescues-case-2, deep-net-works-anyway, healthy | /lab?scenario=case-1",
        "scenario=case-2&foo=1                    | foo      | 1            | left out: the known parameters are scenario, layers, act                          | /lab?scenario=case-2",
        "scenario=case-2&lr=0                     | lr       | 0            | a number in (0, 1e6]                                                              | /lab?scenario=case-2",
        "scenario=case-2&lr=abc                   | lr       | abc          | a number in (0, 1e6]                                                              | /lab?scenario=case-2",
        "scenario=case-2&lr=1e7                   | lr       | 1e7          | a number in (0, 1e6]                                                              | /lab?scenario=case-2",
        "scenario=case-2&layers=3-1000-1          | layers   | 3-1000-1     | hidden layers of 1 to 64 neurons                                                  | /lab?scenario=case-2",
        "scenario=case-2&layers=3-2-2             | layers   | 3-2-2        | ending in one output                                                              | /lab?scenario=case-2",
        "scenario=case-2&at=-1                    | at       | -1           | a whole number from 0 to 1000000                                                  | /lab?scenario=case-2",
        "scenario=case-2&at=1000001               | at       | 1000001      | a whole number from 0 to 1000000                                                  | /lab?scenario=case-2",
        "scenario=case-2&ops=boom@3               | ops      | boom@3       | lr:<number>@<step>, reinit@<step>                                                 | /lab?scenario=case-2",
        "scenario=case-2&ops=lr:0@3               | ops      | lr:0@3       | lr:<number in (0, 1e6]>@<step>                                                    | /lab?scenario=case-2",
        "scenario=case-2&act=tanh                 | act      | tanh         | relu, leaky or elu                                                                | /lab?scenario=case-2",
        "scenario=case-2&focus=3.1                | focus    | 3.1          | within layers 3-2-2-1                                                             | /lab?scenario=case-2",
        "scenario=case-2&seed=-5                  | seed     | -5           | a whole number from 0 to 9223372036854775807                                      | /lab?scenario=case-2",
        "scenario=case-2&batch=9                  | batch    | 9            | a whole number from 1 to n (8), or full                                           | /lab?scenario=case-2",
        "scenario=healthy&lr=0.1&lr=0.2           | lr       | 0.1,0.2      | given once                                                                        | /lab?scenario=healthy",
        "scenario=case-2&at=3&at=3                | at       | 3,3          | given once                                                                        | /lab?scenario=case-2",
        "lr=0.1                                   | scenario | ''           | one of case-1, case-2                                                             | /lab?scenario=case-1",
    })
    void aBadLinkIsA400PageNamingTheParameterTheValueAndWhatIsAllowed(String query, String parameter, String value, String allowed,
                                                                      String suggestion) {
        HttpResponse<String> r = get("/lab?" + query);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        String html = r.body();
        assertTrue(html.contains("<dd><code>" + parameter + "</code></dd>"), html);
        assertTrue(html.contains("<dd><code>" + escaped(value) + "</code></dd>"), "the value as sent: " + html);
        assertTrue(html.contains(escaped(allowed)), html);
        assertTrue(html.contains("<a class=\"button\" href=\"" + suggestion + "\">"), "a way on: the scenario's default run; " + html);
        assertFalse(html.contains("sse-connect"), "no simulation was opened");
    }

    @Test
    void aBadLinkInChineseKeepsTheLanguageOnTheWayOn() {
        HttpResponse<String> r = get("/lab?scenario=case-2&lr=abc&lang=zh");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<html lang=\"zh-Hans\">"));
        assertTrue(r.body().contains("<dd><code>lr</code></dd>"));
        assertTrue(r.body().contains("href=\"/lab?scenario=case-2&amp;lang=zh\""), r.body());
    }

    @Test
    void anUnknownLanguageOnALabLinkIsA400NamingLang() {
        HttpResponse<String> r = get("/lab?scenario=case-2&lang=xx");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<dd><code>lang</code></dd>"));
    }

    @Test
    void garbageInAnyParameterIsA400OrAValidRunNeverA500() {
        List<String> garbage = List.of("", "x", "-1", "1e999", "NaN", "Infinity", "0x1F", "%00", "%3Cscript%3E", "99999999999999999999",
                "1.5", ",", "@", "1-1", "true", "full");
        for (String key : RunSpec.KEYS) {
            for (String v : garbage) {
                String link = "/lab?" + (key.equals("scenario") ? "scenario=" + v : "scenario=case-2&" + key + "=" + v);
                int status = get(link).statusCode();
                assertTrue(status == 200 || status == 400, link + " answered " + status);
            }
        }
    }

    @ParameterizedTest(name = "/api/runs?{0} names {1}")
    @CsvSource(delimiter = '|', value = {
        "scenario=case-9                   | scenario",
        "scenario=case-2&foo=1             | foo",
        "scenario=case-2&lr=0              | lr",
        "scenario=case-2&lr=abc            | lr",
        "scenario=case-2&layers=3-1000-1   | layers",
        "scenario=case-2&ops=boom@3        | ops",
        "scenario=case-2&steps=abc         | steps",
        "scenario=case-2&steps=2000000     | steps",
        "scenario=case-2&steps=10&every=0  | every",
        "scenario=case-2&lr=0.1&lr=0.2     | lr",
    })
    void apiErrorsAreJson400sNamingTheParameter(String query, String parameter) throws Exception {
        HttpResponse<String> r = get("/api/runs?" + query);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals(parameter, body.get("parameter").asText(), r.body());
        assertFalse(body.get("allowed").asText().isEmpty());
        assertTrue(body.get("error").asText().contains(parameter));
    }

    @Test
    void apiErrorsEchoTheValueAsSent() throws Exception {
        JsonNode lr = new ObjectMapper().readTree(get("/api/runs?scenario=case-2&lr=0").body());
        assertEquals("0", lr.get("value").asText());
        assertEquals("a number in (0, 1e6]", lr.get("allowed").asText());
        JsonNode layers = new ObjectMapper().readTree(get("/api/runs?scenario=case-2&layers=3-1000-1").body());
        assertEquals("3-1000-1", layers.get("value").asText());
    }
}
