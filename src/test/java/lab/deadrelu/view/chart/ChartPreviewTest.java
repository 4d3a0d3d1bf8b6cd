package lab.deadrelu.view.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Writes target/chart-preview.html: every chart and the diagram of case 2 at step 100 (and the deep
 * net's diagram), to look at in a browser. Also checks the size of one frame's worth of charts.
 */
class ChartPreviewTest {
    static final TemplateEngine ENGINE = TemplateEngine.create(new DirectoryCodeResolver(Path.of("templates")),
            Path.of("target/jte-test-classes"), ContentType.Html);

    static String render(String template, Object param) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, Map.of(param instanceof LineChart ? "chart" : "diagram", param), out);
        return out.toString();
    }

    @Test
    void writesPreview() throws IOException {
        CaseRun run = new CaseRun(Scenario.CASE_2, 100, 256);
        String frame = render("chart/chart_line.jte", run.lossChart())
                + render("chart/chart_line.jte", run.deadChart())
                + render("chart/chart_line.jte", run.weightsChart())
                + render("chart/network_diagram.jte", run.diagram());
        int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
        Files.writeString(Path.of("target/chart-preview.html"), page("case-2 at step 100 (" + bytes + " bytes of charts)", frame));
        // whole charts, as a new watcher gets them; each carries its moving part (chart_plot.jte) nested inside
        assertTrue(bytes < 17_000, "a 3-2-2-1 frame of charts is " + bytes + " bytes");
        Files.writeString(Path.of("target/chart-preview-500.html"), page("case-2 at step 500", frame(500)));
        assertTrue(frameBytes(500) < 17_000, "merged buckets and bands too: " + frameBytes(500) + " bytes at step 500");

        CaseRun deep = new CaseRun(Scenario.DEEP_NET_WORKS_ANYWAY, 1000, 256);
        Files.writeString(Path.of("target/chart-preview-deep.html"), page("deep-net-works-anyway at step 1000",
                render("chart/network_diagram.jte", deep.diagram()) + render("chart/chart_line.jte", deep.lossChart())
                        + render("chart/chart_line.jte", deep.deadChart())));
    }

    private static int frameBytes(long steps) {
        return frame(steps).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String frame(long steps) {
        CaseRun run = new CaseRun(Scenario.CASE_2, steps, 256);
        return render("chart/chart_line.jte", run.lossChart()) + render("chart/chart_line.jte", run.deadChart())
                + render("chart/chart_line.jte", run.weightsChart()) + render("chart/network_diagram.jte", run.diagram());
    }

    private static String page(String heading, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chart preview</title>\n"
                + "<link rel=\"stylesheet\" href=\"../static/css/charts.css\">\n"
                + "<link rel=\"stylesheet\" href=\"../src/test/resources/preview.css\"></head>\n"
                + "<body class=\"preview\"><h1>" + heading + "</h1>\n" + body + "</body></html>\n";
    }
}
