package org.scalelab.cluster.sim;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A Monte-Carlo mean with its 95 % confidence interval, mean ± t₀.₉₇₅,ₙ₋₁·s/√n (Student t).
 *
 * @param mean the sample mean
 * @param lo   lower end of the 95 % interval
 * @param hi   upper end of the 95 % interval
 */
public record Estimate(double mean, double lo, double hi) {

    /** The estimate of the mean of {@code values}. */
    public static Estimate of(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n < 2) {
            return new Estimate(mean, mean, mean);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
        return new Estimate(mean, mean - half, mean + half);
    }

    /**
     * The ratio estimator Σx/Σy with its 95 % interval by the delta method (the classical
     * estimator of a long-run rate from independent regenerative runs; e.g. Asmussen and Glynn,
     * Stochastic Simulation, 2007, §III.2 and §IV.4): variance of the mean of x − r·y over
     * (mean y)², Student t quantile.
     */
    public static Estimate ratio(double[] x, double[] y) {
        int n = x.length;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
        }
        double r = sx / sy;
        if (n < 2) {
            return new Estimate(r, r, r);
        }
        double meanY = sy / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double z = x[i] - r * y[i];
            ss += z * z;
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n) / meanY;
        return new Estimate(r, r - half, r + half);
    }

    /** Whether {@code x} lies inside the interval. */
    public boolean contains(double x) {
        return x >= lo && x <= hi;
    }

    /** Half the width of the interval. */
    public double halfWidth() {
        return (hi - lo) / 2;
    }
}
