package lab.deadrelu.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Initializer;
import lab.deadrelu.engine.InvalidParameter;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.Recycling;
import lab.deadrelu.engine.Training;
import lab.deadrelu.engine.TrainingSpec;
import lab.deadrelu.scenario.RunSpec;
import lab.deadrelu.scenario.Scenario;
import org.junit.jupiter.api.Test;

class SweepTest {

    /** A query from "a=1&b=2&b=3" (repeated names become lists, as a form's check boxes send them). */
    static Map<String, List<String>> query(String q) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            m.computeIfAbsent(part.substring(0, eq), k -> new ArrayList<>()).add(part.substring(eq + 1));
        }
        return m;
    }

    static SweepSpec spec(String q) {
        return SweepSpec.parse(query(q), Set.of("lang"));
    }

    static InvalidParameter refused(String q) {
        return assertThrows(InvalidParameter.class, () -> spec(q));
    }

    @Test
    void aScenarioAloneIsALambdaSweepWithItsDefaultsWrittenOut() {
        SweepSpec s = spec("scenario=case-2");
        assertEquals("scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=100&steps=500", s.toQuery());
        assertEquals(List.of("0.01", "0.0167", "0.0278", "0.0464", "0.0774", "0.129", "0.215", "0.359", "0.599", "1"), s.xs());
        assertEquals(1000, s.runs());
        assertEquals(11358, s.seed(0));
        assertEquals(11358 + 99, s.seed(99));
    }

    @Test
    void linksAreCanonicalAndReadBackToThemselves() {
        String[] links = {
            "scenario=case-2&vary=lr&from=0.05&to=2&points=5&acts=relu,leaky,elu&seeds=20&steps=300",
            "scenario=case-1&layers=3-4-4-1&vary=depth&depths=1,2,5&seeds=10&steps=100",
            "scenario=healthy&bias=true&vary=width&widths=1,2,8&seeds=10&steps=100",
            "scenario=case-2&vary=init&inits=he,xavier,zeros&acts=relu,elu&seeds=10&steps=50",
            "scenario=case-2&vary=act&acts=relu,leaky&seeds=10&steps=50",
            "scenario=case-2&act=leaky&alpha=0.2&vary=lr&from=0.1&to=1&points=3&seeds=3&steps=10",
            "scenario=case-2&ops=lr:0.01@50&vary=lr&from=0.1&to=1&points=3&seeds=3&steps=100",
        };
        for (String link : links) assertEquals(link, spec(link).toQuery(), link);
    }

    @Test
    void aFormsSubmissionBecomesTheCanonicalLink() {
        // every field of the form, check boxes repeated, fields of other kinds of sweep checked then dropped
        SweepSpec s = spec("scenario=case-2&layers=3-2-2-1&bias=false&init=he&lr=0.3&seed=11358&vary=lr&from=0.01&to=1&points=10"
                + "&inits=he&inits=xavier&depths=1,2,3&widths=&acts=relu&acts=leaky&seeds=100&steps=500&lang=zh");
        assertEquals("scenario=case-2&vary=lr&from=0.01&to=1&points=10&acts=relu,leaky&seeds=100&steps=500", s.toQuery());
        // at and focus describe a view of one run, not a sweep
        assertEquals("scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=100&steps=500",
                spec("scenario=case-2&at=120&focus=1.2").toQuery());
        // one activation in acts is the base's activation
        assertEquals(spec("scenario=case-2&act=elu").toQuery(), spec("scenario=case-2&acts=elu").toQuery());
    }

    @Test
    void everyPointIsTheBaseRunWithItsValueAndSeed() {
        SweepSpec s = spec("scenario=case-1&layers=3-4-4-1&vary=depth&depths=1,3&acts=relu,leaky&seeds=2&steps=10");
        TrainingSpec t = s.run(1, 1, 1).spec();
        assertArrayEquals(new int[] {3, 4, 4, 4, 1}, t.layers());
        assertEquals(Activation.LEAKY, t.act());
        assertEquals(0.01, t.alpha());
        assertEquals(Scenario.CASE_1.spec.seed() + 1, t.seed());
        assertEquals(Scenario.CASE_1.spec.lr(), t.lr());
        SweepSpec w = spec("scenario=healthy&vary=width&widths=5&seeds=1&steps=10");
        assertArrayEquals(new int[] {3, 5, 5, 1}, w.run(0, 0, 0).spec().layers());
        SweepSpec i = spec("scenario=healthy&vary=init&inits=xavier&seeds=1&steps=10");
        assertEquals(Initializer.XAVIER, i.run(0, 0, 0).spec().init());
    }

    @Test
    void aBadValueIsRefusedByName() {
        assertEquals("foo", refused("scenario=case-2&foo=1").parameter);
        assertEquals("scenario", refused("vary=lr").parameter);
        assertEquals("vary", refused("scenario=case-2&vary=alpha").parameter);
        assertEquals("to", refused("scenario=case-2&from=1&to=0.1").parameter);
        assertEquals("points", refused("scenario=case-2&points=1").parameter);
        assertEquals("points", refused("scenario=case-2&points=41").parameter);
        assertEquals("points", refused("scenario=case-2&from=1&to=1.001&points=30").parameter);
        assertEquals("from", refused("scenario=case-2&from=abc").parameter);
        assertEquals("depths", refused("scenario=case-2&vary=depth&depths=9").parameter);
        assertEquals("widths", refused("scenario=case-2&vary=width&widths=0").parameter);
        assertEquals("inits", refused("scenario=case-2&vary=init&inits=explicit").parameter);
        assertEquals("acts", refused("scenario=case-2&acts=relu,tanh").parameter);
        assertEquals("seeds", refused("scenario=case-2&seeds=1001").parameter);
        assertEquals("steps", refused("scenario=case-2&steps=0").parameter);
        assertEquals("seeds", refused("scenario=case-2&seeds=1&seeds=2").parameter);
        assertEquals("lr", refused("scenario=case-2&lr=-1").parameter);
        assertEquals("w", refused("scenario=case-2&w=1,1,1,1,1,1,1,1,1,1,1,1&vary=depth").parameter);
    }

    @Test
    void aSweepOverTheCostCapIsRefusedSayingHowManySeedsFitAndThatManyDo() {
        String big = "scenario=case-2&points=40&acts=relu,leaky,elu&seeds=1000&steps=100000";
        InvalidParameter e = refused(big);
        assertEquals("seeds", e.parameter);
        java.util.regex.Matcher fit = java.util.regex.Pattern.compile("^at most (\\d+) for this sweep \\(40 points x 3 curve\\(s\\) x 100000 steps\\)")
                .matcher(e.allowed);
        assertTrue(fit.find(), e.allowed);
        assertTrue(e.allowed.contains("about 60 s of one core"), e.allowed);
        int seeds = Integer.parseInt(fit.group(1));
        assertTrue(seeds >= 1, e.allowed);
        assertTrue(spec(big.replace("seeds=1000", "seeds=" + seeds)).cost().fits(), "as many as it says fit");
        assertEquals("seeds", refused(big.replace("seeds=1000", "seeds=" + (seeds + 1))).parameter, "one more does not");

        String deep = "scenario=deep-net-works-anyway&points=40&acts=relu,leaky,elu&seeds=1&steps=100000";
        InvalidParameter d = refused(deep);
        assertEquals("steps", d.parameter);
        java.util.regex.Matcher steps = java.util.regex.Pattern.compile("^at most (\\d+) with one seed").matcher(d.allowed);
        assertTrue(steps.find(), d.allowed);
        int s = Integer.parseInt(steps.group(1));
        assertTrue(spec(deep.replace("steps=100000", "steps=" + s)).cost().fits());
        assertEquals("steps", refused(deep.replace("steps=100000", "steps=" + (s + 1))).parameter);

        // a sweep that does not fit even with one step of one seed names the list to shorten
        assertEquals("points", refused("scenario=case-2&layers=8-64-64-64-64-64-64-64-64-1&n=10000&batch=full&act=elu&points=40&seeds=1&steps=1")
                .parameter);
        // the sweep fits easily: 10 lambdas x 100 seeds x 2,000 steps
        assertTrue(spec("scenario=case-2&seeds=100&steps=2000").cost().seconds() < Cost.MAX_SECONDS / 10);
    }

    @Test
    void theCostEstimateGrowsWithWhatARunDoes() {
        double post = spec("scenario=case-2&points=2&seeds=1&steps=1000").cost().operations();
        assertTrue(spec("scenario=case-2&points=2&seeds=2&steps=1000").cost().operations() > 1.99 * post, "seeds");
        assertTrue(spec("scenario=case-2&points=2&seeds=1&steps=2000").cost().operations() > 1.9 * post, "steps");
        assertTrue(spec("scenario=case-2&points=2&seeds=1&steps=1000&acts=elu").cost().operations() > post, "ELU costs an exp per unit and sample");
        assertTrue(spec("scenario=case-2&points=2&seeds=1&steps=1000&n=80").cost().operations() > 1.5 * post, "samples");
        assertTrue(spec("scenario=case-2&points=2&seeds=1&steps=1000&n=80&batch=full").cost().operations()
                > spec("scenario=case-2&points=2&seeds=1&steps=1000&n=80").cost().operations(), "batch");
    }

    @Test
    void sweepResultsEqualTheSameRunsDoneOneByOne() throws InterruptedException {
        SweepSpec s = spec("scenario=case-2&vary=lr&from=0.05&to=2&points=3&acts=relu,leaky&seeds=6&steps=400");
        List<RunOutcome> oneByOne = new ArrayList<>();
        for (Activation act : List.of(Activation.RELU, Activation.LEAKY)) {
            for (String lr : s.xs()) {
                for (int k = 0; k < 6; k++) {
                    TrainingSpec t = Scenario.CASE_2.spec.withActivation(act, act.defaultAlpha()).withLr(Double.parseDouble(lr))
                            .withSeed(Scenario.CASE_2.spec.seed() + k);
                    Training training = new Training(t);
                    training.runTo(400);
                    oneByOne.add(RunOutcome.of(training));
                }
            }
        }
        try (Jobs jobs = new Jobs(2, 8, 8)) {
            Sweep work = new Sweep(s);
            Jobs.Job job = jobs.submit(s.key(), "a", () -> work).job();
            assertTrue(job.await(60_000));
            assertEquals(Jobs.State.DONE, job.state());
            assertEquals(oneByOne, List.of(work.outcomes()), "every run, bit for bit");
            SweepResult parallel = (SweepResult) job.result();
            assertEquals(SweepResult.of(s, oneByOne.toArray(RunOutcome[]::new)), parallel);
            assertEquals(Sweep.runHere(s), parallel);
            assertEquals(1.0, job.status().fraction());
            assertEquals(job.status().total(), job.status().done());
        }
        // and the statistics mean what they say
        assertTrue(oneByOne.stream().anyMatch(RunOutcome::died), "case 2's lambdas kill neurons in some runs");
        assertTrue(oneByOne.subList(18, 36).stream().noneMatch(RunOutcome::died), "Leaky ReLU never dies");
    }

    @Test
    void theExampleRunIsTheFirstSeedWithADeathAndOpensAtItsLastStep() {
        SweepSpec s = spec("scenario=case-2&vary=lr&from=0.3&to=0.6&points=2&seeds=8&steps=300");
        SweepResult r = Sweep.runHere(s);
        for (SweepResult.Point p : r.curves().get(0).points()) {
            if (p.died().count() > 0) {
                assertTrue(p.exampleDied());
                Training t = new Training(Scenario.CASE_2.spec.withLr(Double.parseDouble(p.x())).withSeed(p.exampleSeed()));
                t.runTo(300);
                assertTrue(RunOutcome.of(t).died());
                for (long seed = Scenario.CASE_2.spec.seed(); seed < p.exampleSeed(); seed++) {
                    Training earlier = new Training(Scenario.CASE_2.spec.withLr(Double.parseDouble(p.x())).withSeed(seed));
                    earlier.runTo(300);
                    assertFalse(RunOutcome.of(earlier).died());
                }
            }
            RunSpec opened = RunSpec.parse(query(p.exampleQuery()).entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0))), Set.of());
            assertEquals(Double.parseDouble(p.x()), opened.spec().lr());
            assertEquals(p.exampleSeed(), opened.spec().seed());
            assertEquals(300, opened.at());
        }
    }

    @Test
    void theCacheReturnsTheIdenticalResultAndASecondAskerJoinsTheRunningJob() throws InterruptedException {
        SweepSpec s = spec("scenario=case-2&vary=lr&from=0.1&to=1&points=3&seeds=5&steps=200");
        SweepSpec blocker = spec("scenario=case-2&points=10&seeds=300&steps=10000");
        try (Jobs jobs = new Jobs(1, 8, 8)) {
            Jobs.Job before = jobs.submit(blocker.key(), "x", () -> new Sweep(blocker)).job();   // keeps the next one queued
            Jobs.Ticket first = jobs.submit(s.key(), "a", () -> new Sweep(s));
            Jobs.Ticket joined = jobs.submit(s.key(), "b", () -> {
                throw new AssertionError("the running job is joined, not started again");
            });
            assertSame(first.job(), joined.job());
            assertTrue(jobs.cancel(before.id, "x"));
            assertTrue(first.job().await(30_000));
            Jobs.Ticket again = jobs.submit(s.key(), "c", () -> {
                throw new AssertionError("a cached result is not computed again");
            });
            assertNull(again.job());
            assertSame(first.job().result(), again.cached());
            assertEquals(Sweep.runHere(s), again.cached());
            assertSame(again.cached(), jobs.cached(spec(s.toQuery() + "&lang=en").key()), "the same link, whatever the language");
        }
    }

    @Test
    void cancelStopsTheWorkers() throws InterruptedException {
        SweepSpec big = spec("scenario=case-2&points=10&seeds=300&steps=10000");
        try (Jobs jobs = new Jobs(2, 8, 8)) {
            Jobs.Job job = jobs.submit(big.key(), "a", () -> new Sweep(big)).job();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (job.status().done() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(Jobs.State.RUNNING, job.state());
            assertTrue(jobs.cancel(job.id, "a"));
            assertTrue(job.await(5_000), "the running tasks stop within a few hundred steps");
            assertEquals(Jobs.State.CANCELLED, job.state());
            long done = job.status().done();
            assertTrue(done < job.status().total());
            Thread.sleep(100);
            assertEquals(0, jobs.busy(), "no worker is running anything");
            assertEquals(done, job.status().done(), "and nothing moves any more");
            assertEquals(0, jobs.queued());
            assertNull(jobs.cached(big.key()), "a cancelled job caches nothing");
            assertFalse(jobs.cancel(job.id, "a"));
            assertTrue(jobs.submit(big.key(), "a", () -> new Sweep(big)).job() != job, "asking again starts afresh");
        }
    }

    @Test
    void aJobOthersStillWantKeepsRunningWhenOneAskerCancels() throws InterruptedException {
        SweepSpec s = spec("scenario=case-2&points=2&seeds=20&steps=300");
        try (Jobs jobs = new Jobs(1, 8, 8)) {
            Jobs.Job job = jobs.submit(s.key(), "a", () -> new Sweep(s)).job();
            jobs.submit(s.key(), "b", () -> new Sweep(s));
            assertFalse(jobs.cancel(job.id, "a"));
            assertTrue(job.await(30_000));
            assertEquals(Jobs.State.DONE, job.state());
        }
    }

    @Test
    void aBusyPoolQueuesJobsAndSaysHowManyAreAhead() throws InterruptedException {
        SweepSpec big = spec("scenario=case-2&points=10&seeds=300&steps=10000");
        SweepSpec small1 = spec("scenario=case-2&points=2&seeds=2&steps=10");
        SweepSpec small2 = spec("scenario=case-1&points=2&seeds=2&steps=10");
        try (Jobs jobs = new Jobs(1, 2, 8)) {
            Jobs.Job running = jobs.submit(big.key(), "a", () -> new Sweep(big)).job();
            Jobs.Job second = jobs.submit(small1.key(), "b", () -> new Sweep(small1)).job();
            assertEquals(1, second.status().ahead());
            assertEquals(Jobs.State.QUEUED, second.state());
            assertEquals(0, running.status().ahead());
            assertThrows(Jobs.Full.class, () -> jobs.submit(small2.key(), "c", () -> new Sweep(small2)));
            assertTrue(jobs.cancel(running.id, "a"));
            assertTrue(second.await(30_000));
            assertEquals(Jobs.State.DONE, second.state());
            assertNotNull(jobs.cached(small1.key()));
        }
    }

    @Test
    void oneBrowserMayStartOnlySoManyUnfinishedJobsWhileOthersAndJoiningAreNotAffected() {
        SweepSpec[] big = {spec("scenario=case-2&points=10&seeds=300&steps=10000"), spec("scenario=case-1&points=10&seeds=300&steps=10000"),
            spec("scenario=healthy&points=10&seeds=300&steps=10000")};
        try (Jobs jobs = new Jobs(1, 8, 8, 2)) {
            Jobs.Job first = jobs.submit(big[0].key(), "a", () -> new Sweep(big[0])).job();
            jobs.submit(big[1].key(), "a", () -> new Sweep(big[1]));
            Jobs.TooManyForOne refused = assertThrows(Jobs.TooManyForOne.class, () -> jobs.submit(big[2].key(), "a", () -> new Sweep(big[2])));
            assertEquals(2, refused.limit);
            assertNotNull(jobs.submit(big[2].key(), "b", () -> new Sweep(big[2])).job(), "another browser is not affected");
            assertNotNull(jobs.submit(big[2].key(), "a", () -> new Sweep(big[2])).job(), "joining b's job costs a nothing");
            assertTrue(jobs.cancel(first.id, "a"));
            SweepSpec other = spec("scenario=inactive-not-dead&points=10&seeds=300&steps=10000");
            assertNotNull(jobs.submit(other.key(), "a", () -> new Sweep(other)).job(), "a stopped job frees its place at once");
        }
    }

    @Test
    void aFailingTaskFailsItsJobAndTheNextJobStillRuns() throws InterruptedException {
        Work<String> broken = new Work<>() {
            @Override public int tasks() { return 4; }
            @Override public long units() { return 4; }
            @Override public void run(int index, Meter meter) { throw new IllegalStateException("bug"); }
            @Override public String result() { return "never"; }
        };
        SweepSpec s = spec("scenario=case-2&points=2&seeds=2&steps=10");
        try (Jobs jobs = new Jobs(2, 8, 8)) {
            Jobs.Job job = jobs.submit("broken", "a", () -> broken).job();
            Jobs.Job next = jobs.submit(s.key(), "a", () -> new Sweep(s)).job();
            assertTrue(job.await(10_000));
            assertEquals(Jobs.State.FAILED, job.state());
            assertNull(jobs.cached("broken"));
            assertTrue(next.await(10_000));
            assertEquals(Jobs.State.DONE, next.state());
        }
    }

    @Test
    void theTableHasARowPerPointWithWilsonIntervalsAndALabLink() {
        SweepSpec s = spec("scenario=case-2&vary=act&acts=relu,leaky,elu&seeds=10&steps=100");
        SweepResult r = Sweep.runHere(s);
        List<SweepResult.Row> rows = r.rows("/lab?");
        assertEquals(3, rows.size());
        assertEquals(List.of("relu", "leaky", "elu"), rows.stream().map(SweepResult.Row::x).toList());
        for (SweepResult.Row row : rows) {
            assertEquals(10, row.runs());
            assertTrue(row.pDiedLow() <= row.pDied() && row.pDied() <= row.pDiedHigh());
            assertTrue(row.lab().startsWith("/lab?scenario=case-2"));
        }
        String csv = r.csv("/lab?");
        assertTrue(csv.startsWith(String.join(",", SweepResult.COLUMNS) + "\r\n"));
        assertEquals(4, csv.split("\r\n").length);
    }
    @Test
    void optimizerAndRedoSweepsHaveCanonicalLinksThatReadBackToThemselves() {
        String[] links = {
            "scenario=case-2&vary=opt&opts=sgd,momentum,adam&seeds=10&steps=50",
            "scenario=case-2&vary=opt&opts=sgd,adam&acts=relu,leaky&seeds=10&steps=50",
            "scenario=case-2&vary=redo&redos=off,0.025,0.1&redoEvery=100&seeds=10&steps=50",
            "scenario=case-2&redo=0.1&redoEvery=50&vary=lr&from=0.1&to=1&points=3&seeds=3&steps=10",
            "scenario=case-2&opt=adam&vary=redo&redos=0.5&redoEvery=7&seeds=3&steps=10",
        };
        for (String link : links) assertEquals(link, spec(link).toQuery(), link);
        // the defaults written out; values sorted (off first, then τ ascending), duplicates and spellings merged
        assertEquals("scenario=case-2&vary=opt&opts=sgd,momentum,adam&seeds=100&steps=500", spec("scenario=case-2&vary=opt").toQuery());
        assertEquals("scenario=case-2&vary=redo&redos=off,0.025,0.1&redoEvery=100&seeds=100&steps=500",
                spec("scenario=case-2&vary=redo").toQuery());
        assertEquals("scenario=case-2&vary=redo&redos=off,0.05,0.1&redoEvery=100&seeds=1&steps=5",
                spec("scenario=case-2&vary=redo&redos=0.10,off,0.05,0.1&seeds=1&steps=5").toQuery());
        assertEquals("scenario=case-2&vary=opt&opts=sgd,adam&seeds=1&steps=5", spec("scenario=case-2&vary=opt&opts=adam&opts=sgd&seeds=1&steps=5").toQuery());
    }

    @Test
    void anOptimizerOrRedoFormBecomesTheCanonicalLink() {
        // the varied parameter of the base is checked, then left out; a redoEvery without redo (the form's field) too
        assertEquals("scenario=case-2&vary=opt&opts=momentum,adam&seeds=5&steps=20",
                spec("scenario=case-2&opt=adam&beta1=0.8&vary=opt&opts=momentum&opts=adam&redos=off,0.1&redoEvery=100&seeds=5&steps=20").toQuery());
        assertEquals("scenario=case-2&vary=redo&redos=off,0.1&redoEvery=30&seeds=5&steps=20",
                spec("scenario=case-2&redo=0.2&redoEvery=30&vary=redo&redos=off,0.1&opts=sgd&seeds=5&steps=20").toQuery());
        assertEquals("scenario=case-2&vary=lr&from=0.01&to=1&points=10&seeds=5&steps=20",
                spec("scenario=case-2&redoEvery=100&redos=off,0.1&opts=sgd&opts=adam&seeds=5&steps=20").toQuery());
    }

    @Test
    void everyOptimizerOrRedoPointIsTheBaseRunWithThatOptimizerOrThreshold() {
        SweepSpec o = spec("scenario=case-2&lr=0.3&vary=opt&seeds=2&steps=10");
        assertEquals(List.of("sgd", "momentum", "adam"), o.xs());
        assertEquals(Optimizer.SGD, o.run(0, 0, 1).spec().opt());
        assertEquals(Optimizer.momentum(0.9), o.run(0, 1, 1).spec().opt());
        assertEquals(Optimizer.adam(0.9, 0.999, 1e-8), o.run(0, 2, 1).spec().opt());
        assertEquals(0.3, o.run(0, 2, 1).spec().lr());
        assertEquals(Scenario.CASE_2.spec.seed() + 1, o.run(0, 2, 1).spec().seed());
        SweepSpec r = spec("scenario=case-2&vary=redo&redos=off,0.025&redoEvery=40&seeds=1&steps=10");
        assertEquals(Recycling.OFF, r.run(0, 0, 0).spec().redo());
        assertEquals(Recycling.every(40, 0.025), r.run(0, 1, 0).spec().redo());
        // the base's ReDo is kept when another parameter varies
        SweepSpec d = spec("scenario=healthy&redo=0.1&redoEvery=50&vary=depth&depths=1,2&seeds=1&steps=10");
        assertEquals(Recycling.every(50, 0.1), d.run(0, 1, 0).spec().redo());
    }

    @Test
    void aBadOptimizerOrRedoValueIsRefusedByNameSayingWhatIsAllowed() {
        InvalidParameter opts = refused("scenario=case-2&vary=opt&opts=sgd,rmsprop");
        assertEquals("opts", opts.parameter);
        assertEquals("a comma-separated list of sgd, momentum, adam", opts.allowed);
        InvalidParameter redos = refused("scenario=case-2&vary=redo&redos=off,1.5");
        assertEquals("redos", redos.parameter);
        assertTrue(redos.allowed.contains("off and thresholds τ with 0 < τ ≤ 1"), redos.allowed);
        assertEquals("redos", refused("scenario=case-2&vary=redo&redos=0").parameter);
        assertEquals("redos", refused("scenario=case-2&vary=redo&redos=on").parameter);
        assertEquals("redoEvery", refused("scenario=case-2&vary=redo&redoEvery=0").parameter);
        assertEquals("redoEvery", refused("scenario=case-2&vary=redo&redoEvery=x").parameter);
        assertEquals("redo", refused("scenario=case-2&vary=redo&redo=2").parameter);
        assertEquals("vary", refused("scenario=case-2&vary=optimizer").parameter);
        assertTrue(refused("scenario=case-2&vary=optimizer").allowed.contains("opt, redo"));
    }

    @Test
    void onCase2AtAStepOfPoint3AdamKillsANeuronInMoreOfTheSameTwentySeedsThanPlainSgd() {
        SweepResult r = Sweep.runHere(spec("scenario=case-2&lr=0.3&vary=opt&opts=sgd,adam&seeds=20&steps=300"));
        SweepResult.Point sgd = r.curves().get(0).points().get(0), adam = r.curves().get(0).points().get(1);
        // what the engine gives at this size (the Wilson intervals overlap: 20 seeds show a difference, not a law)
        assertEquals(9, sgd.died().count(), "plain SGD: a neuron died during training in 9 of 20 runs");
        assertEquals(14, adam.died().count(), "Adam: in 14 of 20");
        assertEquals(13, sgd.bornDead().count(), "a neuron dead at step 0 in 13 of 20 seeds");
        assertEquals(sgd.bornDead().count(), adam.bornDead().count(), "the same seeds, the same initial weights");
    }
}
