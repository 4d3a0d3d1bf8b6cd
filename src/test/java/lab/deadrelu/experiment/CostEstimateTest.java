package lab.deadrelu.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a check: runs experiments of very different shapes on this thread and prints
 * their estimated cost next to the CPU time they took ("estimate / measured": above 1, the estimate
 * is on the safe side). What the cost model in {@link SweepSpec#stepOperations} and
 * {@link BornDeadSpec#operationsPerTrial} was checked with. Run it with
 * {@code mvn -o -q test -Dtest=CostEstimateTest -Ddeadrelu.measure=true}.
 */
@EnabledIfSystemProperty(named = "deadrelu.measure", matches = "true")
class CostEstimateTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static Map<String, List<String>> query(String q) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String p : q.split("&")) m.put(p.substring(0, p.indexOf('=')), List.of(p.substring(p.indexOf('=') + 1)));
        return m;
    }

    private static void report(String what, Cost cost, long cpuNanos) {
        double measured = cpuNanos / 1e9;
        System.out.printf("MEASURE %-95s estimate %7.2f s, measured %7.2f s of CPU, estimate / measured %.2f%n", what, cost.seconds(),
                measured, cost.seconds() / measured);
    }

    @Test
    void sweepsOfEveryShape() {
        String[] shapes = {
            "scenario=case-2&points=2&seeds=10&steps=20000",
            "scenario=case-2&layers=1-1-1&n=1&points=2&seeds=10&steps=50000",
            "scenario=case-2&layers=1-1-1-1-1-1-1-1-1-1&n=10000&batch=full&points=2&seeds=1&steps=100",
            "scenario=case-2&layers=1-1-1-1-1-1-1-1-1-1&n=10000&batch=full&acts=elu&points=2&seeds=1&steps=60",
            "scenario=case-2&layers=8-64-64-64-64-64-64-64-64-1&n=1&points=2&seeds=1&steps=4000",
            "scenario=case-2&layers=8-64-64-64-64-64-64-64-64-1&n=100&points=2&seeds=1&steps=600",
            "scenario=case-2&layers=8-64-64-64-64-64-64-64-64-1&n=10000&batch=full&points=2&seeds=1&steps=2",
            "scenario=case-2&layers=8-64-1&n=10000&acts=elu&points=2&seeds=1&steps=80",
            "scenario=case-2&layers=1-64-1&n=1&points=2&seeds=2&steps=50000",
            "scenario=deep-net-works-anyway&points=2&seeds=1&steps=5000",
            "scenario=case-2&layers=1-1-1&n=10000&points=40&seeds=20&steps=1",
        };
        for (String shape : shapes) {
            SweepSpec spec = SweepSpec.parse(query(shape.replace("&points=", "&vary=lr&from=0.001&to=0.002&points=")), Set.of());
            Sweep.runHere(spec);   // warm-up
            long t0 = THREADS.getCurrentThreadCpuTime();
            Sweep.runHere(spec);
            report("sweep " + shape, spec.cost(), THREADS.getCurrentThreadCpuTime() - t0);
        }
    }

    @Test
    void bornDeadExperimentsOfEveryShape() {
        String[] shapes = {
            "width=4&depth=10&inputs=1&trials=100000",
            "width=64&depth=64&inputs=8&trials=300",
            "width=1&depth=64&inputs=8&trials=100000",
            "width=8&depth=64&inputs=1&bias=1&trials=5000",
            "width=4&depth=32&inputs=4&bias=1&trials=10000",
            "width=32&depth=64&inputs=8&init=rai&bias=1&trials=500",
            "width=3&depth=20&inputs=2&init=rai&trials=20000",
        };
        for (String shape : shapes) {
            BornDeadSpec spec = BornDeadSpec.parse(query(shape), true, Set.of());
            BornDeadWork.runHere(spec);
            long t0 = THREADS.getCurrentThreadCpuTime();
            BornDeadWork.runHere(spec);
            report("born-dead " + shape, spec.cost(), THREADS.getCurrentThreadCpuTime() - t0);
        }
    }
}
