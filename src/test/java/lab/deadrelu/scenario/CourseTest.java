package lab.deadrelu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import org.junit.jupiter.api.Test;

/** lock, title and note in the run link: validated, canonical, encoded, kept by every change of the run. */
class CourseTest {
    private static RunSpec parse(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            m.put(p.substring(0, eq), java.net.URLDecoder.decode(p.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return RunSpec.parse(m, Set.of());
    }

    @Test
    void locksAreCanonicalAndTextIsEncoded() {
        assertEquals("scenario=case-2&lock=lr,act,walk&title=A+%26+B&note=x%3Dy",
                parse("scenario=case-2&note=x%3Dy&lock=walk,act,lr&title=A+%26+B").toQuery());
        assertEquals("scenario=case-2", parse("scenario=case-2&lock=&title=&note=").toQuery());
    }

    @Test
    void badLocksAndLongTextAreRefused() {
        assertEquals("lock", assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&lock=lr,lr")).parameter);
        assertEquals("lock", assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&lock=play")).parameter);
        assertEquals("title", assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&title=" + "x".repeat(81))).parameter);
        assertEquals("note", assertThrows(InvalidParameter.class, () -> parse("scenario=case-2&note=" + "x".repeat(301))).parameter);
        assertEquals(80, parse("scenario=case-2&title=" + "中".repeat(80)).course().title().length());
    }

    @Test
    void everyChangeOfTheRunKeepsTheCourse() {
        RunSpec run = parse("scenario=case-2&lock=lr&title=T");
        Course c = run.course();
        assertEquals(c, run.at(5).course());
        assertEquals(c, run.focus(1, 1).course());
        assertEquals(c, run.mark(3L).course());
        assertEquals(c, run.restarted(run.spec().withActivation(lab.deadrelu.engine.Activation.LEAKY, 0.01)).course());
    }
}
