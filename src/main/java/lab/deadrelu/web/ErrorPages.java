package lab.deadrelu.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import lab.deadrelu.classroom.ClassStore;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.view.site.ErrorPage;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.classes.ClassUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answered in words: a page in the app's layout, JSON for paths under /api/, or, to a
 * control's htmx request, a sentence as plain text (htmx swaps nothing on a 4xx or 5xx: static/js/lab.js
 * shows that sentence in the page's message area). Never a stack trace; unexpected exceptions are
 * logged and shown as a plain 500.
 */
public final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private ErrorPages() {}

    /** The JSON body of an error under /api/; parameter, value and allowed only for a 400. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiError(String error, String parameter, String value, String allowed) {}

    static void badRequest(BadRequest e, Context ctx) {
        Ui ui = PageUi.lenient(ctx);
        boolean home = e.suggestion == null || e.suggestion.equals("/");
        String next = ui.link(home ? "/" : e.suggestion);
        respond(ctx, ui, new ErrorPage(400, ui.t("error.400.title"), ui.t("error.400.message", e.parameter, e.value),
                new ErrorPage.ParameterProblem(e.parameter, e.value, e.allowed), next,
                home ? ui.t("error.next.home") : ui.t("error.400.next", next)));
    }

    /** The engine's validation speaks the same language as BadRequest: same 400, same page. */
    static void invalidParameter(InvalidParameter e, Context ctx) {
        badRequest(new BadRequest(e.parameter, e.value, e.allowed), ctx);
    }

    static void crossSite(CrossSiteRequestRefused e, Context ctx) {
        LOG.info("Refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        Ui ui = PageUi.lenient(ctx);
        respond(ctx, ui, simple(ui, 403, ui.t("error.403.title"), ui.t("error.403.message")));
    }

    /** Every simulation slot is taken: say so, and what to do; running students are not affected. */
    static void serverFull(lab.deadrelu.sim.Registry.Full e, Context ctx) {
        LOG.warn("Refused a new simulation: {}", e.getMessage());
        Ui ui = PageUi.lenient(ctx);
        ctx.header("Retry-After", "60");
        respond(ctx, ui, simple(ui, 503, ui.t("error.503.title"), ui.t("error.503.message")));
    }

    /**
     * Not enough memory for what was asked: what it needs, what is free (of the server, 503, or of this
     * browser's share, 429) and what to change. Under /api/ the same as JSON, with the numbers in bytes.
     */
    static void memoryRefused(lab.deadrelu.sim.MemoryBudget.Refused e, Context ctx) {
        // Debug only, like the 429s: a client inventing cookies must not flood the log; /metrics counts the refusals.
        LOG.debug("Refused for memory {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        Ui ui = PageUi.lenient(ctx);
        ctx.header("Retry-After", "60");
        String use = e.use.name().toLowerCase(java.util.Locale.ROOT);
        String what = ui.t("error.memory.what." + use), change = ui.t("error.memory.change." + use);
        String message = e.serverFull
                ? ui.t("error.memory.server.message", what, megabytes(e.needed), megabytes(e.free), change)
                : ui.t("error.memory.browser.message", what, megabytes(e.needed), megabytes(e.free), megabytes(e.share), change);
        int status = e.serverFull ? 503 : 429;
        if (ui.path().startsWith("/api/")) {
            ctx.status(status).json(new MemoryError(message, e.needed, e.free, e.serverFull ? null : e.share, MEMORY_CHANGES.get(e.use)));
            return;
        }
        boolean again = ctx.method() == HandlerType.GET && !"true".equals(ctx.header("HX-Request"));
        String here = ui.basePath() + ui.path() + (ui.query().isEmpty() ? "" : "?" + ui.query());
        respond(ctx, ui, new ErrorPage(status, ui.t(e.serverFull ? "error.memory.server.title" : "error.memory.browser.title"), message, null,
                again ? here : ui.link("/"), again ? ui.t("error.429.next") : ui.t("error.next.home")));
    }

    /** A memory refusal under /api/: bytes needed and free (shareBytes: the browser's whole share, when that was the limit). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemoryError(String error, long neededBytes, long freeBytes, Long shareBytes, java.util.List<String> change) {}

    /** The parameters that make each use smaller. */
    private static final Map<lab.deadrelu.sim.MemoryBudget.Use, java.util.List<String>> MEMORY_CHANGES = Map.of(
            lab.deadrelu.sim.MemoryBudget.Use.LAB, java.util.List.of("n", "layers"),
            lab.deadrelu.sim.MemoryBudget.Use.COMPARISON, java.util.List.of("a.n", "a.layers", "b.n", "b.layers"),
            lab.deadrelu.sim.MemoryBudget.Use.EXPERIMENT, java.util.List.of("n", "layers", "seeds", "points", "steps", "widths", "trials"),
            lab.deadrelu.sim.MemoryBudget.Use.RUN, java.util.List.of("steps", "n", "layers"));

    /** Bytes in words both languages read: "4.6 MB", "120 KB". */
    static String megabytes(long bytes) {
        return bytes >= 1_000_000 ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(java.util.Locale.ROOT, "%d KB", Math.max(1, (bytes + 999) / 1000));
    }

    /** The experiment queue is full: say so, and when to try again; running experiments are not affected. */
    static void queueFull(lab.deadrelu.experiment.Jobs.Full e, Context ctx) {
        LOG.warn("Refused a new experiment: {}", e.getMessage());
        Ui ui = PageUi.lenient(ctx);
        ctx.header("Retry-After", "30");
        respond(ctx, ui, simple(ui, 503, ui.t("error.503.experiments.title"), ui.t("error.503.experiments.message")));
    }

    /** This browser already waits on as many experiments as one may: say so; nobody else is affected. */
    static void tooManyExperiments(lab.deadrelu.experiment.Jobs.TooManyForOne e, Context ctx) {
        LOG.info("Refused a new experiment: {}", e.getMessage());
        Ui ui = PageUi.lenient(ctx);
        ctx.header("Retry-After", "30");
        String key = e.byAddress ? "error.429.experiments.address" : "error.429.experiments";
        respond(ctx, ui, simple(ui, 429, ui.t(key + ".title"), ui.t(key + ".message", e.limit)));
    }

    /** Over the request rate: how long to wait, and a link to try this page again (an htmx control: the sentence alone). */
    static void tooManyRequests(TooManyRequests e, Context ctx) {
        // Debug only: a flood must not flood the log as well; /metrics counts the 429s.
        LOG.debug("Refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        Ui ui = PageUi.lenient(ctx);
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
        boolean htmx = isHtmx(ctx);
        boolean again = ctx.method() == HandlerType.GET && !htmx;
        String here = ui.basePath() + ui.path() + (ui.query().isEmpty() ? "" : "?" + ui.query());
        String key = switch (e.kind) {
            case REQUESTS -> "error.429";
            case NEW_SESSIONS -> "error.429.sessions";
            case SIMULATIONS -> "error.429.simulations";
            case CLASSES -> "error.429.classes";
            case CLASS_KEYS -> "error.429.classKeys";
        };
        Object detail = e.kind == TooManyRequests.Kind.SIMULATIONS ? e.limit : e.retryAfterSeconds;
        respond(ctx, ui, new ErrorPage(429, ui.t(key + ".title"), ui.t(key + ".message", detail), null,
                again ? here : ui.link("/"), again ? ui.t("error.429.next") : ui.t("error.next.home")));
    }

    /**
     * A heavy request refused at the gate (see HeavyWork): the server busy with others' (503) or this
     * client already waiting on one (429). Try again in a moment; an htmx control gets the sentence alone.
     */
    static void heavyWorkRefused(HeavyWork.Busy e, Context ctx) {
        LOG.debug("Refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());   // a flood must not flood the log; /metrics counts them
        Ui ui = PageUi.lenient(ctx);
        ctx.header("Retry-After", Long.toString(HeavyWork.RETRY_SECONDS));
        String key = e.perClient ? "error.busy.client" : "error.busy.server";
        boolean again = ctx.method() == HandlerType.GET && !isHtmx(ctx);
        String here = ui.basePath() + ui.path() + (ui.query().isEmpty() ? "" : "?" + ui.query());
        respond(ctx, ui, new ErrorPage(e.perClient ? 429 : 503, ui.t(key + ".title"), ui.t(key + ".message", HeavyWork.RETRY_SECONDS), null,
                again ? here : ui.link("/"), again ? ui.t("error.429.next") : ui.t("error.next.home")));
    }

    /** Javalin's own refusals: no such path (404), wrong method (405), request too large, ... */
    static void httpError(HttpResponseException e, Context ctx) {
        Ui ui = PageUi.lenient(ctx);
        int status = e.getStatus();
        String where = BadRequest.clip(ui.path());
        // A 405 must say which methods would work; Javalin lists them in the details.
        if (status == 405) e.getDetails().values().stream().findFirst().ifPresent(methods -> ctx.header("Allow", methods));
        ErrorPage page = switch (status) {
            case 404 -> simple(ui, 404, ui.t("error.404.title"), ui.t("error.404.message", where));
            case 405 -> simple(ui, 405, ui.t("error.405.title"), ui.t("error.405.message", ctx.method().name(), where));
            default -> simple(ui, status, ui.t("error.other.title"), ui.t("error.other.message", status));
        };
        respond(ctx, ui, page);
    }

    /** A class code that leads nowhere (404), a class that ended (410), a wrong key (403), no room (503): named, and what to do. */
    static void classUnavailable(ClassUnavailable e, Context ctx) {
        LOG.debug("Refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        Ui ui = PageUi.lenient(ctx);
        String key = "error.class." + switch (e.why) {
            case UNKNOWN -> "unknown";
            case ENDED -> "ended";
            case EXPIRED -> "expired";
            case TEACHER_ENDED -> "teacherEnded";
            case WRONG_KEY -> "key";
            case FULL -> "full";
            case CLASS_FULL -> "classFull";
            case STORE_DOWN -> "storeDown";
        };
        if (e.why.status == 503) ctx.header("Retry-After", e.why == ClassUnavailable.Why.STORE_DOWN ? "5" : "300");
        respond(ctx, ui, e.next == null ? simple(ui, e.why.status, ui.t(key + ".title"), ui.t(key + ".message", e.code))
                : new ErrorPage(e.why.status, ui.t(key + ".title"), ui.t(key + ".message", e.code), null, e.next, ui.t(key + ".next")));
    }

    /** 503 when the classes' store (Redis) does not answer in time: a page, JSON under /api/, or htmx text, never a 500. */
    static void classStoreDown(ClassStore.Unavailable e, Context ctx) {
        LOG.warn("Classes unavailable answering {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        classUnavailable(new ClassUnavailable(ClassUnavailable.Why.STORE_DOWN, ""), ctx);
    }

    /** 403 for a control the teacher locked in the link. */
    public static void locked(Context ctx, String control) {
        Ui ui = PageUi.lenient(ctx);
        respond(ctx, ui, simple(ui, 403, ui.t("course.locked.title"), ui.t("course.locked.message", ui.t("course.lock." + control))));
    }

    static void unexpected(Exception e, Context ctx) {
        LOG.error("Unexpected error answering {} {}", ctx.method(), ctx.path(), e);
        Ui ui = PageUi.lenient(ctx);
        respond(ctx, ui, simple(ui, 500, ui.t("error.500.title"), ui.t("error.500.message")));
    }

    private static ErrorPage simple(Ui ui, int status, String title, String message) {
        return new ErrorPage(status, title, message, null, ui.link("/"), ui.t("error.next.home"));
    }

    private static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** The short form of an error for the page's message area: what was refused and why. */
    static String sentence(Ui ui, ErrorPage page) {
        ErrorPage.ParameterProblem p = page.problem();
        return p != null ? ui.t("request.refused.400", p.parameter(), p.value(), p.allowed())
                : ui.t("request.refused", page.title(), page.message());
    }

    private static void respond(Context ctx, Ui ui, ErrorPage page) {
        ctx.status(page.status());
        boolean api = ui.path().equals("/api") || ui.path().startsWith("/api/");
        if (isHtmx(ctx) && !api) {
            ctx.contentType("text/plain; charset=utf-8").result(sentence(ui, page));
        } else if (api) {
            ErrorPage.ParameterProblem p = page.problem();
            ctx.json(p == null ? new ApiError(page.message(), null, null, null)
                    : new ApiError(page.message(), p.parameter(), p.value(), p.allowed()));
        } else {
            ctx.render("site/error.jte", Map.of("ui", ui, "page", page));
        }
    }
}
