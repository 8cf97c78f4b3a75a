package org.scalelab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

class Kaplan2020Test {

    @Test
    void kaplanLawGives468BillionParamsAt1e21Flops() {
        // Hoffmann et al. 2022, §3.4 (and Fig. A4): under Kaplan's law a 1e21 FLOP budget gives a
        // "4.68 billion" parameter model, with C_min = C/2 (3 printed digits).
        double n = Kaplan2020.optimalParams(Kaplan2020.minComputePfDays(1e21));
        assertEquals(4.68e9, n, 0.005e9);
    }

    @Test
    void table6AllocationAtOnePfDay() {
        // Kaplan 2020, Table 6: N_e = 1.3e9, B_e = 2.0e6, S_e = 5.4e3, D_e = 2e10 are the values at C_min = 1 PF-day.
        assertEquals(1.3e9, Kaplan2020.optimalParams(1.0), 1e-6);
        assertEquals(2.0e6, Kaplan2020.optimalBatchTokens(1.0), 1e-6);
        assertEquals(5.4e3, Kaplan2020.minSteps(1.0), 1e-9);
        assertEquals(2e10, Kaplan2020.optimalTokens(1.0), 1e-3);
        // Table 6 exponents: 10x compute multiplies N by 10^0.73 = 5.37 (H22 §1 restates it as "5.5x", 2 digits).
        assertEquals(5.5, Kaplan2020.optimalParams(10.0) / Kaplan2020.optimalParams(1.0), 0.15);
        // ... and S_min by 10^0.03, B by 10^0.24
        assertEquals(Math.pow(10, 0.03), Kaplan2020.minSteps(10.0) / Kaplan2020.minSteps(1.0), 1e-12);
        assertEquals(Math.pow(10, 0.24), Kaplan2020.optimalBatchTokens(10.0) / Kaplan2020.optimalBatchTokens(1.0), 1e-12);
    }

    @Test
    void lawsMeetNearPrintedContradictionPoint() {
        // Kaplan 2020 §6.3, Eq. 6.8: the laws contradict at C* ~ 1e4 PF-days, N* ~ 1e12, L* ~ 1.7 nats/token.
        assertEquals(1.7, Kaplan2020.lossOfMinCompute(1e4), 0.05);
        assertEquals(12.0, Math.log10(Kaplan2020.optimalParams(1e4)), 0.1);
    }

    @Test
    void doublingParamsMultipliesLossBy095() {
        // Kaplan 2020 §1.2: doubling N multiplies the loss by 2^-α_N = 0.95 (2 printed digits).
        assertEquals(0.95, Kaplan2020.lossOfParams(2e9) / Kaplan2020.lossOfParams(1e9), 0.005);
    }

    @Test
    void criticalBatchExponentMatchesFigure10Legend() {
        // Kaplan 2020 Fig. 10 legend "2.1e8·L^-4.8": B_crit(L) = B*·L^(-1/α_B) with α_B = 0.21.
        double slope = Math.log(Kaplan2020.criticalBatchTokens(3.0) / Kaplan2020.criticalBatchTokens(2.0)) / Math.log(1.5);
        assertEquals(-4.8, slope, 0.05);
        assertEquals(2.1e8, Kaplan2020.criticalBatchTokens(1.0), 1e-3);
    }

    @Test
    void predictedMinComputeExponent() {
        // Kaplan 2020 Eq. B.7: α_C^min = 1/(1/α_S + 1/α_B + 1/α_N) ≈ 0.052 with α_S 0.76, α_B 0.21, α_N 0.076.
        assertEquals(0.052, Kaplan2020.predictedMinComputeExponent(0.76, 0.21, 0.076), 0.0005);
    }

    @Test
    void lossOfParamsAndTokensTendsToSingleVariableLaws() {
        // Kaplan 2020 Eq. 1.5 reduces to Eq. 1.1 as D -> infinity and to Eq. 1.2 as N -> infinity (Table 5 constants).
        var t5 = Kaplan2020.NdConstants.TABLE_5;
        assertEquals(Kaplan2020.lossOfParams(1e9), Kaplan2020.lossOfParamsAndTokens(1e9, 1e40, t5), 1e-9);
        assertEquals(Kaplan2020.lossOfTokens(1e10), Kaplan2020.lossOfParamsAndTokens(1e60, 1e10, t5), 1e-9);
        // Table 2 constants differ "very slightly" but are a different fit.
        double t2 = Kaplan2020.lossOfParamsAndTokens(1e9, 1e10, Kaplan2020.NdConstants.TABLE_2);
        assertEquals(Kaplan2020.lossOfParamsAndTokens(1e9, 1e10, t5), t2, 0.2);
    }

    @Test
    void paramsAndStepsLawDecomposes() {
        // Kaplan 2020 Eq. 1.6 with Table 3's fit: the N term is (6.5e13/N)^0.077 and the step term (2.1e3/S)^0.76.
        double l = Kaplan2020.lossOfParamsAndSteps(1e8, 1e5);
        assertEquals(Math.pow(6.5e13 / 1e8, 0.077) + Math.pow(2.1e3 / 1e5, 0.76), l, 1e-12);
    }

    @Test
    void parameterAndFlopCounting() {
        // Kaplan 2020 Eq. 2.1: 12·n_layer·d_model² equals the general form with d_attn = d_ff/4 = d_model.
        assertEquals(Kaplan2020.nonEmbeddingParams(48, 1600, 1600, 6400), Kaplan2020.nonEmbeddingParams(48, 1600), 0.0);
        // Table 1 rows (QKV, mask, project, feed-forward forward FLOPs) sum to Eq. 2.2: 2N + 2·n_layer·n_ctx·d_attn.
        int nl = 12, d = 768, da = 768, dff = 3072, ctx = 1024;
        double qkv = 2.0 * nl * d * 3 * da;
        double mask = 2.0 * nl * ctx * da;
        double project = 2.0 * nl * da * d;
        double ff = 2.0 * nl * 2 * d * dff;
        double n = Kaplan2020.nonEmbeddingParams(nl, d, da, dff);
        assertEquals(qkv + mask + project + ff, Kaplan2020.forwardFlopsPerToken(n, nl, ctx, da), 1.0);
        // §2.1: C ≈ 6NBS; the PF-day is 8.64e19 FLOPs.
        assertEquals(6.0 * 1e9 * 5e5 * 1e4, Kaplan2020.trainingFlops(1e9, 5e5, 1e4), 1.0);
        assertEquals(1.0, Kaplan2020.minComputePfDays(2 * 8.64e19), 1e-12);
    }

    @Test
    void tokensAtTheOptimumSpendTheBudget() {
        // Kaplan 2020 Eq. 6.7: D = 2·C_min/(6·N(C_min)), i.e. C = 6ND with C = 2·C_min (PF-days -> FLOPs).
        double cMin = 10.0;
        double d = Kaplan2020.tokensAtOptimalParams(cMin);
        assertEquals(2 * cMin * 8.64e19, 6 * Kaplan2020.optimalParams(cMin) * d, 1e6);
        // its exponent is 1 − 0.73 = 0.27 (Kaplan prints ≈ 0.26 for this approximation)
        assertEquals(0.27, Math.log10(Kaplan2020.tokensAtOptimalParams(1e3) / Kaplan2020.tokensAtOptimalParams(1e2)), 1e-9);
    }

    @Test
    void rejectsNonPositiveInputsNamingTheField() {
        var e = assertThrows(InvalidParameterException.class, () -> Kaplan2020.optimalParams(Double.NaN));
        assertEquals("min_compute_pf_days", e.field());
        assertThrows(InvalidParameterException.class, () -> Kaplan2020.lossOfParams(-1));
    }

    @Test
    void tokensForLossInvertsEq15() {
        // Kaplan 2020, Eq. 1.5 with Table 5's constants, at the largest model and the whole data set of §2.1:
        // 1.5e9 non-embedding parameters, WebText2's 2.29e10 tokens. The loss line passes back through D.
        var c = Kaplan2020.NdConstants.TABLE_5;
        double loss = Kaplan2020.lossOfParamsAndTokens(1.5e9, 2.29e10, c);
        assertEquals(2.29e10, Kaplan2020.tokensForLoss(1.5e9, loss, c), 2.29e10 * 1e-9);
        // by hand: D = D_c/(L^(1/α_D) − (N_c/N)^(α_N/α_D)), Table 5: α_N 0.076, α_D 0.095, N_c 8.8e13, D_c 5.4e13
        double byHand = 5.4e13 / (Math.pow(loss, 1 / 0.095) - Math.pow(8.8e13 / 1.5e9, 0.076 / 0.095));
        assertEquals(byHand, Kaplan2020.tokensForLoss(1.5e9, loss, c), 2.29e10 * 1e-9);
        // at or below Eq. 1.1's loss of N parameters (infinite data) there is no such D
        double infiniteData = Math.pow(8.8e13 / 1.5e9, 0.076);
        assertEquals(Double.NaN, Kaplan2020.tokensForLoss(1.5e9, infiniteData * 0.999, c));
        assertThrows(InvalidParameterException.class, () -> Kaplan2020.tokensForLoss(1.5e9, Double.NaN, c));
    }
}
