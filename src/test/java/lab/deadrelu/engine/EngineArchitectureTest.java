package lab.deadrelu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine is plain Java: no web framework, no templates, no JSON, no network, and no randomness
 * that does not come from the run's seed (a link must replay the same numbers).
 */
class EngineArchitectureTest {
    static final Path ENGINE = Path.of("src", "main", "java", "lab", "deadrelu", "engine");

    /** What may not appear in engine code (comments and string literals are ignored). */
    static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bio\\.javalin\\b"),
            Pattern.compile("\\bgg\\.jte\\b"),
            Pattern.compile("\\bcom\\.fasterxml\\b"),
            Pattern.compile("\\bjava\\.net\\b"),
            Pattern.compile("\\bjavax\\.servlet\\b"),
            Pattern.compile("\\bjakarta\\."),
            Pattern.compile("\\bMath\\s*\\.\\s*random\\s*\\("),          // also StrictMath.random(
            Pattern.compile("\\bnew\\s+(java\\.util\\.)?Random\\s*\\("),
            Pattern.compile("\\bThreadLocalRandom\\b"),                 // unseeded too
            Pattern.compile("\\bimport\\s+java\\.util\\.Random\\s*;"));

    @Test
    void engineSourcesUseNoWebImportsAndNoUnseededRandomness() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ENGINE)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 18, "the guard must see the engine's sources, found " + files);
        List<String> violations = new ArrayList<>();
        for (Path file : files) violations.addAll(violations(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        assertEquals(List.of(), violations);
    }

    /** The guard itself: it must catch what it claims to catch, and not trip on comments. */
    @Test
    void guardCatchesForbiddenCodeAndIgnoresComments() {
        assertEquals(1, violations("A", "import io.javalin.Javalin;\nclass A {}").size());
        assertEquals(1, violations("A", "import gg.jte.TemplateEngine;").size());
        assertEquals(1, violations("A", "import com.fasterxml.jackson.databind.ObjectMapper;").size());
        assertEquals(1, violations("A", "import java.net.URI;").size());
        assertEquals(1, violations("A", "import javax.servlet.http.HttpServlet;").size());
        assertEquals(1, violations("A", "import jakarta.servlet.http.HttpServlet;").size());
        assertEquals(1, violations("A", "class A { double r = Math.random(); }").size());
        assertEquals(1, violations("A", "class A { Object r = new Random(4); }").size());
        assertEquals(1, violations("A", "class A { Object r = new java.util.Random(); }").size());
        assertEquals(1, violations("A", "class A { java.net.URI u; }").size());
        assertEquals(0, violations("A", "// Math.random() is banned, as is java.net\nclass A {}").size());
        assertEquals(0, violations("A", "/* new Random( */ class A { String s = \"io.javalin\"; }").size());
        assertEquals(0, violations("A", "class A { java.util.SplittableRandom r = new java.util.SplittableRandom(1); }").size());
    }

    static List<String> violations(String name, String source) {
        String code = stripCommentsAndStrings(source);
        List<String> found = new ArrayList<>();
        for (Pattern p : FORBIDDEN) {
            Matcher m = p.matcher(code);
            while (m.find()) found.add(name + ": " + m.group());
        }
        return found;
    }

    /** Replaces comments and string/char literals by spaces (a small lexer, good enough for Java sources). */
    static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < s.length() && s.charAt(i) != c) i += s.charAt(i) == '\\' ? 2 : 1;
                i++;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
