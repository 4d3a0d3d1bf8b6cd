package lab.deadrelu.scenario;

import lab.deadrelu.engine.Activation;
import lab.deadrelu.engine.Initializer;
import lab.deadrelu.engine.Optimizer;
import lab.deadrelu.engine.Recycling;
import lab.deadrelu.engine.Target;
import lab.deadrelu.engine.TrainingSpec;

/**
 * The post's cases as presets. Each is a documented spec with a seed chosen so that its claim
 * holds (the scenario tests assert each claim), the neuron it is about, and how long to watch.
 * Titles and explanations live in the message bundles under "scenario.<id>.".
 */
public enum Scenario {
    /** h1^(1) is born dead: all three incoming weights negative, inputs >= 0, so z <= 0 on every sample. */
    CASE_1("case-1", post(0.02, 32), 0, 0, 2_000),
    /** A step size so large that one update pushes w21 and w22 below zero: h1^(2) dies for good. */
    CASE_2("case-2", post(0.3, 11358), 1, 0, 500),
    /** h1^(1) is inactive on some samples and active on others; its weights keep moving. */
    INACTIVE_NOT_DEAD("inactive-not-dead", post(0.05, 25), 0, 0, 2_000),
    /** The case-2 run with Leaky ReLU: the same big step cannot silence h1^(2). */
    LEAKY_RESCUES_CASE_2("leaky-rescues-case-2", post(0.3, 11358).withActivation(Activation.LEAKY, 0.01), 1, 0, 500),
    /** 3-32-32-32-1 with biases: 20-40% of the hidden neurons end up dead, and the loss still falls. */
    DEEP_NET_WORKS_ANYWAY("deep-net-works-anyway", deep(), 1, 9, 3_000),
    /** Sensible initialization and step size: nobody dies. */
    HEALTHY("healthy", post(0.05, 15), 0, 0, 2_000),
    /** Case 1 on two inputs: w11, w12 < 0, so z = w11 x1 + w12 x2 <= 0 on the whole input square; the rest learns. */
    PLANE_CASE_1("plane-case-1", plane(0.02, 665), 0, 0, 2_000),
    /** Case 2 on two inputs: λ = 0.3, and the update of step 8 pushes w21 and w22 below zero; h1^(2) dies for good. */
    PLANE_CASE_2("plane-case-2", plane(0.3, 15907), 1, 0, 500),
    /** A moving target: new random targets every 500 updates; under SGD, and more under Adam, the dead pile up phase after phase; ReDo keeps them down. */
    MOVING_TARGET("moving-target", moving(), 0, 3, 10_000);

    public final String id;
    public final TrainingSpec spec;
    /** The neuron the scenario is about: 0-based hidden layer and neuron. */
    public final int focusLayer, focusNeuron;
    /** Steps after which the scenario's claim is checked, and a sensible length to watch. */
    public final long steps;

    Scenario(String id, TrainingSpec spec, int focusLayer, int focusNeuron, long steps) {
        this.id = id;
        this.spec = spec;
        this.focusLayer = focusLayer;
        this.focusNeuron = focusNeuron;
        this.steps = steps;
    }

    /** The post's network: 3-2-2-1, ReLU, no biases, per-sample SGD over n = 8 samples, He-normal weights. */
    static TrainingSpec post(double lr, long seed) {
        return new TrainingSpec(new int[] {3, 2, 2, 1}, Activation.RELU, 0.01, false, lr, 1, false, seed,
                Initializer.HE, 1.0, new double[0], Target.SIN, 8, 0.0, false, 1);
    }

    /**
     * The post's network on two inputs, 2-2-2-1, so each neuron can be drawn over the input square
     * [0,1]^2: ReLU, per-sample SGD over n = 8 samples of y = sin(3 x1) (x3 = 0), He-normal weights, and
     * no biases as in the post. Without a bias a first-layer neuron's boundary w1 x1 + w2 x2 = 0 goes
     * through the corner (0,0), and the neuron is dark on the whole square exactly when w1, w2 <= 0:
     * z = w1 x1 + w2 x2 is linear, so its largest value on the square is at a corner.
     */
    static TrainingSpec plane(double lr, long seed) {
        return new TrainingSpec(new int[] {2, 2, 2, 1}, Activation.RELU, 0.01, false, lr, 1, false, seed,
                Initializer.HE, 1.0, new double[0], Target.SIN, 8, 0.0, false, 1);
    }

    static TrainingSpec deep() {
        return new TrainingSpec(new int[] {3, 32, 32, 32, 1}, Activation.RELU, 0.01, true, 0.2, 1, false, 5,
                Initializer.HE, 1.0, new double[0], Target.SIN, 64, 0.0, false, 1);
    }

    /** 2-16-16-1 with biases, 64 samples of sin in [-1,1)^2, mini-batches of 8, λ = 0.05; the targets redrawn every 500 updates. */
    static TrainingSpec moving() {
        return new TrainingSpec(new int[] {2, 16, 16, 1}, Activation.RELU, 0.01, true, 0.05, 8, true, 1,
                Initializer.HE, 1.0, new double[0], Target.SIN, 64, 0.0, true, 1, Optimizer.SGD, Recycling.OFF, 500);
    }

    public static Scenario fromId(String id) {
        for (Scenario s : values()) if (s.id.equals(id)) return s;
        return null;
    }

    public static String ids() {
        StringBuilder b = new StringBuilder();
        for (Scenario s : values()) b.append(b.length() == 0 ? "" : ", ").append(s.id);
        return b.toString();
    }
}
