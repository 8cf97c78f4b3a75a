package org.scalelab.cluster.failure;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.special.Gamma;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * Distributions of the time between two failures of one cause. Exponential gives a Poisson
 * process (the assumption of Young 1974 and Daly 2006); Weibull with shape k &lt; 1 gives the
 * clustered failures that field studies report (Schroeder and Gibson, DSN 2006).
 */
public enum FailureDistribution implements Keyed {
    EXPONENTIAL("exponential"),
    WEIBULL("weibull");

    private final String key;

    FailureDistribution(String key) {
        this.key = key;
    }

    /** The name used in parameter files. */
    public String key() {
        return key;
    }

    /** All names, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(FailureDistribution::key).toList();
    }

    /** The distribution called {@code name}; an unknown name fails naming {@code field} and listing the valid ones. */
    public static FailureDistribution byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(v -> v.key.equals(name)).findFirst().orElseThrow();
    }

    /**
     * The Weibull scale λ (seconds) that gives mean {@code meanSeconds} with shape k:
     * mean = λ·Γ(1 + 1/k) (standard Weibull moment).
     */
    public static double weibullScale(double meanSeconds, double shape) {
        return meanSeconds / Math.exp(Gamma.logGamma(1 + 1 / shape));
    }

    /**
     * Draws one time between failures (seconds) by inversion: exponential −μ·ln U; Weibull
     * λ·(−ln U)^{1/k}.
     *
     * @param meanSeconds the mean time between failures μ (seconds)
     * @param scale       the Weibull scale λ (seconds; ignored for exponential)
     * @param shape       the Weibull shape k (ignored for exponential)
     */
    public double sample(RandomGenerator rng, double meanSeconds, double scale, double shape) {
        double e = -Math.log(1.0 - rng.nextDouble());
        return this == EXPONENTIAL ? meanSeconds * e : scale * Math.pow(e, 1.0 / shape);
    }
}
