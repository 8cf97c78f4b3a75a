package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.MoeShape;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/** The step of a mixture of experts: expert parallelism, the all-to-all, load imbalance, FP8 GEMMs, active FLOPs. */
class MoeStepTest {
    private static final GpuSpec H100 = GpuSpec.h100Sxm();

    /** Mixtral 8x7B on 64 H100s, EP 8, TP 1, PP 1, one 4,096-token sequence per micro-batch. */
    static StepSpec mixtral(int gpus, int ep, StepOptions options) {
        TransformerShape s = TransformerShape.mixtral8x7b();
        return mixtralLike(s, gpus, ep, options);
    }

    static StepSpec mixtralLike(TransformerShape s, int gpus, int ep, StepOptions options) {
        ParallelLayout lay = ParallelLayout.of(gpus, null, 1, 1, ep, 8, 450, 3, 400, 10);
        return new StepSpec(s, s.paramCount(), 4096, 1, 1, H100, GemmModel.measuredCeiling(H100), "test", lay,
                ZeroStage.STAGE_1, Recompute.NONE, 0, 1, options);
    }

    private static StepOptions defaults() {
        return StepOptions.defaults(H100);
    }

    private static Map<String, StepOp> ops(StepResult r) {
        return r.ops().stream().collect(Collectors.toMap(StepOp::name, Function.identity()));
    }

    @Test
    void allToAllIsItsOwnLineAndCountsFourPerMoeBlock() {
        StepResult r = StepModel.compute(mixtral(64, 8, defaults()));
        StepOp a2a = ops(r).get("all_to_all");
        assertEquals(StepOp.Kind.ALL_TO_ALL, a2a.kind());
        assertEquals(a2a.seconds(), r.breakdown().allToAll(), 0);
        assertTrue(r.breakdown().allToAll() > 0);
        // Each all-to-all moves T·k·h bf16 values per GPU: 4,096 tokens x 2 experts x 4,096 x 2 bytes,
        // four per MoE block (dispatch and combine, forward and backward), 32 blocks.
        assertEquals(4 * 32 * 4096.0 * 2 * 4096 * 2, a2a.bytes(), 1e-6 * a2a.bytes());
        // Within one node (EP 8 of 8 GPUs): the pairwise all-to-all over NVLink, 7/8 of it off the GPU,
        // at NCCL's NVLink rate: 450 GB/s less its protocol overhead, 370 GB/s (NVIDIA/nccl-tests#212).
        double one = 3e-6 + 7.0 / 8 * 4096.0 * 2 * 4096 * 2 / 370e9;
        assertEquals(4 * 32 * one, a2a.seconds(), 1e-9 * a2a.seconds());
        assertEquals(r.breakdown().total(), r.stepSeconds(), 1e-12);
        // Without expert parallelism there is no all-to-all.
        assertFalse(ops(StepModel.compute(mixtral(64, 1, defaults()))).containsKey("all_to_all"));
    }

    @Test
    void stepSlowsWhenTheExpertGroupCrossesANode() {
        // 16 experts so that EP 16 divides them; 8 GPUs per node.
        TransformerShape s = TransformerShape.mixtral8x7b().withMoe(new MoeShape(16, 2, 0, 14336, 1, 0, 0));
        StepResult ep8 = StepModel.compute(mixtralLike(s, 64, 8, defaults()));
        StepResult ep16 = StepModel.compute(mixtralLike(s, 64, 16, defaults()));
        // The same expert work per GPU (k·T token copies when balanced) ...
        assertEquals(ep8.breakdown().productiveCompute(), ep16.breakdown().productiveCompute(),
                1e-2 * ep8.breakdown().productiveCompute());
        // ... but half of each GPU's tokens now leave the node over a 50 GB/s NIC instead of NVLink at
        // NCCL's 370 GB/s: (S/2)/50 against (7/8)·S/370, 4.2 times as long.
        assertTrue(ep16.breakdown().allToAll() > 4 * ep8.breakdown().allToAll(),
                ep16.breakdown().allToAll() + " vs " + ep8.breakdown().allToAll());
        // With the gradient reduction hidden (it shrinks with EP: each GPU holds fewer experts), the step is slower.
        StepSpec hidden8 = mixtralLike(s, 64, 8, defaults());
        StepSpec hidden16 = mixtralLike(s, 64, 16, defaults());
        hidden8 = new StepSpec(s, s.paramCount(), 4096, 1, 1, H100, hidden8.matmulEfficiency(), "test", hidden8.layout(),
                ZeroStage.STAGE_1, Recompute.NONE, 1, 1, defaults());
        hidden16 = new StepSpec(s, s.paramCount(), 4096, 1, 1, H100, hidden16.matmulEfficiency(), "test", hidden16.layout(),
                ZeroStage.STAGE_1, Recompute.NONE, 1, 1, defaults());
        assertTrue(StepModel.compute(hidden16).stepSeconds() > StepModel.compute(hidden8).stepSeconds());
        double inter = 10e-6 + 8.0 / 16 * 4096.0 * 2 * 4096 * 2 / 50e9;
        assertEquals(4 * 32 * inter, ep16.breakdown().allToAll(), 1e-9 * ep16.breakdown().allToAll());
    }

    @Test
    void stepSlowsAsLoadImbalanceGrows() {
        double previous = 0;
        double previousA2a = 0;
        for (double imbalance : new double[] {1.0, 1.25, 1.5, 2.0, 4.0}) {
            StepResult r = StepModel.compute(mixtral(64, 8, defaults().withExpertLoadImbalance(imbalance)));
            assertTrue(r.stepSeconds() > previous, "imbalance " + imbalance);
            assertTrue(r.breakdown().allToAll() > previousA2a, "imbalance " + imbalance);
            previous = r.stepSeconds();
            previousA2a = r.breakdown().allToAll();
        }
        // The busiest expert's rows grow with the imbalance: 2 x the FLOPs of the experts at 2.0.
        double one = ops(StepModel.compute(mixtral(64, 8, defaults()))).get("expert_up").flops();
        double two = ops(StepModel.compute(mixtral(64, 8, defaults().withExpertLoadImbalance(2)))).get("expert_up").flops();
        assertEquals(2.0, two / one, 1e-12);
        // E/k = 4 is the most: the busiest expert would receive every token.
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> mixtral(64, 8, defaults().withExpertLoadImbalance(4.5)));
        assertTrue(e.getMessage().contains("expert_load_imbalance"), e.getMessage());
    }

    @Test
    void fullOverlapHidesTheAllToAll() {
        StepResult exposed = StepModel.compute(mixtral(64, 8, defaults()));
        StepResult hidden = StepModel.compute(mixtral(64, 8, defaults().withA2aOverlap(1)));
        assertEquals(0, hidden.breakdown().allToAll(), 0);
        assertEquals(exposed.stepSeconds() - exposed.breakdown().allToAll(), hidden.stepSeconds(), 1e-12);
        StepResult half = StepModel.compute(mixtral(64, 8, defaults().withA2aOverlap(0.5)));
        assertEquals(exposed.breakdown().allToAll() / 2, half.breakdown().allToAll(), 1e-15);
    }

    @Test
    void mfuCountsActiveParameters() {
        // Mixtral 8x7B: 12.9B active of 46.7B (Mistral AI, 2023-12-11): 6 N_active (embedding lookup
        // excluded) + 12 L h s, to the printed three digits.
        StepSpec spec = mixtral(64, 8, defaults());
        TransformerShape s = spec.shape();
        double printed = 6 * (12.9e9 - 32000.0 * 4096) + 12.0 * 32 * 4096 * 4096;
        assertEquals(printed, StepModel.modelFlopsPerToken(spec), 6 * 0.05e9);
        double exact = 6.0 * (s.activeParamCount() - s.embeddingParamCount()) + 12.0 * 32 * 4096 * 4096;
        assertEquals(exact, StepModel.modelFlopsPerToken(spec), 1e-6 * exact);
        StepResult r = StepModel.compute(spec);
        assertEquals(exact * spec.tokensPerStep() / (r.stepSeconds() * 64 * H100.bf16DenseFlopsPerSecond()), r.mfu(),
                1e-9 * r.mfu());
        // Counting all 46.7B would claim more than three times the MFU.
        assertTrue(6.0 * s.paramCount() / exact > 3);
        // Every GPU of the 64 trains its own sequences: dense weights data-parallel over ep x dp = 64.
        assertEquals(64 * 4096.0, spec.tokensPerStep(), 0);
    }

    @Test
    void fp8EfficiencyIsPrintedAsAnAssumption() {
        // No measured FP8-versus-BF16 GEMM efficiency with a source is at hand (GemmModel cites BF16
        // MAMF only): FP8 products reuse the BF16 efficiency, and every printed source says so.
        StepSpec bf16 = mixtral(64, 8, defaults());
        StepSpec fp8 = mixtral(64, 8, defaults().withGemmPrecision(GemmPrecision.FP8));
        assertEquals("test", bf16.matmulEfficiencyLabel());
        assertTrue(fp8.matmulEfficiencyLabel().startsWith("test; "), fp8.matmulEfficiencyLabel());
        assertTrue(fp8.matmulEfficiencyLabel().contains("assumed (same as BF16)"), fp8.matmulEfficiencyLabel());
        assertEquals(GemmPrecision.FP8_EFFICIENCY_LABEL, GemmPrecision.FP8.efficiencySource(""));
        // The assumption in numbers: an FP8 product is the BF16 one at the FP8 peak, same efficiency.
        GemmModel f = GemmModel.of(H100, 0.8, GemmPrecision.FP8);
        GemmModel b = GemmModel.of(H100, 0.8);
        assertEquals(f.ceiling(), b.ceiling(), 0);
        assertEquals(H100.fp8DenseFlopsPerSecond() / H100.bf16DenseFlopsPerSecond(),
                b.seconds(8192, 8192, 8192, 1) / f.seconds(8192, 8192, 8192, 1), 1e-9);
    }

    @Test
    void fp8GemmsAreFaster() {
        StepResult bf16 = StepModel.compute(mixtral(64, 8, defaults()));
        StepResult fp8 = StepModel.compute(mixtral(64, 8, defaults().withGemmPrecision(GemmPrecision.FP8)));
        assertTrue(fp8.breakdown().productiveCompute() < bf16.breakdown().productiveCompute());
        assertTrue(fp8.stepSeconds() < bf16.stepSeconds());
        // Large expert products are math-bound: twice the peak, half the time (DeepSeek-AI 2024, Section 3.3).
        assertEquals(0.5, ops(fp8).get("expert_up").seconds() / ops(bf16).get("expert_up").seconds(), 1e-9);
        // The router and the output layer stay in BF16; the dispatch carries 1-byte values.
        assertEquals(ops(bf16).get("router").seconds(), ops(fp8).get("router").seconds(), 0);
        assertEquals(ops(bf16).get("output_layer").seconds(), ops(fp8).get("output_layer").seconds(), 0);
        assertEquals(0.75, ops(fp8).get("all_to_all").bytes() / ops(bf16).get("all_to_all").bytes(), 1e-12);
        // The MFU convention keeps the BF16 peak, so FP8 shows as a higher MFU.
        assertTrue(fp8.mfu() > bf16.mfu());
    }

    @Test
    void badLayoutsNameTheirField() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> mixtral(48, 3, defaults()));
        assertTrue(e.getMessage().contains("ep"), e.getMessage());
        TransformerShape qwen = TransformerShape.qwen15MoeA27b();
        e = assertThrows(InvalidParameterException.class, () -> mixtralLike(qwen, 64, 16, defaults()));
        assertTrue(e.getMessage().startsWith("ep") && e.getMessage().contains("experts"), e.getMessage());
        TransformerShape llama = TransformerShape.llama38b();
        e = assertThrows(InvalidParameterException.class, () -> mixtralLike(llama, 64, 8, defaults()));
        assertTrue(e.getMessage().startsWith("ep"), e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> new StepSpec(TransformerShape.mixtral8x7b(),
                1L, 4096, 1, 1, GpuSpec.a10080gb(), 0.8, "", ParallelLayout.of(8, null, 1, 1, 8, 8, 300, 3, 200, 10),
                ZeroStage.STAGE_0, Recompute.NONE, 0, 1, StepOptions.defaults(GpuSpec.a10080gb()).withGemmPrecision(GemmPrecision.FP8)));
        assertTrue(e.getMessage().startsWith("gemm_precision"), e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> GemmPrecision.byName("fp4"));
        assertTrue(e.getMessage().startsWith("gemm_precision"), e.getMessage());
    }

    @Test
    void latentAttentionRunsItsOwnProjections() {
        TransformerShape v3 = TransformerShape.deepseekV3();
        ParallelLayout lay = ParallelLayout.of(2048, null, 1, 16, 64, 8, 200, 3, 400, 10);
        StepSpec spec = new StepSpec(v3, v3.paramCount(), 4096, 1, 120, GpuSpec.h800(), 0.8, "test", lay,
                ZeroStage.STAGE_1, Recompute.NONE, 0, 1, StepOptions.defaults(GpuSpec.h800()));
        Map<String, StepOp> ops = ops(StepModel.compute(spec));
        assertFalse(ops.containsKey("qkv_projection"));
        // W^{DKV} and W^{KR}: h x (d_c + d_h^R) = 7168 x 576 per token, forward and two backward products.
        double perLayer = 3 * 2.0 * 4096 * 576 * 7168;
        assertEquals(perLayer, ops.get("kv_down_projection").flops() / spec.layersPerStage() / 120, 1e-9 * perLayer);
        assertTrue(ops.containsKey("shared_expert_up"));
        // Attention term of the MFU: 6 L s a (d_qk + d_v) = 6 x 61 x 4096 x 128 x (192 + 128).
        double attention = 6.0 * 61 * 4096 * 128 * 320;
        double dense = 6.0 * (v3.activeParamCount() - v3.embeddingParamCount());
        assertEquals(dense + attention, StepModel.modelFlopsPerToken(spec), 1e-9 * (dense + attention));
    }
}
