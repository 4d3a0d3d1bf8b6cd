package lab.deadrelu.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The view packages are geometry and records: no web framework, no markup built in Java. The shared
 * kit (i18n, chart) and the site's frame use no feature's package (lab, compare, experiments, course,
 * classes): a feature builds on the kit, never the other way round.
 */
class ViewPurityTest {
    static final Path VIEW = Path.of("src/main/java/lab/deadrelu/view");
    static final Pattern VIEW_PACKAGE = Pattern.compile("\\blab\\.deadrelu\\.view\\.([a-z0-9]+)\\.");
    /** Kit package -> the view packages it may use besides its own. */
    static final Map<String, Set<String>> KIT = Map.of("i18n", Set.of(), "chart", Set.of("i18n"), "site", Set.of("i18n"));

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(VIEW)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noWebImportsAndNoMarkupInJava() throws IOException {
        List<Path> sources = sources();
        assertFalse(sources.isEmpty());
        for (Path p : sources) {
            String code = Files.readString(p);
            assertFalse(code.contains("import io.javalin") || code.contains("import jakarta.servlet")
                    || code.contains("import org.eclipse.jetty") || code.contains("import lab.deadrelu.web"), p + " imports a web framework");
            assertFalse(code.matches("(?s).*\"[^\"\\n]*<(svg|path|line|text|g|polyline|rect|circle|title|desc|a|li|ul)[ >/][^\"\\n]*\".*"),
                    p + " builds markup in a string");
        }
    }

    /** The other view packages that `code`, a source of package view.`pkg`, uses against the rule (none outside the kit). */
    static List<String> violations(String pkg, String code) {
        List<String> out = new ArrayList<>();
        if (!KIT.containsKey(pkg)) return out;
        Matcher m = VIEW_PACKAGE.matcher(code);
        while (m.find()) {
            String used = m.group(1);
            if (!used.equals(pkg) && !KIT.get(pkg).contains(used)) out.add("view." + pkg + " uses view." + used);
        }
        return out;
    }

    @Test
    void theSharedKitAndTheSiteUseNoFeaturePackage() throws IOException {
        List<String> violations = new ArrayList<>();
        int kitFiles = 0;
        for (Path p : sources()) {
            Path dir = VIEW.relativize(p).getParent();
            String pkg = dir == null ? "" : dir.toString();
            if (KIT.containsKey(pkg)) kitFiles++;
            for (String v : violations(pkg, Files.readString(p))) violations.add(p.getFileName() + ": " + v);
        }
        assertTrue(kitFiles >= 20, "the guard must see the kit's sources");
        assertEquals(List.of(), violations);
    }

    @Test
    void theGuardCatchesAFeatureUsedByTheKitButLetsAFeatureUseTheKit() {
        assertEquals(List.of("view.chart uses view.lab"), violations("chart", "import lab.deadrelu.view.lab.LabPage;"));
        assertEquals(List.of("view.site uses view.chart"), violations("site", "lab.deadrelu.view.chart.Charts.loss(x)"));
        assertEquals(List.of(), violations("chart", "import lab.deadrelu.view.i18n.Format;"));
        assertEquals(List.of(), violations("lab", "import lab.deadrelu.view.chart.Charts;"));
    }
}
