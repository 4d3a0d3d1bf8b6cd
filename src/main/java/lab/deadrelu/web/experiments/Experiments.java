package lab.deadrelu.web.experiments;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.experiment.BornDeadResult;
import lab.deadrelu.experiment.BornDeadSpec;
import lab.deadrelu.experiment.BornDeadWork;
import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.experiment.Sweep;
import lab.deadrelu.experiment.SweepResult;
import lab.deadrelu.experiment.SweepSpec;
import lab.deadrelu.experiment.Work;
import lab.deadrelu.view.experiments.BornDeadViews;
import lab.deadrelu.view.experiments.JobView;
import lab.deadrelu.view.experiments.SweepViews;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.App;
import lab.deadrelu.web.BadRequest;
import lab.deadrelu.web.Caching;
import lab.deadrelu.web.ClientAddress;
import lab.deadrelu.web.Frame;
import lab.deadrelu.web.JteRenderer;
import lab.deadrelu.web.PageUi;
import lab.deadrelu.web.Sessions;
import lab.deadrelu.web.Streams;
import lab.deadrelu.web.lab.Lab;

/**
 * The experiments: the sweep and born-dead pages, their jobs' progress over SSE, cancel, and the
 * JSON/CSV API. Handlers parse, submit to the worker pool and render; a link whose result is cached
 * renders at once, otherwise the page shows the job's progress and receives the result (the very
 * fragment the page includes) over SSE when it is done.
 */
public final class Experiments implements AutoCloseable {
    /** How long an API request waits for its experiment before answering 202 (come back later). */
    static final long API_WAIT_MILLIS = 2_000;
    /** Progress frames per second at most. */
    static final long PUBLISH_MILLIS = 200;

    private static final Set<String> PAGE_PARAMS = Set.of("lang");

    private final Jobs jobs;
    private final Streams streams;
    private final JteRenderer renderer;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "experiment-progress");
        t.setDaemon(true);
        return t;
    });
    /** Watched job streams, by stream key (job, language): what was last sent. */
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    /** One language's view of a job, shared by every browser watching it in that language. */
    private static final class Watch {
        final Jobs.Job job;
        final Ui ui;
        final AtomicLong version = new AtomicLong();
        volatile Jobs.Status sent;
        volatile Frame last;

        Watch(Jobs.Job job, Ui ui) {
            this.job = job;
            this.ui = ui;
        }
    }

    public Experiments(Jobs jobs, Streams streams, JteRenderer renderer) {
        this.jobs = jobs;
        this.streams = streams;
        this.renderer = renderer;
        publisher.scheduleWithFixedDelay(this::publish, PUBLISH_MILLIS, PUBLISH_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---- pages ----

    /** GET /experiments: what the two experiments are, each linked with its defaults. */
    public void index(Context ctx) {
        Ui ui = PageUi.of(ctx);
        Lab.singleValues(ctx).keySet().forEach(k -> {
            if (!PAGE_PARAMS.contains(k)) throw new BadRequest(k, ctx.queryParam(k), "left out: this page takes only lang", "/experiments");
        });
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("sweepHref", SweepViews.pageLink(ui, defaultSweep()));
        model.put("bornDeadHref", BornDeadViews.pageLink(ui, BornDeadSpec.defaults()));
        ctx.render("experiments/experiments.jte", model);
    }

    /** GET /experiments/sweep?...: the form alone, or the sweep of the link (cached, or started / joined and shown as it runs). */
    public void sweepPage(Context ctx) {
        Ui ui = PageUi.of(ctx);
        Map<String, List<String>> query = ctx.queryParamMap();
        if (onlyPageParams(query)) {
            ctx.render("experiments/sweep.jte", Map.of("page", SweepViews.page(defaultSweep(), null, null, ui)));
            return;
        }
        SweepSpec spec = sweep(query, "/experiments/sweep");
        if (!isCanonical(ctx, spec.toQuery())) {
            ctx.redirect(SweepViews.pageLink(ui, spec), HttpStatus.SEE_OTHER);
            return;
        }
        Jobs.Ticket ticket = ticket(ctx, spec.key(), () -> new Sweep(spec));
        SweepResult result = (SweepResult) resultOf(ticket);
        JobView job = result != null ? null
                : JobView.of(ticket.job().id, ticket.job().status(), ui, "job.unit.steps", SweepViews.pageLink(ui, spec));
        if (cacheable(ctx, result, ui)) return;
        ctx.render("experiments/sweep.jte", Map.of("page", SweepViews.page(spec, job, result, ui)));
    }

    /** GET /experiments/born-dead?...: the same for the born-dead Monte Carlo. */
    public void bornDeadPage(Context ctx) {
        Ui ui = PageUi.of(ctx);
        Map<String, List<String>> query = ctx.queryParamMap();
        if (onlyPageParams(query)) {
            ctx.render("experiments/born_dead.jte", Map.of("page", BornDeadViews.page(BornDeadSpec.defaults(), null, null, ui)));
            return;
        }
        BornDeadSpec spec = bornDead(query, false, "/experiments/born-dead");
        if (!isCanonical(ctx, spec.toQuery())) {
            ctx.redirect(BornDeadViews.pageLink(ui, spec), HttpStatus.SEE_OTHER);
            return;
        }
        Jobs.Ticket ticket = ticket(ctx, spec.key(), () -> new BornDeadWork(spec));
        BornDeadResult result = (BornDeadResult) resultOf(ticket);
        JobView job = result != null ? null
                : JobView.of(ticket.job().id, ticket.job().status(), ui, "job.unit.trials", BornDeadViews.pageLink(ui, spec));
        if (cacheable(ctx, result, ui)) return;
        ctx.render("experiments/born_dead.jte", Map.of("page", BornDeadViews.page(spec, job, result, ui)));
    }

    /**
     * The cached result (asking nobody's session: a shared link of a finished experiment sets no
     * cookie and may be cached), else the job computing it, joined or started for this browser and address.
     */
    private Jobs.Ticket ticket(Context ctx, String key, Supplier<? extends Work<?>> work) {
        Object cached = jobs.cached(key);
        return cached != null ? new Jobs.Ticket(cached, null) : jobs.submit(key, Sessions.id(ctx), ClientAddress.of(ctx), work);
    }

    /** A finished experiment's page is the same for everyone: cacheable (true: answered 304). One in progress is this moment's. */
    private static boolean cacheable(Context ctx, Object result, Ui ui) {
        if (result != null) return Caching.notModified(ctx, Caching.DETERMINISTIC, ui);
        ctx.header("Cache-Control", "no-store");
        return false;
    }

    /** GET /experiments/jobs/{id}/stream (SSE): progress, then the result and "done"; "gone" for an unknown job (the page reloads its link). */
    public void stream(SseClient client) {
        Context ctx = client.ctx();
        Jobs.Job job = jobs.job(ctx.pathParam("id"));
        if (job == null) {
            client.sendEvent("gone", renderer.render("site/sse_signal.jte", Map.of()));
            client.close();
            return;
        }
        Ui ui = PageUi.of(ctx);
        client.keepAlive();
        String key = "job:" + job.id + ":" + ui.lang().code + ":" + ui.langFromQuery();
        Watch watch = watches.computeIfAbsent(key, k -> new Watch(job, ui));
        Runnable remove = streams.add(key, client, frame(watch, job.status()));
        watches.putIfAbsent(key, watch);
        client.onClose(() -> {
            remove.run();
            watches.computeIfPresent(key, (k, w) -> streams.watched(key) ? w : null);
        });
    }

    /** POST /experiments/jobs/{id}/cancel: this browser no longer wants the job (it stops when nobody does). */
    public void cancel(Context ctx) {
        Jobs.Job job = jobs.job(ctx.pathParam("id"));
        if (job == null) throw new NotFoundResponse();
        boolean stopped = jobs.cancel(job.id, Sessions.id(ctx));
        Ui ui = PageUi.of(ctx);
        String again = ui.link("/experiments/" + (job.key.startsWith("sweep?") ? "sweep?" : "born-dead?") + job.key.substring(job.key.indexOf('?') + 1));
        if ("true".equals(ctx.header("HX-Request"))) {
            Jobs.Status s = job.status();
            JobView view = JobView.of(job.id, new Jobs.Status(stopped || s.state().finished() ? Jobs.State.CANCELLED : s.state(),
                    s.done(), s.total(), s.ahead(), s.cost()), ui, unit(job), again);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("ui", ui);
            model.put("job", view);
            model.put("left", !stopped && !s.state().finished());
            ctx.html(renderer.render("experiments/job_stopped.jte", model));
        } else {
            ctx.redirect(ui.link("/experiments"), HttpStatus.SEE_OTHER);
        }
    }

    // ---- API ----

    /** GET /api/experiments/sweep?...: the sweep's table as JSON (202 while it is computed). */
    public void sweepJson(Context ctx) {
        SweepSpec spec = sweep(ctx.queryParamMap(), null);
        SweepResult r = (SweepResult) await(ctx, spec.key(), () -> new Sweep(spec));
        if (r != null) ctx.json(new SweepJson(r.query(), sweepSpecJson(spec), Definitions.SWEEP, r.rows(labPrefix(ctx))));
    }

    /** GET /api/experiments/sweep.csv?...: the same table as CSV. */
    public void sweepCsv(Context ctx) {
        SweepSpec spec = sweep(ctx.queryParamMap(), null);
        SweepResult r = (SweepResult) await(ctx, spec.key(), () -> new Sweep(spec));
        if (r != null) csv(ctx, "sweep.csv", out -> r.writeCsv(labPrefix(ctx), out));
    }

    /** GET /api/experiments/born-dead?width=...: one width and depth, as the API describes. */
    public void bornDeadJson(Context ctx) {
        BornDeadSpec spec = bornDead(ctx.queryParamMap(), true, null);
        BornDeadResult r = (BornDeadResult) await(ctx, spec.key(), () -> new BornDeadWork(spec));
        if (r == null) return;
        BornDeadResult.Row row = r.row(spec.widths().get(0), spec.depth());
        ctx.json(new BornDeadJson(r.specJson(true), row.trials(), row.deadAtPoint(), row.pDeadAtPoint(), row.pDeadAtPointSE(),
                row.pDeadAtPointLow(), row.pDeadAtPointHigh(), row.constant(), row.pConstant(), row.pConstantSE(), row.pConstantLow(),
                row.pConstantHigh(), new Theory(row.theoryDeadAtPoint(), row.theoryDeadAtPointFormula(), row.theoryConstant(),
                row.theoryConstantFormula()), Definitions.BORN_DEAD));
    }

    /** GET /api/experiments/born-dead/table?widths=...: every width and depth of the page, as JSON. */
    public void bornDeadTableJson(Context ctx) {
        BornDeadSpec spec = bornDead(ctx.queryParamMap(), false, null);
        BornDeadResult r = (BornDeadResult) await(ctx, spec.key(), () -> new BornDeadWork(spec));
        if (r != null) ctx.json(new BornDeadTableJson(r.specJson(false), Definitions.BORN_DEAD, r.rows()));
    }

    /** GET /api/experiments/born-dead/table.csv?widths=...: the same as CSV. */
    public void bornDeadTableCsv(Context ctx) {
        BornDeadSpec spec = bornDead(ctx.queryParamMap(), false, null);
        BornDeadResult r = (BornDeadResult) await(ctx, spec.key(), () -> new BornDeadWork(spec));
        if (r != null) csv(ctx, "born-dead.csv", r::writeCsv);
    }

    record SweepJson(String link, Map<String, Object> spec, Map<String, String> definitions, List<SweepResult.Row> rows) {}

    record Theory(Double pDeadAtPoint, String pDeadAtPointFormula, Double pConstant, String pConstantFormula) {}

    record BornDeadJson(Map<String, Object> spec, long trials, long deadAtPoint, double pDeadAtPoint, double pDeadAtPointSE,
                        double pDeadAtPointLow, double pDeadAtPointHigh, long constant, double pConstant, double pConstantSE,
                        double pConstantLow, double pConstantHigh, Theory theory, Map<String, String> definitions) {}

    record BornDeadTableJson(Map<String, Object> spec, Map<String, String> definitions, List<BornDeadResult.Row> rows) {}

    /**
     * While not done: 202 with where the job stands, its estimated cost, Retry-After and the same URL to
     * ask again.
     */
    record Pending(String status, long done, long total, int ahead, int retryAfterSeconds, String job, String cancel, String message,
                   CostJson cost) {}

    /** An experiment's cost as estimated before it runs: operations (census weight-samples) and seconds of one core. */
    record CostJson(long operations, double coreSeconds, double maxCoreSeconds) {
        static CostJson of(lab.deadrelu.experiment.Cost c) {
            return new CostJson(Math.round(c.operations()), Math.round(c.seconds() * 10) / 10.0, lab.deadrelu.experiment.Cost.MAX_SECONDS);
        }
    }

    /** The result (null when the answer has been sent: 202 while it computes, 304 when the client has it). */
    private Object await(Context ctx, String key, Supplier<? extends Work<?>> work) {
        Jobs.Ticket ticket = ticket(ctx, key, work);
        if (ticket.cached() != null) return Caching.notModified(ctx, Caching.DETERMINISTIC) ? null : ticket.cached();
        Jobs.Job job = ticket.job();
        try {
            job.await(API_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Jobs.Status s = job.status();
        if (s.state() == Jobs.State.DONE) return Caching.notModified(ctx, Caching.DETERMINISTIC) ? null : job.result();
        if (s.state() == Jobs.State.FAILED) throw new IllegalStateException("experiment " + key + " failed: " + job.failure());
        ctx.status(HttpStatus.ACCEPTED);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Retry-After", "2");
        ctx.header("Location", ctx.fullUrl());
        String cancel = ctx.appData(App.SITE).config().basePath() + "/experiments/jobs/" + job.id + "/cancel";
        ctx.json(new Pending(s.state().code(), s.done(), s.total(), s.ahead(), 2, job.id, cancel, s.state() == Jobs.State.CANCELLED
                ? "The experiment was cancelled; ask again to start it afresh."
                : "The experiment is being computed; ask the same URL again in a moment.", CostJson.of(s.cost())));
        return null;
    }

    /** What writes a CSV table, a row at a time. */
    interface CsvRows {
        void writeTo(Appendable out) throws IOException;
    }

    /**
     * A CSV table written to the response as it is made, never whole in memory (a table has at most a few
     * hundred rows: 3 curves x 40 points of a sweep, 8 widths x 64 depths of born dead).
     */
    private static void csv(Context ctx, String name, CsvRows rows) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
            rows.writeTo(out);
            out.flush();   // the response's own stream is finished (and closed) by Javalin
        } catch (IOException gone) {
            org.slf4j.LoggerFactory.getLogger(Experiments.class).debug("A client left during its CSV: {}", gone.toString());
        }
    }

    private static String labPrefix(Context ctx) {
        return ctx.appData(App.SITE).config().basePath() + "/lab?";
    }

    private static Map<String, Object> sweepSpecJson(SweepSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", spec.base().toQuery());
        m.put("vary", spec.vary().code);
        m.put("values", spec.xs());
        if (spec.vary() == SweepSpec.Vary.REDO) m.put("redoEvery", spec.redoEvery());
        m.put("acts", spec.acts().stream().map(a -> a.code).toList());
        m.put("seeds", spec.seeds());
        m.put("firstSeed", spec.seed(0));
        m.put("steps", spec.steps());
        m.put("runs", spec.runs());
        return m;
    }

    // ---- progress ----

    /** Sends each watched job's new state (and its result once done) to its watchers. */
    private void publish() {
        try {
            for (Map.Entry<String, Watch> e : watches.entrySet()) {
                Watch w = e.getValue();
                Jobs.Status s = w.job.status();
                if (!s.equals(w.sent)) {
                    streams.publish(e.getKey(), frame(w, s));
                } else if (s.state().finished() && w.last != null) {
                    // the last frame again: Streams sends each watcher only what it has not received, so this
                    // costs nothing once delivered, and makes up for a send that failed (the page waits for "done")
                    streams.publish(e.getKey(), w.last);
                }
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Experiments.class).warn("publishing experiment progress failed", e);
        }
    }

    /** The progress fragment; once the job has finished also the result (if any) and "done", which closes the stream. */
    private Frame frame(Watch w, Jobs.Status s) {
        w.sent = s;
        Jobs.Job job = w.job;
        boolean sweep = job.key.startsWith("sweep?");
        String again = w.ui.link("/experiments/" + (sweep ? "sweep?" : "born-dead?") + job.key.substring(job.key.indexOf('?') + 1));
        Map<String, String> f = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ui", w.ui);
        model.put("job", JobView.of(job.id, s, w.ui, unit(job), again));
        f.put("progress", renderer.render("experiments/job_progress.jte", model));
        f.put("actions", renderer.render("experiments/job_actions.jte", model));
        if (s.state() == Jobs.State.DONE) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ui", w.ui);
            if (sweep) {
                result.put("result", SweepViews.result((SweepResult) job.result(), w.ui));
                f.put("result", renderer.render("experiments/sweep_result.jte", result));
            } else {
                result.put("result", BornDeadViews.result((BornDeadResult) job.result(), w.ui));
                f.put("result", renderer.render("experiments/born_dead_result.jte", result));
            }
        }
        if (s.state().finished()) f.put("done", renderer.render("site/sse_signal.jte", Map.of()));
        Frame frame = new Frame(w.version.incrementAndGet(), f);
        w.last = frame;
        return frame;
    }

    private static String unit(Jobs.Job job) {
        return job.key.startsWith("sweep?") ? "job.unit.steps" : "job.unit.trials";
    }

    // ---- reading requests ----

    private static SweepSpec defaultSweep() {
        return SweepSpec.parse(Map.of("scenario", List.of("case-2")), Set.of());
    }

    private static boolean onlyPageParams(Map<String, List<String>> query) {
        for (String k : query.keySet()) if (!PAGE_PARAMS.contains(k)) return false;
        return true;
    }

    /** A sweep link; a bad one is a 400 naming the parameter (with `suggestion` to try instead, for pages). */
    private static SweepSpec sweep(Map<String, List<String>> query, String suggestion) {
        try {
            return SweepSpec.parse(query, PAGE_PARAMS);
        } catch (InvalidParameter e) {
            throw new BadRequest(e.parameter, e.value, e.allowed, suggestion);
        }
    }

    private static BornDeadSpec bornDead(Map<String, List<String>> query, boolean single, String suggestion) {
        try {
            return BornDeadSpec.parse(query, single, PAGE_PARAMS);
        } catch (InvalidParameter e) {
            throw new BadRequest(e.parameter, e.value, e.allowed, suggestion);
        }
    }

    private static Object resultOf(Jobs.Ticket ticket) {
        if (ticket.cached() != null) return ticket.cached();
        return ticket.job().state() == Jobs.State.DONE ? ticket.job().result() : null;
    }

    /** Is the request's query (lang aside, decoded) exactly the canonical one? If not, the page redirects to it. */
    static boolean isCanonical(Context ctx, String canonical) {
        String raw = ctx.queryString();
        if (raw == null) return canonical.isEmpty();
        List<String> kept = new ArrayList<>();
        for (String part : raw.split("&")) {
            if (part.isEmpty() || part.equals("lang") || part.startsWith("lang=")) continue;
            kept.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
        }
        return String.join("&", kept).equals(canonical);
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        jobs.close();
    }

    /** The definitions, as the JSON carries them (the README says the same). */
    static final class Definitions {
        private Definitions() {}

        static final Map<String, String> SWEEP = ordered(
                "died", "runs in which some hidden neuron died during training: a DIED event, i.e. an update made a neuron that "
                        + "was not dead dead on the data set (z <= 0 on every sample)",
                "bornDead", "runs in which some hidden neuron was already dead on the data set under the initial weights (step 0)",
                "deadFraction", "dead hidden neurons / hidden neurons at the end of the run (a diverged run: when it stopped), over all runs",
                "loss", "final mean 1/2 (y-hat - y)^2 over the data set, over the runs that did not diverge (finiteRuns)",
                "diverged", "runs stopped because an update would have made the numbers non-finite",
                "intervals", "fractions: Wilson score 95% intervals; means: mean +- 1.96 sd / sqrt(n)",
                "example", "the first seed in which a neuron died (else the first seed), opened in the lab at the last step");

        static final Map<String, String> BORN_DEAD = ordered(
                "deadAtPoint", "trials in which some hidden layer outputs all zeros at a point x drawn uniformly from [-A, A)^inputs",
                "constant", "trials in which the last hidden layer outputs the same vector at every point of a grid of "
                        + "G values per axis from -A to A (G^inputs <= 1024) and at x: the network is constant there, born dead",
                "se", "standard error sqrt(p (1 - p) / trials); Low and High: Wilson score 95% interval",
                "init", "he: N(0, 2 / fan-in) weights; rai: one parameter per neuron (chosen at random) from Beta(2, 1), "
                        + "the rest N(0, 2 / fan-in); biases (bias=1) drawn like weights, else 0");

        private static Map<String, String> ordered(String... kv) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
            return java.util.Collections.unmodifiableMap(m);
        }
    }
}
