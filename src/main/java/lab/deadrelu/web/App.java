package lab.deadrelu.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.Map;
import lab.deadrelu.classroom.ClassStore;
import lab.deadrelu.classroom.ClassStores;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.sim.CoreBudget;
import lab.deadrelu.sim.MemoryBudget;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Ticker;
import lab.deadrelu.view.site.Assets;
import lab.deadrelu.web.api.Api;
import lab.deadrelu.web.api.RunsApi;
import lab.deadrelu.web.classes.ClassRoster;
import lab.deadrelu.web.classes.ClassUnavailable;
import lab.deadrelu.web.classes.Classes;
import lab.deadrelu.web.compare.Compare;
import lab.deadrelu.web.course.CourseBuilder;
import lab.deadrelu.web.experiments.Experiments;
import lab.deadrelu.web.lab.Lab;

/** The web app: its wiring, and every route in {@link #routes}. */
public final class App {
    /** What request-scoped helpers (PageUi, the renderer) need from startup. */
    public record Site(Config config, Assets assets) {}

    public static final Key<Site> SITE = new Key<>("lab.deadrelu.site");
    /** What is live in a running app (simulations, SSE clients), for tests that watch it drain. */
    public record Live(Registry registry, Streams streams) {}

    public static final Key<Live> LIVE = new Key<>("lab.deadrelu.live");
    /** The metrics, for tests that scrape the metrics listener (its port). */
    static final Key<Metrics> METRICS = new Key<>("lab.deadrelu.metrics");

    /**
     * What tests may replace, through the real wiring: the wall clock the ticker and the health check
     * read, the heap reading, and a hook run on the ticker's worker before a playing simulation's or
     * pair's frame is rendered (what it throws counts as that run's failure; it may also block, to stick the ticker).
     */
    record Seams(LongSupplier clockMillis, Supplier<Health.Memory> memory, Consumer<Object> beforeRender) {
        static final Seams REAL = new Seams(System::currentTimeMillis, Health::jvmHeap, run -> { });
    }
    /** Experiments waiting or running at most (more are refused with 503), and finished results kept. */
    static final int EXPERIMENTS_QUEUED = 64, EXPERIMENTS_CACHED = 256, EXPERIMENTS_PER_BROWSER = 3;

    private App() {}

    /** The app, configured but not started: call start(port) on it. */
    public static Javalin create(Config config) {
        return Javalin.create(javalin -> configure(javalin, config));
    }

    /** The app with some of its seams replaced (tests). */
    static Javalin create(Config config, Seams seams) {
        return Javalin.create(javalin -> configure(javalin, config, seams));
    }

    /** Everything but extra routes; tests in this package add throwaway routes after it. */
    static void configure(JavalinConfig javalin, Config config) {
        configure(javalin, config, Seams.REAL);
    }

    static void configure(JavalinConfig javalin, Config config, Seams seams) {
        JteRenderer renderer = JteRenderer.forConfig(config);
        Site site = new Site(config, assets(config.basePath()));
        javalin.appData(SITE, site);
        javalin.fileRenderer(renderer);
        javalin.router.contextPath = config.basePath().isEmpty() ? "/" : config.basePath();
        javalin.http.prefer405over404 = true;
        javalin.http.compressionStrategy = CompressionStrategy.GZIP;
        javalin.startup.showJavalinBanner = false;
        javalin.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        javalin.jetty.modifyServer(server -> server.setErrorHandler(new ProtocolErrors()));
        javalin.staticFiles.add(files -> {   // as enableWebjars(), but public: the version is in the path
            files.hostedPath = "/webjars";
            files.directory = "META-INF/resources/webjars";
            files.headers = Map.of("Cache-Control", Caching.WEBJARS);
        });
        javalin.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.headers = Map.of("Cache-Control", config.dev() ? "no-cache" : Caching.STATIC_FILES);
            if (config.dev()) { // edits to static/ show on the next request
                files.directory = Path.of("static").toAbsolutePath().toString();
                files.location = Location.EXTERNAL;
            } else {
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            }
        });
        javalin.jsonMapper(new JavalinJackson(new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL), false));

        Config.Limits limits = config.limits();
        MemoryBudget memory = config.memory().budget(Runtime.getRuntime().maxMemory());   // labs, experiments, API runs: see MemoryCost
        Registry registry = new Registry(limits.perBrowser(), limits.total(), limits.idleMinutes() * 60_000L, memory);
        Streams streams = new Streams(4, limits.framesPerSecond(), limits.fullFrameKilobytesPerSecond() * 1000L,
                (long) (FullFrames.CPU_SHARE * Runtime.getRuntime().availableProcessors() * 1e9));
        javalin.appData(LIVE, new Live(registry, streams));
        javalin.appData(Sessions.KEY, new Sessions(config.clients(), System::nanoTime));
        javalin.appData(SimulationsPerAddress.KEY,
                new SimulationsPerAddress(registry, config.clients().simsPerAddress(), limits.perBrowser(), limits.total()));
        CoreBudget cores = new CoreBudget(config.work().heavyRequests());   // heavy requests, experiments and large runs share it
        javalin.appData(HeavyWork.KEY, new HeavyWork(cores, config.work().heavyWaitMillis()));
        Config.Classes classSettings = config.classes();
        ClassStore classStore = ClassStores.open(classSettings.redisUrl(), classSettings.maxClasses(), classSettings.maxStudents(), seams.clockMillis());
        ClassRoster roster = new ClassRoster(classStore, registry, streams, seams.clockMillis());
        Classes classes = new Classes(classStore, roster, config, renderer, site, seams.clockMillis());
        javalin.appData(Classes.KEY, classes);
        Lab lab = new Lab(registry, streams, renderer, site, classes);
        roster.start(lab::repaint, lab::pushBanner);   // the teacher's messages, from any instance, reach this one's students
        Compare compare = new Compare(registry, streams, renderer, site);
        Jobs jobs = Jobs.forThisMachine(EXPERIMENTS_QUEUED, EXPERIMENTS_CACHED, EXPERIMENTS_PER_BROWSER, config.clients().experimentsPerAddress(), memory, cores);
        Experiments experiments = new Experiments(jobs, streams, renderer);
        Config.Ops ops = config.ops();
        Ticker ticker = new Ticker(registry, limits.framesPerSecond(), sim -> {
            seams.beforeRender().accept(sim);
            lab.changed(sim);
        }, pair -> {
            seams.beforeRender().accept(pair);
            compare.changed(pair);
        }, streams::ping, seams.clockMillis())
                .whenFailed(lab::failed, compare::failed)
                .pauseUnwatched(streams::watched, ops.unwatchedSeconds() * 1000L)
                .sharing(cores);
        Metrics metrics = new Metrics(registry, streams, jobs, ticker, ops.metricsToken());
        javalin.appData(METRICS, metrics);
        Health health = new Health(ticker, jobs, registry, streams, seams.clockMillis(), seams.memory());
        javalin.events.serverStarted(() -> {
            ticker.start();
            classes.start();
            if (ops.metricsPort() >= 0) metrics.listen(ops.metricsHost(), ops.metricsPort());
        });
        javalin.events.serverStopping(() -> Shutdown.stop(registry, ticker, jobs, experiments, streams, metrics, classes));
        routes(javalin.routes, config, new RateLimit(limits, System::nanoTime), lab, compare, experiments, health, metrics, classes);
    }

    /** The route table: the operator's two, filters, pages, API, then how each kind of failure is answered. */
    static void routes(RoutesConfig r, Config config, RateLimit rateLimit, Lab lab, Compare compare, Experiments experiments,
                       Health health, Metrics metrics, Classes classes) {
        r.get("/healthz", health::healthz);
        // Off the public port unless a token guards it: without one, /metrics is a 404 like any unknown page.
        if (config.ops().metricsToken() != null) r.get("/metrics", metrics::metrics);
        r.after(metrics::countRejected);

        r.before(new SecurityHeaders(config.frameAncestors()));
        r.before(rateLimit);
        r.before(new CrossSiteGuard());
        r.before(Caching::noStoreForStreams);
        r.before(Classes::privateHeaders);   // class pages: the teacher's key is in their address

        r.get("/", Pages::home);
        r.get("/lab", lab::page);
        r.before("/lab/{id}/stream", Lab::checkStream);
        r.sse("/lab/{id}/stream", lab::stream);
        r.get("/lab/{id}/details/{detail}", lab::details);
        r.post("/lab/{id}/{action}", lab::act);
        r.get("/course", CourseBuilder::page);
        r.post("/course/classes", classes::create);
        r.post("/classes/join", classes::join);
        r.get("/class/{code}", classes::page);
        r.before("/class/{code}/stream", classes::checkStream);
        r.sse("/class/{code}/stream", classes::stream);
        r.post("/class/{code}/send", classes::send);
        r.post("/class/{code}/pause", classes::pauseAll);
        r.post("/class/{code}/end", classes::end);
        r.get("/compare", compare::page);
        r.sse("/compare/{id}/stream", compare::stream);
        r.post("/compare/{id}/{action}", compare::act);

        r.get("/experiments", experiments::index);
        r.get("/experiments/sweep", experiments::sweepPage);
        r.get("/experiments/born-dead", experiments::bornDeadPage);
        r.sse("/experiments/jobs/{id}/stream", experiments::stream);
        r.post("/experiments/jobs/{id}/cancel", experiments::cancel);

        r.get("/api/scenarios", Api::scenarios);
        r.get("/api/runs", RunsApi::runs);
        r.get("/api/classes/{code}", classes::api);
        r.get("/api/experiments/sweep", experiments::sweepJson);
        r.get("/api/experiments/sweep.csv", experiments::sweepCsv);
        r.get("/api/experiments/born-dead", experiments::bornDeadJson);
        r.get("/api/experiments/born-dead/table", experiments::bornDeadTableJson);
        r.get("/api/experiments/born-dead/table.csv", experiments::bornDeadTableCsv);

        r.after(App::declareUtf8Html);

        r.exception(BadRequest.class, ErrorPages::badRequest);
        r.exception(InvalidParameter.class, ErrorPages::invalidParameter);
        r.exception(CrossSiteRequestRefused.class, ErrorPages::crossSite);
        r.exception(ClassUnavailable.class, ErrorPages::classUnavailable);
        r.exception(ClassStore.Unavailable.class, ErrorPages::classStoreDown);
        r.exception(TooManyRequests.class, ErrorPages::tooManyRequests);
        r.exception(Registry.Full.class, ErrorPages::serverFull);
        r.exception(Jobs.Full.class, ErrorPages::queueFull);
        r.exception(Jobs.TooManyForOne.class, ErrorPages::tooManyExperiments);
        r.exception(MemoryBudget.Refused.class, ErrorPages::memoryRefused);
        r.exception(HeavyWork.Busy.class, ErrorPages::heavyWorkRefused);
        r.exception(HttpResponseException.class, ErrorPages::httpError);
        r.exception(Exception.class, ErrorPages::unexpected);
    }

    /** ctx.render sends a bare "text/html"; naming the charset spares browsers a guess. */
    private static void declareUtf8Html(Context ctx) {
        if ("text/html".equals(ctx.res().getContentType())) ctx.contentType("text/html; charset=utf-8");
    }

    /** The stylesheets, one per part of the app, in cascade order. */
    static final List<String> STYLESHEETS = List.of("lab", "states", "charts", "teaching", "walks", "certificates", "compare", "experiments", "course", "timeline", "classes");

    private static Assets assets(String base) {
        return new Assets(STYLESHEETS.stream().map(name -> base + "/static/css/" + name + ".css").toList(),
                base + "/static/favicon.svg",
                base + "/webjars/htmx.org/" + Webjars.version("htmx.org") + "/dist/htmx.min.js",
                base + "/webjars/htmx-ext-sse/" + Webjars.version("htmx-ext-sse") + "/sse.js",
                base + "/static/js/lab.js");
    }
}
