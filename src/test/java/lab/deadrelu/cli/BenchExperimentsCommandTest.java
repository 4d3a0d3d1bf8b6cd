package lab.deadrelu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bench-experiments is registered, refuses bad options, and prints its two figures (their values are not asserted). */
class BenchExperimentsCommandTest {

    @Test
    void itIsACommandOfTheJar() {
        CommandLineTest.Result r = CommandLineTest.run("--help");
        assertTrue(r.out().contains("bench-experiments"), r.out());
        CommandLineTest.Result bad = CommandLineTest.run("bench-experiments", "--runs", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--runs must be 1..100"), bad.err());
    }

    @Test
    void oneRunPrintsBothTimingsAndWhatTheyComputed() {
        PrintStream before = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = CommandLineTest.run("bench-experiments", "--runs", "1").exit();
        } finally {
            System.setOut(before);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        assertTrue(out.matches("(?s)sweep_seconds=\\d+\\.\\d{3}\nborn_dead_seconds=\\d+\\.\\d{3}\n.*"), out);
        assertTrue(out.contains("# sweep scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=100&steps=2000: 1,000 runs, 2,000,000 steps"), out);
        assertTrue(out.contains("pDeadAtPoint 0.4748 (theory 0.4755)"), out);
    }
}
