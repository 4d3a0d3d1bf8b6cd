package lab.deadrelu.experiment;

import java.util.Locale;

/**
 * What an experiment is estimated to cost before it runs: operations, and the seconds of one core
 * they take. One operation is one weight-sample of a census (a weight times one sample's activation
 * inside a training step); everything else an experiment does is counted in those units with a
 * weight measured against it (see {@link SweepSpec#stepOperations} and {@link BornDeadSpec#operationsPerTrial}).
 * Every experiment is capped at {@link #MAX_SECONDS} of one core, so no link holds a worker for
 * long and the queue keeps moving.
 *
 * @param operations the estimate, in census weight-sample operations
 */
public record Cost(double operations) {
    /**
     * bench's W3 (census passes per second of one core: a 3-32-32-32-1 network, 2,176 weights and 97
     * units, over 512 samples), as `java -jar target/dead-relu-lab.jar bench` printed it on this
     * project's 2-core machine while the weights below were measured, other builds sharing it
     * (about 12,000 on an idle core: estimates here are on the safe side there).
     */
    static final double W3_CENSUS_PASSES_PER_S = 7_791;
    static final double W3_WEIGHT_SAMPLES_PER_PASS = 512.0 * (2_176 + 97);
    /** A census inside a training step (states compared, events recorded) took 1.28 times a bare census per weight-sample. */
    static final double IN_TRAINING = 1.28;
    /** So one operation takes 1.28 / (7,791 x 1,163,776) s = 0.141 ns. */
    public static final double NS_PER_OPERATION = IN_TRAINING * 1e9 / (W3_CENSUS_PASSES_PER_S * W3_WEIGHT_SAMPLES_PER_PASS);
    /** About a minute of one core per experiment at most. */
    public static final double MAX_SECONDS = 60;
    /** The cap in operations: 60 s / 0.141 ns, about 4.25 x 10^11. */
    public static final double MAX_OPERATIONS = MAX_SECONDS * 1e9 / NS_PER_OPERATION;

    /** A cost nobody estimated (work made in tests). */
    public static final Cost UNKNOWN = new Cost(0);

    /** Seconds of one core, estimated. */
    public double seconds() {
        return operations * NS_PER_OPERATION / 1e9;
    }

    public boolean known() {
        return operations > 0;
    }

    public boolean fits() {
        return operations <= MAX_OPERATIONS;
    }

    /** The operations as "4.2e11"-style text with three significant digits (the API and error messages). */
    public static String scientific(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replace("e+", "e");
    }

    /** The cap, in words, for error messages naming what fits. */
    public static String capInWords() {
        return String.format(Locale.ROOT, "an experiment may take about %.0f s of one core (%s operations as estimated before it runs)",
                MAX_SECONDS, scientific(MAX_OPERATIONS));
    }
}
