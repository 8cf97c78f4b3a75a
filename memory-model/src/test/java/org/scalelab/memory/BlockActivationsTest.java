package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The op-by-op block accounting against Korthikanti et al. 2022 and Megatron-LM's theoretical_memory_usage.py. */
class BlockActivationsTest {
    private static final ActivationOptions K = ActivationOptions.korthikanti();

    @Test
    void gpt3BlockGivesKorthikantiEq1() {
        // Korthikanti 2022, Eq. 1: 34sbh + 5as²b per layer (GPT-3: h = 12288, a = 96, s = 2048). Exact.
        TransformerShape gpt3 = TransformerShape.gpt3175b();
        long s = 2048;
        long b = 2;
        double expected = 34.0 * s * b * 12288 + 5.0 * 96 * s * s * b;
        assertEquals(expected, BlockActivations.perLayerBytes(gpt3, s, b, 1, false, Recompute.NONE, K), 0.0);
    }

    @Test
    void megatronTheoreticalFormWithAWiderMlp() {
        // Megatron-LM theoretical_memory_usage.py (quoted in NVIDIA/Megatron-LM#1784 "[ENHANCEMENT] MoE support in
        // report_theoretical_memory"): with sequence
        // parallelism and selective recomputation, s·b·h·(18 + 4F/h)/t. h = 4096, a = 32, F = 8h,
        // s = 2048, b = 1, t = 1: 2048·4096·50 = 419,430,400 bytes. Exact.
        TransformerShape wide = new TransformerShape("wide", 1, 4096, 32, 32, 50257, 8 * 4096, false, true, true, 0);
        assertEquals(419_430_400.0, BlockActivations.perLayerBytes(wide, 2048, 1, 1, true, Recompute.SELECTIVE, K), 0.0);
        for (long t : new long[] {2, 4, 8}) {
            assertEquals(419_430_400.0 / t, BlockActivations.perLayerBytes(wide, 2048, 1, t, true, Recompute.SELECTIVE, K), 1e-6);
        }
    }

    @Test
    void groupedQueryAttentionShrinksKeyAndValue() {
        // Llama-2 70B: 64 heads, 8 KV heads: K and V are h/8 wide each, so selective recompute with SP
        // keeps sbh(18 + 4F/h − 2·2·(1 − 1/8)) with the gated MLP's 6F/h in place of 4F/h.
        TransformerShape l70 = TransformerShape.llama270b();
        double sbh = 4096.0 * 8192;
        double f = 28672.0 / 8192;
        double expected = sbh * (18 - 4 * (1 - 1.0 / 8) + 6 * f);
        assertEquals(expected, BlockActivations.perLayerBytes(l70, 4096, 1, 1, true, Recompute.SELECTIVE, K), expected * 1e-12);
    }

    @Test
    void dropoutOffRemovesMasksAndTheDropoutOutput() {
        // Without dropout, Korthikanti's Section 4.1 list loses the two sbh masks and the as²b mask
        // plus the 2as²b dropout output: 32sbh + 2as²b.
        TransformerShape gpt3 = TransformerShape.gpt3175b();
        long s = 2048;
        double expected = 32.0 * s * 12288 + 2.0 * 96 * s * s;
        assertEquals(expected, BlockActivations.perLayerBytes(gpt3, s, 1, 1, false, Recompute.NONE, K.withDropout(false)), 0.0);
    }

    @Test
    void fp32ResidualWidensOnlyTheNormInputs() {
        TransformerShape gpt3 = TransformerShape.gpt3175b();
        double sbh = 2048.0 * 12288;
        double diff = BlockActivations.perLayerBytes(gpt3, 2048, 1, 1, false, Recompute.SELECTIVE, K.withResidualBytes(4))
                - BlockActivations.perLayerBytes(gpt3, 2048, 1, 1, false, Recompute.SELECTIVE, K);
        assertEquals(4 * sbh, diff, 1e-6);
    }

    @Test
    void recomputedLayerIsWhatThePolicyDrops() {
        TransformerShape gpt3 = TransformerShape.gpt3175b();
        double none = BlockActivations.perLayerBytes(gpt3, 2048, 1, 8, true, Recompute.NONE, K);
        assertEquals(0.0, BlockActivations.recomputedLayerBytes(gpt3, 2048, 1, 8, true, Recompute.NONE, K));
        assertEquals(none, BlockActivations.recomputedLayerBytes(gpt3, 2048, 1, 8, true, Recompute.FULL, K));
        assertTrue(BlockActivations.recomputedLayerBytes(gpt3, 2048, 1, 8, true, Recompute.SELECTIVE, K) < none);
    }

    @Test
    void autocastKeepsTheFp32ProbabilitiesAndTheirBf16Copy() {
        // Under torch.autocast the softmax runs in fp32 (autocast's float32 op list) and the product
        // with V casts its output to bf16: autograd keeps both, 4 + 2 B per score, where 16-bit
        // training keeps 2. GPT-2 small, s = 1024, b = 8, no dropout, scores materialised. Exact.
        TransformerShape gpt2 = new TransformerShape("gpt2", 12, 768, 12, 12, 50304, 3072, false, true, true, 1024);
        ActivationOptions amp = Recipe.TORCH_AMP_BF16.activationOptions(false, false);
        ActivationOptions megatron = Recipe.MEGATRON_BF16.activationOptions(false, false);
        ActivationOptions pure = Recipe.BF16_PURE.activationOptions(false, false);
        double scores = 12.0 * 1024 * 1024 * 8;
        double ampBytes = BlockActivations.perLayerBytes(gpt2, 1024, 8, 1, false, Recompute.NONE, amp);
        double ampFlash = BlockActivations.perLayerBytes(gpt2, 1024, 8, 1, false, Recompute.NONE, amp.withFlashAttention(true));
        double megatronFlash = BlockActivations.perLayerBytes(gpt2, 1024, 8, 1, false, Recompute.NONE,
                megatron.withFlashAttention(true));
        double megatronBytes = BlockActivations.perLayerBytes(gpt2, 1024, 8, 1, false, Recompute.NONE, megatron);
        assertEquals(6 * scores, ampBytes - (ampFlash - flashKept(gpt2)), 0.0);
        assertEquals(2 * scores, megatronBytes - (megatronFlash - flashKept(gpt2)), 0.0);
        assertEquals(2, pure.scoreBytes());
    }

    /** What flash attention keeps instead of the scores: its bf16 output and fp32 log-sum-exp (s = 1024, b = 8). */
    private static double flashKept(TransformerShape shape) {
        double sb = 1024.0 * 8;
        return 2 * sb * shape.hidden() + 4 * shape.heads() * sb;
    }
}
