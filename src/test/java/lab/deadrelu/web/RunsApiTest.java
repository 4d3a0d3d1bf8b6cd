package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/runs?<link>&steps=N&every=K: a run as JSON, for notebooks. */
class RunsApiTest extends LabTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode run(String query) throws Exception {
        HttpResponse<String> r = get("/api/runs?" + query);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertFalse(r.body().contains("NaN") || r.body().contains("Infinity"), "JSON has no NaN or Infinity: " + query);
        return JSON.readTree(r.body());
    }

    private static List<Long> steps(JsonNode report) {
        List<Long> steps = new ArrayList<>();
        for (JsonNode s : report.get("snapshots")) steps.add(s.get("step").asLong());
        return steps;
    }

    /** Every number in the tree is finite, and no text pretends to be one that is not. */
    private static void assertAllFinite(JsonNode node, String where) {
        if (node.isNumber()) assertTrue(Double.isFinite(node.asDouble()), where);
        if (node.isTextual()) assertFalse(node.asText().matches("(?i)-?(nan|infinity)"), where + " = " + node.asText());
        if (node.isArray()) for (int i = 0; i < node.size(); i++) assertAllFinite(node.get(i), where + "[" + i + "]");
        if (node.isObject()) node.fields().forEachRemaining(f -> assertAllFinite(f.getValue(), where + "." + f.getKey()));
    }

    @Test
    void caseTwoForFiftyStepsEveryTenHasTheSpecTheDataSixSnapshotsAndTheDeath() throws Exception {
        JsonNode r = run("scenario=case-2&steps=50&every=10");
        JsonNode spec = r.get("spec");
        assertEquals("case-2", spec.get("scenario").asText());
        assertEquals("3-2-2-1", spec.get("layers").asText());
        assertEquals(0.3, spec.get("lr").asDouble());
        assertEquals(11358, spec.get("seed").asLong());
        assertFalse(spec.get("bias").asBoolean());
        assertEquals(8, r.get("data").get("x").size());
        assertEquals(3, r.get("data").get("x").get(0).size());
        assertEquals(8, r.get("data").get("y").size());

        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L), steps(r));
        JsonNode first = r.get("snapshots").get(0);
        assertEquals(3, first.get("weights").size(), "three weight matrices for 3-2-2-1");
        assertEquals(3, first.get("weights").get(0).get(0).size(), "a first-layer neuron has three inputs");
        assertEquals(List.of("active", "active"), List.of(first.get("states").get(1).get(0).asText(), first.get("states").get(1).get(1).asText()));
        assertEquals("permanently-dead", r.get("snapshots").get(5).get("states").get(1).get(0).asText());

        JsonNode died = null;
        for (JsonNode e : r.get("events")) if (e.get("kind").asText().equals("died") && e.get("name").asText().equals("h1^(2)")) died = e;
        assertTrue(died != null, r.get("events").toString());
        assertEquals(8, died.get("step").asLong());
        assertEquals(1, died.get("layer").asInt());
        assertEquals(0, died.get("neuron").asInt());
        assertEquals(0.3, died.get("lr").asDouble());
        for (JsonNode w : died.get("weightsAfter")) assertTrue(w.asDouble() < 0, "both w21 and w22 pushed below zero: " + died);
        for (JsonNode w : died.get("weightsBefore")) assertTrue(w.asDouble() > 0, "both were positive before: " + died);

        JsonNode summary = r.get("summary");
        assertEquals(50, summary.get("steps").asLong());
        assertEquals(1, summary.get("deadNeurons").asInt());
        assertEquals(4, summary.get("hiddenNeurons").asInt());
        assertFalse(summary.get("diverged").asBoolean());
    }

    @Test
    void theSameLinkGivesByteIdenticalJson() {
        String q = "scenario=case-2&ops=lr:0.03@20,reinit@30&steps=60&every=7";
        assertEquals(get("/api/runs?" + q).body(), get("/api/runs?" + q).body());
    }

    @Test
    void interventionsInTheLinkAreReplayed() throws Exception {
        JsonNode r = run("scenario=case-2&ops=lr:0.03@4&steps=10&every=5");
        assertEquals("lr:0.03@4", r.get("spec").get("ops").asText());
        assertEquals(List.of(0L, 5L, 10L), steps(r));
        assertEquals(0.3, r.get("snapshots").get(0).get("lr").asDouble());
        assertEquals(0.03, r.get("snapshots").get(1).get("lr").asDouble());
    }

    @Test
    void withoutStepsTheScenariosOwnLengthIsPlayedAndTheLastStepIsAlwaysASnapshot() throws Exception {
        JsonNode r = run("scenario=case-2&every=100");
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L), steps(r));
        assertEquals(List.of(0L, 7L, 10L), steps(run("scenario=case-2&steps=10&every=7")));
    }

    @Test
    void tooManyStepsOrSnapshotsAreRefusedBeforeAnythingRuns() throws Exception {
        HttpResponse<String> big = get("/api/runs?scenario=case-2&steps=2000000");
        assertEquals(400, big.statusCode());
        JsonNode body = JSON.readTree(big.body());
        assertEquals("steps", body.get("parameter").asText());
        assertEquals("2000000", body.get("value").asText());
        assertEquals("a whole number from 0 to 1000000", body.get("allowed").asText());

        long t0 = System.nanoTime();
        HttpResponse<String> many = get("/api/runs?scenario=case-2&steps=1000000&every=1");
        assertEquals(400, many.statusCode());
        assertEquals("every", JSON.readTree(many.body()).get("parameter").asText());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused without playing a million steps");
    }

    @Test
    void aHugeStepSizeGivesFiniteNumbersAndSaysWhenItDiverged() throws Exception {
        for (String scenario : List.of("case-2", "healthy", "leaky-rescues-case-2")) {
            assertAllFinite(run("scenario=" + scenario + "&lr=1000000&steps=50&every=10"), scenario);
        }
        JsonNode leaky = run("scenario=leaky-rescues-case-2&lr=1000000&steps=50&every=10");
        JsonNode summary = leaky.get("summary");
        assertTrue(summary.get("diverged").asBoolean(), summary.toString());
        long at = summary.get("divergedAt").asLong();
        assertTrue(at > 0 && at <= 50, summary.toString());
        JsonNode last = leaky.get("snapshots").get(leaky.get("snapshots").size() - 1);
        assertTrue(last.get("diverged").asBoolean());
        boolean said = false;
        for (JsonNode e : leaky.get("events")) said |= e.get("kind").asText().equals("diverged") && e.get("step").asLong() == at;
        assertTrue(said, "a diverged event at the step: " + leaky.get("events"));
    }
}
