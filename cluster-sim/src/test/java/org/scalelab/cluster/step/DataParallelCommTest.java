package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * The data-parallel communication of a step: how often each ZeRO stage communicates under gradient
 * accumulation, and in which precision. Llama-2 7B on 64 H100s (8 nodes), TP 1, PP 1, so each
 * GPU's data-parallel message is all N = 6.74e9 parameters.
 */
class DataParallelCommTest {
    private static final GpuSpec H100 = GpuSpec.h100Sxm();
    private static final TransformerShape LLAMA = TransformerShape.llama27b();

    static StepSpec llama(ZeroStage zero, int microBatches, Recipe recipe, double dpOverlap) {
        ParallelLayout lay = ParallelLayout.of(64, null, 1, 1, 8, 450, 3, 400, 10);
        StepSpec s = new StepSpec(LLAMA, LLAMA.paramCount(), 4096, 1, microBatches, H100, GemmModel.measuredCeiling(H100),
                "test", lay, zero, Recompute.NONE, dpOverlap, 1);
        return s.withOptions(s.options().withFlashAttention(true).withRecipe(recipe));
    }

    private static DataParallelComm.Traffic traffic(ZeroStage zero, int microBatches, Recipe recipe) {
        return DataParallelComm.perStep(llama(zero, microBatches, recipe, 0));
    }

    @Test
    void zero3CommunicatesEveryMicroBatch() {
        // deepspeedai/DeepSpeed#2252: "For zero stage 2 (and 3), gradient reduction is required after
        // every backward because of gradient partitioning"; ZeRO-3 (like FSDP FULL_SHARD) also gathers
        // each layer's parameters before every micro-batch's forward and backward. So with 32
        // micro-batches per step the traffic is 32 times that of one: exactly, up to rounding.
        DataParallelComm.Traffic one = traffic(ZeroStage.STAGE_3, 1, Recipe.MEGATRON_BF16);
        DataParallelComm.Traffic many = traffic(ZeroStage.STAGE_3, 32, Recipe.MEGATRON_BF16);
        assertEquals(32 * one.reductionSeconds(), many.reductionSeconds(), 1e-12 * many.reductionSeconds());
        assertEquals(32 * one.reductionBytes(), many.reductionBytes(), 0);
        assertEquals(32 * one.gatherSeconds(), many.gatherSeconds(), 1e-12 * many.gatherSeconds());
        assertEquals(32 * one.gatherBytes(), many.gatherBytes(), 0);
        // Two all-gathers of the bf16 parameters per micro-batch.
        assertEquals(2 * 32 * 2.0 * LLAMA.paramCount(), many.gatherBytes(), 0);
    }

    @Test
    void zero2ReducesEveryMicroBatchButGathersOncePerStep() {
        // Same source: stage 2 reduce-scatters after every backward; the updated parameters are
        // all-gathered once, after the optimizer step.
        DataParallelComm.Traffic one = traffic(ZeroStage.STAGE_2, 1, Recipe.MEGATRON_BF16);
        DataParallelComm.Traffic many = traffic(ZeroStage.STAGE_2, 32, Recipe.MEGATRON_BF16);
        assertEquals(32 * one.reductionSeconds(), many.reductionSeconds(), 1e-12 * many.reductionSeconds());
        assertEquals(one.gatherSeconds(), many.gatherSeconds(), 0);
        assertEquals(one.gatherBytes(), many.gatherBytes(), 0);
    }

    @ParameterizedTest
    @EnumSource(value = ZeroStage.class, names = {"STAGE_0", "STAGE_1"})
    void ddpAndZero1ReduceOncePerStep(ZeroStage zero) {
        // DDP's no_sync and Megatron-LM (with or without its distributed optimizer) reduce only at the
        // gradient-accumulation boundary: the traffic does not depend on the micro-batch count.
        assertEquals(traffic(zero, 1, Recipe.MEGATRON_BF16), traffic(zero, 32, Recipe.MEGATRON_BF16));
        assertEquals(traffic(ZeroStage.STAGE_0, 1, Recipe.MEGATRON_BF16_DISTOPT),
                traffic(ZeroStage.STAGE_0, 32, Recipe.MEGATRON_BF16_DISTOPT));
    }

    @Test
    void fp32ReductionDoublesTheBytes() {
        // Megatron-LM megatron/training/arguments.py: "bfloat16 requires gradient accumulation and
        // all-reduce to be done in fp32" (4 B/param; the Megatron Core "Distributed Optimizer" guide's
        // "bf16 parameters, fp32 gradients" row); PyTorch AMP's .grad is fp32 too; pure bf16 moves 2 B.
        // Bytes exactly twice; seconds twice to within the latency terms (0.1 %).
        DataParallelComm.Traffic megatron = traffic(ZeroStage.STAGE_0, 1, Recipe.MEGATRON_BF16);
        DataParallelComm.Traffic amp = traffic(ZeroStage.STAGE_0, 1, Recipe.TORCH_AMP_BF16);
        DataParallelComm.Traffic pure = traffic(ZeroStage.STAGE_0, 1, Recipe.BF16_PURE);
        assertEquals(4.0 * LLAMA.paramCount(), megatron.reductionBytes(), 0);
        assertEquals(2 * pure.reductionBytes(), megatron.reductionBytes(), 0);
        assertEquals(megatron, amp);
        assertEquals(2.0, megatron.reductionSeconds() / pure.reductionSeconds(), 2e-3);
    }

    @Test
    void distributedOptimizerReduceScattersFp32AndGathersBf16() {
        // Megatron Core "Distributed Optimizer": reduce-scatter of the fp32 main gradients, all-gather
        // of the bf16 parameters. Half as many gather bytes as reduction bytes.
        DataParallelComm.Traffic t = traffic(ZeroStage.STAGE_0, 8, Recipe.MEGATRON_BF16_DISTOPT);
        assertEquals(4.0 * LLAMA.paramCount(), t.reductionBytes(), 0);
        assertEquals(2.0 * LLAMA.paramCount(), t.gatherBytes(), 0);
        assertEquals(traffic(ZeroStage.STAGE_1, 8, Recipe.MEGATRON_BF16), t);
    }

    @Test
    void ampZero3GathersFp32Parameters() {
        // FSDP/ZeRO-3 without a bf16 param_dtype gathers the fp32 parameters of PyTorch AMP: twice the
        // gather bytes of Megatron-LM's bf16 parameters.
        DataParallelComm.Traffic amp = traffic(ZeroStage.STAGE_3, 4, Recipe.TORCH_AMP_BF16);
        DataParallelComm.Traffic megatron = traffic(ZeroStage.STAGE_3, 4, Recipe.MEGATRON_BF16);
        assertEquals(2 * 4 * 4.0 * LLAMA.paramCount(), amp.gatherBytes(), 0);
        assertEquals(2 * megatron.gatherBytes(), amp.gatherBytes(), 0);
    }

    @Test
    void oneMicroBatchOfZero3Is1Point5TimesTheBaseline() {
        // Rajbhandari et al. 2020 (ZeRO), Section 7.2.2: P_os+g+p moves 3Ψ per iteration, "1.5x" the
        // 2Ψ of data parallelism, when gradients and parameters have the same width (bf16-pure).
        // Bandwidth terms exactly 1.5x; latency terms make the ratio differ by under 0.1 %.
        DataParallelComm.Traffic ddp = traffic(ZeroStage.STAGE_0, 1, Recipe.BF16_PURE);
        DataParallelComm.Traffic z3 = traffic(ZeroStage.STAGE_3, 1, Recipe.BF16_PURE);
        DataParallelComm.Traffic z1 = traffic(ZeroStage.STAGE_1, 1, Recipe.BF16_PURE);
        double t3 = z3.reductionSeconds() + z3.gatherSeconds();
        assertEquals(1.5, t3 / ddp.reductionSeconds(), 1e-3);
        // Section 7.2.1: P_os and P_os+g move 2Ψ, as plain data parallelism does.
        assertEquals(1.0, (z1.reductionSeconds() + z1.gatherSeconds()) / ddp.reductionSeconds(), 1e-3);
    }

    @Test
    void stepChargesTheExposedShareUnderItsOwnOpNames() {
        StepResult r = StepModel.compute(llama(ZeroStage.STAGE_3, 8, Recipe.MEGATRON_BF16, 0.25));
        Map<String, StepOp> ops = r.ops().stream().collect(Collectors.toMap(StepOp::name, Function.identity()));
        DataParallelComm.Traffic t = traffic(ZeroStage.STAGE_3, 8, Recipe.MEGATRON_BF16);
        assertEquals(0.75 * t.reductionSeconds(), ops.get("dp_gradient_reduction").seconds(), 1e-15);
        assertEquals(0.75 * t.gatherSeconds(), ops.get("dp_parameter_gathers").seconds(), 1e-15);
        assertEquals(t.gatherBytes(), ops.get("dp_parameter_gathers").bytes(), 0);
        // Plain data parallelism gathers nothing.
        StepResult ddp = StepModel.compute(llama(ZeroStage.STAGE_0, 8, Recipe.MEGATRON_BF16, 0));
        assertFalse(ddp.ops().stream().anyMatch(o -> o.name().equals("dp_parameter_gathers")));
    }
}
