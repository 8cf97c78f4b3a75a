package org.scalelab.scaling;

import org.scalelab.common.Check;
import org.scalelab.common.Units;

/**
 * The scaling laws of Kaplan et al. 2020, "Scaling Laws for Neural Language Models"
 * (OpenAI, arXiv:2001.08361). Units are the paper's: N is <em>non-embedding</em> parameters,
 * D tokens, losses are cross-entropy in nats per token, compute C and C_min are in
 * <strong>PF-days</strong> (8.64e19 FLOPs) unless a method name says {@code Flops}, batch sizes
 * are in tokens, S counts parameter updates. Constants are from Table 5 (laws) and Table 6
 * (compute-efficient allocation) unless stated.
 */
public final class Kaplan2020 {
    private Kaplan2020() {}

    /** α_N and N_c of L(N), Table 5. */
    public static final double ALPHA_N = 0.076;
    public static final double N_C = 8.8e13;
    /** α_D and D_c of L(D), Table 5. */
    public static final double ALPHA_D = 0.095;
    public static final double D_C = 5.4e13;
    /** α_C^min and C_c^min (PF-days) of L(C_min), Table 5. */
    public static final double ALPHA_C_MIN = 0.050;
    public static final double C_C_MIN_PF_DAYS = 3.1e8;
    /** α_B and B* (tokens) of B_crit(L), Table 5. */
    public static final double ALPHA_B = 0.21;
    public static final double B_STAR_TOKENS = 2.1e8;
    /** L(N, S_min) fit, Table 3: α_N, α_S, N_c, S_c (steps). */
    public static final double NS_ALPHA_N = 0.077;
    public static final double NS_ALPHA_S = 0.76;
    public static final double NS_N_C = 6.5e13;
    public static final double NS_S_C = 2.1e3;
    /** Table 6: N_opt = N_e·C_min^p_N and friends (C_min in PF-days). */
    public static final double P_N = 0.73;
    public static final double N_E = 1.3e9;
    public static final double P_B = 0.24;
    public static final double B_E_TOKENS = 2.0e6;
    public static final double P_S = 0.03;
    public static final double S_E_STEPS = 5.4e3;
    public static final double P_D = 0.27;
    public static final double D_E_TOKENS = 2e10;

    /** The constants of L(N, D), Eq. 1.5 / 4.1: Table 5 (as usually quoted) or the Table 2 fit of that equation. */
    public enum NdConstants {
        /** Table 5: α_N 0.076, α_D 0.095, N_c 8.8e13, D_c 5.4e13. */
        TABLE_5(0.076, 0.095, 8.8e13, 5.4e13),
        /** Table 2 (fit of Eq. 1.5 itself): α_N 0.076, α_D 0.103, N_c 6.4e13, D_c 1.8e13. */
        TABLE_2(0.076, 0.103, 6.4e13, 1.8e13);

        public final double alphaN;
        public final double alphaD;
        public final double nC;
        public final double dC;

        NdConstants(double alphaN, double alphaD, double nC, double dC) {
            this.alphaN = alphaN;
            this.alphaD = alphaD;
            this.nC = nC;
            this.dC = dC;
        }
    }

    /** L(N) = (N_c/N)^α_N, Eq. 1.1; N non-embedding parameters; nats. */
    public static double lossOfParams(double params) {
        Check.positive("params", params);
        return StrictMath.pow(N_C / params, ALPHA_N);
    }

    /** L(D) = (D_c/D)^α_D, Eq. 1.2 (large model, early stopping); D tokens; nats. */
    public static double lossOfTokens(double tokens) {
        Check.positive("tokens", tokens);
        return StrictMath.pow(D_C / tokens, ALPHA_D);
    }

    /** L(C_min) = (C_c^min/C_min)^α_C^min, Eq. 1.3; C_min in PF-days; nats. */
    public static double lossOfMinCompute(double minComputePfDays) {
        Check.positive("min_compute_pf_days", minComputePfDays);
        return StrictMath.pow(C_C_MIN_PF_DAYS / minComputePfDays, ALPHA_C_MIN);
    }

    /** L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, Eq. 1.5 / 4.1; N non-embedding params, D tokens; nats. */
    public static double lossOfParamsAndTokens(double params, double tokens, NdConstants c) {
        Check.positive("params", params);
        Check.positive("tokens", tokens);
        return StrictMath.pow(StrictMath.pow(c.nC / params, c.alphaN / c.alphaD) + c.dC / tokens, c.alphaD);
    }

    /**
     * The inverse of Eq. 1.5 in D: the tokens at which N non-embedding parameters reach
     * {@code loss}, D = D_c/(L^(1/α_D) − (N_c/N)^(α_N/α_D)); the line of that loss over (N, D).
     *
     * @param params N, non-embedding parameters (&gt; 0)
     * @param loss   L, nats per token
     * @return tokens; NaN when no amount of data brings N parameters down to {@code loss}
     *     (L ≤ (N_c/N)^α_N, Eq. 1.1's loss of N parameters)
     * @throws org.scalelab.common.InvalidParameterException when {@code params} is not positive or {@code loss} not finite
     */
    public static double tokensForLoss(double params, double loss, NdConstants c) {
        Check.positive("params", params);
        Check.finite("loss", loss);
        double rest = StrictMath.pow(loss, 1 / c.alphaD) - StrictMath.pow(c.nC / params, c.alphaN / c.alphaD);
        // Kaplan 2020, Eq. 1.5
        return rest > 0 ? c.dC / rest : Double.NaN;
    }

    /** L(N, S_min) = (N_c/N)^α_N + (S_c/S_min)^α_S, Eq. 1.6 / 5.6 with the Table 3 fit; S_min in steps; nats. */
    public static double lossOfParamsAndSteps(double params, double minSteps) {
        Check.positive("params", params);
        Check.positive("min_steps", minSteps);
        return StrictMath.pow(NS_N_C / params, NS_ALPHA_N) + StrictMath.pow(NS_S_C / minSteps, NS_ALPHA_S);
    }

    /** B_crit(L) = B*·L^(-1/α_B), Eq. 1.4 / 5.3 with B* = 2.1e8 (Table 5); loss in nats; result in tokens. */
    public static double criticalBatchTokens(double lossNats) {
        Check.positive("loss_nats", lossNats);
        return B_STAR_TOKENS / StrictMath.pow(lossNats, 1.0 / ALPHA_B);
    }

    /** C_min = C/2 in PF-days: the convention Hoffmann et al. 2022 (§1) used to compare with Kaplan (training at B = B_crit, Eq. 5.5). */
    public static double minComputePfDays(double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return computeFlops / 2.0 / Units.FLOPS_PER_PF_DAY;
    }

    /** N_opt = 1.3e9·C_min^0.73 non-embedding params, Eq. 6.1 / Table 6; C_min in PF-days. */
    public static double optimalParams(double minComputePfDays) {
        Check.positive("min_compute_pf_days", minComputePfDays);
        return N_E * StrictMath.pow(minComputePfDays, P_N);
    }

    /** B = 2.0e6·C_min^0.24 tokens (B ≪ B_crit), Table 6; C_min in PF-days. */
    public static double optimalBatchTokens(double minComputePfDays) {
        Check.positive("min_compute_pf_days", minComputePfDays);
        return B_E_TOKENS * StrictMath.pow(minComputePfDays, P_B);
    }

    /** S_min = 5.4e3·C_min^0.03 steps, Eq. 6.2 / Table 6 (a lower bound); C_min in PF-days. */
    public static double minSteps(double minComputePfDays) {
        Check.positive("min_compute_pf_days", minComputePfDays);
        return S_E_STEPS * StrictMath.pow(minComputePfDays, P_S);
    }

    /** D_opt = 2e10·C_min^0.27 tokens (one epoch), Table 6; C_min in PF-days. */
    public static double optimalTokens(double minComputePfDays) {
        Check.positive("min_compute_pf_days", minComputePfDays);
        return D_E_TOKENS * StrictMath.pow(minComputePfDays, P_D);
    }

    /**
     * Tokens that a compute budget C = 2·C_min buys at the optimal size: D = 2·C_min/(6·N(C_min)), Eq. 6.7
     * (C_min in PF-days converted to FLOPs, N from Eq. 6.1); tokens. With Table 6's N_e = 1.3e9 this is
     * 2.2e10·C_min^0.27; Kaplan prints the approximation as ≈ 4e10·C_min^0.26, which these constants do
     * not reproduce (the paper does not say which fit it used there), so we follow the formula.
     */
    public static double tokensAtOptimalParams(double minComputePfDays) {
        return 2.0 * minComputePfDays * Units.FLOPS_PER_PF_DAY / (6.0 * optimalParams(minComputePfDays));
    }

    /** α_C^min = 1/(1/α_S + 1/α_B + 1/α_N), Eq. 1.8 / B.7 (Kaplan prints ≈ 0.052). Dimensionless. */
    public static double predictedMinComputeExponent(double alphaS, double alphaB, double alphaN) {
        return 1.0 / (1.0 / alphaS + 1.0 / alphaB + 1.0 / alphaN);
    }

    /** N ≈ 12·n_layer·d_model², Eq. 2.1 (d_attn = d_ff/4 = d_model; embeddings and biases excluded); params. */
    public static double nonEmbeddingParams(int layers, int dModel) {
        Check.atLeastOne("n_layer", layers);
        Check.atLeastOne("d_model", dModel);
        return 12.0 * layers * (double) dModel * dModel;
    }

    /** N ≈ 2·d_model·n_layer·(2·d_attn + d_ff), Eq. 2.1 general form; params. */
    public static double nonEmbeddingParams(int layers, int dModel, int dAttn, int dFf) {
        Check.atLeastOne("n_layer", layers);
        Check.atLeastOne("d_model", dModel);
        Check.atLeastOne("d_attn", dAttn);
        Check.atLeastOne("d_ff", dFf);
        return 2.0 * dModel * layers * (2.0 * dAttn + dFf);
    }

    /** C_forward ≈ 2N + 2·n_layer·n_ctx·d_attn FLOPs per token, Eq. 2.2 / Table 1 (embedding FLOPs excluded). */
    public static double forwardFlopsPerToken(double params, int layers, int contextTokens, int dAttn) {
        Check.positive("params", params);
        Check.atLeastOne("n_layer", layers);
        Check.atLeastOne("n_ctx", contextTokens);
        Check.atLeastOne("d_attn", dAttn);
        return 2.0 * params + 2.0 * layers * (double) contextTokens * dAttn;
    }

    /** C ≈ 6·N·B·S training FLOPs, §2.1 (forward + backward = 3 × forward); N params, B tokens per batch, S steps. */
    public static double trainingFlops(double params, double batchTokens, double steps) {
        Check.positive("params", params);
        Check.positive("batch_tokens", batchTokens);
        Check.positive("steps", steps);
        return 6.0 * params * batchTokens * steps;
    }
}
