package lab.deadrelu.engine;

/**
 * ReDo's measure of how little a hidden neuron does (Sokar et al. 2023, "The Dormant Neuron
 * Phenomenon in Deep Reinforcement Learning"). Neuron i of a hidden layer with H neurons scores
 * <pre>
 *   s_i = E_x |a_i(x)|  /  ( (1/H) sum_k E_x |a_k(x)| )        (E_x: the mean over the data set)
 * </pre>
 * its mean |activation| as a fraction of its layer's average, and it is τ-dormant when s_i ≤ τ.
 * A neuron that is dead on the data set (a = 0 on every sample) scores 0: dormant at every τ. When
 * every neuron of a layer is silent (the layer's mean is 0), each scores 0. Scores that are NaN (a
 * run's numbers overflowing) are dormant at no τ.
 */
public final class Dormancy {
    /** The two thresholds charted beside "exactly dead": the paper's 0.025 (and 0.1 for a coarser look). */
    public static final double LOW = 0.025, HIGH = 0.1;

    private final double[][] score;

    private Dormancy(double[][] score) {
        this.score = score;
    }

    /** The scores of every hidden neuron from their mean |a|, [hidden layer][neuron]. */
    public static Dormancy of(double[][] meanAbs) {
        double[][] score = new double[meanAbs.length][];
        for (int h = 0; h < meanAbs.length; h++) {
            double[] m = meanAbs[h];
            double sum = 0;
            for (double v : m) sum += v;
            double layerMean = sum / m.length;                                // (1/H) sum_k E|a_k|
            score[h] = new double[m.length];
            for (int i = 0; i < m.length; i++) score[h][i] = layerMean == 0 ? 0.0 : m[i] / layerMean;   // s_i = E|a_i| / layer mean
        }
        return new Dormancy(score);
    }

    public double score(int hiddenLayer, int neuron) {
        return score[hiddenLayer][neuron];
    }

    /** τ-dormant: s_i ≤ τ. */
    public boolean dormant(int hiddenLayer, int neuron, double tau) {
        return score[hiddenLayer][neuron] <= tau;
    }

    /** How many neurons of a hidden layer are τ-dormant. */
    public int count(int hiddenLayer, double tau) {
        int c = 0;
        for (double s : score[hiddenLayer]) if (s <= tau) c++;
        return c;
    }

    /** The fraction of a hidden layer's neurons that are τ-dormant, in [0, 1]. */
    public double fraction(int hiddenLayer, double tau) {
        return (double) count(hiddenLayer, tau) / score[hiddenLayer].length;
    }

    public int hiddenLayers() {
        return score.length;
    }
}
