package org.scalelab.cluster.sim;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A Monte-Carlo mean with its 95 % confidence interval, mean ± t₀.₉₇₅,ₙ₋₁·s/√n (Student t), cut
 * to the range the quantity can take (a time or a count is never negative, a ratio such as ETTR
 * lies in [0, 1]). Cutting cannot lower the coverage: the true mean lies inside that range, so
 * it lies in the cut interval whenever it lies in the uncut one. A cut signals that the normal
 * approximation is poor (few replications, skewed data); {@link Summary#notes()} says so.
 *
 * @param mean the sample mean
 * @param lo   lower end of the 95 % interval
 * @param hi   upper end of the 95 % interval
 */
public record Estimate(double mean, double lo, double hi) {

    /**
     * The estimate of a mean from its running moments.
     *
     * @param n        number of values
     * @param mean     their mean
     * @param sumSq    sum of squared deviations from the mean
     * @param smallest lowest value the quantity can take (−∞ for none)
     * @param largest  highest value the quantity can take (+∞ for none)
     */
    static Estimate of(long n, double mean, double sumSq, double smallest, double largest) {
        if (n < 2) {
            return new Estimate(mean, mean, mean);
        }
        double half = tQuantile(n) * Math.sqrt(Math.max(0, sumSq) / (n - 1) / n);
        return new Estimate(mean, Math.max(smallest, mean - half), Math.min(largest, mean + half));
    }

    /**
     * The ratio estimator Σx/Σy with its 95 % interval by the delta method (the classical
     * estimator of a long-run rate from independent regenerative runs; e.g. Asmussen and Glynn,
     * Stochastic Simulation, 2007, §III.2 and §IV.4): variance of the mean of x − r·y over
     * (mean y)², Student t quantile; cut to [smallest, largest].
     *
     * @param sxx sum of squared deviations of x, {@code syy} of y, {@code sxy} the cross sum
     */
    static Estimate ratio(long n, double meanX, double meanY, double sxx, double syy, double sxy,
            double smallest, double largest) {
        double r = meanX / meanY;
        if (n < 2) {
            return new Estimate(r, r, r);
        }
        // Σ(x − r·y)² with centred sums; the mean of x − r·y is 0 by the choice of r.
        double ss = Math.max(0, sxx - 2 * r * sxy + r * r * syy);
        double half = tQuantile(n) * Math.sqrt(ss / (n - 1) / n) / meanY;
        return new Estimate(r, Math.max(smallest, r - half), Math.min(largest, r + half));
    }

    private static double tQuantile(long n) {
        return n > 100_000 ? 1.959963984540054 : new TDistribution(n - 1).inverseCumulativeProbability(0.975);
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
