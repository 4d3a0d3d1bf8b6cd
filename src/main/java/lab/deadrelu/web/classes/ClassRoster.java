package lab.deadrelu.web.classes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import lab.deadrelu.classroom.ClassMessage;
import lab.deadrelu.classroom.ClassStats;
import lab.deadrelu.classroom.ClassStore;
import lab.deadrelu.classroom.StudentRun;
import lab.deadrelu.engine.NeuronState;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.Pulse;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Simulation;
import lab.deadrelu.web.Streams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's students: which of its simulations belong to which class and student (a lab opened
 * with class=CODE), so that their rows reach the store as they move, and the teacher's messages reach
 * their pages. The class view itself reads only the store; this is just what this instance's own
 * students' pages need. A row is written at most once a second per student while the run plays (at
 * once when it pauses, stops, diverges or starts anew), and every {@link #HEARTBEAT_MILLIS} while its
 * page's stream is open, so the class view can tell who is connected.
 */
public final class ClassRoster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassRoster.class);
    static final long THROTTLE_MILLIS = 1000, HEARTBEAT_MILLIS = 2000;

    /** One of this instance's students: the simulation, its class and row, and what was last written. */
    static final class Tie {
        final Simulation sim;
        final String code, studentId, nickname;
        long writtenMillis = Long.MIN_VALUE / 2, lastStep = -1;
        boolean lastPlaying, lastDiverged;
        double lastLr = Double.NaN;
        String lastAct = "";
        long lastSeed;

        Tie(Simulation sim, String code, String studentId, String nickname) {
            this.sim = sim;
            this.code = code;
            this.studentId = studentId;
            this.nickname = nickname;
        }
    }

    private final ClassStore store;
    private final Registry registry;
    private final Streams streams;
    private final LongSupplier clockMillis;
    private final Map<String, Tie> bySim = new ConcurrentHashMap<>();
    /** What the teacher last sent each class, while this instance has students in it (for pages opened later). */
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "class-heartbeat");
        t.setDaemon(true);
        return t;
    });
    /** Re-renders a simulation's page for its watchers (after "pause all"); set by the app's wiring. */
    private volatile Consumer<Simulation> repaint = sim -> { };
    /** Pushes the class banner to a simulation's watchers (after "send" or "end"); set by the app's wiring. */
    private volatile Consumer<Simulation> banner = sim -> { };

    public ClassRoster(ClassStore store, Registry registry, Streams streams, LongSupplier clockMillis) {
        this.store = store;
        this.registry = registry;
        this.streams = streams;
        this.clockMillis = clockMillis;
    }

    public void start(Consumer<Simulation> repaint, Consumer<Simulation> banner) {
        this.repaint = repaint;
        this.banner = banner;
        store.subscribe(this::received);
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A lab opened with class=: its row from now on, written at once. */
    void tie(Simulation sim, String code, String studentId, String nickname) {
        Tie tie = new Tie(sim, code, studentId, nickname);
        bySim.put(sim.id, tie);
        write(tie, sim.pulse());
    }

    Tie tieOf(Simulation sim) {
        return bySim.get(sim.id);
    }

    /** The link the teacher last sent this class, or null. */
    String sentTo(String code) {
        return sent.get(code);
    }

    boolean ended(String code) {
        return ended.contains(code);
    }

    /**
     * The run moved (a frame on the ticker's thread, or a control): its row, if due. Cheap when not
     * due: a map lookup and a few comparisons; the store's write does not wait (see ClassStore).
     */
    public void moved(Simulation sim, boolean force) {
        Tie tie = bySim.get(sim.id);
        if (tie == null) return;
        Pulse p = sim.pulse();
        RunSpec run = p.run();
        boolean news = p.playing() != tie.lastPlaying || p.diverged() != tie.lastDiverged || p.step() < tie.lastStep
                || p.lr() != tie.lastLr || !run.spec().act().code.equals(tie.lastAct) || run.spec().seed() != tie.lastSeed;
        if (force || news || clockMillis.getAsLong() - tie.writtenMillis >= THROTTLE_MILLIS) write(tie, p);
    }

    private void write(Tie tie, Pulse p) {
        long now = clockMillis.getAsLong();
        synchronized (tie) {
            tie.writtenMillis = now;
            tie.lastPlaying = p.playing();
            tie.lastDiverged = p.diverged();
            tie.lastStep = p.step();
            tie.lastLr = p.lr();
            tie.lastAct = p.run().spec().act().code;
            tie.lastSeed = p.run().spec().seed();
        }
        try {
            store.putStudent(tie.code, row(tie, p, now));
        } catch (RuntimeException e) {   // a store that fails must not fail the student's run
            LOG.warn("Could not write a student's row of class {}: {}", tie.code, e.toString());
        }
    }

    /** The student's row from the run's status: what the status line shows, and the run's link at its step (without class=). */
    static StudentRun row(Tie tie, Pulse p, long now) {
        RunSpec run = p.run();
        List<Integer> perLayer = new ArrayList<>();
        List<String> names = new ArrayList<>();
        NeuronState[][] states = p.states();
        for (int l = 0; l < states.length; l++) {
            perLayer.add(NeuronState.countDead(states[l]));
            for (int n = 0; n < states[l].length; n++) if (states[l][n].isDead()) names.add(ClassStats.neuronName(l, n));
        }
        String link = "/lab?" + run.at(p.step()).withCourse(run.course().inClass("")).toQuery();
        return new StudentRun(tie.studentId, tie.nickname, link, run.scenario().id, p.lr(), run.spec().act().code, run.spec().seed(),
                p.step(), p.loss(), perLayer, names, NeuronState.count(states), p.diverged(), now);
    }

    /** Every HEARTBEAT_MILLIS: rows of watched runs (seen now); ties of simulations that are gone are dropped. */
    private void beat() {
        try {
            for (Tie tie : bySim.values()) {
                if (registry.get(tie.sim.id, tie.sim.owner) != tie.sim) {
                    bySim.remove(tie.sim.id, tie);
                    continue;
                }
                if (streams.watched(tie.sim.id)) write(tie, tie.sim.pulse());
            }
            sent.keySet().removeIf(code -> bySim.values().stream().noneMatch(t -> t.code.equals(code)));
            ended.removeIf(code -> bySim.values().stream().noneMatch(t -> t.code.equals(code)));
        } catch (RuntimeException e) {
            LOG.warn("Class heartbeat failed: {}", e.toString());
        }
    }

    /** A teacher's message, from any instance: this instance's students in that class get it. */
    private void received(ClassMessage message) {
        List<Tie> ties = bySim.values().stream().filter(t -> t.code.equals(message.code())).toList();
        if (ties.isEmpty()) return;
        if (message instanceof ClassMessage.Send s) {
            sent.put(s.code(), s.link());
            ties.forEach(t -> banner.accept(t.sim));
        } else if (message instanceof ClassMessage.PauseAll) {
            for (Tie t : ties) {
                if (t.sim.failure() != null) continue;
                t.sim.pause();
                moved(t.sim, true);
                repaint.accept(t.sim);
            }
        } else if (message instanceof ClassMessage.Ended e) {
            ended.add(e.code());
            ties.forEach(t -> banner.accept(t.sim));
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
