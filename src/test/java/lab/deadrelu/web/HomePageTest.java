package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

class HomePageTest extends HttpTestBase {

    @Test
    void homeIsServedInEnglishByDefault() {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        assertTrue(r.body().contains("<html lang=\"en\">"));
        assertTrue(r.body().contains("When does a ReLU neuron really die?"));
    }

    @Test
    void chineseComesFromAcceptLanguage() {
        HttpResponse<String> r = get("/", "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<html lang=\"zh-Hans\">"));
        assertTrue(r.body().contains("ReLU 神经元什么时候才算真的“死了”？"));
        assertTrue(r.body().contains("href=\"/lab?scenario=case-1\""), "a header-chosen language needs no lang in links");
    }

    @Test
    void chineseComesFromTheQueryAndStaysInTheLinks() {
        HttpResponse<String> r = get("/?lang=zh", "Accept-Language", "en");
        assertTrue(r.body().contains("<html lang=\"zh-Hans\">"));
        assertTrue(r.body().contains("这些场景，动手试一试"));
        assertTrue(r.body().contains("href=\"/lab?scenario=case-2&amp;lang=zh\""));
    }

    @Test
    void theQueryWinsOverTheBrowserLanguage() {
        assertTrue(get("/?lang=en", "Accept-Language", "zh-CN").body().contains("<html lang=\"en\">"));
    }

    @Test
    void everyScenarioHasACardLinkingToTheLab() {
        String en = get("/").body();
        String zh = get("/?lang=zh").body();
        for (Scenario s : Scenario.values()) {
            assertTrue(en.contains("<li class=\"scenario-card\" id=\"scenario-" + s.id + "\">"), s.id);
            assertTrue(en.contains("href=\"/lab?scenario=" + s.id + "\""), s.id);
            assertTrue(zh.contains("href=\"/lab?scenario=" + s.id + "&amp;lang=zh\""), s.id);
        }
        assertEquals(Scenario.values().length, en.split("class=\"scenario-card\"", -1).length - 1);
    }

    @Test
    void thePostIsCreditedByTitleAuthorAndDate() {
        String en = get("/").body();
        String zh = get("/?lang=zh").body();
        for (String page : new String[] {en, zh}) {
            assertTrue(page.contains("详解&#39;死亡ReLU&#39;问题") || page.contains("详解'死亡ReLU'问题"));
            assertTrue(page.contains("王乐Levi"));
        }
        assertTrue(en.contains("24 February 2025"));
        assertTrue(zh.contains("2025 年 2 月 24 日"));
    }

    @Test
    void theFourStatesAreDefined() {
        String en = get("/").body();
        for (String term : new String[] {"Active on a sample", "Inactive on a sample", "Dead on the data set", "Permanently dead"}) {
            assertTrue(en.contains(term), term);
        }
    }

    @Test
    void theLanguageSwitchKeepsPathAndQueryAndChangesOnlyLang() {
        String body = get("/?lang=en&x=1").body();
        assertTrue(body.contains("href=\"/?lang=zh&amp;x=1\""), "lang replaced in place");
        assertTrue(get("/?x=1").body().contains("href=\"/?x=1&amp;lang=zh\""), "lang appended");
        assertTrue(body.contains("aria-current=\"true\">English<"));
        assertFalse(body.contains("aria-current=\"true\">中文<"));
    }

    @Test
    void htmxAndItsSseExtensionAreLoadedFromWebjars() {
        String body = get("/").body();
        assertTrue(body.matches("(?s).*<script src=\"/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js\" defer></script>.*"));
        assertTrue(body.matches("(?s).*<script src=\"/webjars/htmx-ext-sse/[0-9.]+/sse\\.js\" defer></script>.*"));
        assertTrue(body.contains("\"includeIndicatorStyles\":false"), "htmx's inline indicator styles would break the CSP");
    }
}
