package org.scalelab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scalelab.common.InvalidParameterException;

class PublishedLawsTest {

    @Test
    void llama3LegendConstantsReproduce402BOn16_55T() {
        // Llama 3 Herd 2024, §3.2.1: extrapolating to 3.8e25 FLOPs gives a 402B model on 16.55T tokens
        // ("within a few percent" with the Fig. 3 legend constants: 5 % tolerance).
        var o = Law.LLAMA3.optimum(3.8e25);
        assertEquals(16.55e12, o.tokens(), 0.05 * 16.55e12);
        assertEquals(402e9, o.params(), 0.05 * 402e9);
        assertNull(o.loss());
    }

    @Test
    void deepSeekFlopsPerTokenMatchesTable3Ratios() {
        // DeepSeek LLM 2024, Table 3: 6N₁/M = 0.43 for 8 layers × d 512 and 0.92 for 95 layers × d 8192 (l_seq 4096).
        assertEquals(0.43, DeepSeek2024.sixTimesNonEmbeddingParams(8, 512) / DeepSeek2024.flopsPerToken(8, 512, 4096), 0.005);
        assertEquals(0.92, DeepSeek2024.sixTimesNonEmbeddingParams(95, 8192) / DeepSeek2024.flopsPerToken(95, 8192, 4096), 0.005);
        // the parameter form of Eq. 2 equals the width form for a dense block (N_ne = 12 L h^2)
        assertEquals(DeepSeek2024.flopsPerToken(95, 8192, 4096), DeepSeek2024.flopsPerToken(12.0 * 95 * 8192 * 8192, 95, 8192, 4096),
                1e-6 * DeepSeek2024.flopsPerToken(95, 8192, 4096));
    }

    @Test
    void deepSeekBatchLawGivesThe7bBatch() {
        // DeepSeek LLM 2024, Table 2: the 7B model (30 layers, d_model 4096, l_seq 4096) trains on
        // 2.0T tokens with a batch of 2304 sequences = 9,437,184 tokens, chosen with Eq. 1.
        // C = M·D (Eq. 2). Eq. 1 gives 9.23e6 tokens there: within 3 % of the printed batch.
        double c = DeepSeek2024.flopsPerToken(30, 4096, 4096) * 2.0e12;
        assertEquals(2304.0 * 4096, DeepSeek2024.optimalBatchTokens(c), 0.03 * 2304 * 4096);
    }

    @Test
    void deepSeekOptimumSpendsTheBudget() {
        // DeepSeek LLM 2024, Eq. 4: M_opt·D_opt = 0.1715·5.8316·C^(0.5243+0.4757) ≈ C (C = M·D by definition).
        double c = 1e24;
        var o = Law.DEEPSEEK.optimum(c);
        assertEquals(c, o.flopsPerToken() * o.tokens(), c * 1e-3);
        assertEquals(o.flopsPerToken() / 6.0, o.params(), 1.0);
    }

    @Test
    void kaplanViaTheRegistryUsesHalfTheBudget() {
        // Hoffmann et al. 2022 §3.4: Kaplan's law at 1e21 FLOPs -> 4.68 billion parameters.
        assertEquals(4.68e9, Law.KAPLAN.optimum(1e21).params(), 0.005e9);
    }

    @ParameterizedTest
    @EnumSource(Law.class)
    void inverseRoundTrips(Law law) {
        var o = law.optimumForParams(7e9);
        assertEquals(7e9, o.params(), 7e9 * 1e-9, law.key());
    }

    @ParameterizedTest
    @EnumSource(Law.class)
    void optimumGrowsWithBudget(Law law) {
        var small = law.optimum(1e21);
        var big = law.optimum(1e24);
        assertTrue(big.params() > small.params() && big.tokens() > small.tokens(), law.key());
    }

    @Test
    void unknownLawListsTheValidNames() {
        var e = assertThrows(InvalidParameterException.class, () -> Law.byName("law", "gpt"));
        assertEquals("law", e.field());
        assertTrue(e.getMessage().contains("epoch, chinchilla, chinchilla-tex, chinchilla-approach1, chinchilla-approach2, kaplan, deepseek, llama3"), e.getMessage());
        assertEquals(Law.CHINCHILLA_TEX, Law.byName("law", "chinchilla-tex"));
    }

    @Test
    void tokensForLossInvertsEachLawsLoss() {
        // the inverse of each law's own loss (Hoffmann 2022, Eq. 2; Kaplan 2020, Eq. 1.5): back to D = 1.4e12
        for (Law law : Law.values()) {
            Double loss = law.loss(70e9, 1.4e12);
            Double tokens = law.tokensForLoss(70e9, loss == null ? 2.0 : loss);
            if (loss == null) {
                assertNull(tokens, law.key());
            } else {
                assertEquals(1.4e12, tokens, 1.4e12 * 1e-9, law.key());
            }
        }
    }
}
