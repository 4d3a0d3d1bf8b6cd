package lab.deadrelu.web.compare;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.CompareLink;
import lab.deadrelu.sim.Pair;
import lab.deadrelu.sim.Ticker;
import lab.deadrelu.sim.PairState;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.view.compare.ComparePage;
import lab.deadrelu.view.compare.CompareViews;
import lab.deadrelu.view.lab.FailedRun;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.App;
import lab.deadrelu.web.BadRequest;
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
import lab.deadrelu.web.lab.Lab;

/**
 * The compare page: two runs side by side as one pair of simulations, one SSE stream for both and
 * one set of controls. Handlers parse, act on the pair and render; every fragment a frame sends is
 * the one the page itself includes.
 */
public final class Compare {
    /** Parameters of a compare link besides a and b. */
    static final Set<String> PAGE_PARAMS = Set.of("lang");

    private final Registry registry;
    private final Streams streams;
    private final JteRenderer renderer;
    private final App.Site site;

    public Compare(Registry registry, Streams streams, JteRenderer renderer, App.Site site) {
        this.registry = registry;
        this.streams = streams;
        this.renderer = renderer;
        this.site = site;
    }

    /** GET /compare?a=<lab link>&b=<lab link>: a new pair for this browser, both replayed to the same step. */
    public void page(Context ctx) {
        Map<String, String> params;
        try {
            params = Lab.singleValues(ctx);
        } catch (BadRequest e) {
            throw new BadRequest(e.parameter, e.value, e.allowed, suggestion());
        }
        Ui ui = PageUi.of(ctx);
        if (!params.containsKey("a") && !params.containsKey("b") && PAGE_PARAMS.containsAll(params.keySet())) {
            // a bare /compare: the first of the post's questions
            CompareLink.Preset first = CompareLink.presets().get(0);
            ctx.redirect(CompareViews.compareLink(ui, first.a(), first.b()), HttpStatus.SEE_OTHER);
            return;
        }
        CompareLink link = parse(params);
        HeavyWork.of(ctx).run(ctx, HeavyWork.page(link.a()) + HeavyWork.page(link.b()), () -> {
            Pair pair = SimulationsPerAddress.of(ctx).openPair(ctx, () -> registry.openPair(Sessions.id(ctx), link.a(), link.b(), PageUi.viewer(ui), System.currentTimeMillis()));
            ctx.header("Cache-Control", "no-store");
            ctx.render("compare/compare.jte", Map.of("page", CompareViews.build(pair.state(), ui)));
        });
    }

    /** GET /compare/{id}/stream (SSE): the pair's frames; "gone" tells the page to reload its link. */
    public void stream(SseClient client) {
        Context ctx = client.ctx();
        Pair pair = registry.pair(ctx.pathParam("id"), Sessions.id(ctx));
        if (pair == null) {
            client.sendEvent("gone", renderer.render("site/sse_signal.jte", Map.of()));
            client.close();
            return;
        }
        client.keepAlive();
        pair.touch(System.currentTimeMillis());
        // Not paused when its last stream closes: the ticker holds it after UNWATCHED_SECONDS, and it goes on when a stream opens again.
        Runnable remove = streams.add(pair.id, client, pair.failure() == null ? frame(pair) : failedFrame(pair));
        client.onClose(() -> {
            remove.run();
            pair.touch(System.currentTimeMillis());
        });
    }

    /** Called by the ticker once a pair failed: its watchers see why, and its link, where the status was. */
    public void failed(Pair pair) {
        streams.publish(pair.id, failedFrame(pair));
    }

    /** The failure in place of the status; no later frame replaces it (the pair never changes again). */
    Frame failedFrame(Pair pair) {
        Ui ui = ui(pair);
        FailedRun failed = FailedRun.of(pair.failure(), ui, CompareViews.compareLink(ui, pair.runA(), pair.runB()));
        return new Frame(Long.MAX_VALUE, Map.of("status", renderer.render("lab/run_failed.jte", Map.of("ui", ui, "failed", failed))));
    }

    /** POST /compare/{id}/{action}: a control, acting on both runs. htmx gets the controls back and the new link; a plain form is redirected to it. */
    public void act(Context ctx) {
        Pair pair = registry.pair(ctx.pathParam("id"), Sessions.id(ctx));
        if (pair == null) {
            if ("true".equals(ctx.header("HX-Request"))) {   // evicted or the server restarted: reload the link the address bar holds
                ctx.header("HX-Refresh", "true").status(HttpStatus.NO_CONTENT);
                return;
            }
            throw new NotFoundResponse();
        }
        if (pair.failure() != null) {   // the server gave up on it: its link opens it afresh
            if ("true".equals(ctx.header("HX-Request"))) ctx.header("HX-Refresh", "true").status(HttpStatus.NO_CONTENT);
            else ctx.redirect(CompareViews.compareLink(uiOf(pair, ctx), pair.runA(), pair.runB()), HttpStatus.SEE_OTHER);
            return;
        }
        pair.touch(System.currentTimeMillis());
        String action = ctx.pathParam("action");
        HeavyWork.of(ctx).run(ctx, HeavyWork.control(pair.runA(), action, 0) + HeavyWork.control(pair.runB(), action, 0), () -> control(ctx, pair, action));
    }

    /** The control itself, and its answer. */
    private void control(Context ctx, Pair pair, String action) {
        switch (action) {
            case "play" -> pair.play();
            case "pause" -> pair.pause();
            case "step" -> pair.stepOnce();
            case "epoch" -> pair.stepEpoch();
            case "reset" -> pair.reset();
            case "speed" -> pair.setSpeed(Forms.speed(ctx));
            default -> throw new NotFoundResponse();
        }
        Regions regions = streams.regions(pair.id);
        Frame all = frame(pair, regions);
        if (regions != null) regions.sent(all);   // every watcher has all of it now
        streams.publish(pair.id, all);
        Map<String, String> frame = all.fragments();
        Ui ui = uiOf(pair, ctx);
        String link = CompareViews.compareLink(ui, pair.runA(), pair.runB());
        if ("true".equals(ctx.header("HX-Request"))) {
            ctx.header("HX-Replace-Url", link);
            ctx.html(frame.get("controls"));
        } else {
            ctx.redirect(link, HttpStatus.SEE_OTHER);
        }
    }

    /**
     * Called by the ticker when a playing pair moved: render once, queue for every watcher (a watched pair
     * is in use: never idle). A pair has no pulses: between the full frames its share of the server's
     * budget allows (see {@link FullFrames}) it sends nothing, and the next frame shows where it got to.
     */
    public void changed(Pair pair) {
        FullFrames full = streams.fullFrames(pair.id);
        if (full == null) return;   // nobody watches
        pair.touch(System.currentTimeMillis());
        Regions regions = streams.regions(pair.id);
        if (regions != null && full.due(System.nanoTime(), pair.playing(), streams.audiences())) {
            long start = Ticker.cpuNanos();
            Frame all = frame(pair, regions), news = regions.news(all, "status", "link");   // only what changed on screen
            full.rendered(all.utf8Bytes(), news.utf8Bytes(), Ticker.cpuNanos() - start);
            streams.publish(pair.id, news);
        }
    }

    /** Every fragment of the page for the pair's current state. */
    Frame frame(Pair pair) {
        return frame(pair, streams.regions(pair.id));
    }

    /** Every fragment of the page for the pair's current state, rendered once; with `regions`, a region whose view did not change is taken from there. */
    private Frame frame(Pair pair, Regions regions) {
        PairState state = pair.state();
        Ui ui = ui(pair);
        ComparePage page = CompareViews.build(state, ui);
        Map<String, String> f = new LinkedHashMap<>();
        put(f, regions, "controls", "compare/compare_controls.jte", page.controls(), Map.of("ui", ui, "controls", page.controls()));
        put(f, regions, "status", "compare/compare_status.jte", page.status(), Map.of("ui", ui, "status", page.status()));
        put(f, regions, "differences", "compare/compare_differences.jte", page.differences(), Map.of("ui", ui, "differences", page.differences()));
        for (ComparePage.Side side : new ComparePage.Side[] {page.a(), page.b()}) {
            String s = "-" + side.cssClass().substring("run-".length());
            boolean legend = side == page.a();
            put(f, regions, "network" + s, "chart/network_diagram.jte", java.util.List.of(side.network(), legend),
                    Map.of("diagram", side.network(), "legend", legend));
            put(f, regions, "weights" + s, "chart/chart_line.jte", side.weights(), Map.of("chart", side.weights()));
            put(f, regions, "loss" + s, "chart/chart_line.jte", side.loss(), Map.of("chart", side.loss()));
            put(f, regions, "dead" + s, "chart/chart_line.jte", side.dead(), Map.of("chart", side.dead()));
        }
        put(f, regions, "link", "compare/compare_link.jte", page.link(), Map.of("ui", ui, "link", page.link()));
        return new Frame(state.version(), f);
    }

    private void put(Map<String, String> frame, Regions regions, String name, String template, Object view, Map<String, Object> params) {
        Regions.put(frame, regions, renderer, name, template, view, params);
    }

    /** The two runs of a compare link; a bad one is a 400 that names a or b and the parameter inside it. */
    static CompareLink parse(Map<String, String> params) {
        try {
            return CompareLink.parse(params, PAGE_PARAMS);
        } catch (InvalidParameter e) {
            throw new BadRequest(e.parameter, e.value, e.allowed, suggestion());
        }
    }

    /** Where a bad compare link's error page points: the first of the post's questions. */
    private static String suggestion() {
        return "/compare?" + CompareLink.presets().get(0).link().toQuery();
    }

    /** The words and links of the page that opened the pair, for its frames. */
    private Ui ui(Pair pair) {
        return PageUi.of(pair.viewer, site);
    }

    private Ui uiOf(Pair pair, Context ctx) {
        return pair.viewer == null ? PageUi.of(ctx) : ui(pair);
    }
}
