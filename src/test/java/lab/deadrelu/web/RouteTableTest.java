package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every route is in the one route table (App.routes): the handlers in web's feature packages register none. */
class RouteTableTest {
    static final Path WEB = Path.of("src/main/java/lab/deadrelu/web");
    static final Pattern ROUTE = Pattern.compile("\\.(get|post|put|patch|delete|head|sse|ws|before|after)\\(\\s*\"/");

    static int routes(String code) {
        Matcher m = ROUTE.matcher(code);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void onlyAppRegistersRoutes() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(WEB)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> elsewhere = new ArrayList<>();
        int inApp = 0;
        for (Path p : sources) {
            int n = routes(Files.readString(p));
            if (p.equals(WEB.resolve("App.java"))) inApp = n;
            else if (n > 0) elsewhere.add(WEB.relativize(p) + ": " + n);
        }
        assertTrue(inApp >= 20, "the route table must be found in App.java, found " + inApp);
        assertEquals(List.of(), elsewhere);
    }

    @Test
    void aRouteIsCountedWhereverItIsRegistered() {
        assertEquals(2, routes("r.get(\"/lab\", lab::page);\n        r.sse(\"/lab/{id}/stream\", lab::stream);"));
        assertEquals(0, routes("ctx.render(\"lab/lab.jte\", params); map.get(\"status\");"));
    }
}
