package lab.deadrelu.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Ticker;

/**
 * Metrics for whoever hosts the lab: {@code /metrics} (Prometheus text), off the public port by
 * default: on a listener of its own (METRICS_PORT, on METRICS_HOST, loopback by default), and on the
 * app's port only when METRICS_TOKEN is set, to a scraper that sends it (see {@link #allowed}). The
 * app's own numbers are read from plain counters where they live (registry, streams, ticker, job
 * queue) only when scraped; the JVM's come from Micrometer's binders. Health is {@link Health}.
 */
final class Metrics implements AutoCloseable {
    /** Statuses counted as refused requests: bad input, cross-site, too many requests, server full. */
    private static final int[] REJECTED = {400, 403, 413, 429, 503};

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Integer, Counter> rejected = new LinkedHashMap<>();
    /** The token a scraper must send, hashed (so comparing takes the same time whatever it sent); null: none needed. */
    private final byte[] tokenHash;
    private volatile MetricsListener listener;

    Metrics(Registry registry, Streams streams, Jobs jobs, Ticker ticker, String token) {
        this.tokenHash = token == null ? null : sha256(token);
        Gauge.builder("lab.simulations.live", registry, Registry::size)
                .description("Simulations held in memory").register(prometheus);
        Gauge.builder("lab.sse.clients", streams, Streams::clients)
                .description("Open SSE connections watching a simulation or pair").register(prometheus);
        Gauge.builder("lab.experiments.queued", jobs, Jobs::queued)
                .description("Experiments waiting or running").register(prometheus);
        Gauge.builder("lab.experiments.busy", jobs, Jobs::busy)
                .description("Experiment tasks running at this moment").register(prometheus);
        FunctionCounter.builder("lab.sse.frames.sent", streams, s -> s.framesSent.sum())
                .description("Frames sent to SSE clients (a frame: the fragments that changed)").register(prometheus);
        FunctionCounter.builder("lab.sse.bytes.sent", streams, s -> s.bytesSent.sum())
                .description("Characters of fragment HTML sent to SSE clients").register(prometheus);
        FunctionCounter.builder("lab.steps.advanced", ticker, Ticker::stepsAdvanced)
                .description("Training steps advanced by the ticker (both runs of a pair count)").register(prometheus);
        FunctionCounter.builder("lab.simulations.evicted", registry, Registry::evictions)
                .description("Simulations dropped: idle, over a browser's cap, or to make room").register(prometheus);
        Gauge.builder("lab.simulations.playing", ticker, Ticker::playing)
                .description("Labs and compared pairs playing (a pair counts once), held ones included").register(prometheus);
        Gauge.builder("lab.simulations.watched", ticker, Ticker::watched)
                .description("Labs and compared pairs with at least one open stream").register(prometheus);
        Gauge.builder("lab.simulations.paused.unwatched", ticker, Ticker::pausedUnwatched)
                .description("Playing labs and pairs held because nobody has watched them for UNWATCHED_SECONDS").register(prometheus);
        FunctionCounter.builder("lab.simulations.failed", ticker, Ticker::failures)
                .description("Labs and pairs stopped because stepping or rendering them threw").register(prometheus);
        for (int status : REJECTED) {
            rejected.put(status, Counter.builder("lab.requests.rejected").tag("status", Integer.toString(status))
                    .description("Requests answered with a refusal").register(prometheus));
        }
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ClassLoaderMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        gc.bindTo(prometheus);
    }

    /** An after-filter: counts the request if it was refused (a health check's 503 refuses nobody). */
    void countRejected(Context ctx) {
        Counter c = rejected.get(ctx.statusCode());
        if (c != null && !ctx.path().endsWith("/healthz")) c.increment();
    }

    /** GET /metrics on the app's port, routed only when a token is set: without it, 401. */
    void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!allowed(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer").status(401).contentType("text/plain; charset=utf-8").result("401 Unauthorized\n");
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(prometheus.scrape());
    }

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    String scrape() {
        return prometheus.scrape();
    }

    /**
     * Does this Authorization header carry the token ("Bearer &lt;token&gt;")? Always true without a token.
     * Compares hashes with MessageDigest.isEqual: the time taken tells nothing about how much was right.
     */
    boolean allowed(String authorization) {
        if (tokenHash == null) return true;
        String sent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
        return MessageDigest.isEqual(sha256(sent), tokenHash);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Starts the listener of its own (METRICS_PORT) on `host`; port 0 picks a free one. */
    void listen(String host, int port) {
        listener = MetricsListener.start(host, port, this);
        org.slf4j.LoggerFactory.getLogger(Metrics.class).info("Metrics are at http://{}:{}/metrics", host.contains(":") ? "[" + host + "]" : host,
                listener.port());
    }

    /** The metrics listener's port, or -1 when there is none. */
    int listenerPort() {
        MetricsListener l = listener;
        return l == null ? -1 : l.port();
    }

    @Override
    public void close() {
        MetricsListener l = listener;
        if (l != null) l.close();
        gc.close();
        prometheus.close();
    }
}
