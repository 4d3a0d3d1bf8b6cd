package lab.deadrelu.web;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the server logs while a test class runs (slf4j-simple writes to System.err, looked up at each
 * line), still shown on the console; after each test, no exception and no error may be in it:
 * "no exception in the log" is part of what a reliability test asserts.
 */
final class ServerLog implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    public void beforeAll(ExtensionContext context) {
        original = System.err;
        OutputStream both = new OutputStream() {
            @Override public void write(int b) {
                original.write(b);
                synchronized (captured) { captured.write(b); }
            }

            @Override public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) { captured.write(b, off, len); }
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
            captured.reset();
        }
        List<String> bad = text.lines().filter(ServerLog::troubling).toList();
        if (!bad.isEmpty()) throw new AssertionError("the server logged " + bad.size() + " troubling line(s), first: " + bad.get(0) + "\n" + text);
    }

    /** What the server logged so far in this test. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.setErr(original);
    }

    /** An exception's name or stack frame, or a line logged at ERROR. */
    static boolean troubling(String line) {
        return line.contains("Exception") || line.contains("Error:") || line.startsWith("\tat ") || line.matches(".*\\] ERROR .*");
    }
}
