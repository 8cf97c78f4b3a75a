package org.scalelab.scaling.fit.internal;

/**
 * The Approach-3 objective of Hoffmann et al. 2022 (Eq. 3 and Eq. 11, App. D.2): the
 * <strong>sum</strong> over runs of Huber_δ(LSE(a − α·ln N_i, b − β·ln D_i, e) − ln L_i), with
 * parameters θ = (a, b, e, α, β) and A = e^a, B = e^b, E = e^e. Summed, not averaged: Besiroglu
 * et al. 2024 (v2) trace Hoffmann's early stop of L-BFGS to the averaged loss scale.
 * The Huber function is scipy's: ½r² for |r| ≤ δ, δ(|r| − ½δ) otherwise.
 *
 * <p>Value and analytic gradient are computed in one pass over primitive arrays with no
 * allocation, because the 4500-start fit evaluates it hundreds of thousands of times.
 * Instances are immutable and may be shared between threads.
 */
public final class HuberLseObjective {
    /** Number of parameters: a, b, e, α, β. */
    public static final int DIM = 5;

    private final double[] logN;
    private final double[] logD;
    private final double[] logL;
    private final double delta;

    /** Takes ownership of the arrays (natural logs of params, tokens and loss). */
    public HuberLseObjective(double[] logN, double[] logD, double[] logL, double delta) {
        if (logN.length != logD.length || logN.length != logL.length) {
            throw new IllegalArgumentException("arrays differ in length");
        }
        this.logN = logN;
        this.logD = logD;
        this.logL = logL;
        this.delta = delta;
    }

    public int size() {
        return logL.length;
    }

    /**
     * Whether to use the Vector API pass: only on request ({@code -Dscalelab.scaling.vector=true})
     * and when {@code jdk.incubator.vector} is there. Its lane-wise exp and log run as SIMD
     * routines once compiled but as scalar fallbacks before, so two fits of the same data in one
     * JVM could differ in the last digits; the default scalar pass uses {@link StrictMath} and
     * gives the same bits every time, at about 0.6 s per 4500-start fit (BENCHMARKS.md).
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && Boolean.getBoolean("scalelab.scaling.vector");

    /** Returns the objective at {@code x} and writes its gradient into {@code grad} (length 5). */
    public double valueAndGradient(double[] x, double[] grad) {
        if (VECTOR) {
            return VectorHuberLse.valueAndGradient(logN, logD, logL, delta, x, grad);
        }
        return scalarPass(logN, logD, logL, delta, x, grad, 0, logL.length);
    }

    /** The scalar loop (reference for the vector pass, and its fallback). */
    public double scalarValueAndGradient(double[] x, double[] grad) {
        return scalarPass(logN, logD, logL, delta, x, grad, 0, logL.length);
    }

    /** Rows {@code from} to {@code to} of the objective; writes the gradient over those rows. */
    static double scalarPass(double[] ln, double[] ld, double[] ll, double d, double[] x, double[] grad, int from, int to) {
        final double a = x[0], b = x[1], e = x[2], alpha = x[3], beta = x[4];
        double f = 0, ga = 0, gb = 0, ge = 0, gAlpha = 0, gBeta = 0;
        for (int i = from; i < to; i++) {
            double t1 = a - alpha * ln[i];
            double t2 = b - beta * ld[i];
            // shift by the largest term so nothing overflows; that term's exponential is exactly 1
            double m, e1, e2, e3;
            if (t1 >= t2 && t1 >= e) {
                m = t1;
                e1 = 1.0;
                e2 = StrictMath.exp(t2 - m);
                e3 = StrictMath.exp(e - m);
            } else if (t2 >= e) {
                m = t2;
                e1 = StrictMath.exp(t1 - m);
                e2 = 1.0;
                e3 = StrictMath.exp(e - m);
            } else {
                m = e;
                e1 = StrictMath.exp(t1 - m);
                e2 = StrictMath.exp(t2 - m);
                e3 = 1.0;
            }
            double s = e1 + e2 + e3;
            double r = m + StrictMath.log(s) - ll[i];
            double h;
            if (r > d) {
                f += d * (r - 0.5 * d);
                h = d;
            } else if (r < -d) {
                f += d * (-r - 0.5 * d);
                h = -d;
            } else {
                f += 0.5 * r * r;
                h = r;
            }
            double hs = h / s;
            double w1 = hs * e1;
            double w2 = hs * e2;
            ga += w1;
            gAlpha -= w1 * ln[i];
            gb += w2;
            gBeta -= w2 * ld[i];
            ge += hs * e3;
        }
        grad[0] = ga;
        grad[1] = gb;
        grad[2] = ge;
        grad[3] = gAlpha;
        grad[4] = gBeta;
        return f;
    }

    /** The objective alone (allocates a scratch gradient; not for hot loops). */
    public double value(double[] x) {
        return valueAndGradient(x, new double[DIM]);
    }
}
