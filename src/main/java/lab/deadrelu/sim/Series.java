package lab.deadrelu.sim;

/**
 * A bounded history of one value over steps. Points go into buckets; when all buckets are used,
 * neighbours merge pairwise and each bucket covers twice as many steps. A bucket keeps the
 * minimum, the maximum and the last value of its steps, so a spike never disappears from a chart.
 * Stored as floats: a chart needs no more, and a class of a thousand students needs the memory.
 */
public final class Series {
    private final int capacity;
    private final int[] lastStep;
    private final float[] min, max, last;
    private int size;
    private int stepsPerBucket = 1;
    private int firstStep = -1;
    /** The last bucket as it was before the last add, so that add can be redone with another value (see replaceLast). */
    private boolean lastMerged;
    private float undoMin, undoMax;

    public Series(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) throw new IllegalArgumentException("capacity must be even and >= 2");
        this.capacity = capacity;
        lastStep = new int[capacity];
        min = new float[capacity];
        max = new float[capacity];
        last = new float[capacity];
    }

    /** Records the value at a step; steps must not decrease. */
    public void add(long step, double value) {
        int s = (int) step;
        float v = (float) value;
        if (firstStep < 0) firstStep = s;
        if (size > 0 && (s - bucketStart(size - 1)) < stepsPerBucket) {
            int b = size - 1;
            lastMerged = true;
            undoMin = min[b];
            undoMax = max[b];
            lastStep[b] = s;
            min[b] = Math.min(min[b], v);
            max[b] = Math.max(max[b], v);
            last[b] = v;
            return;
        }
        lastMerged = false;
        if (size == capacity) halve();
        lastStep[size] = s;
        min[size] = v;
        max[size] = v;
        last[size] = v;
        size++;
    }

    /**
     * Records the last added step again with another value, as if the earlier value had never been added
     * (an intervention changes the weights at the step just recorded; a link replayed to that step only
     * ever sees the new value, and the chart must be the same either way).
     */
    public void replaceLast(double value) {
        if (size == 0) throw new IllegalStateException("nothing recorded yet");
        int b = size - 1;
        float v = (float) value;
        min[b] = lastMerged ? Math.min(undoMin, v) : v;
        max[b] = lastMerged ? Math.max(undoMax, v) : v;
        last[b] = v;
    }

    /** First step a bucket covers. */
    private int bucketStart(int b) {
        return b == 0 ? firstStep : lastStep[b - 1] + 1;
    }

    private void halve() {
        int half = size / 2;
        for (int b = 0; b < half; b++) {
            int l = 2 * b, r = 2 * b + 1;
            lastStep[b] = lastStep[r];
            min[b] = Math.min(min[l], min[r]);
            max[b] = Math.max(max[l], max[r]);
            last[b] = last[r];
        }
        size = half;
        stepsPerBucket *= 2;
    }

    /**
     * Forgets the buckets that reach `step` or beyond (the run went another way from there); new
     * values go into buckets as narrow as a series through `through` would have, so that a run cut
     * far back is charted in detail again from there (older buckets keep their width).
     */
    public void keepBefore(long step, long through) {
        while (size > 0 && lastStep[size - 1] >= step) size--;
        if (size == 0) firstStep = -1;
        int narrow = 1;
        while ((long) capacity * narrow < through + 1) narrow *= 2;
        stepsPerBucket = Math.min(stepsPerBucket, narrow);
        lastMerged = false;
    }

    public int size() { return size; }
    int capacity() { return capacity; }
    public int stepOf(int bucket) { return lastStep[bucket]; }
    public double minOf(int bucket) { return min[bucket]; }
    public double maxOf(int bucket) { return max[bucket]; }
    public double lastOf(int bucket) { return last[bucket]; }
    public int firstStep() { return firstStep; }
    public boolean isEmpty() { return size == 0; }

    /** The smallest and largest value recorded (over all buckets); NaN when empty. */
    public double lowest() {
        double lo = Double.NaN;
        for (int b = 0; b < size; b++) lo = b == 0 ? min[b] : Math.min(lo, min[b]);
        return lo;
    }

    public double highest() {
        double hi = Double.NaN;
        for (int b = 0; b < size; b++) hi = b == 0 ? max[b] : Math.max(hi, max[b]);
        return hi;
    }

    /** A copy that can be read while this one keeps growing (frames are rendered off the owner's lock). */
    public Series copy() {
        Series c = new Series(capacity);
        System.arraycopy(lastStep, 0, c.lastStep, 0, size);
        System.arraycopy(min, 0, c.min, 0, size);
        System.arraycopy(max, 0, c.max, 0, size);
        System.arraycopy(last, 0, c.last, 0, size);
        c.size = size;
        c.stepsPerBucket = stepsPerBucket;
        c.firstStep = firstStep;
        return c;
    }
}
