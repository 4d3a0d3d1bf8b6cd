package lab.deadrelu.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.deadrelu.web.App;
import lab.deadrelu.web.Config;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times scrubbing the lab's timeline far into a run: boots the app on a loopback port, opens the post's
 * network (case 2, playing on past its death) at `--step`, and posts the timeline's seek as a page does,
 * timing each request from send to answer (the server's work, the controls' fragment and the frame it
 * publishes, plus the loopback's round trip, a fraction of a millisecond). Prints
 * <pre>
 * scrub_back_ms median=... min=... max=... p90=... n=...   one step back each time (the ← key), from --step
 * scrub_jump_ms median=... min=... max=... p90=... n=...   to seeded random steps of the run (a click or drag)
 * </pre>
 * after a warm-up of as many scrubs, then comment lines with the setup.
 */
@Command(name = "bench-scrub",
        description = "Times going back on the lab's timeline at a far step of the post's network (POST /lab/{id}/seek, over loopback).")
public final class BenchScrubCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--step", defaultValue = "100000", paramLabel = "K", description = "The step the run is opened at (default: ${DEFAULT-VALUE}).")
    long step = 100_000;

    @Option(names = "--scrubs", defaultValue = "50", paramLabel = "N", description = "Timed scrubs of each kind, after as many to warm up (default: ${DEFAULT-VALUE}).")
    int scrubs = 50;

    static final String LINK = "scenario=case-2&pause=off";
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"/lab/([A-Za-z0-9_-]+)/stream\"");

    @Override
    public Integer call() throws Exception {
        if (step < 1000 || step > 1_000_000) throw new CommandLine.ParameterException(command.commandLine(), "--step must be 1000..1000000, got " + step);
        if (scrubs < 1 || scrubs > 10_000) throw new CommandLine.ParameterException(command.commandLine(), "--scrubs must be 1..10000, got " + scrubs);
        Config config = Config.forTests().withLimits(Config.Limits.DEFAULT.withRequestRate(1_000_000, 100_000));
        Javalin app = App.create(config).start("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            String base = "http://127.0.0.1:" + app.port();
            long opened = System.nanoTime();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/lab?" + LINK + "&at=" + step))
                    .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            double openSeconds = (System.nanoTime() - opened) / 1e9;
            Matcher m = STREAM.matcher(page.body());
            if (page.statusCode() != 200 || !m.find()) {
                System.err.println("error: the lab page answered " + page.statusCode());
                return 1;
            }
            URI seek = URI.create(base + "/lab/" + m.group(1) + "/seek");

            long to = step;
            for (int i = 0; i < scrubs; i++) time(client, seek, --to);           // warm up: back ...
            for (int i = 0; i < scrubs; i++) time(client, seek, ++to);           // ... and forth
            double[] back = new double[scrubs];
            for (int i = 0; i < scrubs; i++) back[i] = time(client, seek, --to);
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < scrubs; i++) time(client, seek, random.nextLong(step + 1));
            double[] jump = new double[scrubs];
            for (int i = 0; i < scrubs; i++) jump[i] = time(client, seek, random.nextLong(step + 1));

            System.out.println("scrub_back_ms " + summary(back));
            System.out.println("scrub_jump_ms " + summary(jump));
            System.out.printf(Locale.ROOT, "# /lab?%s&at=%d opened in %.2f s; each scrub timed from send to answer over loopback, after %d to warm up%n",
                    LINK, step, openSeconds, scrubs);
            System.out.printf(Locale.ROOT, "# back: steps %d down to %d; jump: seeded random steps in 0..%d; %s %s, %d cores%n",
                    step - 1, step - scrubs, step, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            return 0;
        } finally {
            app.stop();
        }
    }

    /** Milliseconds from sending a seek to its answer. */
    private static double time(HttpClient client, URI seek, long to) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(seek).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofString("to=" + URLEncoder.encode(Long.toString(to), StandardCharsets.UTF_8))).build();
        long start = System.nanoTime();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) throw new IllegalStateException("seek to " + to + " answered " + r.statusCode() + ": " + r.body());
        return ms;
    }

    /** "median=… min=… max=… p90=… n=…", in milliseconds. */
    static String summary(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "median=%.2f", percentile(s, 0.5)));
        parts.add(String.format(Locale.ROOT, "min=%.2f", s[0]));
        parts.add(String.format(Locale.ROOT, "max=%.2f", s[s.length - 1]));
        parts.add(String.format(Locale.ROOT, "p90=%.2f", percentile(s, 0.9)));
        parts.add("n=" + s.length);
        return String.join(" ", parts);
    }

    /** The value at fraction q of sorted values (nearest rank). */
    private static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
