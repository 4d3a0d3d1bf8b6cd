package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lab.deadrelu.Main;
import lab.deadrelu.scenario.RunReport;
import lab.deadrelu.scenario.RunReportJson;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.web.api.RunsApi;
import org.junit.jupiter.api.Test;

/**
 * /api/runs writes its JSON as the run is played, byte for byte what the whole report serialises to
 * (and what `run --json` prints), within a size it can tell before it starts: a larger request is a
 * 400 naming `every` and what fits.
 */
class RunsApiStreamingTest extends LabTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunThatFitsIsStreamedByteForByteAsTheWholeReportSerialises() throws Exception {
        for (String[] q : new String[][] {{"scenario=case-2&ops=lr:0.03@20,reinit@30", "60", "7"}, {"scenario=deep-net-works-anyway", "200", "20"},
                {"scenario=leaky-rescues-case-2&lr=1000000", "50", "10"}}) {
            HttpResponse<String> r = get("/api/runs?" + q[0] + "&steps=" + q[1] + "&every=" + q[2]);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            RunSpec run = MemoryAdmissionTest.link(q[0]);
            String whole = RunReportJson.MAPPER.writeValueAsString(RunReport.record(run, Long.parseLong(q[1]), Long.parseLong(q[2])));
            assertEquals(whole, r.body(), q[0]);
            assertEquals(JSON.readTree(whole), JSON.readTree(r.body()));
        }
    }

    @Test
    void theCommandLinePrintsTheSameJson() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = Main.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        assertEquals(0, cli.execute("run", "--scenario", "case-2", "--steps", "40", "--every", "5", "--json"));
        assertEquals(get("/api/runs?scenario=case-2&steps=40&every=5").body(), out.toString().strip());
    }

    @Test
    void theDeepScenarioSnapshotEveryStepFor3000StepsIsA400NamingEveryAndWhatFits() throws Exception {
        HttpResponse<String> r = get("/api/runs?scenario=deep-net-works-anyway&steps=3000&every=1");
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = JSON.readTree(r.body());
        assertEquals("every", error.get("parameter").asText());
        assertEquals("1", error.get("value").asText());
        RunSpec deep = MemoryAdmissionTest.link("scenario=deep-net-works-anyway");
        long fit = (RunsApi.ANSWER_BYTES - RunReport.fixedBytes(deep)) / RunReport.snapshotBytes(deep);
        long least = RunReport.leastEvery(3000, fit);
        String allowed = error.get("allowed").asText();
        assertTrue(allowed.startsWith("at least " + least + " for steps=3000 on this network: at most " + fit + " snapshots"), allowed);
        assertTrue(least > 1 && least < 3000, allowed);

        // just below what fits is refused the same way; what fits is answered, and is no larger than estimated
        assertEquals(400, get("/api/runs?scenario=deep-net-works-anyway&steps=3000&every=" + (least - 1)).statusCode());
        HttpResponse<byte[]> ok = send(HttpRequest.newBuilder(uri("/api/runs?scenario=deep-net-works-anyway&steps=3000&every=" + least)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ok.statusCode());
        String body = new String(ok.body(), StandardCharsets.UTF_8);
        int events = body.indexOf(",\"events\":["), summary = body.indexOf(",\"summary\":{");
        assertTrue(events > 0 && summary > events);
        long withoutEvents = body.length() - (summary - events);
        assertTrue(withoutEvents <= RunReport.answerBytes(deep, 3000, least) && RunReport.answerBytes(deep, 3000, least) <= RunsApi.ANSWER_BYTES,
                withoutEvents + " bytes before the events");
        assertEquals(List.of(0L, least), List.of(JSON.readTree(body).get("snapshots").get(0).get("step").asLong(),
                JSON.readTree(body).get("snapshots").get(1).get("step").asLong()));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws Exception {
        return client.send(request.build(), body);
    }
}
