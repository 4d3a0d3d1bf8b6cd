package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.deadrelu.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import picocli.CommandLine;

/**
 * One hostile client cannot break the server for a class: the `chaos` command, at a size that fits the
 * test budget, against the real server process with a small heap (-Xmx256m), while one student plays
 * case-2. The command itself checks the student's frames, every answer and /healthz at every moment;
 * this test adds the server's own log: no OutOfMemoryError, no exception, no ERROR line.
 * `java -jar target/dead-relu-lab.jar chaos --help` runs it at any size (see the README).
 *
 * Opt-in for now (-Ddeadrelu.chaos=true): on this 2-core machine the big-labs attack still starves the
 * student's stream (each 8x64, n = 10,000 lab page costs about a second of CPU to build and render), so
 * it fails; it joins `mvn verify` once that holds.
 */
@EnabledIfSystemProperty(named = "deadrelu.chaos", matches = "true")
class ChaosTest {

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aStudentPlaysOnWhileLargeLabsHugeRunsUnwatchedPlayForgedCookiesAndFullQueuesAreThrownAtTheServer() throws Exception {
        String token = Sessions.newId();
        try (ServerProcess server = ServerProcess.start("chaos", List.of("-Xmx256m", "-XX:+UseSerialGC"), Map.of("METRICS_TOKEN", token))) {
            StringWriter printed = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(printed));
            cli.setErr(new PrintWriter(printed));
            int status = cli.execute("chaos", "--base", "http://127.0.0.1:" + server.port(), "--seconds", "20",
                    "--attackers", "10", "--addresses", "10", "--student", "scenario=case-2",
                    "--metrics", "http://127.0.0.1:" + server.port() + "/metrics", "--metrics-token", token);
            String report = printed.toString();
            System.out.println(report);
            assertEquals(0, status, report);
            String log = server.output();
            for (String bad : List.of("OutOfMemoryError", "Exception", " ERROR "))
                assertFalse(log.contains(bad), "the server's log has " + bad + ":\n" + log);
        }
    }
}
