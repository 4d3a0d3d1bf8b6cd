package lab.deadrelu.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the class view's charts count, from the students' rows: which neurons are dead in how many runs,
 * the share of runs with a dead neuron at each step size (with its Wilson interval), and the spread of
 * the losses (log10; diverged runs counted apart).
 */
public record ClassStats(int runs, int withDead, List<NeuronCount> neurons, List<LrShare> byLr, LossHistogram loss) {

    /** A neuron (link notation, "h1^(2)") and the runs in which it is dead now. */
    public record NeuronCount(String neuron, int runs) {}

    /** At step size `lr`: `dead` of `runs` runs have at least one dead neuron. */
    public record LrShare(double lr, int dead, int runs, Wilson interval) {
        public double share() {
            return runs == 0 ? 0 : (double) dead / runs;
        }
    }

    /**
     * Runs per bin of log10(loss): bin i holds [from + i * width, from + (i + 1) * width). `diverged`: runs
     * whose loss is not a number any more (or that diverged), never in a bin.
     */
    public record LossHistogram(double from, double width, List<Integer> counts, int diverged) {}

    public static final double BIN_WIDTH = 0.5;
    static final int MAX_BINS = 16;

    public static ClassStats of(List<StudentRun> students) {
        Map<String, Integer> neurons = new TreeMap<>(ClassStats::byLayerThenNeuron);
        Map<Double, int[]> lrs = new TreeMap<>();
        int withDead = 0, diverged = 0;
        List<Double> logs = new ArrayList<>();
        for (StudentRun s : students) {
            boolean dead = s.deadCount() > 0;
            if (dead) withDead++;
            for (String n : s.deadNeurons()) neurons.merge(n, 1, Integer::sum);
            int[] kn = lrs.computeIfAbsent(s.lr(), k -> new int[2]);
            kn[0] += dead ? 1 : 0;
            kn[1]++;
            if (s.diverged() || !Double.isFinite(s.loss()) || s.loss() < 0) diverged++;
            else logs.add(Math.log10(Math.max(s.loss(), 1e-12)));
        }
        List<NeuronCount> counts = new ArrayList<>();
        neurons.forEach((n, c) -> counts.add(new NeuronCount(n, c)));
        List<LrShare> shares = new ArrayList<>();
        lrs.forEach((lr, kn) -> shares.add(new LrShare(lr, kn[0], kn[1], Wilson.of95(kn[0], kn[1]))));
        return new ClassStats(students.size(), withDead, counts, shares, histogram(logs, diverged));
    }

    static LossHistogram histogram(List<Double> logs, int diverged) {
        if (logs.isEmpty()) return new LossHistogram(0, BIN_WIDTH, List.of(), diverged);
        double lo = logs.stream().min(Double::compare).orElseThrow(), hi = logs.stream().max(Double::compare).orElseThrow();
        double from = Math.floor(lo / BIN_WIDTH) * BIN_WIDTH;
        int bins = Math.max(1, (int) Math.floor((hi - from) / BIN_WIDTH) + 1);
        double width = BIN_WIDTH;
        while (bins > MAX_BINS) {   // a wide spread: wider bins, never more than MAX_BINS
            width *= 2;
            from = Math.floor(lo / width) * width;
            bins = (int) Math.floor((hi - from) / width) + 1;
        }
        int[] c = new int[bins];
        for (double v : logs) c[Math.min(bins - 1, (int) Math.floor((v - from) / width))]++;
        List<Integer> counts = new ArrayList<>();
        for (int n : c) counts.add(n);
        return new LossHistogram(from, width, counts, diverged);
    }

    /** "h2^(1)" before "h1^(2)", "h2^(1)" before "h10^(1)". */
    static int byLayerThenNeuron(String a, String b) {
        int[] x = parts(a), y = parts(b);
        int c = x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
        return c != 0 ? c : a.compareTo(b);
    }

    /** layer, neuron of "h<neuron>^(<layer>)"; anything else sorts last. */
    private static int[] parts(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("h(\\d+)\\^\\((\\d+)\\)").matcher(name);
        return m.matches() ? new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))} : new int[] {Integer.MAX_VALUE, 0};
    }

    /** The link notation of neuron `neuron` (0-based) of hidden layer `layer` (0-based): h1^(2) is neuron 1 of layer 2. */
    public static String neuronName(int layer, int neuron) {
        return "h" + (neuron + 1) + "^(" + (layer + 1) + ")";
    }
}
