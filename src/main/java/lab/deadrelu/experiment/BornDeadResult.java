package lab.deadrelu.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.deadrelu.experiment.Stats.Fraction;

/**
 * A finished born-dead experiment: for every width and every depth 1..depth, how many of the trials
 * were dead at their point x and how many were constant on the domain, with the theory where it exists.
 */
public record BornDeadResult(BornDeadSpec spec, List<Row> rows) {

    public BornDeadResult {
        rows = List.copyOf(rows);
    }

    /**
     * One (width, depth): pDeadAtPoint and pConstant with their standard errors sqrt(p (1 - p) / trials)
     * and Wilson 95% intervals; the theory's value and formula where one exists (else null).
     */
    public record Row(int width, int depth, long trials, long deadAtPoint, double pDeadAtPoint, double pDeadAtPointSE,
                      double pDeadAtPointLow, double pDeadAtPointHigh, Double theoryDeadAtPoint, String theoryDeadAtPointFormula,
                      long constant, double pConstant, double pConstantSE, double pConstantLow, double pConstantHigh,
                      Double theoryConstant, String theoryConstantFormula) {}

    static BornDeadResult of(BornDeadSpec spec, long[][] deadAt, long[][] constant) {
        List<Row> rows = new ArrayList<>();
        for (int w = 0; w < spec.widths().size(); w++) {
            int width = spec.widths().get(w);
            for (int d = 1; d <= spec.depth(); d++) {
                Fraction dead = Stats.fraction(deadAt[w][d], spec.trials()), flat = Stats.fraction(constant[w][d], spec.trials());
                Double tDead = BornDead.theoryDeadAtPoint(spec.init(), width, d);
                Double tFlat = BornDead.theoryConstant(spec.init(), width, d, spec.inputs(), spec.domain(), spec.bias());
                rows.add(new Row(width, d, spec.trials(), dead.count(), dead.p(), dead.se(), dead.low(), dead.high(), tDead,
                        tDead == null ? null : BornDead.DEAD_AT_POINT_FORMULA, flat.count(), flat.p(), flat.se(), flat.low(), flat.high(),
                        tFlat, BornDead.constantFormula(spec.init(), width, d, spec.inputs(), spec.bias())));
            }
        }
        return new BornDeadResult(spec, rows);
    }

    public Row row(int width, int depth) {
        for (Row r : rows) if (r.width() == width && r.depth() == depth) return r;
        throw new IllegalArgumentException("no row for width " + width + ", depth " + depth);
    }

    /** The spec as JSON shows it, grid included. */
    public Map<String, Object> specJson(boolean single) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (single) m.put("width", spec.widths().get(0));
        else m.put("widths", spec.widths());
        m.put("depth", spec.depth());
        m.put("inputs", spec.inputs());
        m.put("domain", spec.domain());
        m.put("init", spec.init().code);
        m.put("bias", spec.bias());
        m.put("trials", spec.trials());
        m.put("seed", spec.seed());
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("perAxis", spec.gridPerAxis());
        grid.put("points", spec.gridPoints());
        m.put("grid", grid);
        return m;
    }

    public static final List<String> COLUMNS = List.of("width", "depth", "trials", "deadAtPoint", "pDeadAtPoint", "pDeadAtPointSE",
            "pDeadAtPointLow", "pDeadAtPointHigh", "theoryDeadAtPoint", "constant", "pConstant", "pConstantSE", "pConstantLow",
            "pConstantHigh", "theoryConstant");

    /** The table as CSV (RFC 4180, CRLF; theory columns empty where there is none). */
    public String csv() {
        StringBuilder out = new StringBuilder();
        try {
            writeCsv(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringBuilder does no I/O
        }
        return out.toString();
    }

    /** The same, a row at a time (an answer streamed to its client). */
    public void writeCsv(Appendable out) throws java.io.IOException {
        out.append(String.join(",", COLUMNS)).append("\r\n");
        for (Row r : rows) {
            Object[] cells = {r.width(), r.depth(), r.trials(), r.deadAtPoint(), r.pDeadAtPoint(), r.pDeadAtPointSE(), r.pDeadAtPointLow(),
                r.pDeadAtPointHigh(), r.theoryDeadAtPoint(), r.constant(), r.pConstant(), r.pConstantSE(), r.pConstantLow(),
                r.pConstantHigh(), r.theoryConstant()};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) out.append(',');
                out.append(SweepResult.Csv.cell(cells[i]));
            }
            out.append("\r\n");
        }
    }
}
