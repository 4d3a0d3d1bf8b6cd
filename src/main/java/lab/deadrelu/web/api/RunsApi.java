package lab.deadrelu.web.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.RunReport;
import lab.deadrelu.scenario.RunReportJson;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.sim.MemoryBudget;
import lab.deadrelu.sim.MemoryCost;
import lab.deadrelu.web.App;
import lab.deadrelu.web.Caching;
import lab.deadrelu.web.ClientAddress;
import lab.deadrelu.web.HeavyWork;
import lab.deadrelu.web.Sessions;
import lab.deadrelu.web.lab.Lab;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/runs?<link>&steps=N&every=K: a run in the command line's JSON format, written to the
 * response as it is played. Everything that could refuse it is checked first: its size (at most
 * {@link #ANSWER_BYTES} before the events) and its memory, charged to the browser while it runs.
 */
public final class RunsApi {
    private static final Logger LOG = LoggerFactory.getLogger(RunsApi.class);
    /** The most bytes one answer may take before its events (at most Training.MAX_EVENTS of them). */
    public static final long ANSWER_BYTES = 32_000_000;

    private RunsApi() {}

    public static void runs(Context ctx) {
        Map<String, String> params = Lab.singleValues(ctx);
        RunSpec run;
        try {
            run = RunSpec.parse(params, Set.of("steps", "every", "lang"));
        } catch (InvalidParameter e) {
            throw new InvalidParameter(e.parameter, Lab.sent(params, e), e.allowed);
        }
        long steps = params.containsKey("steps") ? number(params.get("steps"), "steps", "a whole number from 0 to 1000000") : run.scenario().steps;
        long every = params.containsKey("every") ? number(params.get("every"), "every", "a whole number from 1 to steps") : 1;
        if (steps > run.maxReplaySteps())
            throw new InvalidParameter("steps", Long.toString(steps), "at most " + run.maxReplaySteps()
                    + " for this network and data set (a longer run would hold the server too long)");
        RunReport.check(steps, every);
        checkSize(run, steps, every);
        if (Caching.notModified(ctx, Caching.DETERMINISTIC)) return;   // before the body: the client's copy spares the replay
        MemoryBudget memory = ctx.appData(App.LIVE).registry().memory();
        // Charged to the browser's session if it has one, else to its address: an API answer sets no cookie (shared caches keep it).
        String session = Sessions.verified(ctx), payer = session != null ? session : "address:" + ClientAddress.of(ctx);
        // Played while it is written: the gate holds for the whole answer.
        HeavyWork.of(ctx).run(ctx, run.replayWork(steps + 1), () -> {
            try (MemoryBudget.Charge held = memory.charge(payer, MemoryCost.apiRun(run, steps), MemoryBudget.Use.RUN)) {
                ctx.contentType("application/json");
                RunReportJson.write(run, steps, every, ctx.outputStream());
            } catch (IOException gone) {
                LOG.debug("A client left during its run's JSON: {}", gone.toString());   // nobody is left to answer
            }
        });
    }

    /** An answer that would take more than ANSWER_BYTES is a 400 naming `every` and the most snapshots that fit. */
    static void checkSize(RunSpec run, long steps, long every) {
        if (RunReport.answerBytes(run, steps, every) <= ANSWER_BYTES) return;
        long perSnapshot = RunReport.snapshotBytes(run);
        long fit = Math.max(2, (ANSWER_BYTES - RunReport.fixedBytes(run)) / perSnapshot);
        throw new InvalidParameter("every", Long.toString(every), "at least " + RunReport.leastEvery(steps, fit) + " for steps=" + steps
                + " on this network: at most " + fit + " snapshots of up to " + (perSnapshot + 999) / 1000 + " KB fit in the "
                + ANSWER_BYTES / 1_000_000 + " MB an answer may take (or fewer steps)");
    }

    private static long number(String raw, String name, String allowed) {
        if (!raw.matches("\\d{1,7}")) throw new InvalidParameter(name, raw, allowed);
        return Long.parseLong(raw);
    }
}
