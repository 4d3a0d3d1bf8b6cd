package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The log check the reliability tests lean on must catch what it is there for. */
class ServerLogTest {

    @Test
    void aLoggedExceptionFailsTheCheckAndAQuietLogPasses() {
        ServerLog log = new ServerLog();
        log.beforeAll(null);
        try {
            org.slf4j.LoggerFactory.getLogger("lab.deadrelu.test").warn("a warning with a cause", new IllegalStateException("boom"));
            AssertionError e = assertThrows(AssertionError.class, () -> log.afterEach(null));
            assertTrue(e.getMessage().contains("IllegalStateException"), e.getMessage());
            org.slf4j.LoggerFactory.getLogger("lab.deadrelu.test").info("an ordinary line");
            log.afterEach(null);   // what was seen is cleared after each test; nothing troubling since
        } finally {
            log.afterAll(null);
        }
    }

    @Test
    void troublingLinesAreExceptionsStackFramesAndErrors() {
        assertTrue(ServerLog.troubling("java.lang.IllegalStateException: boom"));
        assertTrue(ServerLog.troubling("\tat lab.deadrelu.web.lab.Lab.page(Lab.java:42)"));
        assertTrue(ServerLog.troubling("[main] ERROR lab.deadrelu.web.App - failed"));
        assertFalse(ServerLog.troubling("[main] INFO lab.deadrelu.cli.ServeCommand - listening on 7070"));
    }
}
