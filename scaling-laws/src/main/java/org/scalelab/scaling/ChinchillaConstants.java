package org.scalelab.scaling;

import org.scalelab.common.Check;

/**
 * The constants of the Chinchilla parametric loss L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022,
 * Eq. 2). L in nats per token, N total parameters, D training tokens.
 *
 * @param e     irreducible loss E, nats
 * @param a     A, nats·params^α
 * @param b     B, nats·tokens^β
 * @param alpha α, dimensionless
 * @param beta  β, dimensionless
 */
public record ChinchillaConstants(double e, double a, double b, double alpha, double beta) {

    public ChinchillaConstants {
        Check.finite("e_nats", e);
        Check.positive("a", a);
        Check.positive("b", b);
        Check.positive("alpha", alpha);
        Check.positive("beta", beta);
    }

    /** Hoffmann et al. 2022, Eq. 10 (body, rounded): E 1.69, A 406.4, B 410.7, α 0.34, β 0.28. */
    public static ChinchillaConstants chinchillaRounded() {
        return new ChinchillaConstants(1.69, 406.4, 410.7, 0.34, 0.28);
    }

    /**
     * Hoffmann et al. 2022 unrounded, from the paper's TeX source as quoted by Besiroglu et al. 2024
     * (their notebook's {@code true_params}): E 1.69337368, A 406.401018, B 410.722827, α 0.33917084, β 0.2849083.
     */
    public static ChinchillaConstants chinchillaTex() {
        return new ChinchillaConstants(1.69337368, 406.401018, 410.722827, 0.33917084, 0.2849083);
    }

    /** Besiroglu et al. 2024 (Epoch AI) refit, Table 1 of arXiv:2404.10102: E 1.8172, A 482.01, B 2085.43, α 0.3478, β 0.3658. */
    public static ChinchillaConstants epoch() {
        return new ChinchillaConstants(1.8172, 482.01, 2085.43, 0.3478, 0.3658);
    }

    /** a = β/(α+β): N_opt ∝ C^a (Hoffmann et al. 2022, Eq. 4). */
    public double paramsExponent() {
        return beta / (alpha + beta);
    }

    /** b = α/(α+β): D_opt ∝ C^b (Hoffmann et al. 2022, Eq. 4). */
    public double tokensExponent() {
        return alpha / (alpha + beta);
    }

    /** G = (αA/(βB))^(1/(α+β)) (Hoffmann et al. 2022, Eq. 4); params per (FLOPs/6)^a. */
    public double g() {
        return StrictMath.pow(alpha * a / (beta * b), 1.0 / (alpha + beta));
    }
}
