package lab.deadrelu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.RunReport;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The JSON run format (RunReport as RunCommand writes it): keys, shapes, events, and no non-finite numbers. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RunReportTest {

    /** A reader that, like most JSON parsers, refuses NaN and Infinity. */
    static final ObjectMapper STRICT = new ObjectMapper();
    static final Set<String> STATES = Set.of("active", "dead", "permanently-dead", "saturated");
    static final Set<String> KINDS = Set.of("born-dead", "died", "revived", "permanent", "diverged");

    static RunSpec link(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return RunSpec.parse(m, Set.of());
    }

    static String json(RunSpec run, long steps, long every) throws Exception {
        return RunCommand.mapper().writeValueAsString(RunReport.record(run, steps, every));
    }

    static JsonNode report(String query, long steps, long every) throws Exception {
        String text = json(link(query), steps, every);
        assertFalse(text.contains("NaN"), "NaN in " + query);
        assertFalse(text.contains("Infinity"), "Infinity in " + query);
        return STRICT.readTree(text);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<JsonNode> events(JsonNode r, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : r.get("events")) if (e.get("kind").asText().equals(kind)) out.add(e);
        return out;
    }

    @Test
    void a_report_has_spec_data_snapshots_events_and_summary() throws Exception {
        JsonNode r = report("scenario=case-2", 20, 1);
        assertEquals(List.of("spec", "data", "snapshots", "events", "summary"), fieldNames(r));
        List<String> specKeys = new ArrayList<>(RunSpec.KEYS);
        specKeys.remove("at");
        specKeys.remove("mark");   // what the lab's charts mark is not part of the run
        specKeys.remove("view");   // nor how the lab page lays it out
        specKeys.remove("plane");  // nor which inputs it draws the input plane over
        specKeys.remove("redo");   // ReDo is off: its keys are left out, as in the link
        specKeys.remove("redoEvery");
        specKeys.remove("shift");   // a fixed target: likewise
        assertEquals(specKeys, fieldNames(r.get("spec")));
        JsonNode spec = r.get("spec");
        assertEquals("case-2", spec.get("scenario").asText());
        assertEquals("3-2-2-1", spec.get("layers").asText());
        assertTrue(spec.get("lr").isNumber() && spec.get("lr").asDouble() == 0.3);
        assertTrue(spec.get("seed").isIntegralNumber() && spec.get("seed").asLong() == 11358);
        assertTrue(spec.get("bias").isBoolean() && !spec.get("bias").asBoolean());
        assertTrue(spec.get("n").isInt() && spec.get("n").asInt() == 8);
        assertEquals("2.1", spec.get("focus").asText());

        JsonNode data = r.get("data");
        assertEquals(8, data.get("x").size());
        for (JsonNode row : data.get("x")) {
            assertEquals(3, row.size());
            for (JsonNode v : row) assertTrue(v.asDouble() >= 0 && v.asDouble() < 1);
        }
        assertEquals(8, data.get("y").size());

        JsonNode summary = r.get("summary");
        assertEquals(20, summary.get("steps").asLong());
        assertEquals(4, summary.get("hiddenNeurons").asInt());
        assertFalse(summary.get("diverged").asBoolean());
        assertFalse(summary.has("divergedAt"), "null fields are left out");
    }

    @Test
    void snapshots_come_at_step_0_every_k_steps_and_at_the_last_step() throws Exception {
        JsonNode r = report("scenario=case-2", 25, 10);
        List<Long> steps = new ArrayList<>();
        for (JsonNode f : r.get("snapshots")) steps.add(f.get("step").asLong());
        assertEquals(List.of(0L, 10L, 20L, 25L), steps);
        assertEquals(List.of(0L, 5L, 10L), stepsOf(report("scenario=case-2", 10, 5)));
        assertEquals(List.of(0L, 7L), stepsOf(report("scenario=case-2", 7, 100)));
        assertEquals(List.of(0L), stepsOf(report("scenario=case-2", 0, 1)));
    }

    static List<Long> stepsOf(JsonNode r) {
        List<Long> steps = new ArrayList<>();
        for (JsonNode f : r.get("snapshots")) steps.add(f.get("step").asLong());
        return steps;
    }

    @Test
    void a_snapshot_holds_the_step_epoch_loss_weights_biases_and_states_of_the_network() throws Exception {
        JsonNode r = report("scenario=deep-net-works-anyway", 70, 35);
        for (JsonNode f : r.get("snapshots")) {
            assertEquals(List.of("step", "epoch", "loss", "lr", "weights", "biases", "states", "dormant", "diverged"), fieldNames(f));
            assertEquals(List.of("0.025", "0.1"), fieldNames(f.get("dormant")));
            for (JsonNode perLayer : f.get("dormant")) {
                assertEquals(3, perLayer.size(), "a fraction per hidden layer");
                for (JsonNode x : perLayer) assertTrue(x.asDouble() >= 0 && x.asDouble() <= 1);
            }
            assertEquals(f.get("step").asLong() / 64, f.get("epoch").asLong());
            assertTrue(f.get("loss").asDouble() >= 0);
            int[] sizes = {3, 32, 32, 32, 1};
            JsonNode w = f.get("weights"), b = f.get("biases"), states = f.get("states");
            assertEquals(4, w.size());
            assertEquals(4, b.size());
            for (int l = 0; l < 4; l++) {
                assertEquals(sizes[l + 1], w.get(l).size());
                assertEquals(sizes[l + 1], b.get(l).size());
                for (JsonNode row : w.get(l)) assertEquals(sizes[l], row.size());
            }
            assertEquals(3, states.size(), "states per hidden layer");
            for (JsonNode layer : states) {
                assertEquals(32, layer.size());
                for (JsonNode s : layer) assertTrue(STATES.contains(s.asText()), s.asText());
            }
        }
        assertEquals(1, r.get("snapshots").get(2).get("epoch").asLong());
    }

    @Test
    void states_are_written_as_active_dead_permanently_dead_and_saturated() throws Exception {
        // case 1: h1^(1) born permanently dead
        assertEquals("permanently-dead", report("scenario=case-1", 0, 1).at("/snapshots/0/states/0/0").asText());
        assertEquals("active", report("scenario=case-1", 0, 1).at("/snapshots/0/states/0/1").asText());
        // the same weights with Leaky ReLU: saturated, not dead
        assertEquals("saturated", report("scenario=case-1&act=leaky", 0, 1).at("/snapshots/0/states/0/0").asText());
        // h1^(2) fed h1a (small) and h2a = 10 h1a through w21 = 1 > 0, w22 = -1: z <= 0 everywhere,
        // but a positive weight means the layer below could still revive it: dead, not permanently
        JsonNode r = report("scenario=case-2&w=0.1,0.1,0.1,1,1,1,1,-1,1,1,1,1", 0, 1);
        assertEquals("dead", r.at("/snapshots/0/states/1/0").asText());
        assertEquals("active", r.at("/snapshots/0/states/1/1").asText());
    }

    @Test
    void case_2s_death_is_written_with_its_cause() throws Exception {
        JsonNode r = report("scenario=case-2", 30, 1);
        List<JsonNode> died = events(r, "died");
        assertEquals(1, died.size());
        JsonNode e = died.get(0);
        assertEquals(List.of("step", "layer", "neuron", "name", "kind", "by", "lr", "gradient", "weightsBefore", "weightsAfter",
                "biasGradient", "biasBefore", "biasAfter"), fieldNames(e));
        long k = e.get("step").asLong();
        assertEquals(1, e.get("layer").asInt());
        assertEquals(0, e.get("neuron").asInt());
        assertEquals("h1^(2)", e.get("name").asText());
        assertEquals("update", e.get("by").asText());
        double lr = e.get("lr").asDouble();
        assertEquals(0.3, lr);
        for (int j = 0; j < 2; j++) {
            double before = e.get("weightsBefore").get(j).asDouble(), after = e.get("weightsAfter").get(j).asDouble();
            double g = e.get("gradient").get(j).asDouble();
            assertTrue(g > 0 && after < 0, e.toString());
            assertEquals(before - lr * g, after, "after == before - lr * gradient");
        }
        // the snapshot of that step shows it permanently dead with the weights after
        JsonNode f = r.get("snapshots").get((int) k);
        assertEquals(k, f.get("step").asLong());
        assertEquals("permanently-dead", f.at("/states/1/0").asText());
        assertEquals(e.get("weightsAfter"), f.at("/weights/1/0"));
        assertEquals("active", r.get("snapshots").get((int) k - 1).at("/states/1/0").asText());

        List<JsonNode> permanent = events(r, "permanent");
        assertEquals(1, permanent.size());
        assertEquals(k, permanent.get(0).get("step").asLong());
        assertEquals(List.of("step", "layer", "neuron", "name", "kind", "by"), fieldNames(permanent.get(0)), "no cause, no null fields");
    }

    @Test
    void born_dead_and_revived_events_have_no_cause_fields() throws Exception {
        JsonNode r = report("scenario=case-1&ops=redraw@5", 10, 1);
        JsonNode born = events(r, "born-dead").get(0);
        assertEquals(0, born.get("step").asLong());
        assertEquals("h1^(1)", born.get("name").asText());
        assertEquals("init", born.get("by").asText());
        assertEquals(List.of("step", "layer", "neuron", "name", "kind", "by"), fieldNames(born));
        JsonNode revived = events(r, "revived").get(0);
        assertEquals(5, revived.get("step").asLong());
        assertEquals("redraw", revived.get("by").asText());
        assertEquals(List.of("step", "layer", "neuron", "name", "kind", "by"), fieldNames(revived));
        assertEquals("redraw@5", r.get("spec").get("ops").asText());
    }

    @Test
    void event_kinds_are_the_documented_codes() throws Exception {
        Set<String> seen = new java.util.HashSet<>();
        for (String q : List.of("scenario=case-1&ops=redraw@5", "scenario=case-2", "scenario=deep-net-works-anyway",
                "scenario=leaky-rescues-case-2&lr=1000000")) {
            for (JsonNode e : report(q, 300, 100).get("events")) {
                assertTrue(KINDS.contains(e.get("kind").asText()), e.toString());
                seen.add(e.get("kind").asText());
            }
        }
        assertEquals(KINDS, seen);
    }

    @Test
    void a_diverged_run_writes_no_NaN_or_Infinity_and_says_it_diverged() throws Exception {
        for (String q : List.of("scenario=leaky-rescues-case-2&lr=1000000", "scenario=deep-net-works-anyway&lr=1000000",
                "scenario=healthy&act=elu&lr=1000000", "scenario=case-2&bias=true&act=leaky&alpha=10&lr=1000000")) {
            JsonNode r = report(q, 200, 1);
            JsonNode summary = r.get("summary");
            assertTrue(summary.get("diverged").asBoolean(), q);
            long at = summary.get("divergedAt").asLong();
            assertTrue(at >= 1, q);
            List<JsonNode> diverged = events(r, "diverged");
            assertEquals(1, diverged.size(), q);
            assertEquals(at, diverged.get(0).get("step").asLong());
            assertEquals(-1, diverged.get(0).get("layer").asInt());
            assertEquals("network", diverged.get(0).get("name").asText());
            JsonNode snapshots = r.get("snapshots");
            JsonNode last = snapshots.get(snapshots.size() - 1);
            assertEquals(summary.get("steps").asLong(), last.get("step").asLong(), "the last snapshot is the last step done");
            assertTrue(last.get("diverged").asBoolean());
            assertTrue(summary.get("steps").asLong() < 200);
            assertTrue(Double.isFinite(summary.get("finalLoss").asDouble()));
        }
    }

    @Test
    void a_huge_lambda_that_kills_everything_still_writes_only_finite_numbers() throws Exception {
        JsonNode r = report("scenario=case-2&lr=1000000", 100, 1);
        assertFalse(r.get("summary").get("diverged").asBoolean());
        assertEquals(4, r.get("summary").get("deadNeurons").asInt());
    }

    @Test
    void more_than_a_million_steps_are_refused_naming_steps() {
        InvalidParameter bad = assertThrows(InvalidParameter.class, () -> RunReport.record(link("scenario=case-2"), 1_000_001, 1000));
        assertEquals("steps", bad.parameter);
        assertTrue(bad.allowed.contains("1000000"));
        assertEquals("steps", assertThrows(InvalidParameter.class, () -> RunReport.record(link("scenario=case-2"), -1, 1)).parameter);
    }

    @Test
    void more_than_10000_snapshots_are_refused_naming_every() {
        RunSpec run = link("scenario=case-2");
        for (long[] stepsEvery : new long[][] {{1_000_000, 1}, {10_000, 1}, {20_000, 2}, {19_999, 2}, {1_000_000, 99}}) {
            InvalidParameter bad = assertThrows(InvalidParameter.class, () -> RunReport.record(run, stepsEvery[0], stepsEvery[1]),
                    stepsEvery[0] + " steps, every " + stepsEvery[1]);
            assertEquals("every", bad.parameter);
            // the hint names an `every` that is accepted
            Matcher m = Pattern.compile("at least (\\d+)").matcher(bad.allowed);
            assertTrue(m.find(), bad.allowed);
            long hint = Long.parseLong(m.group(1));
            long snapshots = 1 + (stepsEvery[0] + hint - 1) / hint;
            assertTrue(snapshots <= RunReport.MAX_SNAPSHOTS, bad.allowed + ": every " + hint + " gives " + snapshots + " snapshots");
        }
        assertEquals("every", assertThrows(InvalidParameter.class, () -> RunReport.record(run, 10, 0)).parameter);
    }

    @Test
    void exactly_10000_snapshots_are_allowed() {
        assertEquals(10_000, RunReport.record(link("scenario=case-2"), 9_999, 1).snapshots().size());
        assertEquals(10_000, RunReport.record(link("scenario=case-2"), 19_998, 2).snapshots().size());
        assertEquals(10_000, RunReport.record(link("scenario=case-2"), 19_997, 2).snapshots().size());
    }
}
