package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * Dense models keep exactly the step the model gave before expert parallelism, FP8 GEMMs and the
 * all-to-all were added: the values below were printed by the step model of commit 9817504 (no
 * mixture-of-experts code) and must not move by a single bit. A regression pin, not a published figure.
 * The third step interleaves two chunks per stage (v = 2) under torch-amp-bf16; its row was re-pinned when
 * the model began charging the v-fold pipeline sends of that schedule, and when it began charging eager
 * PyTorch's own kernels (the second time for unfused attention). All three rows were re-pinned when the data-parallel communication began
 * following the recipe's gradient and parameter widths and the ZeRO stage's per-micro-batch traffic.
 * Since the default HBM bandwidth became the measured one, the pins run at the data-sheet bandwidth,
 * given explicitly.
 */
class DenseStepPinTest {

    static List<StepSpec> specs() {
        TransformerShape gpt = TransformerShape.gpt3175b();
        StepSpec a = new StepSpec(gpt, gpt.paramCount(), 2048, 1, 32, GpuSpec.a10080gb(), 0.8, "pin",
                ParallelLayout.of(12_288, null, 8, 8, 8, 300, 2, 200, 5), ZeroStage.STAGE_1, Recompute.SELECTIVE, 0, 1);
        TransformerShape l8 = TransformerShape.llama38b();
        StepSpec b = new StepSpec(l8, l8.paramCount(), 8192, 1, 4, GpuSpec.h100Sxm(), 0.803, "pin",
                ParallelLayout.of(16, null, 1, 1, 8, 450, 3, 400, 10), ZeroStage.STAGE_0, Recompute.NONE, 0, 1);
        b = b.withOptions(b.options().withFlashAttention(true));
        TransformerShape l70 = TransformerShape.llama270b();
        StepSpec c = new StepSpec(l70, l70.paramCount(), 4096, 2, 8, GpuSpec.h100Sxm(), 0.75, "pin",
                ParallelLayout.of(128, null, 8, 2, 8, 450, 3, 400, 10), ZeroStage.STAGE_3, Recompute.FULL, 0.5, 2);
        c = c.withOptions(c.options().withSequenceParallel(true).withRecipe(Recipe.byName("torch-amp-bf16"))
                .withGradientAccumulationFusion(false).withTpOverlap(0.3));
        return List.of(atDataSheet(a), atDataSheet(b), atDataSheet(c));
    }

    /**
     * The step at the GPU's data-sheet HBM bandwidth, the one the pins were printed at before the
     * memory-bound kernels moved to the measured bandwidth ({@link HbmBandwidth#measured}): given
     * it, every value must stay bit for bit, which shows that the bandwidth is all that change moved.
     */
    private static StepSpec atDataSheet(StepSpec s) {
        return s.withHbm(new HbmBandwidth(s.gpu().hbmBandwidthBytesPerSecond(), "data sheet"));
    }

    private static final double[][] PINNED = {
        // Re-pinned (all three rows) when the data-parallel communication began following the recipe and
        // the ZeRO stage: gradients reduced at the recipe's width (megatron-bf16 and torch-amp-bf16 reduce
        // fp32, Megatron-LM arguments.py), ZeRO-1 as a reduce-scatter of the gradients and an all-gather of
        // the bf16 parameters, ZeRO-3 reducing and gathering in every micro-batch (deepspeedai/DeepSpeed#2252).
        // Only the exposed communication and what follows from it (step, MFU, HFU) moved.
        // Re-pinned (all three rows) when collectives and pipeline sends on NVLink began running at NCCL's
        // rate, the line rate less its ~20 % protocol overhead (NVIDIA/nccl-tests#212), and the
        // scatter/gather pipeline sends began paying the receiver's all-gather (Narayanan et al. 2021,
        // section 4.1): only the exposed communication and what follows from it (step, MFU, HFU, bubble) moved.
        {8.25418098370398, 0.42802735699779904, 0.43186985592447374, 4.947973257664974, 0.12893773109166334,
            0.5272165983138793, 1.2858240809405406, 1.3642293156929237, 1.076465590272E12, 1.2582912E7},
        {3.129909636865761, 0.6127583990865602, 0.6127583990865602, 2.6179313196989034, 0.0, 0.279689843238209,
            0.23228847392864865, 0.0, 5.791444992E10, 524288.0},
        // v = 2: re-pinned when the interleaved schedule's pipeline sends were charged v times (Narayanan
        // et al. 2021, section 2.2.2); only the step, MFU, HFU, exposed communication and bubble moved.
        // Re-pinned again when torch-amp-bf16 began charging eager PyTorch's own kernels (dtype casts,
        // norm weight gradients, Q/K/V split, layout copy, cross-entropy passes): only the memory-bound
        // time and what follows from it (step, MFU, HFU, recompute, bubble) moved. Re-pinned a third time
        // for the data-parallel change above: its ZeRO-3 traffic is now 8 micro-batches' worth of fp32
        // reduce-scatters and fp32 parameter gathers; and with the NVLink change above. Re-pinned once more
        // when eager attention without flash attention began charging its own scaling and masking kernels
        // and, under autocast, an fp32 softmax with its casts (this row runs torch-amp-bf16 with the scores
        // materialised): only the memory-bound and recomputed time and what follows (step, MFU, HFU,
        // bubble) moved.
        {11.926709494627277, 0.15427465010305763, 0.2055175661393757, 2.7133218215358776, 1.819756172203813,
            2.347962759794627, 4.557428070953514, 0.48824067013944467, 4.44499279872E11, 524288.0},
    };

    @Test
    void denseStepsAreUnchanged() {
        List<StepSpec> specs = specs();
        for (int i = 0; i < specs.size(); i++) {
            StepResult r = StepModel.compute(specs.get(i));
            StepBreakdown b = r.breakdown();
            double[] got = {r.stepSeconds(), r.mfu(), r.hfu(), b.productiveCompute(), b.recompute(), b.memoryBound(),
                b.exposedCommunication(), b.pipelineBubble(), r.modelFlopsPerToken(), r.tokensPerStep()};
            for (int j = 0; j < got.length; j++) {
                assertEquals(PINNED[i][j], got[j], 0.0, "spec " + i + " value " + j);
            }
        }
        assertEquals(specs.size(), PINNED.length);
    }
}
