package lab.deadrelu.engine;

import java.util.SplittableRandom;

/**
 * n samples of d inputs and a target. Kept twice: by sample (x[s][j], for per-sample SGD) and by
 * input (columns[j][s], so a census can run samples as the inner, vectorisable loop).
 */
public final class Dataset {
    public final double[][] x;
    public final double[] y;
    final double[][] columns;

    public Dataset(double[][] x, double[] y) {
        if (x.length == 0 || x.length != y.length) throw new IllegalArgumentException("need n >= 1 samples, one y each");
        this.x = x;
        this.y = y;
        int d = x[0].length;
        columns = new double[d][x.length];
        for (int s = 0; s < x.length; s++) for (int j = 0; j < d; j++) columns[j][s] = x[s][j];
    }

    private Dataset(double[][] x, double[][] columns, double[] y) {
        this.x = x;
        this.columns = columns;
        this.y = y;
    }

    /**
     * The same inputs with a copy of the targets as they are now: what a reader on another thread gets of a
     * moving target's data set, whose y the run overwrites when a phase begins.
     */
    public Dataset copyOfTargets() {
        return new Dataset(x, columns, y.clone());
    }

    public int size() {
        return y.length;
    }

    public int inputs() {
        return x[0].length;
    }

    /** Inputs uniform in [0,1)^d, or [-1,1)^d when centred; y = target(x) + noise * N(0,1). */
    public static Dataset generate(int n, int d, Target target, double noise, boolean centred, long seed) {
        SplittableRandom rng = Seeds.derive(seed, Seeds.DATA);
        SplittableRandom noiseRng = Seeds.derive(seed, Seeds.NOISE);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) x[s][j] = centred ? 2 * rng.nextDouble() - 1 : rng.nextDouble();
            y[s] = target.of(x[s]) + (noise > 0 ? noise * Seeds.gaussian(noiseRng) : 0.0);
        }
        return new Dataset(x, y);
    }
}
