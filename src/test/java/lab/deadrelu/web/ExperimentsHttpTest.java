package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.deadrelu.experiment.SweepSpec;
import org.junit.jupiter.api.Test;

/** The experiments over HTTP: pages, canonical links, SSE progress, cancel, the cache, the API and its refusals. */
class ExperimentsHttpTest extends HttpTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"([^\"]*/experiments/jobs/([^/\"]+)/stream[^\"]*)\"");
    private static final Pattern PERCENT = Pattern.compile("<progress class=\"job-bar\" max=\"100\" value=\"(\\d+)\"");

    /** One SSE event: its name and its data lines joined. */
    record Event(String name, String data) {}

    /**
     * Reads the stream at `path` until an event named `until` (or the stream ends), at most
     * `seconds`: the read runs on another thread and is abandoned (the connection closed) on time-out.
     */
    List<Event> events(String path, String until, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<Event> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            String name = null;
            StringBuilder data = new StringBuilder();
            var lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event:")) name = line.substring(6).trim();
                else if (line.startsWith("data:")) data.append(data.length() > 0 ? "\n" : "").append(line.substring(5));
                else if (line.isEmpty() && name != null) {
                    synchronized (events) {
                        events.add(new Event(name, data.toString()));
                    }
                    if (name.equals(until)) return;
                    name = null;
                    data.setLength(0);
                }
            }
        });
        try {
            reading.get(seconds, TimeUnit.SECONDS);
        } finally {
            response.body().close();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** GET, asking again while the answer is 202 (as a script would, after Retry-After), for up to a minute. */
    HttpResponse<String> getWhenDone(String path) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> r = get(path);
        while (r.statusCode() == 202 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = get(path);
        }
        return r;
    }

    private static Matcher stream(String html) {
        Matcher m = STREAM.matcher(html);
        assertTrue(m.find(), "the page watches its job: " + html.substring(0, Math.min(300, html.length())));
        return m;
    }

    @Test
    void aSweepLinkIsRedirectedToItsCanonicalForm() {
        HttpResponse<String> r = get("/experiments/sweep?scenario=case-2&seeds=7&acts=leaky&acts=relu&steps=20&lang=zh");
        assertEquals(303, r.statusCode());
        assertEquals("/experiments/sweep?scenario=case-2&vary=lr&from=0.01&to=1&points=10&acts=relu,leaky&seeds=7&steps=20&lang=zh",
                r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void withoutParametersThePageIsTheFormAndSomeExamples() {
        HttpResponse<String> r = get("/experiments/sweep");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<form class=\"experiment-form\" method=\"get\" action=\"/experiments/sweep\">"));
        assertTrue(r.body().contains("/experiments/sweep?scenario=case-2&amp;vary=lr&amp;from=0.01&amp;to=1&amp;points=10&amp;acts=relu,leaky,elu"));
        assertFalse(r.body().contains("sse-connect"));
        MarkupPolicyTest.assertNoInlineCode(r.body());
        MarkupPolicyTest.assertNoInlineCode(get("/experiments/born-dead?lang=zh").body());
        MarkupPolicyTest.assertNoInlineCode(get("/experiments").body());
    }

    @Test
    void progressGoesOverSseTo100PercentThenTheResultArrivesAndTheCachedLinkOpensAtOnce() throws Exception {
        String link = "/experiments/sweep?scenario=healthy&vary=lr&from=0.01&to=1&points=4&acts=relu,elu&seeds=200&steps=2000";
        HttpResponse<String> page = get(link);
        assertEquals(200, page.statusCode());
        MarkupPolicyTest.assertNoInlineCode(page.body());
        {
            List<Event> events = events(stream(page.body()).group(1), "done", 60);
            List<Integer> percents = new ArrayList<>();
            for (Event e : events) {
                if (!e.name().equals("progress")) continue;
                Matcher m = PERCENT.matcher(e.data());
                assertTrue(m.find(), e.data());
                percents.add(Integer.parseInt(m.group(1)));
            }
            assertFalse(percents.isEmpty());
            for (int i = 1; i < percents.size(); i++) assertTrue(percents.get(i) >= percents.get(i - 1), "progress never goes back: " + percents);
            assertEquals(100, percents.get(percents.size() - 1), "progress reaches 100%: " + percents);
            List<String> names = events.stream().map(Event::name).toList();
            assertEquals(List.of("result", "done"), names.subList(names.size() - 2, names.size()));
            String result = events.get(events.size() - 2).data();
            assertTrue(result.contains("<h2 id=\"result-heading\">Results</h2>"), result);
            assertTrue(result.contains("<figure class=\"chart band-chart\" id=\"died-chart\">"));
        }
        long start = System.nanoTime();
        HttpResponse<String> again = get(link);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(again.body().contains("<h2 id=\"result-heading\">Results</h2>"), "cached: the result is on the page");
        assertFalse(again.body().contains("sse-connect"), "nothing left to watch");
        assertEquals(8, count(again.body(), "class=\"example-run\""), "2 curves x 4 points");
        MarkupPolicyTest.assertNoInlineCode(again.body());
        System.out.println("cached sweep page served in " + millis + " ms");
    }

    @Test
    void theApiAnswersTheTableAsJsonAndCsv() throws Exception {
        String q = "scenario=case-2&vary=act&acts=relu,leaky,elu&seeds=20&steps=200";
        HttpResponse<String> r = getWhenDone("/api/experiments/sweep?" + q);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode json = JSON.readTree(r.body());
        assertEquals(q, json.get("link").asText());
        assertEquals("act", json.get("spec").get("vary").asText());
        assertEquals(3, json.get("rows").size());
        JsonNode relu = json.get("rows").get(0);
        assertEquals("relu", relu.get("x").asText());
        assertEquals(20, relu.get("runs").asInt());
        assertTrue(relu.get("pDiedLow").asDouble() <= relu.get("pDied").asDouble());
        assertTrue(relu.get("lab").asText().startsWith("/lab?scenario=case-2"));
        assertEquals(0, json.get("rows").get(1).get("died").asInt(), "Leaky ReLU never dies");
        assertNotNull(json.get("definitions").get("died"));

        HttpResponse<String> csv = getWhenDone("/api/experiments/sweep.csv?" + q);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertEquals("attachment; filename=\"sweep.csv\"", csv.headers().firstValue("Content-Disposition").orElseThrow());
        String[] lines = csv.body().split("\r\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("act,x,runs,died,pDied,pDiedLow,pDiedHigh,bornDead"));
    }

    @Test
    void theBornDeadApiAnswersOnePointWithItsStandardErrorsAndTheTheory() throws Exception {
        HttpResponse<String> r = getWhenDone("/api/experiments/born-dead?width=4&depth=10&inputs=1&domain=1&init=he&bias=0&trials=20000&seed=1");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = JSON.readTree(r.body());
        assertEquals(4, j.get("spec").get("width").asInt());
        assertEquals(1024, j.get("spec").get("grid").get("points").asInt());
        assertEquals(20000, j.get("trials").asInt());
        double p = j.get("pDeadAtPoint").asDouble(), se = j.get("pDeadAtPointSE").asDouble();
        double exact = 1 - Math.pow(1 - 1.0 / 16, 10);
        assertEquals(exact, j.get("theory").get("pDeadAtPoint").asDouble(), 1e-12);
        assertEquals("1 - (1 - 2^-N)^L", j.get("theory").get("pDeadAtPointFormula").asText());
        assertTrue(Math.abs(p - exact) < 4 * Math.sqrt(exact * (1 - exact) / 20000), p + " vs " + exact);
        assertEquals(Math.sqrt(p * (1 - p) / 20000), se, 1e-12);
        assertTrue(j.has("pConstant") && j.has("pConstantSE"));
        assertFalse(j.get("theory").has("pConstant"), "no exact formula for width 4");

        HttpResponse<String> table = getWhenDone("/api/experiments/born-dead/table?widths=1,4&depth=10&trials=20000");
        JsonNode t = JSON.readTree(table.body());
        assertEquals(20, t.get("rows").size());
        JsonNode same = t.get("rows").get(19);
        assertEquals(4, same.get("width").asInt());
        assertEquals(10, same.get("depth").asInt());
        assertEquals(j.get("deadAtPoint").asLong(), same.get("deadAtPoint").asLong(), "a point alone equals the same point in a table");
        HttpResponse<String> csv = getWhenDone("/api/experiments/born-dead/table.csv?widths=1,4&depth=10&trials=20000");
        assertTrue(csv.body().startsWith("width,depth,trials,deadAtPoint,pDeadAtPoint,pDeadAtPointSE"));
    }

    @Test
    void badAndTooLargeRequestsAreRefusedNamingTheParameter() throws Exception {
        String[][] cases = {
            {"/api/experiments/sweep?scenario=case-2&seeds=5000", "seeds"},
            {"/api/experiments/sweep?scenario=case-2&vary=width&widths=65", "widths"},
            {"/api/experiments/sweep?scenario=nope", "scenario"},
            {"/api/experiments/sweep?scenario=case-2&sedds=5", "sedds"},
            {"/api/experiments/born-dead?width=0", "width"},
            {"/api/experiments/born-dead?trials=1000000", "trials"},
            {"/api/experiments/born-dead?width=4&widths=4", "widths"},
            {"/api/experiments/born-dead/table?widths=1,2&width=3", "width"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = get(c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals(c[1], JSON.readTree(r.body()).get("parameter").asText(), c[0]);
        }
        HttpResponse<String> big = get("/api/experiments/sweep?scenario=case-2&points=40&acts=relu,leaky,elu&seeds=1000&steps=100000");
        assertEquals(400, big.statusCode());
        JsonNode e = JSON.readTree(big.body());
        assertEquals("seeds", e.get("parameter").asText());
        assertTrue(e.get("allowed").asText().matches("at most \\d+ for this sweep .*"), e.toString());
        assertTrue(e.get("allowed").asText().contains("an experiment may take about 60 s of one core"), e.toString());

        HttpResponse<String> page = get("/experiments/sweep?scenario=case-2&points=40&acts=relu,leaky,elu&seeds=1000&steps=100000");
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("<code>seeds</code>"), page.body());
        assertTrue(page.body().contains("href=\"/experiments/sweep\""), "suggests the form");
        HttpResponse<String> bornDead = get("/experiments/born-dead?depth=65");
        assertEquals(400, bornDead.statusCode());
        assertTrue(bornDead.body().contains("<code>depth</code>"));
    }

    @Test
    void aLongSweepAnswers202ThenCanBeCancelledAndItsStreamSaysSo() throws Exception {
        String q = "scenario=case-2&points=10&seeds=300&steps=10000";
        HttpResponse<String> r = get("/api/experiments/sweep?" + q);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("2", r.headers().firstValue("Retry-After").orElseThrow());
        JsonNode pending = JSON.readTree(r.body());
        assertTrue(List.of("queued", "running").contains(pending.get("status").asText()));
        String id = pending.get("job").asText();
        HttpResponse<String> cancelled = post(pending.get("cancel").asText(), "", "HX-Request", "true");
        assertEquals(200, cancelled.statusCode());
        assertTrue(cancelled.body().contains("<section id=\"job\" class=\"job job-stopped\""), cancelled.body());
        assertTrue(cancelled.body().contains("Cancelled."));
        List<Event> events = events("/experiments/jobs/" + id + "/stream", "done", 20);
        assertTrue(events.stream().anyMatch(e -> e.data().contains("Cancelled.")), events.toString());
        assertEquals("done", events.get(events.size() - 1).name());
    }

    @Test
    void aBusyPoolShowsTheQueuePositionAndAnUnknownJobIsGone() throws Exception {
        List<String> cancel = new ArrayList<>();
        try {
            for (String q : new String[] {"scenario=case-1&vary=lr&from=0.01&to=1&points=10&seeds=300&steps=10000",
                "scenario=inactive-not-dead&vary=lr&from=0.01&to=1&points=10&seeds=300&steps=10000"}) {
                HttpResponse<String> r = get("/experiments/sweep?" + q);
                assertEquals(200, r.statusCode(), r.body());
                cancel.add("/experiments/jobs/" + stream(r.body()).group(2) + "/cancel");
            }
            HttpResponse<String> page = get("/experiments/sweep?scenario=healthy&vary=lr&from=0.01&to=1&points=10&seeds=300&steps=10000");
            Matcher m = stream(page.body());
            cancel.add("/experiments/jobs/" + m.group(2) + "/cancel");
            assertTrue(page.body().contains("Waiting: 2 experiment(s) ahead of yours."), page.body());
        } finally {
            for (String c : cancel) post(c, "");
        }
        List<Event> gone = events("/experiments/jobs/no-such-job/stream", "gone", 10);
        assertEquals("gone", gone.get(0).name());
    }

    @Test
    void theBornDeadPageRunsAndTheIndexLinksBothExperiments() throws Exception {
        HttpResponse<String> r = get("/experiments/born-dead?widths=2,1&depth=5&trials=3000");
        assertEquals(303, r.statusCode());
        String link = r.headers().firstValue("Location").orElseThrow();
        assertEquals("/experiments/born-dead?widths=1,2&depth=5&inputs=1&domain=1&init=he&bias=0&trials=3000&seed=1", link);
        HttpResponse<String> page = get(link);
        if (page.body().contains("sse-connect")) events(stream(page.body()).group(1), "done", 30);
        HttpResponse<String> done = get(link);
        assertTrue(done.body().contains("<h2 id=\"result-heading\">Results</h2>"), done.body());
        assertTrue(done.body().contains("id=\"dead-depth-chart\""));
        assertTrue(done.body().contains("class=\"line series-1 theory\""), "the theory curve is drawn");
        assertTrue(done.body().contains("P = 1 − (1 − 2^−N)^L"));
        MarkupPolicyTest.assertNoInlineCode(done.body());
        String index = get("/experiments").body();
        assertTrue(index.contains("href=\"/experiments/sweep?scenario=case-2&amp;vary=lr"));
        assertTrue(index.contains("href=\"/experiments/born-dead?widths=1,2,4,8&amp;depth=10"));
        assertTrue(get("/").body().contains("href=\"/experiments/born-dead\""), "the home page links the experiments");
    }

    @Test
    void optimizerAndRedoSweepsRedirectToTheirCanonicalLinksAndAnswerTheirTablesWithLabelledAxes() throws Exception {
        HttpResponse<String> r = get("/experiments/sweep?scenario=case-2&vary=redo&redos=0.1,off&seeds=4&steps=30&opts=sgd&lang=zh");
        assertEquals(303, r.statusCode());
        assertEquals("/experiments/sweep?scenario=case-2&vary=redo&redos=off,0.1&redoEvery=100&seeds=4&steps=30&lang=zh",
                r.headers().firstValue("Location").orElseThrow());

        String q = "scenario=case-2&vary=opt&opts=sgd,momentum,adam&seeds=4&steps=60";
        JsonNode json = JSON.readTree(getWhenDone("/api/experiments/sweep?" + q).body());
        assertEquals(q, json.get("link").asText());
        assertEquals("opt", json.get("spec").get("vary").asText());
        assertEquals(List.of("sgd", "momentum", "adam"), json.get("rows").findValuesAsText("x"));
        assertTrue(json.get("rows").get(2).get("lab").asText().contains("opt=adam"), "the example run opens with its optimizer");
        String csv = getWhenDone("/api/experiments/sweep.csv?" + q).body();
        assertEquals(4, csv.split("\r\n").length);
        assertTrue(csv.split("\r\n")[3].startsWith("relu,adam,4,"), csv);

        String redo = "scenario=case-2&vary=redo&redos=off,0.025,0.1&redoEvery=10&seeds=3&steps=40";
        JsonNode rj = JSON.readTree(getWhenDone("/api/experiments/sweep?" + redo).body());
        assertEquals(10, rj.get("spec").get("redoEvery").asInt());
        assertEquals(List.of("off", "0.025", "0.1"), rj.get("rows").findValuesAsText("x"));
        assertFalse(rj.get("rows").get(0).get("lab").asText().contains("redo="), "off: no ReDo in the run");
        assertTrue(rj.get("rows").get(2).get("lab").asText().contains("redo=0.1&redoEvery=10"));

        String page = getWhenDone("/experiments/sweep?" + q + "&lang=zh").body();
        if (page.contains("sse-connect")) page = get("/experiments/sweep?" + q + "&lang=zh").body();
        assertTrue(page.contains("<option value=\"opt\" selected>优化器</option>"), "the form's select, in zh");
        assertTrue(page.contains("<option value=\"redo\">ReDo 阈值 τ</option>"));
        assertTrue(page.contains("name=\"opts\" value=\"adam\" checked"));
        assertTrue(page.contains(">普通 SGD<"), "x labels in words");
        MarkupPolicyTest.assertNoInlineCode(page);
        String en = get("/experiments/sweep?" + redo).body();
        assertTrue(en.contains(">no ReDo<") && en.contains(">ReDo τ = 0.025<"), "ReDo's x labels");
        assertTrue(en.contains("id=\"redoEvery\" name=\"redoEvery\" type=\"text\" inputmode=\"numeric\" value=\"10\""));

        String[][] refused = {
            {"/api/experiments/sweep?scenario=case-2&vary=opt&opts=rmsprop", "opts", "a comma-separated list of sgd, momentum, adam"},
            {"/api/experiments/sweep?scenario=case-2&vary=redo&redos=off,2", "redos", "a comma-separated list of off and thresholds τ"},
            {"/api/experiments/sweep?scenario=case-2&vary=redo&redoEvery=0", "redoEvery", "a whole number of updates from 1 to 1000000"},
        };
        for (String[] c : refused) {
            HttpResponse<String> bad = get(c[0]);
            assertEquals(400, bad.statusCode(), c[0]);
            JsonNode e = JSON.readTree(bad.body());
            assertEquals(c[1], e.get("parameter").asText(), c[0]);
            assertTrue(e.get("allowed").asText().startsWith(c[2]), e.toString());
        }
    }

    @Test
    void theResultSaysHowManyRunsWithADeadNeuronWereBornDeadAndLinksTheBornDeadExperiment() throws Exception {
        String q = "scenario=case-2&vary=opt&opts=sgd,adam&seeds=20&steps=300";
        JsonNode json = JSON.readTree(getWhenDone("/api/experiments/sweep?" + q).body());
        int born = 0;
        for (JsonNode row : json.get("rows")) born += row.get("bornDead").asInt();
        assertEquals(26, born, "13 of the 20 seeds of the 3-2-2-1 network start with a dead neuron, under either optimizer");
        String page = get("/experiments/sweep?" + q).body();
        if (page.contains("sse-connect")) page = getWhenDone("/experiments/sweep?" + q).body();
        Matcher note = Pattern.compile("<p class=\"result-summary\" id=\"born-dead-note\">Of the (\\d+) runs with a dead neuron, (\\d+) had one dead"
                + " from step 0 \\(born dead[^)]*\\) and (\\d+) had none dead at step 0 and lost one during training\\."
                + " <a href=\"/experiments/born-dead\">How often a network is born dead: the born-dead experiment</a></p>").matcher(page);
        assertTrue(note.find(), page);
        System.out.println("runs with a dead neuron " + note.group(1) + ", born dead " + note.group(2) + ", killed " + note.group(3));
        assertEquals(born, Integer.parseInt(note.group(2)));
        assertEquals(Integer.parseInt(note.group(1)), born + Integer.parseInt(note.group(3)));
        assertEquals(12, Integer.parseInt(note.group(3)), "of the 14 runs with no dead neuron at step 0 (7 per optimizer), 12 lost one in training");
        String zh = get("/experiments/sweep?" + q + "&lang=zh").body();
        assertTrue(zh.contains("次从第 0 步起就有一个死神经元（生来即死") && zh.contains(">网络生来即死的频率：生来即死实验</a>"), "in zh");

        String leaky = "scenario=case-2&act=leaky&vary=opt&opts=sgd&seeds=3&steps=50";
        getWhenDone("/api/experiments/sweep?" + leaky);
        String none = get("/experiments/sweep?" + leaky).body();
        assertTrue(none.contains("<h2 id=\"result-heading\">Results</h2>"), none);
        assertFalse(none.contains("born-dead-note"), "no dead neuron, nothing to say");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }
}
