package lab.deadrelu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bench-scrub is registered, refuses bad options, and prints its two figures (their values are not asserted). */
class BenchScrubCommandTest {

    @Test
    void itIsACommandOfTheJarAndRefusesBadOptions() {
        assertTrue(CommandLineTest.run("--help").out().contains("bench-scrub"));
        CommandLineTest.Result bad = CommandLineTest.run("bench-scrub", "--step", "5");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--step must be 1000..1000000"), bad.err());
        assertEquals(2, CommandLineTest.run("bench-scrub", "--scrubs", "0").exit());
    }

    @Test
    void aShortRunPrintsTheMedianAndSpreadOfBothKindsOfScrub() {
        PrintStream before = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = CommandLineTest.run("bench-scrub", "--step", "2000", "--scrubs", "5").exit();
        } finally {
            System.setOut(before);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        String figures = "median=\\d+\\.\\d\\d min=\\d+\\.\\d\\d max=\\d+\\.\\d\\d p90=\\d+\\.\\d\\d n=5";
        assertTrue(out.matches("(?s)(.*\n)?scrub_back_ms " + figures + "\nscrub_jump_ms " + figures + "\n.*"), out);
        assertTrue(out.contains("# /lab?scenario=case-2&pause=off&at=2000 opened in"), out);
        assertTrue(out.contains("back: steps 1999 down to 1995"), out);
    }
}
