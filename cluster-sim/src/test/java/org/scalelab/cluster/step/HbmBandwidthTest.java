package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/** The HBM bandwidth memory-bound kernels run at: the measured default, a given value, and every op that uses it. */
class HbmBandwidthTest {

    @Test
    void theMeasuredDefaultIsThePublishedRateOverTheDataSheet() {
        // ukri-bench/benchmark-BabelStream README, "Example performance data" (Tursa): BabelStream 5.0
        // CUDA on an NVIDIA A100-SXM4-80GB, "Copy 1709360.800" MB/s; the A100 80 GB data sheet is
        // 2,039 GB/s. The printed rate has seven significant digits: tolerance 1e-9 of it.
        assertEquals(1_709.360800, HbmBandwidth.measured(GpuSpec.a10080gb()).gbPerS(), 1e-9 * 1_709.36);
        assertEquals(1_709.360800 / 2_039, HbmBandwidth.measuredFraction(GpuSpec.a10080gb()), 1e-12);
        // deepseek-ai/FlashMLA README, "Performance": dense MLA decoding "achieves up to 3000 GB/s in
        // memory-bound configuration ... on H800 SXM5"; the H800 SXM5 data sheet is 3.35 TB/s.
        assertEquals(3_000, HbmBandwidth.measured(GpuSpec.h800()).gbPerS(), 1e-9);
        assertEquals(3_000.0 / 3_350, HbmBandwidth.measuredFraction(GpuSpec.h800()), 1e-12);
        // The other presets take their architecture's fraction of their own data sheet.
        assertEquals(3_000, HbmBandwidth.measured(GpuSpec.h100Sxm()).gbPerS(), 1e-9);
        assertEquals(4_800 * 3_000.0 / 3_350, HbmBandwidth.measured(GpuSpec.h200()).gbPerS(), 1e-9);
        assertEquals(2_000 * 3_000.0 / 3_350, HbmBandwidth.measured(GpuSpec.h100Pcie()).gbPerS(), 1e-9);
        assertEquals(1_555 * 1_709.3608 / 2_039, HbmBandwidth.measured(GpuSpec.a10040gb()).gbPerS(), 1e-9);
        // A custom GPU (another peak) keeps its preset's architecture.
        GpuSpec custom = GpuSpec.a10080gb().withRates("a100-80gb-custom", 400e12, 2.039e12);
        assertEquals(HbmBandwidth.measuredFraction(GpuSpec.a10080gb()), HbmBandwidth.measuredFraction(custom), 0);
    }

    @Test
    void theSourceNamesTheMeasurementAndWhetherThisGpuWasMeasured() {
        String a100 = HbmBandwidth.measured(GpuSpec.a10080gb()).source();
        assertTrue(a100.contains("ukri-bench/benchmark-BabelStream") && a100.contains("83.8 %"), a100);
        assertFalse(a100.contains("not measured"), a100);
        String h800 = HbmBandwidth.measured(GpuSpec.h800()).source();
        assertTrue(h800.contains("deepseek-ai/FlashMLA") && h800.contains("89.6 %"), h800);
        assertFalse(h800.contains("not measured"), h800);
        for (GpuSpec g : List.of(GpuSpec.a10040gb(), GpuSpec.h100Sxm(), GpuSpec.h100Pcie(), GpuSpec.h200())) {
            assertTrue(HbmBandwidth.measured(g).source().contains("this GPU not measured there"), g.key());
        }
    }

    @Test
    void aGivenBandwidthReplacesTheMeasuredOneAndBadOnesAreRejected() {
        assertEquals(new HbmBandwidth(2_500e9, "given"), HbmBandwidth.of(GpuSpec.h100Sxm(), 2_500.0, "given"));
        assertEquals("given", HbmBandwidth.of(GpuSpec.h100Sxm(), 2_500.0, null).source());
        assertEquals(HbmBandwidth.measured(GpuSpec.h200()), HbmBandwidth.of(GpuSpec.h200(), null, "ignored"));
        for (double bad : new double[] {0, -5, Double.NaN, Double.POSITIVE_INFINITY, 2e6}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> HbmBandwidth.of(GpuSpec.h100Sxm(), bad, "given"));
            assertEquals("hbm_gb_per_s", e.field(), e.getMessage());
        }
    }

    @Test
    void everyMemoryBoundOpMovesItsBytesAtTheStepsBandwidth() {
        // torch-amp-bf16 adds the autocast weight casts, no gradient-accumulation fusion under megatron-bf16
        // adds the main-gradient accumulation, and a mixture of experts adds the expert block's kernels.
        TransformerShape gpt = TransformerShape.gpt("gpt-2048", 8, 2048, 16, 50_304);
        ParallelLayout one = ParallelLayout.of(8, null, 2, 1, 8, 450, 3, 400, 10);
        StepSpec amp = new StepSpec(gpt, gpt.paramCount(), 2048, 2, 4, GpuSpec.h100Sxm(), 0.8, "test", one,
                ZeroStage.STAGE_1, Recompute.FULL, 0, 1);
        amp = amp.withOptions(amp.options().withRecipe(Recipe.TORCH_AMP_BF16).withFlashAttention(true));
        StepSpec megatron = new StepSpec(gpt, gpt.paramCount(), 2048, 2, 4, GpuSpec.a10080gb(), 0.8, "test", one,
                ZeroStage.STAGE_0, Recompute.NONE, 0, 1);
        megatron = megatron.withOptions(megatron.options().withGradientAccumulationFusion(false));
        TransformerShape mixtral = TransformerShape.mixtral8x7b();
        StepSpec moe = new StepSpec(mixtral, mixtral.paramCount(), 4096, 1, 1, GpuSpec.h100Sxm(), 0.8, "test",
                ParallelLayout.of(8, null, 1, 1, 8, 8, 450, 3, 400, 10), ZeroStage.STAGE_1, Recompute.NONE, 0, 1);
        for (StepSpec spec : List.of(amp, megatron, moe)) {
            for (HbmBandwidth hbm : List.of(spec.hbm(), new HbmBandwidth(1_234e9, "given"))) {
                StepSpec s = spec.withHbm(hbm);
                List<StepOp> memoryBound = StepModel.compute(s).ops().stream()
                        .filter(op -> op.kind() == StepOp.Kind.MEMORY_BOUND).toList();
                assertTrue(memoryBound.size() > 5, memoryBound.toString());
                for (StepOp op : memoryBound) {
                    assertEquals(op.bytes() / hbm.bytesPerSecond(), op.seconds(), 1e-12 * op.seconds(), op.name());
                }
            }
        }
        List<String> names = StepModel.compute(amp).ops().stream().map(StepOp::name).toList();
        assertTrue(names.containsAll(List.of("optimizer_update", "autocast_weight_casts")), names.toString());
        assertTrue(StepModel.compute(megatron).ops().stream().anyMatch(op -> op.name().equals("main_grad_accumulation")));
        // Without a bandwidth the step takes the GPU's measured one, and so do its matmuls' memory bounds.
        assertEquals(HbmBandwidth.measured(GpuSpec.h100Sxm()), amp.hbm());
        assertEquals(3_000e9, GemmModel.of(GpuSpec.h100Sxm(), 0.8).hbmBytesPerSecond(), 1e-3);
        assertEquals(1_234e9, GemmModel.of(GpuSpec.h100Sxm(), 0.8, GemmPrecision.BF16,
                new HbmBandwidth(1_234e9, "given")).hbmBytesPerSecond(), 0);
    }

    @Test
    void theMemoryBoundTimeScalesByTheDataSheetOverTheMeasuredBandwidth() {
        // Every memory-bound kernel moves the same bytes; only the rate changes, by 2,039 / 1,709.3608.
        TransformerShape s = TransformerShape.gpt3175b();
        StepSpec measured = new StepSpec(s, s.paramCount(), 2048, 1, 32, GpuSpec.a10080gb(), 0.87, "test",
                ParallelLayout.of(12_288, null, 8, 8, 8, 300, 3, 200, 10), ZeroStage.STAGE_1, Recompute.NONE, 0.5, 1);
        StepSpec dataSheet = measured.withHbm(new HbmBandwidth(2_039e9, "data sheet"));
        double ratio = StepModel.compute(measured).breakdown().memoryBound() / StepModel.compute(dataSheet).breakdown().memoryBound();
        assertEquals(2_039 / 1_709.3608, ratio, 1e-9);
    }
}
