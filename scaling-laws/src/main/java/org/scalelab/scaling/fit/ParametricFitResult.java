package org.scalelab.scaling.fit;

import org.scalelab.scaling.ChinchillaConstants;

/**
 * The Approach-3 fit (Hoffmann et al. 2022 §3.3): constants of L = E + A/N^α + B/D^β.
 *
 * @param e          E, nats
 * @param a          A
 * @param b          B
 * @param alpha      α
 * @param beta       β
 * @param objective  the minimised sum of Huber losses on log-loss
 * @param starts     starting points tried
 * @param converged  starts that stopped on a convergence test rather than the iteration cap
 */
public record ParametricFitResult(double e, double a, double b, double alpha, double beta, double objective,
                                  int starts, int converged) {

    /** The fitted constants as a law. */
    public ChinchillaConstants constants() {
        return new ChinchillaConstants(e, a, b, alpha, beta);
    }

    /** a = β/(α+β), the exponent of N_opt(C) (Eq. 4). */
    public double paramsExponent() {
        return beta / (alpha + beta);
    }

    /** b = α/(α+β), the exponent of D_opt(C) (Eq. 4). */
    public double tokensExponent() {
        return alpha / (alpha + beta);
    }
}
