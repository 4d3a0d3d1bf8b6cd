package lab.deadrelu.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.deadrelu.experiment.Stats.Fraction;
import lab.deadrelu.experiment.Stats.Mean;

/**
 * A finished sweep: for every curve (activation) and point (value of the varied parameter), the
 * statistics over its seeds, and one of its runs to open in the lab.
 *
 * @param query the sweep's canonical link (without lang)
 */
public record SweepResult(String query, SweepSpec.Vary vary, List<String> xs, List<Curve> curves, int seeds, long firstSeed, int steps) {

    public SweepResult {
        xs = List.copyOf(xs);
        curves = List.copyOf(curves);
    }

    /** One line of the charts: an activation's points (act null when the activation is what varies). */
    public record Curve(String act, List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    /**
     * One point: `died`, `bornDead` and `diverged` count runs (Wilson intervals), `deadFraction` is
     * over every run, `loss` over the runs that did not diverge. The example run is the first seed
     * in which a neuron died, or the first seed when none did; `exampleQuery` opens it in the lab
     * at its last step. `killedOnly` counts the runs in which a neuron died during training and none
     * was dead at step 0: runs with a dead neuron = bornDead + killedOnly.
     */
    public record Point(String x, String act, Fraction died, Fraction bornDead, Fraction diverged, Mean deadFraction, Mean loss,
                        long exampleSeed, boolean exampleDied, String exampleQuery, long killedOnly) {}

    /** Runs with a dead neuron at some step (born dead, or killed during training), over every point and curve. */
    public long runsWithADeadNeuron() {
        return bornDeadRuns() + killedOnlyRuns();
    }

    /** Runs with a neuron dead at step 0, over every point and curve. */
    public long bornDeadRuns() {
        long n = 0;
        for (Curve c : curves) for (Point p : c.points()) n += p.bornDead().count();
        return n;
    }

    /** Runs with no neuron dead at step 0 in which one died during training, over every point and curve. */
    public long killedOnlyRuns() {
        long n = 0;
        for (Curve c : curves) for (Point p : c.points()) n += p.killedOnly();
        return n;
    }

    /** Combines the outcomes of every run, `outcomes[(curve * points + point) * seeds + k]`, in that order. */
    static SweepResult of(SweepSpec spec, RunOutcome[] outcomes) {
        int seeds = spec.seeds(), points = spec.points();
        List<Curve> curves = new ArrayList<>();
        for (int c = 0; c < spec.curves(); c++) {
            List<Point> pts = new ArrayList<>();
            for (int p = 0; p < points; p++) {
                int first = (c * points + p) * seeds;
                long died = 0, born = 0, diverged = 0, killedOnly = 0;
                double[] dead = new double[seeds], losses = new double[seeds];
                int finite = 0, example = -1;
                for (int k = 0; k < seeds; k++) {
                    RunOutcome o = outcomes[first + k];
                    if (o.died()) {
                        died++;
                        if (example < 0) example = k;
                    }
                    if (o.bornDead()) born++;
                    else if (o.died()) killedOnly++;
                    if (o.diverged()) diverged++;
                    dead[k] = o.deadFraction();
                    if (!o.diverged() && Double.isFinite(o.loss())) losses[finite++] = o.loss();
                }
                int shown = example < 0 ? 0 : example;
                String act = spec.activation(c, p).code;
                pts.add(new Point(spec.xs().get(p), act, Stats.fraction(died, seeds), Stats.fraction(born, seeds),
                        Stats.fraction(diverged, seeds), Stats.mean(dead, seeds), Stats.mean(losses, finite),
                        spec.seed(shown), example >= 0, spec.run(c, p, shown).at(spec.steps()).toQuery(), killedOnly));
            }
            curves.add(new Curve(spec.vary() == SweepSpec.Vary.ACT ? null : spec.acts().get(c).code, pts));
        }
        return new SweepResult(spec.toQuery(), spec.vary(), spec.xs(), curves, seeds, spec.seed(0), spec.steps());
    }

    // ---- as a table (JSON and CSV) ----

    /** One row of the table; null where a number is undefined (a mean of no runs, a spread of one). */
    public record Row(String act, String x, long runs, long died, Double pDied, Double pDiedLow, Double pDiedHigh,
                      long bornDead, Double pBornDead, Double pBornDeadLow, Double pBornDeadHigh,
                      long diverged, Double pDiverged, Double pDivergedLow, Double pDivergedHigh,
                      Double deadFractionMean, Double deadFractionSd, Double deadFractionLow, Double deadFractionHigh,
                      long finiteRuns, Double lossMean, Double lossSd, Double lossLow, Double lossHigh,
                      long exampleSeed, boolean exampleDied, String lab) {}

    /** The CSV header, the names of {@link Row}'s fields. */
    public static final List<String> COLUMNS = List.of("act", "x", "runs", "died", "pDied", "pDiedLow", "pDiedHigh",
            "bornDead", "pBornDead", "pBornDeadLow", "pBornDeadHigh", "diverged", "pDiverged", "pDivergedLow", "pDivergedHigh",
            "deadFractionMean", "deadFractionSd", "deadFractionLow", "deadFractionHigh",
            "finiteRuns", "lossMean", "lossSd", "lossLow", "lossHigh", "exampleSeed", "exampleDied", "lab");

    /** Every point of every curve; `labPrefix` goes in front of each example run's query (e.g. "/lab?"). */
    public List<Row> rows(String labPrefix) {
        List<Row> rows = new ArrayList<>();
        for (Curve c : curves) {
            for (Point p : c.points()) {
                rows.add(new Row(p.act(), p.x(), p.died().of(), p.died().count(), n(p.died().p()), n(p.died().low()), n(p.died().high()),
                        p.bornDead().count(), n(p.bornDead().p()), n(p.bornDead().low()), n(p.bornDead().high()),
                        p.diverged().count(), n(p.diverged().p()), n(p.diverged().low()), n(p.diverged().high()),
                        n(p.deadFraction().mean()), n(p.deadFraction().sd()), n(p.deadFraction().low()), n(p.deadFraction().high()),
                        p.loss().n(), n(p.loss().mean()), n(p.loss().sd()), n(p.loss().low()), n(p.loss().high()),
                        p.exampleSeed(), p.exampleDied(), labPrefix + p.exampleQuery()));
            }
        }
        return rows;
    }

    /** The table as CSV (RFC 4180: comma-separated, CRLF, a header line; empty where undefined). */
    public String csv(String labPrefix) {
        StringBuilder out = new StringBuilder();
        try {
            writeCsv(labPrefix, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringBuilder does no I/O
        }
        return out.toString();
    }

    /** The same, a row at a time (an answer streamed to its client). */
    public void writeCsv(String labPrefix, Appendable out) throws java.io.IOException {
        out.append(String.join(",", COLUMNS)).append("\r\n");
        for (Row r : rows(labPrefix)) {
            Object[] cells = {r.act(), r.x(), r.runs(), r.died(), r.pDied(), r.pDiedLow(), r.pDiedHigh(), r.bornDead(), r.pBornDead(),
                r.pBornDeadLow(), r.pBornDeadHigh(), r.diverged(), r.pDiverged(), r.pDivergedLow(), r.pDivergedHigh(),
                r.deadFractionMean(), r.deadFractionSd(), r.deadFractionLow(), r.deadFractionHigh(), r.finiteRuns(), r.lossMean(),
                r.lossSd(), r.lossLow(), r.lossHigh(), r.exampleSeed(), r.exampleDied(), r.lab()};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) out.append(',');
                out.append(Csv.cell(cells[i]));
            }
            out.append("\r\n");
        }
    }

    /** NaN as null (JSON has no NaN). */
    static Double n(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Used by both experiments' CSV. */
    static final class Csv {
        private Csv() {}

        static String cell(Object v) {
            if (v == null) return "";
            String s = v instanceof Double d ? repr(d) : String.valueOf(v);
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return '"' + s.replace("\"", "\"\"") + '"';
            return s;
        }

        /** Shortest round-trip decimal, no exponent for ordinary sizes. */
        static String repr(double d) {
            return Double.isFinite(d) ? lab.deadrelu.scenario.Numbers.format(d) : "";
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SweepResult[%s, %d curves]", query, curves.size());
    }
}
