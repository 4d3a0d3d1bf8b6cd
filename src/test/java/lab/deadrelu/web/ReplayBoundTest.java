package lab.deadrelu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** A link cannot make the server replay for minutes: the step it asks for is bounded by the network's cost. */
class ReplayBoundTest extends HttpTestBase {
    private static final String HUGE = "layers=8-64-64-64-64-64-64-64-64-1&n=10000";

    @Test
    void thePostsNetworkReplaysAMillionStepsWithinTheBound() {
        assertTrue(RunSpec.of(Scenario.CASE_2).maxReplaySteps() >= RunSpec.MAX_STEP);
    }

    @Test
    void aDeepWideNetworkOnTenThousandSamplesIsRefusedFarIntoItsRunNamingAt() {
        HttpResponse<String> r = get("/lab?scenario=case-2&" + HUGE + "&at=5000");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("at") && r.body().contains("for this network and data set"), r.body());
    }

    @Test
    void theRunsApiBoundsItsStepsTheSameWay() {
        HttpResponse<String> r = get("/api/runs?scenario=case-2&" + HUGE + "&steps=5000&every=5000");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"parameter\":\"steps\""), r.body());
    }
}
