package lab.deadrelu.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * JTE behind Javalin's ctx.render. Every page template declares {@code @param Ui ui} and gets it from
 * here; handlers pass only their page model. In dev mode templates/ is compiled on demand (edits show on
 * the next request); otherwise the classes precompiled into the jar by jte-maven-plugin are used.
 */
public final class JteRenderer implements FileRenderer {
    private final TemplateEngine engine;

    JteRenderer(TemplateEngine engine) {
        this.engine = engine;
    }

    static JteRenderer forConfig(Config config) {
        if (!config.dev()) return new JteRenderer(TemplateEngine.createPrecompiled(ContentType.Html));
        Path templates = Path.of("templates");
        if (!Files.isDirectory(templates)) {
            throw new IllegalStateException("Dev mode reads templates/ from the working directory; start it from the project folder");
        }
        TemplateEngine engine = TemplateEngine.create(new DirectoryCodeResolver(templates), Path.of("target", "jte-dev-classes"),
                ContentType.Html, JteRenderer.class.getClassLoader());
        engine.setTrimControlStructures(true);   // as the precompiled templates (pom.xml)
        return new JteRenderer(engine);
    }

    /** The app's renderer, e.g. to render SSE fragments from a handler: JteRenderer.of(client.ctx()). */
    public static JteRenderer of(Context ctx) {
        return (JteRenderer) ctx.appData(FileRenderer.FileRendererKey);
    }

    /** For ctx.render("lab/lab.jte", Map.of("page", model)): adds the request's ui. */
    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Map<String, Object> params = new HashMap<>(model);
        if (!params.containsKey("ui")) params.put("ui", PageUi.of(ctx));
        return render(template, params);
    }

    /** Renders any template (a fragment for an SSE frame, say) with exactly the given parameters. */
    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(lastSize.getOrDefault(template, 1024));
        engine.render(template, params, out);
        String html = out.toString();
        lastSize.put(template, html.length() + html.length() / 8);
        return html;
    }

    /**
     * The size of each template's last output, and a little more: the next one starts with a buffer that
     * fits (SSE frames render the same fragments many times a second; growing a buffer copies it).
     */
    private final Map<String, Integer> lastSize = new java.util.concurrent.ConcurrentHashMap<>();
}
