package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One browser may wait on only so many experiments (App.EXPERIMENTS_PER_BROWSER): one more is a 429
 * that says what to do, as JSON for the API and as a page otherwise; another browser is not affected.
 */
class ExperimentsPerBrowserTest extends HttpTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "&vary=lr&from=0.01&to=1&points=10&seeds=300&steps=10000";
    private static final Pattern JOB = Pattern.compile("/experiments/jobs/([^/\"]+)/stream");

    @Test
    void aBrowserWaitingOnAsManyExperimentsAsItMayIsToldToWaitAndOthersAreNot() throws Exception {
        List<String> cancel = new ArrayList<>();
        HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        try {
            String[] scenarios = {"case-1", "case-2", "healthy"};
            for (String s : scenarios) {   // pages start an experiment without waiting on it (the API waits a little)
                HttpResponse<String> r = get("/experiments/sweep?scenario=" + s + LONG);
                assertEquals(200, r.statusCode(), r.body());
                Matcher job = JOB.matcher(r.body());
                assertTrue(job.find(), "the page follows its experiment");
                cancel.add("/experiments/jobs/" + job.group(1) + "/cancel");
            }
            assertEquals(3, App.EXPERIMENTS_PER_BROWSER, "the test starts exactly as many as one browser may");

            HttpResponse<String> api = get("/api/experiments/sweep?scenario=inactive-not-dead" + LONG);
            assertEquals(429, api.statusCode(), api.body());
            assertEquals("30", api.headers().firstValue("Retry-After").orElseThrow());
            JsonNode error = JSON.readTree(api.body());
            assertTrue(error.get("error").asText().contains("already waits on 3 experiments"), api.body());

            HttpResponse<String> page = get("/experiments/sweep?scenario=inactive-not-dead" + LONG + "&lang=zh");
            assertEquals(429, page.statusCode());
            assertTrue(page.body().contains("你已有实验在运行"), page.body());

            HttpResponse<String> theirs = other.send(HttpRequest.newBuilder(uri("/api/experiments/sweep?scenario=inactive-not-dead" + LONG)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, theirs.statusCode(), "another browser starts its own: " + theirs.body());
            String theirCancel = JSON.readTree(theirs.body()).get("cancel").asText();

            HttpResponse<String> joined = get("/api/experiments/sweep?scenario=inactive-not-dead" + LONG);
            // 202 while it computes (200 had it finished meanwhile): not refused either way
            assertTrue(joined.statusCode() == 202 || joined.statusCode() == 200, "joining the other browser's experiment costs nothing: " + joined.body());
            if (joined.statusCode() == 202) cancel.add(JSON.readTree(joined.body()).get("cancel").asText());
            other.send(HttpRequest.newBuilder(uri(theirCancel)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            for (String c : cancel) post(c, "");
        }
    }
}
