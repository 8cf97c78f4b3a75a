package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the routed experts, the router and latent attention keep, and the all-to-all buffers. */
class ExpertActivationsTest {

    private static TransformerShape tiny(MoeShape moe) {
        return new TransformerShape("tiny", 4, 64, 4, 4, 1000, 256, true, false, false, 0, null, moe);
    }

    @Test
    void capacityFactorSizesEachExpertAsInTheSwitchTransformerFigure() {
        // Fedus et al. 2022 (Switch Transformer), Figure 3: 6 tokens, 3 experts, top-1: capacity factor
        // 1.0 gives each expert 2 token slots, 1.5 gives 3. With ep = 1 one GPU holds all 3 experts.
        TransformerShape one = tiny(new MoeShape(3, 1, 0, 128, 1, 0, 1.0));
        assertEquals(2.0, ExpertActivations.routedTokens(one, 6, 1, 1.0) / 3, 0);
        assertEquals(3.0, ExpertActivations.routedTokens(one, 6, 1, 1.5) / 3, 0);
        TrainingSetup cf15 = TrainingSetup.builder().shape(tiny(new MoeShape(3, 1, 0, 128, 1, 0, 1.5))).build();
        assertEquals(1.5, cf15.routedTokenFactor(), 0);
        TrainingSetup dropless = TrainingSetup.builder().shape(tiny(new MoeShape(3, 1, 0, 128, 1, 0, 0))).expertLoadImbalance(2)
                .build();
        assertEquals(2.0, dropless.routedTokenFactor(), 0);
    }

    @Test
    void oneExpertOfTheMlpWidthKeepsWhatTheDenseMlpKeepsPlusRoutingTensors() {
        // E = 1, k = 1, capacity 1, no shared expert: the expert's MLP keeps Korthikanti §4.1's MLP tensors;
        // routing adds the fp32 logits (4 B × s·b × 1), and the dispatched input and the expert output
        // (2sbh each).
        TransformerShape moe = tiny(new MoeShape(1, 1, 0, 256, 1, 0, 1.0));
        long s = 128;
        long b = 2;
        ActivationOptions o = ActivationOptions.korthikanti();
        double dense = BlockActivations.perBlockBytes(moe, false, s, b, 1, false, Recompute.NONE, o, 1.0);
        double routed = BlockActivations.perBlockBytes(moe, true, s, b, 1, false, Recompute.NONE, o, 1.0);
        assertEquals(4.0 * s * b + 4.0 * s * b * 64, routed - dense, 1e-6);
    }

    @Test
    void mixtralRoutedTensorsAndBuffersByHand() {
        // Mixtral: h 4096, expert width 14336, top-2, gated. R = 2·s·b; per routed token 2h + 4F + 2F + 2h bytes.
        TransformerShape m = TransformerShape.mixtral8x7b();
        long s = 4096;
        double r = 2.0 * s;
        assertEquals(r * (4 * 4096 + 6 * 14336), ExpertActivations.routedBytes(m, s, 1, 1, 1.0), 1e-3);
        assertEquals(r * (4 * 4096 + 6 * 14336.0 / 2), ExpertActivations.routedBytes(m, s, 1, 2, 1.0), 1e-3);
        assertEquals(4.0 * s * 8, ExpertActivations.routerLogitsBytes(m, s, 1, 1, false), 0);
        assertEquals(2.0 * 2 * s * 4096, ExpertActivations.allToAllSendBytes(m, s, 1, 1, false, 8), 0);
        assertEquals(2.0 * 2 * 1.25 * s * 4096, ExpertActivations.allToAllReceiveBytes(m, s, 1, 1, false, 8, 1.25), 0);
        assertEquals(0, ExpertActivations.allToAllSendBytes(m, s, 1, 1, false, 1), 0);
    }

    @Test
    void latentAttentionKeepsItsOwnWidths() {
        // DeepSeek-V2 Section 2.1.2 with V3's widths (Section 4.2): queries and keys 128·(128 + 64),
        // values 128·128, latents d'_c = 1536 and d_c = 512.
        TransformerShape ds = TransformerShape.deepseekV3();
        long s = 4096;
        List<ActivationOp> ops = BlockActivations.perBlock(ds, true, s, 1, 1, false, Recompute.NONE,
                ActivationOptions.korthikanti().withFlashAttention(true), 1.0);
        assertEquals(2.0 * s * 128 * 192, bytes(ops, "query"), 0);
        assertEquals(2.0 * s * 128 * 192, bytes(ops, "key"), 0);
        assertEquals(2.0 * s * 128 * 128, bytes(ops, "value"), 0);
        assertEquals(2.0 * s * 1536, bytes(ops, "query latent"), 0);
        assertEquals(2.0 * s * 512, bytes(ops, "key/value latent"), 0);
        assertEquals(2.0 * s * 128 * 128, bytes(ops, "attention projection input"), 0);
        // one shared expert of width 2048 over every token, gated: 4sF + 2sF
        assertEquals(4.0 * s * 2048, bytes(ops, "shared experts fc1 output"), 0);
    }

    @Test
    void imbalanceAndCapacityGrowTheActivations() {
        TrainingSetup.Builder b = TrainingSetup.builder().shape(TransformerShape.mixtral8x7b()).ep(8).flashAttention(true);
        double even = MemoryModel.estimate(b.build()).activationsBytes();
        double skewed = MemoryModel.estimate(b.expertLoadImbalance(2).build()).activationsBytes();
        assertTrue(skewed > even);
        MemoryBreakdown m = MemoryModel.estimate(b.build());
        assertEquals(32 * ExpertActivations.routedBytes(TransformerShape.mixtral8x7b(), 2048, 1, 1, 2), m.moe().expertActivationsBytes(),
                1);
        assertEquals(m.moe().allToAllBytes(), m.buffersBytes(), 0);
        TransformerShape capped = TransformerShape.mixtral8x7b().withMoe(new MoeShape(8, 2, 0, 14336, 1, 0, 1.25));
        TrainingSetup c = TrainingSetup.builder().shape(capped).ep(8).flashAttention(true).expertLoadImbalance(2).build();
        assertEquals(1.25, c.routedTokenFactor(), 0);
    }

    private static double bytes(List<ActivationOp> ops, String name) {
        return ops.stream().filter(o -> o.name().equals(name)).mapToDouble(ActivationOp::bytes).sum();
    }
}
