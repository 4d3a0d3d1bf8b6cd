package lab.deadrelu.engine;

/**
 * Hidden-layer activations (the output layer is linear). Each one is written here once: its value
 * f(z) and its derivative f'(z) side by side, for one number and for a row of them. The engine's
 * passes call these and spell out no activation of their own.
 * <p>
 * The row forms are the scalar formulas in loops that HotSpot can vectorise; they give the same bits
 * as the scalar forms on every z, except where said (ReLU's max form on NaN).
 */
public enum Activation {
    /** The post's ReLU: f(z) = max(0, z); f'(z) = 1 for z > 0, else 0 (ReLU'(0) = 0: inactive at z = 0). */
    RELU("relu") {
        @Override public double apply(double z, double alpha) { return z > 0 ? z : 0.0; }          // f(z) = max(0, z)
        @Override public double derivative(double z, double alpha) { return z > 0 ? 1.0 : 0.0; }   // f'(z) = [z > 0]

        /** max(z, 0) compiles to SIMD code; it differs from (z > 0 ? z : 0) only on NaN (NaN, not 0). */
        @Override void applyRow(double[] z, double[] a, int n, double alpha, boolean fast) {
            if (fast) for (int k = 0; k < n; k++) a[k] = Math.max(z[k], 0.0);
            else for (int k = 0; k < n; k++) a[k] = z[k] > 0 ? z[k] : 0.0;
        }

        /** f'(z) read from a = f(z) (a > 0 exactly when z > 0), as a branch-free number: see Kernels.reluSlope. */
        @Override void multiplyBySlope(double[] e, double[] z, double[] a, int n, double alpha) {
            for (int k = 0; k < n; k++) e[k] = e[k] * Kernels.reluSlope(a[k]);
        }
    },

    /** Leaky ReLU: f(z) = z for z > 0, else alpha z; f'(z) = 1 for z > 0, else alpha. */
    LEAKY("leaky") {
        @Override public double apply(double z, double alpha) { return z > 0 ? z : alpha * z; }
        @Override public double derivative(double z, double alpha) { return z > 0 ? 1.0 : alpha; }

        @Override void applyRow(double[] z, double[] a, int n, double alpha, boolean fast) {
            for (int k = 0; k < n; k++) a[k] = z[k] > 0 ? z[k] : alpha * z[k];
        }

        /** e f'(z): e * 1 is e exactly, so the branch skips the multiplication. */
        @Override void multiplyBySlope(double[] e, double[] z, double[] a, int n, double alpha) {
            for (int k = 0; k < n; k++) e[k] = z[k] > 0 ? e[k] : e[k] * alpha;
        }
    },

    /** ELU: f(z) = z for z > 0, else alpha (e^z - 1); f'(z) = 1 for z > 0, else alpha e^z. */
    ELU("elu") {
        @Override public double apply(double z, double alpha) { return z > 0 ? z : alpha * (StrictMath.exp(z) - 1.0); }
        @Override public double derivative(double z, double alpha) { return z > 0 ? 1.0 : alpha * StrictMath.exp(z); }

        @Override void applyRow(double[] z, double[] a, int n, double alpha, boolean fast) {
            for (int k = 0; k < n; k++) a[k] = apply(z[k], alpha);
        }

        @Override void multiplyBySlope(double[] e, double[] z, double[] a, int n, double alpha) {
            for (int k = 0; k < n; k++) e[k] = e[k] * derivative(z[k], alpha);
        }
    };

    public final String code;

    Activation(String code) {
        this.code = code;
    }

    /** f(z). */
    public abstract double apply(double z, double alpha);

    /** f'(z) (at the kink z = 0, the slope for z <= 0). */
    public abstract double derivative(double z, double alpha);

    /**
     * a[k] = f(z[k]) for k < n. `fast` allows a quicker form that may differ on NaN z (only ReLU has
     * one: see {@link #hasFastRow}); callers that allow it check their output for NaN and redo the row.
     */
    abstract void applyRow(double[] z, double[] a, int n, double alpha, boolean fast);

    /** e[k] = e[k] f'(z[k]) for k < n, given z and a = f(z): dL/dz = dL/da f'(z) in the backward pass. */
    abstract void multiplyBySlope(double[] e, double[] z, double[] a, int n, double alpha);

    /** True when applyRow has a fast form that can turn a NaN z into NaN rather than f(NaN). */
    boolean hasFastRow() {
        return this == RELU;
    }

    /** Only ReLU can die: Leaky ReLU and ELU always pass some gradient back. */
    public boolean canDie() {
        return this == RELU;
    }

    public double defaultAlpha() {
        return this == ELU ? 1.0 : 0.01;
    }

    public static Activation fromCode(String code) {
        for (Activation a : values()) if (a.code.equals(code)) return a;
        throw new IllegalArgumentException("act must be one of relu, leaky, elu (got '" + code + "')");
    }
}
