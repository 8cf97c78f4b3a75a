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

    /** Whether {@code x} lies inside the interval. */
    public boolean contains(double x) {
        return x >= lo && x <= hi;
    }

    /** Half the width of the interval. */
    public double halfWidth() {
        return (hi - lo) / 2;
    }
}
