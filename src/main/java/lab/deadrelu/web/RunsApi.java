package lab.deadrelu.web;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.scenario.RunReport;
import lab.deadrelu.scenario.RunSpec;

/** GET /api/runs?<link>&steps=N&every=K: a run in the command line's JSON format. */
final class RunsApi {
    private RunsApi() {}

    static void runs(Context ctx) {
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
        if (Caching.notModified(ctx, Caching.DETERMINISTIC)) return;   // before the body: the client's copy spares the replay
        ctx.json(RunReport.record(run, steps, every));
    }

    private static long number(String raw, String name, String allowed) {
        if (!raw.matches("\\d{1,7}")) throw new InvalidParameter(name, raw, allowed);
        return Long.parseLong(raw);
    }
}
