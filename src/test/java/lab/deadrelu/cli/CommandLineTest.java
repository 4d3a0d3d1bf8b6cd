package lab.deadrelu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import lab.deadrelu.Main;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** `run` on the command line, in-process: output, JSON, and one-line errors with exit status 2. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommandLineTest {

    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void run_json_prints_the_run_as_json_with_a_snapshot_per_step() throws Exception {
        Result r = run("run", "--scenario", "case-2", "--steps", "50", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(51, json.get("snapshots").size());
        assertEquals(50, json.get("snapshots").get(50).get("step").asLong());
        assertEquals("case-2", json.get("spec").get("scenario").asText());
        assertEquals(50, json.get("summary").get("steps").asLong());
        assertTrue(json.get("events").size() >= 1);
    }

    @Test
    void run_json_honours_every_and_parameter_overrides() throws Exception {
        Result r = run("run", "--scenario", "case-2", "--steps", "50", "--every", "10", "--lr", "0.03", "--ops", "reinit@20", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(6, json.get("snapshots").size());
        assertEquals(0.03, json.get("spec").get("lr").asDouble());
        assertEquals("reinit@20", json.get("spec").get("ops").asText());
        assertEquals(0.03, json.get("snapshots").get(5).get("lr").asDouble());
    }

    @Test
    void run_with_redo_recycles_every_kth_update_and_the_json_says_so() throws Exception {
        Result r = run("run", "--scenario", "case-2", "--steps", "200", "--every", "100", "--redo", "0.1", "--redo-every", "100", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(0.1, json.get("spec").get("redo").asDouble());
        assertEquals(100, json.get("spec").get("redoEvery").asLong());
        assertEquals(0.0, json.get("snapshots").get(1).get("dormant").get("0.1").get(1).asDouble(), "h1^(2) recycled at step 100: nobody dormant in layer 2");
        boolean recycled = false;
        for (JsonNode e : json.get("events")) recycled |= e.get("kind").asText().equals("recycled") && e.get("step").asLong() == 100 && e.get("by").asText().equals("redo");
        assertTrue(recycled, r.out());
        Result summary = run("run", "--scenario", "case-2", "--steps", "100", "--redo", "0.1", "--redo-every", "100");
        assertTrue(summary.out().startsWith("case-2  (scenario=case-2&redo=0.1&redoEvery=100)"), summary.out());
        assertTrue(summary.out().lines().toList().contains("  step 100: h1^(2) recycled (redo)"), summary.out());
    }

    @Test
    void run_with_shift_moves_the_target_and_a_bad_shift_is_one_line_naming_the_option() throws Exception {
        Result r = run("run", "--scenario", "healthy", "--steps", "20", "--every", "10", "--shift", "10", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(10, json.get("spec").get("shift").asLong());
        Result fixed = run("run", "--scenario", "healthy", "--steps", "20", "--every", "10", "--json");
        JsonNode still = new ObjectMapper().readTree(fixed.out());
        assertEquals(still.get("snapshots").get(0).get("loss").asDouble(), json.get("snapshots").get(0).get("loss").asDouble(), "step 0: the data set's own targets");
        assertNotEquals(still.get("snapshots").get(2).get("loss").asDouble(), json.get("snapshots").get(2).get("loss").asDouble(), "step 20: phase 2's");
        Result bad = run("run", "--scenario", "healthy", "--shift", "-5");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("error: --shift: "), bad.err());
        assertTrue(bad.err().contains("from 1 to 1000000"), bad.err());
    }

    @Test
    void the_summary_of_case_2_names_the_death_of_h1_of_layer_2() {
        Result r = run("run", "--scenario", "case-2");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("case-2  (scenario=case-2)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("steps 500,"), lines.get(1));
        assertTrue(lines.get(1).contains("dead neurons 1 of 4"), lines.get(1));
        assertTrue(lines.contains("  step 8: h1^(2) died"), r.out());
        assertTrue(lines.contains("  step 8: h1^(2) permanent"), r.out());
    }

    @Test
    void the_summary_of_a_link_with_changes_shows_its_canonical_link() {
        Result r = run("run", "--scenario", "case-1", "--steps", "10", "--seed", "0", "--lr", "0.020");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("case-1  (scenario=case-1&seed=0)"), r.out());
        assertFalse(r.out().contains("h1^(1) born-dead"), "seed 0 gives a live h1^(1): " + r.out());
    }

    @Test
    void a_diverged_run_says_so_and_exits_0() {
        Result r = run("run", "--scenario", "leaky-rescues-case-2", "--lr", "1000000", "--steps", "100");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("DIVERGED at step"), r.out());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--scenario", "case-9"), "--scenario"),
                Arguments.of(List.of("--lr", "0"), "--lr"),
                Arguments.of(List.of("--lr", "-1"), "--lr"),
                Arguments.of(List.of("--lr", "abc"), "--lr"),
                Arguments.of(List.of("--lr", "NaN"), "--lr"),
                Arguments.of(List.of("--redo", "0.1"), "--redo"),
                Arguments.of(List.of("--redo", "2", "--redo-every", "10"), "--redo"),
                Arguments.of(List.of("--redo-every", "10"), "--redo-every"),
                Arguments.of(List.of("--redo", "0.1", "--redo-every", "0"), "--redo-every"),
                Arguments.of(List.of("--lr", "1e7"), "--lr"),
                Arguments.of(List.of("--layers", "3-0-1"), "--layers"),
                Arguments.of(List.of("--layers", "3-1000-1"), "--layers"),
                Arguments.of(List.of("--layers", "3-2-2-2"), "--layers"),
                Arguments.of(List.of("--act", "tanh"), "--act"),
                Arguments.of(List.of("--act", "tan\nh"), "--act"),
                Arguments.of(List.of("--alpha", "0"), "--alpha"),
                Arguments.of(List.of("--batch", "9"), "--batch"),
                Arguments.of(List.of("--n", "0"), "--n"),
                Arguments.of(List.of("--seed", "-1"), "--seed"),
                Arguments.of(List.of("--ops", "boom@3"), "--ops"),
                Arguments.of(List.of("--ops", "lr:0@3"), "--ops"),
                Arguments.of(List.of("--steps", "abc"), "--steps"),
                Arguments.of(List.of("--steps", "2000000"), "--steps"),
                Arguments.of(List.of("--steps", "-1"), "--steps"),
                Arguments.of(List.of("--every", "0"), "--every"),
                Arguments.of(List.of("--every", "x"), "--every"),
                Arguments.of(List.of("--steps", "1000000", "--every", "1"), "--every"),
                Arguments.of(List.of("--bogus", "1"), "--bogus"));
    }

    @ParameterizedTest(name = "run {0}: exit 2, one line naming {1}")
    @MethodSource("badArguments")
    void a_bad_argument_exits_2_with_one_line_on_stderr_naming_it(List<String> args, String named) {
        String[] all = Stream.concat(Stream.of("run"), args.stream()).toArray(String[]::new);
        Result r = run(all);
        assertEquals(2, r.exit(), r.err() + r.out());
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(1, r.errLines().size(), "one line: " + r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: "), line);
        assertTrue(line.contains(named), line + " should name " + named);
    }

    @Test
    void an_unknown_scenario_error_lists_the_scenarios() {
        String line = run("run", "--scenario", "case-9").errLines().get(0);
        assertTrue(line.contains("case-1") && line.contains("deep-net-works-anyway") && line.contains("healthy"), line);
    }

    @Test
    void help_lists_the_commands_and_exits_0() {
        Result r = run("--help");
        assertEquals(0, r.exit());
        for (String command : new String[] {"serve", "run", "bench"}) assertTrue(r.out().contains(command), r.out());
    }
}
