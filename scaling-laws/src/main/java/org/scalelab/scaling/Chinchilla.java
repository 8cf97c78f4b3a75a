package org.scalelab.scaling;

import org.scalelab.common.Check;

/**
 * The Chinchilla parametric law and its compute-optimal allocation (Hoffmann et al. 2022,
 * "Training Compute-Optimal Large Language Models", arXiv:2203.15556). Units: N total parameters
 * (embeddings included, App. F), D training tokens, C training FLOPs with C ≈ 6ND, L nats per token.
 */
public final class Chinchilla {
    private Chinchilla() {}

    /** L̂(N, D) = E + A/N^α + B/D^β, Eq. 2; nats per token. */
    public static double loss(ChinchillaConstants c, double params, double tokens) {
        Check.positive("params", params);
        Check.positive("tokens", tokens);
        return c.e() + c.a() / StrictMath.pow(params, c.alpha()) + c.b() / StrictMath.pow(tokens, c.beta());
    }

    /**
     * The inverse of Eq. 2 in D: the training tokens at which a model of {@code params} parameters
     * reaches {@code loss}, D = (B/(L − E − A/N^α))^(1/β); the line of that loss over (N, D).
     *
     * @param params N, total parameters (&gt; 0)
     * @param loss   L, nats per token
     * @return tokens; NaN when no amount of data brings N parameters down to {@code loss}
     *     (L ≤ E + A/N^α, the loss of N parameters on infinite data)
     * @throws org.scalelab.common.InvalidParameterException when {@code params} is not positive or {@code loss} not finite
     */
    public static double tokensForLoss(ChinchillaConstants c, double params, double loss) {
        Check.positive("params", params);
        Check.finite("loss", loss);
        double rest = loss - c.e() - c.a() / StrictMath.pow(params, c.alpha());
        // Hoffmann 2022, Eq. 2
        return rest > 0 ? StrictMath.pow(c.b() / rest, 1 / c.beta()) : Double.NaN;
    }

    /** N_opt(C) = G·(C/6)^a, Eq. 4; C in FLOPs; params. */
    public static double optimalParams(ChinchillaConstants c, double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return c.g() * StrictMath.pow(computeFlops / 6.0, c.paramsExponent());
    }

    /** D_opt(C) = G⁻¹·(C/6)^b, Eq. 4; C in FLOPs; tokens. */
    public static double optimalTokens(ChinchillaConstants c, double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return StrictMath.pow(computeFlops / 6.0, c.tokensExponent()) / c.g();
    }

    /** The compute-optimal allocation at C FLOPs, Eq. 4, with the loss there from Eq. 2. */
    public static Allocation optimum(ChinchillaConstants c, double computeFlops) {
        double n = optimalParams(c, computeFlops);
        double d = optimalTokens(c, computeFlops);
        return new Allocation(computeFlops, n, d, loss(c, n, d));
    }

    /**
     * The inverse of Eq. 4: the budget C (FLOPs) for which N params is compute-optimal,
     * C = 6·(N/G)^(1/a), and the tokens D = C/(6N) it trains on.
     */
    public static Allocation optimumForParams(ChinchillaConstants c, double params) {
        Check.positive("params", params);
        double computeFlops = 6.0 * StrictMath.pow(params / c.g(), 1.0 / c.paramsExponent());
        double tokens = computeFlops / (6.0 * params);
        return new Allocation(computeFlops, params, tokens, loss(c, params, tokens));
    }
}
