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
import java.util.LinkedHashMap;
import java.util.Map;
import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Ticker;

/**
 * Health and metrics for whoever hosts the lab: {@code /healthz} (JSON, for a load balancer's health
 * check) and {@code /metrics} (Prometheus text). The app's own numbers are read from plain counters
 * where they live (registry, streams, ticker, job queue) only when scraped; the JVM's come from
 * Micrometer's binders.
 */
final class Metrics implements AutoCloseable {
    /** Statuses counted as refused requests: bad input, cross-site, too many requests, server full. */
    private static final int[] REJECTED = {400, 403, 413, 429, 503};

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Integer, Counter> rejected = new LinkedHashMap<>();
    private final Registry registry;
    private final Streams streams;
    private final long startedNanos = System.nanoTime();

    Metrics(Registry registry, Streams streams, Jobs jobs, Ticker ticker) {
        this.registry = registry;
        this.streams = streams;
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

    /** An after-filter: counts the request if it was refused. */
    void countRejected(Context ctx) {
        Counter c = rejected.get(ctx.statusCode());
        if (c != null) c.increment();
    }

    record Health(String status, int simulations, int sseClients, long uptimeSeconds) {}

    void healthz(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(new Health("ok", registry.size(), streams.clients(), (System.nanoTime() - startedNanos) / 1_000_000_000L));
    }

    void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.scrape());
    }

    @Override
    public void close() {
        gc.close();
        prometheus.close();
    }
}
