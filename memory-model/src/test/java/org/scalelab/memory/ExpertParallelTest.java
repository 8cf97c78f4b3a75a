package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

/** Expert parallelism: layout rules and how model states split between dense and expert parts. */
class ExpertParallelTest {

    private static final long H100 = 79_645_851_648L;

    @Test
    void deepseekV3LayoutHasThePublishedGpuCountAndFourExpertsPerGpu() {
        // DeepSeek-AI 2024 (arXiv:2412.19437), Section 3.2: 16-way pipeline, 64-way expert and ZeRO-1
        // data parallelism on the 2,048 H800 GPUs of Section 3.1; 256 routed experts / 64 = 4 per GPU.
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.deepseekV3()).pp(16).ep(64).dp(2)
                .stage(ZeroStage.STAGE_1).build();
        assertEquals(2048, s.gpus());
        assertEquals(128, s.denseDp());
        MoeMemory moe = MemoryModel.estimate(s).moe();
        assertNotNull(moe);
        assertEquals(4, moe.expertsPerGpu());
    }

    @Test
    void mixtralWithOneExpertPerGpuHoldsWhatThePublishedCountsImply() {
        // Mistral AI 2023 (Mixtral of experts release note): 46.7B total, 12.9B active, top-2 of 8. One
        // expert index across all layers is X = (total - active)/6 and the rest is dense, so one GPU of an
        // 8-way expert-parallel group holds total - 7X = 7.27B. Tolerance: the printed 0.1B digits propagated
        // (0.05/6 + 0.05·7/6 = 0.067B).
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.mixtral8x7b()).ep(8).build();
        double expected = 46.7e9 - 7 * (46.7e9 - 12.9e9) / 6;
        assertEquals(expected, s.shardParams(), 0.067e9);
        StageParams p = s.stageParams();
        assertEquals(TransformerShape.mixtral8x7b().paramCount(), p.denseParams() + 8 * p.expertParams(), 1);
    }

    @Test
    void zeroShardsDenseStatesOverEpTimesDpAndExpertStatesOverDp() {
        // ZeRO §5.1 (P_os: 2Ψ + 2Ψ + KΨ/N_d, K = 12) applied to each part with its own N_d:
        // dense over ep·dp (here 8·4 = 32), experts over dp = 4 (DeepSpeed-MoE, Rajbhandari et al. 2022, Section 5).
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.mixtral8x7b()).ep(8).dp(4).stage(ZeroStage.STAGE_1)
                .build();
        StageParams p = s.stageParams();
        MemoryBreakdown m = MemoryModel.estimate(s);
        double dense = 4 * p.denseParams() + 12 * p.denseParams() / 32;
        double expert = 4 * p.expertParams() + 12 * p.expertParams() / 4;
        assertEquals(dense, m.moe().dense().totalBytes(), 1);
        assertEquals(expert, m.moe().expert().totalBytes(), 1);
        assertEquals(dense + expert, m.modelStatesBytes(), 1);
        assertEquals(12 * p.expertParams() / 4, m.moe().expert().optimizerStatesBytes(), 1);
    }

    @Test
    void withoutExpertParallelismAnMoeModelIsShardedLikeADenseOne() {
        // ZeRO paper Figure 1: Ψ = 7.5B, N_d = 64, P_os → 31.4 GB; an MoE shape with ep = 1 changes nothing.
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.mixtral8x7b()).paramCount(7_500_000_000L).dp(64)
                .stage(ZeroStage.STAGE_1).build();
        assertEquals(31.4e9, MemoryModel.estimate(s).modelStatesBytes(), 0.05e9);
    }

    @Test
    void mixtralWithExpertsUnshardedDoesNotFitAnH100() {
        // One expert of each of 32 layers is 5.63B parameters (from the published counts, see above): with
        // dp = 1 ZeRO cannot shard them, so their 16 B/param states (90 GB) exceed an 80 GB H100.
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.mixtral8x7b()).ep(8).stage(ZeroStage.STAGE_1).build();
        MemoryBreakdown m = MemoryModel.estimate(s);
        assertTrue(m.moe().expert().totalBytes() > H100);
        assertFalse(m.fits(H100));
        TrainingSetup more = s.toBuilder().dp(8).stage(ZeroStage.STAGE_3).flashAttention(true).build();
        assertTrue(MemoryModel.estimate(more).fits(H100));
    }

    @Test
    void heaviestStageHoldsTheMostExpertBlocks() {
        // DeepSeek-V3: the first 3 of 61 blocks are dense; with p = 16 a stage holds 4 blocks, and a stage
        // of 4 MoE blocks plus the output layer outweighs the first (3 dense + 1 MoE + embedding).
        TransformerShape ds = TransformerShape.deepseekV3();
        TrainingSetup s = TrainingSetup.builder().shape(ds).pp(16).ep(64).dp(2).stage(ZeroStage.STAGE_1).build();
        StageParams p = s.stageParams();
        assertEquals(4, p.blocks());
        assertEquals(57, p.firstBlock());
        assertEquals(4.0 * 256 * ds.expertParamCount() / 64, p.expertParams(), 1e-3);
    }

    @Test
    void impossibleLayoutsNameEp() {
        TransformerShape mixtral = TransformerShape.mixtral8x7b();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(mixtral).ep(3).build());
        assertEquals("ep", e.field());
        assertTrue(e.getMessage().contains("must divide experts (8)"), e.getMessage());
        assertEquals("ep", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(TransformerShape.llama27b()).ep(2).build()).field());
        assertEquals("ep", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().paramCount(1_000_000_000L).ep(2).build()).field());
        assertEquals("expert_load_imbalance", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(mixtral).expertLoadImbalance(4.5).build()).field());
        assertEquals("expert_load_imbalance", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(mixtral).expertLoadImbalance(Double.NaN).build()).field());
    }

    @Test
    void denseModelHasNoMoeDetailAndEpOneChangesNothing() {
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.llama270b()).tp(8).pp(4).dp(4).stage(ZeroStage.STAGE_1)
                .build();
        MemoryBreakdown m = MemoryModel.estimate(s);
        assertNull(m.moe());
        assertEquals(s.dp(), s.denseDp());
        assertEquals(128, s.gpus());
    }

    @Test
    void moreExpertParallelismNeverNeedsMoreStatesAndSolversWorkOnMoeShapes() {
        TransformerShape ds = TransformerShape.deepseekV3();
        double previous = Double.MAX_VALUE;
        for (long ep : new long[] {1, 2, 4, 8, 16, 32, 64, 128, 256}) {
            TrainingSetup s = TrainingSetup.builder().shape(ds).pp(16).ep(ep).dp(2).stage(ZeroStage.STAGE_1).build();
            double states = MemoryModel.estimate(s).modelStatesBytes();
            assertTrue(states < previous, "ep " + ep);
            previous = states;
        }
        TrainingSetup s = TrainingSetup.builder().shape(ds).pp(16).ep(64).stage(ZeroStage.STAGE_1).flashAttention(true)
                .recompute(Recompute.FULL).build();
        assertTrue(MemorySolver.minDataParallel(s, H100).isPresent());
        assertTrue(MemorySolver.maxParams(s, H100).isPresent());
        assertTrue(MemorySolver.maxMicroBatch(s, H100).isPresent());
    }
}
