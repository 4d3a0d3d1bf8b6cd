package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.experiment.BornDeadSpec;
import lab.deadrelu.experiment.Cost;
import lab.deadrelu.experiment.SweepSpec;
import org.junit.jupiter.api.Test;

/**
 * The experiment queue over HTTP, behind a (pretend) proxy so that tests can speak from several
 * addresses (X-Forwarded-For with TRUST_PROXY=true): addresses take turns, each experiment shows its
 * estimated cost before it starts, one address may queue only so many, and one over the cost cap is a
 * 400 saying what fits.
 */
class ExperimentsFairnessTest extends HttpTestBase {
    static final int PER_ADDRESS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "&vary=lr&from=0.01&to=1&points=10&seeds=300&steps=10000";
    private static final Pattern JOB = Pattern.compile("/experiments/jobs/([^/\"]+)/stream");

    @Override
    protected Javalin createApp() {
        Config c = Config.forTests();
        return App.create(c.withClients(c.clients().withTrustProxy(true).withPerAddress(1000, PER_ADDRESS)));
    }

    /** A browser of its own at an address of its own. */
    private record Browser(HttpClient http, String address) {}

    private static Browser browser(String address) {
        return new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build(), address);
    }

    private HttpResponse<String> get(Browser b, String path) {
        return send(b, HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(Browser b, HttpRequest.Builder r) {
        try {
            return b.http.send(r.header("X-Forwarded-For", b.address).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A page, following the redirect to its canonical link. */
    private HttpResponse<String> page(Browser b, String path) {
        HttpResponse<String> r = get(b, path);
        return r.statusCode() == 303 ? get(b, r.headers().firstValue("Location").orElseThrow()) : r;
    }

    /** Opens a sweep's page: its job starts or joins, the page does not wait. */
    private String startPage(Browser b, String query, List<Runnable> cleanup) {
        HttpResponse<String> r = page(b, "/experiments/sweep?" + query);
        assertEquals(200, r.statusCode(), r.body());
        Matcher job = JOB.matcher(r.body());
        assertTrue(job.find(), "the page follows its experiment");
        String cancel = "/experiments/jobs/" + job.group(1) + "/cancel";
        cleanup.add(() -> send(b, HttpRequest.newBuilder(uri(cancel)).POST(HttpRequest.BodyPublishers.noBody())));
        return r.body();
    }

    private JsonNode api(Browser b, String query) throws Exception {
        HttpResponse<String> r = get(b, "/api/experiments/sweep?" + query);
        assertEquals(202, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static Map<String, List<String>> query(String q) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (String p : q.split("&")) m.put(p.substring(0, p.indexOf('=')), List.of(p.substring(p.indexOf('=') + 1)));
        return m;
    }

    @Test
    void anAddressThatQueuedOneSweepStartsBeforeTheThirdOfAnAddressThatQueuedThree() throws Exception {
        List<Runnable> cleanup = new ArrayList<>();
        Browser a = browser("203.0.113.1"), b = browser("198.51.100.2");
        try {
            startPage(a, "scenario=case-1" + LONG, cleanup);
            startPage(a, "scenario=case-2" + LONG, cleanup);
            startPage(a, "scenario=healthy" + LONG, cleanup);
            JsonNode theirs = api(b, "scenario=inactive-not-dead" + LONG);
            cleanup.add(() -> send(b, HttpRequest.newBuilder(uri(theirs.get("cancel").asText())).POST(HttpRequest.BodyPublishers.noBody())));
            assertTrue(theirs.get("ahead").asInt() <= 1, "only A's first is before B's in the fair order: " + theirs);

            JsonNode now = theirs;   // each call waits up to 2 s for the job: ask until B's has started
            for (int i = 0; i < 15 && now.get("status").asText().equals("queued"); i++) now = api(b, "scenario=inactive-not-dead" + LONG);
            assertEquals("running", now.get("status").asText(), "B's experiment started: " + now);

            JsonNode third = api(a, "scenario=healthy" + LONG);
            assertEquals("queued", third.get("status").asText(), "while A's third still waits: " + third);
            assertTrue(third.get("ahead").asInt() >= 3, "A's first two and B's are ahead of it: " + third);
        } finally {
            cleanup.forEach(Runnable::run);
        }
    }

    @Test
    void aQueuedExperimentShowsItsEstimatedCostOnThePageAndInTheApi() throws Exception {
        List<Runnable> cleanup = new ArrayList<>();
        Browser a = browser("203.0.113.10");
        String q = "scenario=case-2&vary=lr&from=0.02&to=2&points=10&seeds=300&steps=10000";
        Cost cost = SweepSpec.parse(query(q), Set.of()).cost();
        try {
            String page = startPage(a, q, cleanup);
            assertTrue(page.contains("id=\"job-cost\""), page);
            assertTrue(page.matches("(?s).*Estimated cost: [\\d,]+ operations, about [\\d.]+ s of one core.*"), page);

            JsonNode pending = api(a, q);
            JsonNode c = pending.get("cost");
            assertNotNull(c, pending.toString());
            assertEquals(Math.round(cost.operations()), c.get("operations").asLong());
            assertEquals(Math.round(cost.seconds() * 10) / 10.0, c.get("coreSeconds").asDouble());
            assertEquals(Cost.MAX_SECONDS, c.get("maxCoreSeconds").asDouble());
            assertTrue(cost.seconds() > 1 && cost.seconds() <= Cost.MAX_SECONDS, "a sizeable job within the cap: " + cost.seconds());

            String zh = page(a, "/experiments/sweep?" + q + "&lang=zh").body();
            assertTrue(zh.contains("估计开销："), zh);
        } finally {
            cleanup.forEach(Runnable::run);
        }
    }

    @Test
    void oneAddressMayQueueOnlySoManyExperimentsWhateverItsBrowsersAndOthersAreNotAffected() throws Exception {
        List<Runnable> cleanup = new ArrayList<>();
        String[] scenarios = {"case-1", "case-2", "healthy", "inactive-not-dead", "leaky-rescues-case-2"};
        try {
            for (int i = 0; i < PER_ADDRESS; i++) startPage(browser("203.0.113.20"), "scenario=" + scenarios[i] + LONG + "&seed=7", cleanup);
            Browser another = browser("203.0.113.20");   // a fresh browser (a new session) behind the same address
            HttpResponse<String> refused = get(another, "/api/experiments/sweep?scenario=" + scenarios[PER_ADDRESS] + LONG + "&seed=7");
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(JSON.readTree(refused.body()).get("error").asText().contains("already have " + PER_ADDRESS + " experiments"), refused.body());
            HttpResponse<String> page = page(another, "/experiments/sweep?scenario=" + scenarios[PER_ADDRESS] + LONG + "&seed=7&lang=zh");
            assertEquals(429, page.statusCode());
            assertTrue(page.body().contains("你所在网络已有许多实验在运行"), page.body());

            Browser elsewhere = browser("198.51.100.20");
            HttpResponse<String> theirs = get(elsewhere, "/api/experiments/sweep?scenario=" + scenarios[PER_ADDRESS] + LONG + "&seed=7");
            assertEquals(202, theirs.statusCode(), "another address starts its own: " + theirs.body());
            String theirCancel = JSON.readTree(theirs.body()).get("cancel").asText();
            cleanup.add(() -> send(elsewhere, HttpRequest.newBuilder(uri(theirCancel)).POST(HttpRequest.BodyPublishers.noBody())));
            HttpResponse<String> joined = get(another, "/api/experiments/sweep?scenario=case-1" + LONG + "&seed=7");
            assertTrue(joined.statusCode() == 202 || joined.statusCode() == 200, "joining costs nothing: " + joined.body());
            if (joined.statusCode() == 202) {
                String joinedCancel = JSON.readTree(joined.body()).get("cancel").asText();
                cleanup.add(() -> send(another, HttpRequest.newBuilder(uri(joinedCancel)).POST(HttpRequest.BodyPublishers.noBody())));
            }
        } finally {
            cleanup.forEach(Runnable::run);
        }
    }

    @Test
    void anExperimentOverTheCostCapIsA400NamingTheParameterAndHowManyFit() throws Exception {
        HttpResponse<String> api = get("/api/experiments/born-dead?width=64&depth=64&inputs=8&trials=100000");
        assertEquals(400, api.statusCode(), api.body());
        JsonNode e = JSON.readTree(api.body());
        assertEquals("trials", e.get("parameter").asText());
        Matcher fit = Pattern.compile("^at most (\\d+) for these networks").matcher(e.get("allowed").asText());
        assertTrue(fit.find(), e.toString());
        int trials = Integer.parseInt(fit.group(1));
        assertTrue(BornDeadSpec.parse(query("width=64&depth=64&inputs=8&trials=" + trials), true, Set.of()).cost().fits());
        assertTrue(e.get("allowed").asText().contains("about 60 s of one core"), e.toString());

        HttpResponse<String> page = get("/experiments/born-dead?widths=64&depth=64&inputs=8&trials=100000");
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("<code>trials</code>"), page.body());
        assertTrue(page.body().contains("at most " + trials + " for these networks"), page.body());
    }
}
