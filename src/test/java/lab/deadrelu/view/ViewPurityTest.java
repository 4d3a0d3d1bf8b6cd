package lab.deadrelu.view;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The view package is geometry and records: no web framework, no markup built in Java. */
class ViewPurityTest {
    @Test
    void noWebImportsAndNoMarkupInJava() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/lab/deadrelu/view"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty());
        for (Path p : sources) {
            String code = Files.readString(p);
            assertFalse(code.contains("import io.javalin") || code.contains("import jakarta.servlet")
                    || code.contains("import org.eclipse.jetty"), p + " imports a web framework");
            assertFalse(code.matches("(?s).*\"[^\"\\n]*<(svg|path|line|text|g|polyline|rect|circle|title|desc|a|li|ul)[ >/][^\"\\n]*\".*"),
                    p + " builds markup in a string");
        }
    }
}
