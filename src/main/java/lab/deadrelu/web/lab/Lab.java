package lab.deadrelu.web.lab;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.scenario.Walks;
import lab.deadrelu.sim.Failure;
import lab.deadrelu.sim.Pulse;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.sim.SimulationState;
import lab.deadrelu.sim.Ticker;
import lab.deadrelu.view.classes.ClassBanner;
import lab.deadrelu.view.compare.CompareViews;
import lab.deadrelu.view.lab.CertificateViews;
import lab.deadrelu.view.lab.FailedRun;
import lab.deadrelu.view.lab.LabPage;
import lab.deadrelu.view.lab.LabViews;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.App;
import lab.deadrelu.web.BadRequest;
import lab.deadrelu.web.ErrorPages;
import lab.deadrelu.web.Forms;
import lab.deadrelu.web.Frame;
import lab.deadrelu.web.FullFrames;
import lab.deadrelu.web.HeavyWork;
import lab.deadrelu.web.JteRenderer;
import lab.deadrelu.web.PageUi;
import lab.deadrelu.web.Regions;
import lab.deadrelu.web.Sessions;
import lab.deadrelu.web.SimulationsPerAddress;
import lab.deadrelu.web.Streams;
import lab.deadrelu.web.classes.Classes;

/**
 * The lab: a page per run, its SSE stream, and its controls. Handlers parse, act on the
 * simulation and render; every fragment they send is the one the page itself includes.
 */
public final class Lab {
    /** Parameters of a lab link that are not the run's own: the page's, kept on by {@link Ui#link} (see {@link Embedding}). */
    static final Set<String> PAGE_PARAMS = Set.of("lang", "embed");

    private final Registry registry;
    private final Streams streams;
    private final JteRenderer renderer;
    private final App.Site site;
    /** Labs opened with class=CODE (null: no classes, as in tests that build a Lab alone). */
    private final Classes classes;

    public Lab(Registry registry, Streams streams, JteRenderer renderer, App.Site site) {
        this(registry, streams, renderer, site, null);
    }

    public Lab(Registry registry, Streams streams, JteRenderer renderer, App.Site site, Classes classes) {
        this.registry = registry;
        this.streams = streams;
        this.renderer = renderer;
        this.site = site;
        this.classes = classes;
    }

    /** GET /lab?<link>: a new simulation of the link for this browser, replayed to its step. */
    public void page(Context ctx) {
        RunSpec run = parse(ctx);
        Ui ui = PageUi.of(ctx);
        if (classes != null) classes.admit(ctx, run);   // class=CODE: an open class with room, else its 404, 410 or 503
        HeavyWork.of(ctx).run(ctx, HeavyWork.page(run), () -> {
            Simulation sim = SimulationsPerAddress.of(ctx).open(ctx, () -> registry.open(Sessions.id(ctx), run, PageUi.viewer(ui), System.currentTimeMillis()));
            if (classes != null) classes.tie(ctx, sim);
            ctx.header("Cache-Control", "no-store");
            SimulationState state = sim.state();
            Map<String, Object> params = new java.util.HashMap<>(Map.of("page", LabViews.build(state, ui), "compareWith", CompareViews.menu(ui, state.run()),
                    "course", state.run().course()));
            ClassBanner banner = classes == null ? null : classes.banner(sim, ui);
            if (banner != null) params.put("classBanner", banner);
            ctx.render("lab/lab.jte", params);
        });
    }

    /** GET /lab/{id}/stream (SSE): the simulation's frames; "gone" tells the page to reload its link. */
    public void stream(SseClient client) {
        Context ctx = client.ctx();
        Simulation sim = registry.get(ctx.pathParam("id"), Sessions.id(ctx));
        if (sim == null) {
            client.sendEvent("gone", renderer.render("site/sse_signal.jte", Map.of()));
            client.close();
            return;
        }
        client.keepAlive();
        sim.touch(System.currentTimeMillis());
        // Not paused when its last stream closes: the ticker holds it after UNWATCHED_SECONDS, and it goes on when a stream opens again.
        Runnable remove = streams.add(sim.id, client, firstFrame(sim), fps(ctx));
        client.onClose(() -> {
            remove.run();
            sim.touch(System.currentTimeMillis());
        });
    }

    /** What a new stream starts with: the whole picture, or what the page of a failed simulation says instead. */
    private Frame firstFrame(Simulation sim) {
        if (sim.failure() == null) {
            try {
                Frame all = Regions.whole(frame(sim));
                Frame banner = bannerFrame(sim);
                if (banner == null) return all;
                Map<String, String> both = new LinkedHashMap<>(all.fragments());
                both.putAll(banner.fragments());
                return new Frame(all.version(), both);
            } catch (RuntimeException | Error e) {   // as in the ticker: this simulation alone fails
                sim.fail(Failure.of(e));
                org.slf4j.LoggerFactory.getLogger(Lab.class).error("Simulation {} failed to render and stopped", sim.id, e);
            }
        }
        return failedFrame(sim);
    }

    /** Called by the ticker once a simulation failed: its watchers see why, and its link, where the status was. */
    public void failed(Simulation sim) {
        streams.publish(sim.id, failedFrame(sim));
    }

    /** The failure in place of the status; no later frame replaces it (the simulation never changes again). */
    Frame failedFrame(Simulation sim) {
        Ui ui = ui(sim);
        FailedRun failed = FailedRun.of(sim.failure(), ui, LabViews.labLink(ui, sim.run()));
        return new Frame(Long.MAX_VALUE, Map.of("status", renderer.render("lab/run_failed.jte", Map.of("ui", ui, "failed", failed))));
    }

    /**
     * Before the stream's headers go out: ?fps=N (1 to 10) asks for at most N frames per second (the
     * page asks for 2 under prefers-reduced-motion). Anything else is a 400 naming it.
     */
    public static void checkStream(Context ctx) {
        String raw = ctx.queryParam("fps");
        if (raw != null && !(raw.matches("\\d{1,2}") && Integer.parseInt(raw) >= 1 && Integer.parseInt(raw) <= 10))
            throw new BadRequest("fps", raw, "a whole number from 1 to 10 (frames per second)");
    }

    /** The frame rate the stream asked for; 0 means every frame. Checked by {@link #checkStream}. */
    static int fps(Context ctx) {
        String raw = ctx.queryParam("fps");
        return raw == null ? 0 : Integer.parseInt(raw);
    }

    /**
     * GET /lab/{id}/details/{detail}: one certificate (cert-2-1) or one event's certificate (event-8-died-2-1),
     * as it reads now, for the row or line the reader just opened. A long list sends its summaries with each
     * frame and a text only on demand; one that is no longer listed is a 404 with a sentence (the page says it).
     */
    public void details(Context ctx) {
        Simulation sim = registry.get(ctx.pathParam("id"), Sessions.id(ctx));
        if (sim == null) throw new NotFoundResponse();
        sim.touch(System.currentTimeMillis());
        Ui ui = ui(sim);
        String detail = ctx.pathParam("detail");
        SimulationState state = sim.state();   // only the two parts that hold details, not the whole page
        ctx.header("Cache-Control", "no-store");
        for (var card : CertificateViews.build(state, ui, LabViews.actions(ui, state.id())).cards()) {
            if (card.id().equals(detail)) {
                ctx.html(renderer.render("lab/certificate_body.jte", Map.of("c", card)));
                return;
            }
        }
        for (var line : LabViews.events(state, ui).lines()) {
            if (line.id().equals(detail) && line.certificate() != null && !line.certificate().isEmpty()) {
                ctx.html(renderer.render("lab/event_certificate.jte", Map.of("e", line)));
                return;
            }
        }
        ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result(ui.t("details.gone"));
    }

    /** POST /lab/{id}/{action}: a control. htmx gets the controls back and the new link; a plain form is redirected to it. */
    public void act(Context ctx) {
        Simulation sim = registry.get(ctx.pathParam("id"), Sessions.id(ctx));
        if (sim == null) {
            if (isHtmx(ctx)) {        // evicted or the server restarted: reload the link the address bar holds
                ctx.header("HX-Refresh", "true").status(HttpStatus.NO_CONTENT);
                return;
            }
            throw new NotFoundResponse();
        }
        if (sim.failure() != null) {   // the server gave up on it: its link opens it afresh
            if (isHtmx(ctx)) ctx.header("HX-Refresh", "true").status(HttpStatus.NO_CONTENT);
            else ctx.redirect(LabViews.labLink(uiOf(sim, ctx), sim.run()), HttpStatus.SEE_OTHER);
            return;
        }
        sim.touch(System.currentTimeMillis());
        String action = ctx.pathParam("action");
        String lock = lab.deadrelu.scenario.Course.lockOf(action);
        if (lock != null && sim.run().course().locked(lock)) {   // the page disables it; a forged post changes nothing
            ErrorPages.locked(ctx, lock);
            return;
        }
        HeavyWork.of(ctx).run(ctx, HeavyWork.control(sim.run(), action, sim.pulse().step()), () -> control(ctx, sim, action));
    }

    /** The control itself, and its answer. */
    private void control(Context ctx, Simulation sim, String action) {
        switch (action) {
            case "play" -> sim.play();
            case "pause" -> sim.pause();
            case "step" -> sim.stepOnce();
            case "epoch" -> sim.stepEpoch();
            case "reset" -> sim.reset();
            case "reinit" -> sim.reinitialize();
            case "redraw" -> sim.redrawDead();
            case "lr-now" -> sim.applyLr(Forms.lr(ctx));
            case "lr-restart" -> sim.restartWithLr(Forms.lr(ctx));
            case "act" -> sim.setActivation(Forms.activation(ctx));
            case "bias" -> sim.setBias(Forms.checkbox(ctx, "bias"));
            case "speed" -> sim.setSpeed(Forms.speed(ctx));
            case "focus" -> {   // with mark=<step> (clicking an event or a certificate): that step marked on the charts too
                int layer = Forms.layer(ctx), neuron = Forms.neuron(ctx);
                Long mark = Forms.mark(ctx);
                if (mark == null) sim.focus(layer, neuron);
                else sim.focus(layer, neuron, mark);
            }
            case "weight" -> sim.selectWeight(Forms.weight(ctx));
            case "plane" -> sim.setPlane(Forms.plane(ctx, sim.run().spec()));
            case "walk" -> {
                int to = Forms.walkStep(ctx, Walks.of(sim.run().scenario()).size());
                String needs = Walks.lockFor(sim.run(), to);   // a step that would change a locked setting is locked too
                if (needs != null) {
                    ErrorPages.locked(ctx, needs);
                    return;
                }
                sim.walkTo(to);
            }
            case "seek" -> sim.seek(Forms.step(ctx));
            case "pause-at-death" -> sim.setPauseAtDeath(Forms.pauseAtDeath(ctx));
            default -> throw new NotFoundResponse();
        }
        if (classes != null) classes.roster.moved(sim, true);   // a control: the class view hears of it now
        Frame frame = repaint(sim);
        Ui ui = uiOf(sim, ctx);
        String link = LabViews.labLink(ui, sim.run());
        if (isHtmx(ctx)) {
            // Playing, the run moves on by itself and the stream keeps the address bar: a link from here could
            // land after the stream's newer ones (say, once the run stopped at a death) and stay there.
            if (!action.equals("play")) ctx.header("HX-Replace-Url", link);
            ctx.html(frame.fragments().get(switch (action) {   // the walk's button targets #walk, the timeline's forms #timeline
                case "walk" -> "walk";
                case "seek", "pause-at-death" -> "timeline";
                default -> "controls";
            }));
        } else {
            ctx.redirect(link, HttpStatus.SEE_OTHER);
        }
    }

    /**
     * Called by the ticker when a playing simulation moved: render what changed once, queue for every
     * watcher. The regions that changed when a full frame is due (see {@link FullFrames}), else a pulse:
     * the status line alone.
     */
    public void changed(Simulation sim) {
        if (classes != null) classes.roster.moved(sim, false);   // throttled: at most a write a second per student
        FullFrames full = streams.fullFrames(sim.id);
        Regions regions = streams.regions(sim.id);
        if (full == null || regions == null) return;   // nobody watches
        Pulse pulse = sim.pulse();
        boolean playing = pulse.playing() && !pulse.diverged();
        if (full.due(System.nanoTime(), playing, streams.audiences())) {
            // capped while it plays and full frames come about every tick (what does not fit goes with the next); a stop shows everything
            long start = Ticker.cpuNanos();
            Frame all = frame(sim, regions), news = regions.news(all, full.cap(playing), "status", "link");
            full.rendered(Regions.whole(all).utf8Bytes(), news.utf8Bytes(), Ticker.cpuNanos() - start);
            streams.publish(sim.id, news);
        } else {
            streams.publish(sim.id, pulse(pulse, ui(sim)));
        }
    }

    /** Every region of the page to its watchers (after a control, or the teacher's "pause all"). */
    public Frame repaint(Simulation sim) {
        Regions regions = streams.regions(sim.id);
        Frame frame = frame(sim, regions);
        if (regions != null) regions.sent(frame);   // every watcher has all of it now: the next frame while playing sends what changed since
        streams.publish(sim.id, Regions.whole(frame));
        return frame;
    }

    /** The class line of a student's page (what the teacher sent, or that the class ended) to its watchers. */
    public void pushBanner(Simulation sim) {
        Frame banner = bannerFrame(sim);
        if (banner != null) streams.publish(sim.id, banner);
    }

    /** The class region alone, or null outside a class. */
    private Frame bannerFrame(Simulation sim) {
        if (classes == null) return null;
        Ui ui = ui(sim);
        ClassBanner banner = classes.banner(sim, ui);
        if (banner == null) return null;
        return new Frame(sim.version(), Map.of("class", renderer.render("classes/class_banner.jte", Map.of("ui", ui, "banner", banner))));
    }

    /** The status line alone: what moves with every step. */
    Frame pulse(Pulse pulse, Ui ui) {
        String status = renderer.render("lab/lab_status.jte", Map.of("ui", ui, "status", LabViews.status(pulse, ui)));
        return new Frame(pulse.version(), Map.of("status", status));
    }

    /** Every fragment of the page for the simulation's current state. */
    public Frame frame(Simulation sim) {
        return frame(sim, streams.regions(sim.id));
    }

    /**
     * Every fragment of the page for the simulation's current state, rendered once; with `regions` (its
     * watchers' renderings), a region whose view did not change is taken from there instead.
     */
    private Frame frame(Simulation sim, Regions regions) {
        SimulationState state = sim.state();
        Ui ui = ui(sim);
        LabPage page = LabViews.build(state, ui);
        Map<String, String> f = new LinkedHashMap<>();
        Region put = (name, template, view, params) -> Regions.put(f, regions, renderer, name, template, view, params);
        put.region("controls", "lab/lab_controls.jte", page.controls(), Map.of("ui", ui, "controls", page.controls()));
        put.region("status", "lab/lab_status.jte", page.status(), Map.of("ui", ui, "status", page.status()));
        put.region("timeline", "lab/timeline.jte", page.timeline(), Map.of("ui", ui, "timeline", page.timeline(), "now", "timeline-now",
                "at", "timeline-at"));
        put.region("timeline-now", "lab/timeline_now.jte", page.timeline(), Map.of("ui", ui, "timeline", page.timeline()));
        put.region("timeline-at", "lab/timeline_at.jte", page.timeline(), Map.of("timeline", page.timeline()));
        // what moves with each step (the edges, the charts' lines and points) is also a region of its own,
        // inside its region on the page: while playing, only it is sent as long as the rest stays (see Regions.PART_OF)
        put.region("network", "chart/network_diagram.jte", page.network(), Map.of("diagram", page.network(), "now", "network-now",
                "nodes", "network-nodes"));
        put.region("network-now", "chart/network_now.jte", page.network(), Map.of("diagram", page.network()));
        put.region("network-nodes", "chart/network_nodes.jte", page.network(), Map.of("diagram", page.network()));
        put.region("loss", "chart/chart_line.jte", page.loss(), Map.of("chart", page.loss(), "plot", "loss-now"));
        put.region("loss-now", "chart/chart_plot.jte", page.loss(), Map.of("chart", page.loss()));
        put.region("weights", "chart/chart_line.jte", page.weights(), Map.of("chart", page.weights(), "plot", "weights-now"));
        put.region("weights-now", "chart/chart_plot.jte", page.weights(), Map.of("chart", page.weights()));
        put.region("dead", "chart/chart_line.jte", page.dead(), Map.of("chart", page.dead(), "plot", "dead-now"));
        put.region("dead-now", "chart/chart_plot.jte", page.dead(), Map.of("chart", page.dead()));
        if (page.plane().drawn()) {
            put.region("plane", "lab/input_plane.jte", page.plane(), Map.of("ui", ui, "plane", page.plane(), "now", "plane-now"));
            put.region("plane-now", "lab/input_plane_now.jte", page.plane(), Map.of("plane", page.plane()));
        }
        put.region("events", "lab/event_log.jte", page.events(), Map.of("ui", ui, "log", page.events()));
        put.region("table", "lab/data_table.jte", page.table(), Map.of("ui", ui, "table", page.table()));
        put.region("inspector", "lab/gradient_inspector.jte", page.inspector(), Map.of("ui", ui, "inspector", page.inspector(), "now", "inspector-now"));
        put.region("inspector-now", "lab/inspector_now.jte", page.inspector(), Map.of("ui", ui, "inspector", page.inspector()));
        put.region("certificates", "lab/certificates.jte", page.certificates(), Map.of("ui", ui, "certificates", page.certificates()));
        put.region("remedies", "lab/remedies.jte", page.certificates().remedies(), Map.of("ui", ui, "remedies", page.certificates().remedies()));
        // changes only when a neuron changes state or the run diverges, so Streams re-sends (and readers hear) only news
        put.region("announce", "lab/announcer.jte", page.certificates().announcement(),
                Map.of("announcement", page.certificates().announcement()));
        put.region("link", "lab/lab_link.jte", java.util.Arrays.asList(page.link(), page.view()),
                Map.of("ui", ui, "link", page.link(), "view", page.view()));
        put.region("walk", "lab/guided_walk.jte", page.walk(), Map.of("ui", ui, "walk", page.walk(), "where", "walk-now"));
        put.region("walk-now", "lab/walk_where.jte", page.walk(), Map.of("walk", page.walk()));
        var menu = CompareViews.menu(ui, state.run());
        put.region("compare", "compare/compare_with.jte", menu, Map.of("menu", menu));
        return new Frame(state.version(), f);
    }

    /** Puts one region's HTML into a frame: its name, template, the view it shows (its key), the template's parameters. */
    @FunctionalInterface
    private interface Region {
        void region(String name, String template, Object view, Map<String, Object> params);
    }

    private Ui uiOf(Simulation sim, Context ctx) {
        return sim.viewer == null ? PageUi.of(ctx) : ui(sim);
    }

    /** The words and links of the page that opened the simulation, for its frames. */
    private Ui ui(Simulation sim) {
        return PageUi.of(sim.viewer, site);
    }

    private static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** The run of a lab link; a bad one is a 400 that names the parameter and links to the scenario's default run. */
    static RunSpec parse(Context ctx) {
        List<String> ids = ctx.queryParams("scenario");
        Scenario s = ids.size() == 1 ? Scenario.fromId(ids.get(0)) : null;
        String defaultRun = "/lab?scenario=" + (s == null ? "case-1" : s.id);
        Map<String, String> params = singleValues(ctx, defaultRun);
        RunSpec run;
        try {
            run = RunSpec.parse(params, PAGE_PARAMS);
        } catch (InvalidParameter e) {
            throw new BadRequest(e.parameter, sent(params, e), e.allowed, defaultRun);
        }
        if (run.at() > run.maxReplaySteps())
            throw new BadRequest("at", Long.toString(run.at()), "at most " + run.maxReplaySteps()
                    + " for this network and data set (replaying further would hold the server too long)", defaultRun);
        return run;
    }

    /** The query as name -> value; a name given twice is refused (a link says each thing once). */
    public static Map<String, String> singleValues(Context ctx) {
        return singleValues(ctx, null);
    }

    private static Map<String, String> singleValues(Context ctx, String suggestion) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (values.size() != 1) throw new BadRequest(name, String.join(",", values), "given once", suggestion);
            params.put(name, values.get(0));
        });
        return params;
    }

    /**
     * The value to show as sent: the link's own text for a one-value parameter (the engine reports numbers
     * re-formatted: 0.0 for 0, [3, 1000, 1] for 3-1000-1); for the lists w and ops, the engine's value
     * names the culprit better ("5 numbers", the one bad op).
     */
    public static String sent(Map<String, String> params, InvalidParameter e) {
        String raw = params.get(e.parameter);
        return raw == null || e.parameter.equals("w") || e.parameter.equals("ops") ? e.value : raw;
    }
}
