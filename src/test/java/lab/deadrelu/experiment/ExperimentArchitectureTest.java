package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The experiments are logic: no web framework, templates, JSON, views or unseeded randomness in them. */
class ExperimentArchitectureTest {
    static final Path DIR = Path.of("src", "main", "java", "lab", "deadrelu", "experiment");
    static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bio\\.javalin\\b"), Pattern.compile("\\bgg\\.jte\\b"), Pattern.compile("\\bcom\\.fasterxml\\b"),
            Pattern.compile("\\blab\\.deadrelu\\.(web|view)\\b"), Pattern.compile("\\bjava\\.net\\b"),
            Pattern.compile("\\bMath\\s*\\.\\s*random\\s*\\("), Pattern.compile("\\bnew\\s+(java\\.util\\.)?Random\\s*\\("),
            Pattern.compile("\\bThreadLocalRandom\\b"));

    @Test
    void experimentSourcesUseNoWebImportsAndNoUnseededRandomness() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DIR)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "the guard must see the sources: " + files);
        List<String> violations = new ArrayList<>();
        for (Path file : files) {
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String code = lines[i].replaceAll("//.*$", "").replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"");
                if (code.trim().startsWith("*") || code.trim().startsWith("/*")) continue;
                for (Pattern p : FORBIDDEN) if (p.matcher(code).find()) violations.add(file.getFileName() + ":" + (i + 1) + ": " + lines[i].trim());
            }
        }
        assertEquals(List.of(), violations);
    }
}
