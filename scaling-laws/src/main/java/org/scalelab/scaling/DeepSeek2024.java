package org.scalelab.scaling;

import org.scalelab.common.Check;

/**
 * DeepSeek LLM 2024 (arXiv:2401.02954) compute-optimal law. DeepSeek measures model scale as
 * M, the non-embedding FLOPs per token (attention included), and compute as C = M·D (FLOPs), not 6ND.
 */
public final class DeepSeek2024 {
    private DeepSeek2024() {}

    /** M_opt = 0.1715·C^0.5243, Eq. 4; C in FLOPs; FLOPs per token. */
    public static double optimalFlopsPerToken(double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return 0.1715 * StrictMath.pow(computeFlops, 0.5243);
    }

    /** D_opt = 5.8316·C^0.4757, Eq. 4; C in FLOPs; tokens. */
    public static double optimalTokens(double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return 5.8316 * StrictMath.pow(computeFlops, 0.4757);
    }

    /**
     * The compute-optimal batch size B_opt = 0.2920·C^0.3271, Eq. 1; C in FLOPs (C = M·D, DeepSeek's
     * definition); tokens per optimizer step. The fit covers budgets 1e17-3e20 FLOPs; beyond that
     * it is an extrapolation, as the paper itself uses it for the 7B and 67B models.
     */
    public static double optimalBatchTokens(double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return 0.2920 * StrictMath.pow(computeFlops, 0.3271);
    }

    /** M = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq, Eq. 2; FLOPs per token (non-embedding, attention included). */
    public static double flopsPerToken(int layers, int dModel, int sequenceTokens) {
        Check.atLeastOne("n_layer", layers);
        Check.atLeastOne("d_model", dModel);
        Check.atLeastOne("l_seq", sequenceTokens);
        return 72.0 * layers * (double) dModel * dModel + 12.0 * layers * (double) dModel * sequenceTokens;
    }

    /**
     * M = 6·N_ne + 12·n_layer·d_model·l_seq: Eq. 2 with its 72·n_layer·d_model² written as six times
     * the non-embedding parameters N_ne (for a dense block N_ne = 12·n_layer·d_model², and the two
     * forms agree). For a mixture-of-experts model N_ne is the active non-embedding count, the
     * parameters a token passes through (an extension of Eq. 2, not a fit of DeepSeek's). FLOPs per token.
     */
    public static double flopsPerToken(double nonEmbeddingParams, int layers, int dModel, int sequenceTokens) {
        Check.positive("non_embedding_params", nonEmbeddingParams);
        Check.atLeastOne("n_layer", layers);
        Check.atLeastOne("d_model", dModel);
        Check.atLeastOne("l_seq", sequenceTokens);
        return 6.0 * nonEmbeddingParams + 12.0 * layers * (double) dModel * sequenceTokens;
    }

    /** 6N₁ = 72·n_layer·d_model², Eq. 2 (non-embedding parameters × 6); FLOPs per token. */
    public static double sixTimesNonEmbeddingParams(int layers, int dModel) {
        Check.atLeastOne("n_layer", layers);
        Check.atLeastOne("d_model", dModel);
        return 72.0 * layers * (double) dModel * dModel;
    }
}
