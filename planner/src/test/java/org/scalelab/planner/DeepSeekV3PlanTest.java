package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.TransformerShape;

/**
 * DeepSeek-V3 on 2,048 H800s beside its published pre-training GPU-hours (DeepSeek-AI 2024,
 * arXiv:2412.19437, Table 1: 2,664K H800 GPU-hours for 14.8T tokens, from throughput, so compared
 * with our failure-free GPU-hours).
 */
class DeepSeekV3PlanTest {

    /**
     * With the report's setting (FP8 GEMMs, the all-to-all hidden by DualPipe) the plan is within a
     * factor of 1.5 of the published GPU-hours. Why that wide: our step model is analytical, with a
     * matmul efficiency of 0.8 assumed rather than measured on H800; it charges the 1F1B pipeline bubble
     * that DualPipe shrinks; our layout is the search's, not PP 16 x EP 64, and our batch is DeepSeek
     * LLM's batch law, not the report's ramp to 15,360 sequences; none of that is tuned to the figure.
     */
    static final double TOLERANCE_FACTOR = 1.5;

    private static PlanSpec.Builder spec() {
        return PlanSpec.builder().shape(TransformerShape.deepseekV3()).tokens(14.8e12).gpus(2048).gpu(GpuSpec.h800())
                .noFailures(true);
    }

    private static double failureFreeGpuHours(Plan p) {
        return p.computeDays() * 24 * p.gpus();
    }

    @Test
    void fp8AndOverlappedAllToAllComeWithinTheStatedFactorOfThePublishedGpuHours() {
        PlanSpec reportSetting = spec().gemmPrecision("fp8").a2aOverlap(Published.DEEPSEEK_V3_A2A_OVERLAP).build();
        Plan fast = Planner.plan(reportSetting, 1).answer();
        double ratio = failureFreeGpuHours(fast) / Published.DEEPSEEK_V3_PRETRAINING_GPU_HOURS;
        assertTrue(ratio > 1 / TOLERANCE_FACTOR && ratio < TOLERANCE_FACTOR, "ours / published = " + ratio);
        assertSame(Published.DEEPSEEK_V3, Published.matching(fast));
        List<Published.Row> rows = Published.compare(fast, reportSetting, Published.DEEPSEEK_V3);
        rows.forEach(r -> assertEquals("validation", r.kind()));
        assertTrue(rows.get(0).published().startsWith("2,664K"), rows.get(0).published());
        assertTrue(rows.get(0).note().contains("as the report describes"), rows.get(0).note());

        // The defaults (BF16 GEMMs, nothing hidden) are slower, and the comparison says why.
        PlanSpec defaults = spec().build();
        Plan slow = Planner.plan(defaults, 1).answer();
        assertTrue(failureFreeGpuHours(slow) > failureFreeGpuHours(fast), slow.computeDays() + " vs " + fast.computeDays());
        String note = Published.compare(slow, defaults, Published.DEEPSEEK_V3).get(0).note();
        assertTrue(note.contains("BF16 where DeepSeek-V3 ran them in FP8"), note);
        assertTrue(note.contains("rerun with --gemm-precision fp8 --a2a-overlap 0.95"), note);
    }

    @Test
    void theReportsOwnLayoutIsExpressible() {
        // Section 3.2: PP 16, EP 64, ZeRO-1 DP, no TP, on 2,048 GPUs (so DP 2)
        PlanSpec pinned = spec().gemmPrecision("fp8").a2aOverlap(Published.DEEPSEEK_V3_A2A_OVERLAP)
                .pins(new LayoutPins(1, 16, 1, null, null, null, 64)).build();
        Plan p = Planner.plan(pinned, 1).answer();
        assertEquals(2, p.layout().dp());
        assertEquals(0, p.layout().idleGpus());
        assertEquals(64, p.moe().ep());
    }
}
