package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

class MoeShapeTest {

    @Test
    void mixtralCountsMatchMistralsPublishedTotalAndActive() {
        // Mistral AI release note (2023-12-11): 46.7B total, 12.9B active, printed to 0.1B.
        TransformerShape s = TransformerShape.mixtral8x7b();
        assertEquals(46.7e9, s.paramCount(), 0.05e9);
        assertEquals(12.9e9, s.activeParamCount(), 0.05e9);
        assertEquals(32, s.moeLayers());
    }

    @Test
    void deepseekV3CountsMatchTheTechnicalReport() {
        // DeepSeek-AI 2024 (arXiv:2412.19437), abstract: 671B total, 37B activated for each token.
        // Tolerance: half the printed unit for the total; 2 % for the active count, whose printed
        // value the released README_WEIGHTS gives as 36.7B (ours, embeddings included: 37.55B).
        TransformerShape s = TransformerShape.deepseekV3();
        assertEquals(671e9, s.paramCount(), 0.5e9);
        assertEquals(37e9, s.activeParamCount(), 0.02 * 37e9);
        assertEquals(58, s.moeLayers());
        assertFalse(s.isMoeLayer(2));
        assertTrue(s.isMoeLayer(3));
    }

    @Test
    void latentAttentionBlockMatchesDeepseekV2Equations() {
        // DeepSeek-V2 Section 2.1.2 with V3's widths: W^DQ 7168x1536 + norm 1536 + W^UQ,W^QR 1536x128x192
        // + W^DKV,W^KR 7168x576 + norm 512 + W^UK,W^UV 512x128x256 + W^O 128x128x7168, summed by hand.
        long expected = 11_010_048L + 1_536 + 37_748_736 + 4_128_768 + 512 + 16_777_216 + 117_440_512;
        assertEquals(expected, TransformerShape.deepseekV3().attentionParamCount());
    }

    @Test
    void qwenMoeCountsMatchTheReleaseBlog() {
        // Qwen team 2024 blog: 14.3B total, 2.7B activated, printed to 0.1B.
        TransformerShape s = TransformerShape.qwen15MoeA27b();
        assertEquals(14.3e9, s.paramCount(), 0.05e9);
        assertEquals(2.7e9, s.activeParamCount(), 0.05e9);
    }

    @Test
    void denseShapeIsItsOwnActiveCount() {
        TransformerShape s = TransformerShape.llama38b();
        assertEquals(s.paramCount(), s.activeParamCount());
        assertEquals(0, s.routedExpertParamCount());
        assertFalse(s.isMoe());
    }

    @Test
    void layerFrequencyFollowsDeepseeksRule() {
        // every other block from the first (Megatron-LM --moe-layer-freq 2): blocks 0, 2, 4, 6 of 8
        MoeShape every2 = new MoeShape(8, 2, 0, 1024, 2, 0, 1.25);
        assertEquals(4, every2.moeLayers(8));
        assertTrue(every2.isMoeLayer(0));
        assertFalse(every2.isMoeLayer(1));
        assertEquals(1, new MoeShape(8, 2, 0, 1024, 1, 7, 0).moeLayers(8));
    }

    @Test
    void capacityCapsTheBusiestExpert() {
        // Fedus et al. 2022, Eq. 3: capacity = capacity factor x (k x tokens / E).
        MoeShape capped = new MoeShape(8, 2, 0, 1024, 1, 0, 1.25);
        assertEquals(2 * 4096 / 8.0 * 1.25, capped.busiestExpertTokens(4096, 2.0), 1e-9);
        assertEquals(2 * 4096 / 8.0 * 1.1, capped.busiestExpertTokens(4096, 1.1), 1e-9);
        MoeShape dropless = new MoeShape(8, 2, 0, 1024, 1, 0, 0);
        assertEquals(2 * 4096 / 8.0 * 2.0, dropless.busiestExpertTokens(4096, 2.0), 1e-9);
    }

    @Test
    void impossibleShapesNameTheirKey() {
        assertEquals("experts_per_token",
                assertThrows(InvalidParameterException.class, () -> new MoeShape(8, 9, 0, 1024, 1, 0, 0)).field());
        assertEquals("capacity_factor",
                assertThrows(InvalidParameterException.class, () -> new MoeShape(8, 2, 0, 1024, 1, 0, Double.NaN)).field());
        assertEquals("first_dense_layers", assertThrows(InvalidParameterException.class,
                () -> TransformerShape.llama38b().withMoe(new MoeShape(8, 2, 0, 1024, 1, 32, 0))).field());
    }
}
