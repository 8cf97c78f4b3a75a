package org.scalelab.scaling.fit.internal;

/**
 * A small limited-memory BFGS minimiser: Nocedal and Wright, <em>Numerical Optimization</em>
 * (2nd ed., 2006), Algorithm 7.5 (L-BFGS) with the two-loop recursion of Algorithm 7.4 and the
 * initial Hessian scaling γ_k = sᵀy/yᵀy of Eq. 7.20, and a line search for the strong Wolfe
 * conditions (Algorithm 3.5, with the zoom of Algorithm 3.6 and cubic interpolation, Eq. 3.59).
 *
 * <p>One instance is a workspace for one thread: every array is allocated once, so a minimisation
 * allocates nothing. Commons Math 3.6.1 has no L-BFGS, and we want no GPL dependency.
 */
public final class Lbfgs {
    /** The function to minimise: returns f(x) and writes ∇f(x) into grad. */
    @FunctionalInterface
    public interface Function {
        double valueAndGradient(double[] x, double[] grad);
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 40;

    private final int n;
    private final int m;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alphaHist;
    private final double[] g;
    private final double[] dir;
    private final double[] xNew;
    private final double[] gNew;
    private final double[] xTrial;
    private final double[] gTrial;
    private int evaluations;
    private int iterations;

    /** A workspace for problems of dimension {@code n} keeping {@code m} correction pairs. */
    public Lbfgs(int n, int m) {
        this.n = n;
        this.m = m;
        s = new double[m][n];
        y = new double[m][n];
        rho = new double[m];
        alphaHist = new double[m];
        g = new double[n];
        dir = new double[n];
        xNew = new double[n];
        gNew = new double[n];
        xTrial = new double[n];
        gTrial = new double[n];
    }

    /** Function evaluations of the last {@link #minimize} call. */
    public int evaluations() {
        return evaluations;
    }

    /** Iterations of the last {@link #minimize} call. */
    public int iterations() {
        return iterations;
    }

    /**
     * Minimises f from {@code x} (overwritten with the minimiser) and returns the minimum.
     * Stops when the largest gradient component is below {@code gradTol}, when an iteration
     * lowers f by less than {@code relTol}·max(|f|, tiny), when the line search can make no
     * progress, or after {@code maxIterations}.
     */
    public double minimize(Function f, double[] x, double gradTol, double relTol, int maxIterations) {
        return minimize(f, x, gradTol, relTol, 1e-300, maxIterations);
    }

    /**
     * As {@link #minimize(Function, double[], double, double, int)}, with the decrease test
     * {@code f_k − f_{k+1} <= relTol·max(|f|, scaleFloor)}. scipy's L-BFGS-B uses a floor of 1
     * (its {@code ftol} is then absolute for |f| < 1), which is what makes a mean-of-Huber objective,
     * hundreds of times smaller than the sum, stop early (Besiroglu et al. 2024).
     */
    public double minimize(Function f, double[] x, double gradTol, double relTol, double scaleFloor, int maxIterations) {
        evaluations = 1;
        iterations = 0;
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx)) {
            return fx;
        }
        int stored = 0;
        int head = 0;
        for (int k = 0; k < maxIterations; k++) {
            if (maxAbs(g) < gradTol) {
                break;
            }
            searchDirection(stored, head);
            double slope = dot(g, dir);
            if (!(slope < 0)) {
                // not a descent direction (curvature lost): restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    dir[i] = -g[i];
                }
                slope = dot(g, dir);
            }
            double step = k == 0 && stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(g, g))) : 1.0;
            double fNew = lineSearch(f, x, fx, slope, step);
            if (Double.isNaN(fNew)) {
                break;
            }
            iterations++;
            // store the correction pair s = x_{k+1} − x_k, y = g_{k+1} − g_k
            double[] sk = s[head];
            double[] yk = y[head];
            double sy = 0;
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
                sy += sk[i] * yk[i];
            }
            if (sy > 1e-300) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % m;
                stored = Math.min(stored + 1, m);
            }
            double fOld = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (fOld - fx <= relTol * Math.max(Math.max(Math.abs(fx), Math.abs(fOld)), scaleFloor)) {
                break;
            }
        }
        return fx;
    }

    /** Algorithm 7.4: dir = −H_k·g with H_k⁰ = γ_k·I (Eq. 7.20). */
    private void searchDirection(int stored, int head) {
        for (int i = 0; i < n; i++) {
            dir[i] = -g[i];
        }
        int idx = head;
        for (int j = 0; j < stored; j++) {
            idx = (idx - 1 + m) % m;
            double a = rho[idx] * dot(s[idx], dir);
            alphaHist[idx] = a;
            axpy(-a, y[idx], dir);
        }
        if (stored > 0) {
            int last = (head - 1 + m) % m;
            double gamma = 1.0 / (rho[last] * dot(y[last], y[last]));
            for (int i = 0; i < n; i++) {
                dir[i] *= gamma;
            }
        }
        for (int j = 0; j < stored; j++) {
            double b = rho[idx] * dot(y[idx], dir);
            axpy(alphaHist[idx] - b, s[idx], dir);
            idx = (idx + 1) % m;
        }
    }

    /**
     * Algorithm 3.5: finds a step satisfying the strong Wolfe conditions along {@link #dir};
     * leaves the point in {@link #xNew}/{@link #gNew} and returns f there, or NaN on failure.
     */
    private double lineSearch(Function f, double[] x, double f0, double slope0, double step) {
        double prevStep = 0;
        double fPrev = f0;
        double slopePrev = slope0;
        for (int i = 0; i < MAX_LINE_SEARCH; i++) {
            double fs = evaluate(f, x, step, xNew, gNew);
            double slopeS = dot(gNew, dir);
            if (!Double.isFinite(fs) || fs > f0 + C1 * step * slope0 || (i > 0 && fs >= fPrev)) {
                return zoom(f, x, f0, slope0, prevStep, fPrev, slopePrev, step, fs, slopeS);
            }
            if (Math.abs(slopeS) <= -C2 * slope0) {
                return fs;
            }
            if (slopeS >= 0) {
                return zoom(f, x, f0, slope0, step, fs, slopeS, prevStep, fPrev, slopePrev);
            }
            prevStep = step;
            fPrev = fs;
            slopePrev = slopeS;
            step *= 4.0; // extrapolate quickly across flat (linear-Huber) stretches, as MINPACK-2 dcsrch does (xtrapu = 4)
        }
        return Double.NaN;
    }

    /** Algorithm 3.6, choosing trial steps by cubic interpolation (Eq. 3.59) safeguarded into the bracket. */
    private double zoom(Function f, double[] x, double f0, double slope0,
                        double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi) {
        for (int i = 0; i < MAX_LINE_SEARCH; i++) {
            double step = cubicMinimizer(lo, fLo, slopeLo, hi, fHi, slopeHi);
            double width = Math.abs(hi - lo);
            double left = Math.min(lo, hi);
            if (!(step > left + 0.1 * width && step < left + 0.9 * width)) {
                step = 0.5 * (lo + hi);
            }
            double fs = evaluate(f, x, step, xTrial, gTrial);
            double slopeS = dot(gTrial, dir);
            if (!Double.isFinite(fs) || fs > f0 + C1 * step * slope0 || fs >= fLo) {
                hi = step;
                fHi = fs;
                slopeHi = slopeS;
            } else {
                if (Math.abs(slopeS) <= -C2 * slope0) {
                    System.arraycopy(xTrial, 0, xNew, 0, n);
                    System.arraycopy(gTrial, 0, gNew, 0, n);
                    return fs;
                }
                if (slopeS * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    slopeHi = slopeLo;
                }
                lo = step;
                fLo = fs;
                slopeLo = slopeS;
                System.arraycopy(xTrial, 0, xNew, 0, n);
                System.arraycopy(gTrial, 0, gNew, 0, n);
            }
            if (Math.abs(hi - lo) < 1e-16 * Math.max(1.0, Math.abs(lo))) {
                break;
            }
        }
        // no step met the curvature condition; accept the best decreasing one if any
        if (lo > 0 && fLo < f0) {
            evaluate(f, x, lo, xNew, gNew);
            return fLo;
        }
        return Double.NaN;
    }

    private double evaluate(Function f, double[] x, double step, double[] xOut, double[] gOut) {
        for (int i = 0; i < n; i++) {
            xOut[i] = x[i] + step * dir[i];
        }
        evaluations++;
        return f.valueAndGradient(xOut, gOut);
    }

    /** Minimiser of the cubic interpolating f and f' at two steps (N&W Eq. 3.59); NaN when undefined. */
    private static double cubicMinimizer(double a, double fa, double ga, double b, double fb, double gb) {
        if (!Double.isFinite(fb) || !Double.isFinite(gb)) {
            return Double.NaN;
        }
        double d1 = ga + gb - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - ga * gb;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (gb + d2 - d1) / (gb - ga + 2 * d2);
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] u, double[] v) {
        for (int i = 0; i < u.length; i++) {
            v[i] += a * u[i];
        }
    }

    private static double maxAbs(double[] u) {
        double mx = 0;
        for (double v : u) {
            mx = Math.max(mx, Math.abs(v));
        }
        return mx;
    }
}
