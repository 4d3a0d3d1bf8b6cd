package lab.deadrelu.web.course;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.Course;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import lab.deadrelu.view.course.CoursePage;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.lab.LabPage;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.chart.QrCode;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.BadRequest;
import lab.deadrelu.web.JteRenderer;
import lab.deadrelu.web.PageUi;

/** GET /course: the teacher's form that builds a lab link with locks, a title and an instruction. */
public final class CourseBuilder {
    /** The form's fields; lang is the page's language, linklang the students' language. */
    static final Set<String> FIELDS = Set.of("scenario", "link", "lock", "title", "note", "linklang", "lang");
    static final int MAX_PASTED = 20_000;

    private CourseBuilder() {}

    public static void page(Context ctx) {
        for (String k : ctx.queryParamMap().keySet())
            if (!FIELDS.contains(k)) throw new BadRequest(k, ctx.queryParam(k), "left out: this page takes " + String.join(", ", FIELDS), "/course");
        Ui ui = PageUi.of(ctx);
        String scenarioId = one(ctx, "scenario"), pasted = one(ctx, "link"), title = one(ctx, "title"), note = one(ctx, "note");
        String linkLangCode = one(ctx, "linklang");
        Lang linkLang = linkLangCode == null || linkLangCode.isEmpty() ? null : Lang.fromCode(linkLangCode);
        if (linkLangCode != null && !linkLangCode.isEmpty() && linkLang == null) throw new BadRequest("linklang", linkLangCode, Lang.codes(), "/course");
        List<String> locks = new ArrayList<>();
        for (String l : ctx.queryParams("lock")) {
            if (!Course.LOCKS.contains(l)) throw new BadRequest("lock", l, "one of " + String.join(", ", Course.LOCKS), "/course");
            if (!locks.contains(l)) locks.add(l);
        }
        locks = Course.LOCKS.stream().filter(locks::contains).toList();

        RunSpec run = null;
        try {
            if (pasted != null && !pasted.isBlank()) run = fromLink(pasted);
            else if (scenarioId != null && !scenarioId.isEmpty()) {
                Scenario s = Scenario.fromId(scenarioId);
                if (s == null) throw new InvalidParameter("scenario", scenarioId, "one of " + Scenario.ids());
                run = RunSpec.of(s);
            }
            if (run != null) run = run.withCourse(new Course(locks, title, note));
        } catch (InvalidParameter e) {
            throw new BadRequest(e.parameter, e.value, e.allowed, "/course");
        }

        String origin = ctx.scheme() + "://" + ctx.host() + ui.basePath();
        String link = run == null ? null : courseLink(origin, run, linkLang);
        String embed = link == null ? null : JteRenderer.of(ctx).render("course/embed_snippet.jte",
                Map.of("src", link + "&embed=1", "title", I18n.of(linkLang == null ? ui.lang() : linkLang).t("app.name"))).strip();

        List<LabPage.Choice> scenarios = new ArrayList<>();
        String chosen = run != null ? run.scenario().id : scenarioId;
        for (Scenario s : Scenario.values())
            scenarios.add(new LabPage.Choice(s.id, ui.t("scenario." + s.id + ".title"), s.id.equals(chosen)));
        List<LabPage.Choice> lockChoices = new ArrayList<>();
        for (String l : Course.LOCKS) lockChoices.add(new LabPage.Choice(l, ui.t("course.lock." + l), locks.contains(l)));
        List<LabPage.Choice> languages = new ArrayList<>();
        languages.add(new LabPage.Choice("", ui.t("course.linklang.browser"), linkLang == null));
        for (Lang l : Lang.values()) languages.add(new LabPage.Choice(l.code, l.ownName, l == linkLang));

        ctx.header("Cache-Control", "no-store");
        ctx.render("course/course.jte", Map.of("ui", ui, "page", new CoursePage(scenarios, pasted == null ? "" : pasted, lockChoices,
                title == null ? "" : title, note == null ? "" : note, languages, link, embed, link == null ? null : qrCode(link),
                presets(origin, ui))));
    }

    /** The link's QR code, or null when the link is longer than a QR code holds (explicit weights of a large network, say). */
    static QrCode qrCode(String link) {
        try {
            return QrCode.of(link);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The lab link a student opens: absolute, canonical, with lang when the teacher chose one. */
    static String courseLink(String origin, RunSpec run, Lang lang) {
        return origin + "/lab?" + run.toQuery() + (lang == null ? "" : "&lang=" + lang.code);
    }

    /** A pasted lab link (absolute or not, or just its query): the run it holds; its own lang and embed are dropped. */
    public static RunSpec fromLink(String pasted) {
        if (pasted.length() > MAX_PASTED) throw new InvalidParameter("link", pasted.length() + " characters", "a lab link of at most " + MAX_PASTED + " characters");
        String q = pasted.strip();
        int at = q.indexOf('?');
        if (at >= 0) q = q.substring(at + 1);
        int hash = q.indexOf('#');
        if (hash >= 0) q = q.substring(0, hash);
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : q.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = decode(eq < 0 ? part : part.substring(0, eq)), v = eq < 0 ? "" : decode(part.substring(eq + 1));
            if (params.put(k, v) != null) throw new InvalidParameter(k, v, "given once");
        }
        params.remove("lang");
        params.remove("embed");
        return RunSpec.parse(params, Set.of());
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("link", s, "a lab link as the lab's address bar shows it");
        }
    }

    /** The controls each scenario's ready-made link locks: what its instruction asks students to leave alone. */
    static final Map<Scenario, List<String>> PRESET_LOCKS = Map.of(
            Scenario.CASE_1, List.of("act", "bias"),
            Scenario.CASE_2, List.of("act", "bias"),
            Scenario.INACTIVE_NOT_DEAD, List.of("act", "bias"),
            Scenario.LEAKY_RESCUES_CASE_2, List.of("lr", "bias"),
            Scenario.DEEP_NET_WORKS_ANYWAY, List.of("act", "bias"),
            Scenario.HEALTHY, List.of("act", "bias"),
            Scenario.PLANE_CASE_1, List.of("act", "bias"),
            Scenario.PLANE_CASE_2, List.of("act", "bias"),
            Scenario.MOVING_TARGET, List.of("act", "bias"));

    /** Ready-made course links for every scenario, in each language; titled for the reader of the page. */
    static List<CoursePage.Preset> presets(String origin, Ui ui) {
        List<CoursePage.Preset> out = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            List<CoursePage.PresetLink> links = new ArrayList<>();
            for (Lang l : Lang.values()) {
                I18n m = I18n.of(l);
                String title = m.t("scenario." + s.id + ".title");
                if (title.length() > Course.MAX_TITLE) title = title.substring(0, Course.MAX_TITLE);
                RunSpec run = RunSpec.of(s).withCourse(new Course(PRESET_LOCKS.get(s), title, m.t("course.preset.note." + s.id)));
                links.add(new CoursePage.PresetLink(l.ownName, l.htmlLang, courseLink(origin, run, l)));
            }
            out.add(new CoursePage.Preset(s.id, ui.t("scenario." + s.id + ".title"), ui.t("course.preset.note." + s.id), links));
        }
        return out;
    }

    private static String one(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) throw new BadRequest(name, String.join(",", values), "given once", "/course");
        return values.isEmpty() ? null : values.get(0);
    }
}
