package lab.deadrelu.web.classes;

import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import lab.deadrelu.classroom.ClassCodes;
import lab.deadrelu.classroom.ClassMessage;
import lab.deadrelu.classroom.ClassStore;
import lab.deadrelu.classroom.Classroom;
import lab.deadrelu.classroom.StudentIds;
import lab.deadrelu.classroom.StudentRun;
import lab.deadrelu.classroom.TeacherKeys;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.view.classes.ClassBanner;
import lab.deadrelu.view.classes.ClassPage;
import lab.deadrelu.view.classes.ClassViews;
import lab.deadrelu.view.i18n.I18n;
import lab.deadrelu.view.i18n.Lang;
import lab.deadrelu.view.site.Ui;
import lab.deadrelu.web.App;
import lab.deadrelu.web.BadRequest;
import lab.deadrelu.web.ClientAddress;
import lab.deadrelu.web.Config;
import lab.deadrelu.web.CrossSiteGuard;
import lab.deadrelu.web.JteRenderer;
import lab.deadrelu.web.PageUi;
import lab.deadrelu.web.RateLimit;
import lab.deadrelu.web.SecurityHeaders;
import lab.deadrelu.web.Sessions;
import lab.deadrelu.web.TokenBuckets;
import lab.deadrelu.web.TooManyRequests;
import lab.deadrelu.web.course.CourseBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classes: a teacher opens one on /course and watches every student's run on /class/CODE?key=K (live,
 * from the store, so any instance can serve it); students join with the code and their lab pages carry
 * class=CODE. Handlers parse, check and act; the class view is built by ClassViews.
 */
public final class Classes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Classes.class);
    public static final Key<Classes> KEY = new Key<>("lab.deadrelu.classes");
    static final int MAX_TITLE = 80, MAX_NICKNAME = 20;
    /** Opening classes, per address: a burst of 5, then 20 an hour. Wrong teacher keys, per address: 30 a minute. */
    public static final int CLASSES_PER_HOUR = 20, CLASS_BURST = 5, WRONG_KEYS_PER_MINUTE = 30;
    /** Teacher views streaming at once on this instance, at most. */
    static final int TEACHER_STREAMS = 200;
    static final long REFRESH_MILLIS = 1000;

    private final ClassStore store;
    public final ClassRoster roster;
    private final Config config;
    private final JteRenderer renderer;
    private final App.Site site;
    private final LongSupplier clockMillis;
    private final TokenBuckets creations, wrongKeys;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "class-view");
        t.setDaemon(true);
        return t;
    });

    /** One teacher's stream: its class, its words, and what it was last sent of each region. */
    private static final class Watch {
        final SseClient client;
        final String code;
        final Ui ui;
        String students = "", charts = "";
        long pingedMillis;

        Watch(SseClient client, String code, Ui ui) {
            this.client = client;
            this.code = code;
            this.ui = ui;
        }
    }

    public Classes(ClassStore store, ClassRoster roster, Config config, JteRenderer renderer, App.Site site, LongSupplier clockMillis) {
        this.store = store;
        this.roster = roster;
        this.config = config;
        this.renderer = renderer;
        this.site = site;
        this.clockMillis = clockMillis;
        this.creations = TokenBuckets.perHour(CLASSES_PER_HOUR, CLASS_BURST, RateLimit.MAX_CLIENTS, System::nanoTime);
        this.wrongKeys = new TokenBuckets(WRONG_KEYS_PER_MINUTE, WRONG_KEYS_PER_MINUTE, RateLimit.MAX_CLIENTS, System::nanoTime);
    }

    public void start() {
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---- the teacher ----

    /** POST /course/classes (title, lang, link): a new class; 303 to its view, the key in the link (shown once). */
    public void create(Context ctx) {
        Ui ui = PageUi.of(ctx);
        String title = text(ctx.formParam("title"), "title", MAX_TITLE, true);
        String langCode = ctx.formParam("lang");
        Lang lang = langCode == null || langCode.isEmpty() ? ui.lang() : Lang.fromCode(langCode);
        if (lang == null) throw new BadRequest("lang", langCode, Lang.codes(), "/course");
        String link = classLink(ctx, ctx.formParam("link"), "link");
        long wait = creations.take(ClientAddress.of(ctx));
        if (wait > 0) throw TooManyRequests.classes(wait);
        String key = TeacherKeys.newKey();
        long now = clockMillis.getAsLong();
        for (int attempt = 0; attempt < 20; attempt++) {   // a code taken (or a full store): another code
            String code = ClassCodes.newCode();
            Classroom c = new Classroom(code, title, lang.code, link, TeacherKeys.sha256Hex(key), now,
                    now + config.classes().hours() * 3_600_000L, false);
            if (store.create(c)) {
                LOG.info("Opened class {} for {} h", code, config.classes().hours());
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.redirect(ui.basePath() + "/class/" + code + "?key=" + key, HttpStatus.SEE_OTHER);
                return;
            }
        }
        throw new ClassUnavailable(ClassUnavailable.Why.FULL, "");
    }

    /** GET /class/{code}?key=K: the class view. */
    public void page(Context ctx) {
        String key = ctx.queryParam("key");
        Classroom c = teacher(ctx, key);
        if (!c.openAt(clockMillis.getAsLong()))   // 410, and for the teacher the way to the class's last rows
            throw new ClassUnavailable(ClassUnavailable.Why.TEACHER_ENDED, c.code(), site.config().basePath() + "/api/classes/" + c.code() + "?key=" + key);
        Ui ui = teacherUi(ctx, c);
        ClassPage page = ClassViews.page(c, store.students(c.code()), clockMillis.getAsLong(), ui, origin(ctx) + studentLink(c), key);
        ctx.render("classes/class.jte", Map.of("ui", ui, "page", page));
    }

    /** Before /class/{code}/stream's headers: the key, an open class, room for another stream. */
    public void checkStream(Context ctx) {
        usable(teacher(ctx, ctx.queryParam("key")));
        if (watches.size() >= TEACHER_STREAMS) throw new ClassUnavailable(ClassUnavailable.Why.FULL, ctx.pathParam("code"));
    }

    /** GET /class/{code}/stream?key=K (SSE): the students and charts regions, re-rendered from the store once a second. */
    public void stream(SseClient client) {
        Context ctx = client.ctx();
        Classroom c = store.find(ClassCodes.normalize(ctx.pathParam("code"))).orElse(null);
        if (c == null) {   // gone since checkStream
            client.close();
            return;
        }
        client.keepAlive();
        Watch w = new Watch(client, c.code(), teacherUi(ctx, c));
        watches.add(w);
        client.onClose(() -> watches.remove(w));
        refresher.execute(() -> send(w, c, store.students(c.code()), clockMillis.getAsLong()));
    }

    /** Every second: each watched class read once from the store, each teacher sent the regions that changed. */
    private void refresh() {
        try {
            long now = clockMillis.getAsLong();
            Map<String, List<Watch>> byCode = new java.util.HashMap<>();
            for (Watch w : watches) byCode.computeIfAbsent(w.code, k -> new ArrayList<>()).add(w);
            byCode.forEach((code, ws) -> {
                Classroom c = store.find(code).orElse(null);
                List<StudentRun> students = c == null ? List.of() : store.students(code);
                for (Watch w : ws) {
                    if (c == null) w.client.close();
                    else send(w, c, students, now);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Refreshing class views failed: {}", e.toString());
        }
    }

    private void send(Watch w, Classroom c, List<StudentRun> students, long now) {
        if (w.client.terminated()) {
            watches.remove(w);
            return;
        }
        String s = renderer.render("classes/class_students.jte", Map.of("ui", w.ui, "students", ClassViews.students(c, students, now, w.ui)));
        String ch = renderer.render("classes/class_charts.jte", Map.of("ui", w.ui, "charts", ClassViews.charts(students, w.ui)));
        if (!s.equals(w.students) && !w.client.terminated()) {
            w.client.sendEvent("students", s);
            w.students = s;
        }
        if (!ch.equals(w.charts) && !w.client.terminated()) {
            w.client.sendEvent("charts", ch);
            w.charts = ch;
        }
        if (now - w.pingedMillis > 15_000 && !w.client.terminated()) {   // a closed connection is noticed even when nothing changes
            w.client.sendComment("ping");
            w.pingedMillis = now;
        }
    }

    /** POST /class/{code}/send (key, link): a banner with the link on every student's page. */
    public void send(Context ctx) {
        Classroom c = usable(teacher(ctx, ctx.formParam("key")));
        String link = classLink(ctx, ctx.formParam("link"), "link");
        if (link.isEmpty()) throw new BadRequest("link", "", LINK_ALLOWED);
        store.publish(new ClassMessage.Send(c.code(), link + "&class=" + c.code()));
        backToClass(ctx, c);
    }

    /** POST /class/{code}/pause (key): every student's run stops playing, on every instance. */
    public void pauseAll(Context ctx) {
        Classroom c = usable(teacher(ctx, ctx.formParam("key")));
        store.publish(new ClassMessage.PauseAll(c.code()));
        backToClass(ctx, c);
    }

    /** POST /class/{code}/end (key): the class ends; students' pages say so. */
    public void end(Context ctx) {
        Classroom c = usable(teacher(ctx, ctx.formParam("key")));
        store.end(c.code());
        store.publish(new ClassMessage.Ended(c.code()));
        LOG.info("Ended class {}", c.code());
        backToClass(ctx, c);
    }

    private void backToClass(Context ctx, Classroom c) {
        Ui ui = PageUi.of(ctx);
        ctx.redirect(ui.basePath() + "/class/" + c.code() + "?key=" + ctx.formParam("key") + (ui.langFromQuery() ? "&lang=" + ui.lang().code : ""),
                HttpStatus.SEE_OTHER);
    }

    /** A student in the JSON: deadNeurons is the count, deadNames the neurons; loss null when it is not a number. */
    record StudentJson(String id, String nickname, String link, String scenario, long step, double lr, String act, long seed, Double loss,
                       int deadNeurons, List<Integer> deadPerLayer, List<String> deadNames, int hiddenNeurons, boolean diverged,
                       boolean connected, long seenMillis) {}

    record ClassJson(String code, String title, String lang, String ends, boolean ended, int connected, List<StudentJson> students) {}

    /** GET /api/classes/{code}?key=K: the class and every student's row, as JSON (an ended class too: its last rows). */
    public void api(Context ctx) {
        Classroom c = teacher(ctx, ctx.queryParam("key"));
        long now = clockMillis.getAsLong();
        List<StudentJson> students = new ArrayList<>();
        int connected = 0;
        for (StudentRun s : ClassViews.sorted(store.students(c.code()))) {
            boolean on = ClassViews.connected(s, now);
            if (on) connected++;
            students.add(new StudentJson(s.id(), s.nickname(), s.link().isEmpty() ? null : s.link(), s.scenario().isEmpty() ? null : s.scenario(),
                    s.step(), s.lr(), s.act(), s.seed(), Double.isFinite(s.loss()) ? s.loss() : null, s.deadCount(), s.deadPerLayer(),
                    s.deadNeurons(), s.hiddenNeurons(), s.diverged(), on, s.seenMillis()));
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(new ClassJson(c.code(), c.title(), c.lang(), Instant.ofEpochMilli(c.endsMillis()).toString(), !c.openAt(now), connected, students));
    }

    // ---- the students ----

    /** POST /classes/join (code, nickname): the student's row, then 303 to where the class starts, with class=CODE. */
    public void join(Context ctx) {
        String raw = ctx.formParam("code");
        if (raw == null || raw.isBlank()) throw new BadRequest("code", "", "the class code: " + ClassCodes.ALLOWED);
        Classroom c = open(raw);
        String nickname = text(ctx.formParam("nickname"), "nickname", MAX_NICKNAME, false);
        String id = StudentIds.id(config.clients().sessionSecret(), c.code(), Sessions.id(ctx));
        StudentRun had = store.student(c.code(), id).orElse(null);
        if (had == null) roomFor(c);
        String name = !nickname.isEmpty() ? nickname : had != null ? had.nickname() : generatedNickname(c, id);
        long now = clockMillis.getAsLong();
        store.putStudent(c.code(), had == null
                ? new StudentRun(id, name, "", "", 0, "", 0, 0, Double.NaN, List.of(), List.of(), 0, false, now)
                : new StudentRun(id, name, had.link(), had.scenario(), had.lr(), had.act(), had.seed(), had.step(), had.loss(),
                        had.deadPerLayer(), had.deadNeurons(), had.hiddenNeurons(), had.diverged(), now));
        ctx.redirect(site.config().basePath() + studentLink(c), HttpStatus.SEE_OTHER);
    }

    /** Where a student of the class starts, as an app path: its lab link, or the home page's scenarios, with class and lang. */
    static String studentLink(Classroom c) {
        return c.link().isEmpty() ? "/?class=" + c.code() + "&lang=" + c.lang() : c.link() + "&class=" + c.code() + "&lang=" + c.lang();
    }

    /** A lab link with class=: the class must be open, with room for this student. */
    public void admit(Context ctx, RunSpec run) {
        if (!run.course().inClass()) return;
        Classroom c = open(run.course().classCode());
        String id = StudentIds.id(config.clients().sessionSecret(), c.code(), Sessions.id(ctx));
        if (store.student(c.code(), id).isEmpty()) roomFor(c);
    }

    /** The simulation a lab link with class= opened: this student's run in the class from now on. */
    public void tie(Context ctx, Simulation sim) {
        String code = sim.run().course().classCode();
        if (code.isEmpty()) return;
        Classroom c = store.find(code).orElse(null);
        if (c == null) return;
        String id = StudentIds.id(config.clients().sessionSecret(), code, Sessions.id(ctx));
        String nickname = store.student(code, id).map(StudentRun::nickname).orElseGet(() -> generatedNickname(c, id));
        roster.tie(sim, code, id, nickname);
    }

    /** The class line on a student's page: the class, the nickname, what the teacher sent, whether it ended. Null outside a class. */
    public ClassBanner banner(Simulation sim, Ui ui) {
        ClassRoster.Tie tie = roster.tieOf(sim);
        if (tie == null) return null;
        String sent = roster.sentTo(tie.code);
        boolean ended = roster.ended(tie.code) || store.find(tie.code).map(c -> !c.openAt(clockMillis.getAsLong())).orElse(true);
        return new ClassBanner(tie.code, tie.nickname, sent == null ? null : ui.link(sent), ended);
    }

    /** The home page with ?class=CODE (a class without a start link): the class, if it is open, else its 404 or 410. */
    public static String homeClass(Context ctx) {
        String raw = ctx.queryParam("class");
        if (raw == null) return null;
        Classes classes = ctx.appData(KEY);
        return classes.open(raw).code();
    }

    private String generatedNickname(Classroom c, String id) {
        Lang lang = Lang.fromCode(c.lang());
        return I18n.of(lang == null ? Lang.values()[0] : lang).t("class.student.generated", StudentIds.tag(id));
    }

    private void roomFor(Classroom c) {
        if (store.studentCount(c.code()) >= config.classes().maxStudents())
            throw new ClassUnavailable(ClassUnavailable.Why.CLASS_FULL, c.code());
    }

    // ---- checks ----

    /** The class with this code (typed in any case, spaces ignored), ended or not; else a 404 naming it. */
    private Classroom find(String raw) {
        String code = ClassCodes.normalize(raw);
        if (code == null) throw new ClassUnavailable(ClassUnavailable.Why.UNKNOWN, raw == null ? "" : raw.strip());
        return store.find(code).orElseThrow(() -> new ClassUnavailable(ClassUnavailable.Why.UNKNOWN, code));
    }

    /** The class, if students may still use it: else 404, or 410 once it ended or expired. */
    private Classroom open(String raw) {
        return usable(find(raw));
    }

    private Classroom usable(Classroom c) {
        if (c.ended()) throw new ClassUnavailable(ClassUnavailable.Why.ENDED, c.code());
        if (!c.openAt(clockMillis.getAsLong())) throw new ClassUnavailable(ClassUnavailable.Why.EXPIRED, c.code());
        return c;
    }

    /** The class of the path, if `key` is its teacher's; a wrong key is a 403, and too many from one address a 429. */
    private Classroom teacher(Context ctx, String key) {
        Classroom c = find(ctx.pathParam("code"));
        if (TeacherKeys.opens(key, c)) return c;
        long wait = wrongKeys.take(ClientAddress.of(ctx));
        if (wait > 0) throw TooManyRequests.classKeys(wait);
        throw new ClassUnavailable(ClassUnavailable.Why.WRONG_KEY, c.code());
    }

    /** The class view's words: the class's language, unless the teacher picked one with ?lang=. */
    private Ui teacherUi(Context ctx, Classroom c) {
        if (ctx.queryParam("lang") != null) return PageUi.of(ctx);
        Lang lang = Lang.fromCode(c.lang());
        return new Ui(lang == null ? Lang.values()[0] : lang, site.config().basePath(), PageUi.appPath(ctx), ctx.queryString(), false,
                site.assets());
    }

    private String origin(Context ctx) {
        return CrossSiteGuard.publicOrigin(ctx) + site.config().basePath();
    }

    static final String LINK_ALLOWED = "a lab link on this site, /lab?scenario=… as the lab's address bar shows it";

    /**
     * A lab link a teacher gave ("" for none): a path /lab?… (or this site's whole address of one) whose
     * run parses; as its canonical app path, without lang, embed or class.
     */
    String classLink(Context ctx, String raw, String field) {
        if (raw == null || raw.isBlank()) return "";
        String link = raw.strip(), base = site.config().basePath();
        String origin = CrossSiteGuard.publicOrigin(ctx);
        if (link.startsWith(origin + "/")) link = link.substring(origin.length());
        if (!base.isEmpty() && link.startsWith(base + "/")) link = link.substring(base.length());
        if (!link.startsWith("/lab?")) throw new BadRequest(field, raw, LINK_ALLOWED, "/course");
        try {
            RunSpec run = CourseBuilder.fromLink(link);
            return "/lab?" + run.withCourse(run.course().inClass("")).toQuery();
        } catch (InvalidParameter e) {
            throw new BadRequest(field, raw, LINK_ALLOWED + " (its " + e.parameter + " must be " + e.allowed + ")", "/course");
        }
    }

    /** A title or nickname: stripped, at most `max` characters, no control or invisible formatting characters. */
    static String text(String raw, String field, int max, boolean required) {
        String v = raw == null ? "" : raw.strip();
        String allowed = (required ? "1 to " : "at most ") + max + " characters, without control characters";
        if (required && v.isEmpty()) throw new BadRequest(field, v, allowed);
        if (v.codePointCount(0, v.length()) > max) throw new BadRequest(field, v, allowed);
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT) throw new BadRequest(field, v, allowed);
        }
        return v;
    }

    /** Class pages carry the teacher's key in their address: no referrer, never framed, never stored. */
    public static void privateHeaders(Context ctx) {
        String path = PageUi.appPath(ctx);
        if (!(path.startsWith("/class/") || path.startsWith("/api/classes/") || path.equals("/course/classes"))) return;
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", SecurityHeaders.policy("'none'"));
        ctx.header("Cache-Control", "no-store");
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        roster.close();
        store.close();
    }
}
