package lab.deadrelu.web;

import java.util.List;
import lab.deadrelu.experiment.Jobs;
import lab.deadrelu.sim.Registry;
import lab.deadrelu.sim.Ticker;
import lab.deadrelu.web.classes.Classes;
import lab.deadrelu.web.experiments.Experiments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stopping the server does (SIGTERM runs it through the JVM's shutdown hook): the ticker and its
 * workers, the experiments (their pool and progress publisher), the SSE senders, the metrics
 * listener and the classes (their store) stop in that order, quietly, and one line says what was cancelled and dropped.
 */
final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
    /** Experiments named in the line at most; the rest are counted. */
    static final int NAMED = 5;

    private Shutdown() {}

    static void stop(Registry registry, Ticker ticker, Jobs jobs, Experiments experiments, Streams streams, Metrics metrics, Classes classes) {
        List<String> cancelled = jobs.unfinished();
        int simulations = registry.size(), playing = ticker.playing(), clients = streams.clients();
        quietly("the ticker", ticker::close);
        quietly("the experiments", experiments::close);
        quietly("the streams", streams::close);
        quietly("the metrics", metrics::close);
        quietly("the classes", classes::close);   // the class views' refresher, the heartbeat, the store (a Redis connection)
        LOG.info(line(cancelled, simulations, playing, clients));
    }

    /** E.g. "stopping: 1 experiment cancelled (sweep?scenario=case-2&…), 12 simulations dropped (3 playing), 4 streams closed". */
    static String line(List<String> cancelled, int simulations, int playing, int clients) {
        StringBuilder s = new StringBuilder("stopping: ").append(count(cancelled.size(), "experiment")).append(" cancelled");
        if (!cancelled.isEmpty()) {
            s.append(" (").append(String.join(", ", cancelled.subList(0, Math.min(NAMED, cancelled.size()))));
            if (cancelled.size() > NAMED) s.append(", and ").append(cancelled.size() - NAMED).append(" more");
            s.append(')');
        }
        s.append(", ").append(count(simulations, "simulation")).append(" dropped");
        if (playing > 0) s.append(" (").append(playing).append(" playing)");
        return s.append(", ").append(count(clients, "stream")).append(" closed").toString();
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** A part that fails to stop is named in one line, without its stack: stopping goes on. */
    private static void quietly(String what, Runnable close) {
        try {
            close.run();
        } catch (Throwable t) {
            LOG.warn("stopping {} failed: {}", what, t.toString());
        }
    }
}
