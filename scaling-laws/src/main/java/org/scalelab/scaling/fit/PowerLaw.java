package org.scalelab.scaling.fit;

/**
 * A power law y = k·x^p fitted by least squares on (ln x, ln y), the fit Hoffmann et al. 2022 use
 * for N_opt(C) and D_opt(C) in Approaches 1 and 2 (§3.1, §3.2).
 *
 * @param exponent    p
 * @param coefficient k (units of y per unit of x^p)
 */
public record PowerLaw(double exponent, double coefficient) {

    /** Least squares on the logs of {@code x} and {@code y} (positive, at least two distinct x). */
    public static PowerLaw fit(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("need at least two points, got " + n);
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += StrictMath.log(x[i]);
            my += StrictMath.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = StrictMath.log(x[i]) - mx;
            sxx += dx * dx;
            sxy += dx * (StrictMath.log(y[i]) - my);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("x values are all equal");
        }
        double p = sxy / sxx;
        return new PowerLaw(p, StrictMath.exp(my - p * mx));
    }

    /** k·x^p. */
    public double at(double x) {
        return coefficient * StrictMath.pow(x, exponent);
    }
}
