package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * The op-by-op step model against published measured throughput. Nothing here is fitted: every
 * input is the published layout and batch, a spec-sheet rate, or the model's default.
 */
class PublishedThroughputTest {

    @Test
    void megaScale175bOn12288Gpus() {
        // MegaScale (Jiang et al., ByteDance, NSDI 2024), Table 2: GPT-3 175B on 12,288 GPUs, TP 8,
        // PP 8, global batch 6144 x 2048 tokens: 6.34 s per iteration. Layout, batch, links and
        // overlap as in examples/cluster-megascale-175b-12k.yaml; the paper states FlashAttention-2
        // and sequence parallelism (section 3); everything else at its default (A100 matmul
        // efficiency: measured MAMF; HBM: the measured streaming bandwidth, HbmBandwidth). Tolerance 10 %.
        // 6.76 s at the measured HBM bandwidth (6.75 s at the data sheet), NVLink collectives at NCCL's rate.
        TransformerShape s = TransformerShape.gpt3175b();
        GpuSpec a100 = GpuSpec.a10080gb();
        ParallelLayout lay = ParallelLayout.of(12_288, null, 8, 8, 8, 300, 3, 200, 10);
        StepSpec spec = new StepSpec(s, s.paramCount(), 2048, 1, 32, a100, GemmModel.measuredCeiling(a100), "test", lay,
                ZeroStage.STAGE_1, Recompute.NONE, 0.5, 1);
        spec = spec.withOptions(spec.options().withFlashAttention(true).withSequenceParallel(true));
        StepResult r = StepModel.compute(spec);
        assertEquals(6.34, r.stepSeconds(), 0.10 * 6.34);
    }

    /**
     * Narayanan et al. 2021 (SC'21, arXiv:2104.04473), Table 1, all ten rows: GPT models with
     * V = 51,200, s = 2048, full activation recomputation, on Selene (DGX A100 80 GB: NVLink 3,
     * 300 GB/s per GPU; 8 x 200 Gbit/s HDR InfiniBand per node, section 5). Achieved TFLOP/s per GPU
     * count the recomputed forward (their Eq. 3), which is our HFU x 312 TFLOP/s. TP, PP, GPUs and
     * batch as the table lists them; micro-batch 1 and no interleaving, the defaults (the table states
     * neither); the Megatron-LM of that paper added each micro-batch's weight gradient into the fp32
     * main gradient in a separate kernel (no gradient-accumulation fusion). The recipe is the default,
     * megatron-bf16, whose gradients are all-reduced in fp32 once per step; HBM at the A100's measured
     * streaming bandwidth; NVLink collectives at NCCL's rate (the default). The model gives 140.4,
     * 141.8, 131.5, 126.3, 141.3, 152.1, 155.2, 163.4, 169.3 and 172.8 TFLOP/s (-7.4 % to +8.6 %).
     * Tolerance 10 %.
     *
     * <p>The authors' own scripts for this table (NVIDIA/Megatron-LM examples/sc21/run_table_1.sh)
     * ran larger micro-batches (16, 16, 16, 8, 4, 2, 2, 1, 1, 1), interleaving on the 76B, 145B, 310B
     * and 530B rows and fp16; at those settings the model is 6-18 % above the table, so these pins
     * bound the model at the table's stated layout, not at the authors' full configuration.
     */
    @ParameterizedTest
    @CsvSource({
        // heads, hidden, layers, tp, pp, gpus, batch, achieved TFLOP/s per GPU
        "24, 2304, 24, 1, 1, 32, 512, 137",
        "32, 3072, 30, 2, 1, 64, 512, 138",
        "32, 4096, 36, 4, 1, 128, 512, 142",
        "48, 6144, 40, 8, 1, 256, 1024, 135",
        "64, 8192, 48, 8, 2, 512, 1536, 138",
        "80, 10240, 60, 8, 4, 1024, 1792, 140",
        "96, 12288, 80, 8, 8, 1536, 2304, 148",
        "128, 16384, 96, 8, 16, 1920, 2160, 155",
        "128, 20480, 105, 8, 35, 2520, 2520, 163",
        "160, 25600, 128, 8, 64, 3072, 3072, 163",
    })
    void narayanan2021Table1(int heads, int hidden, int layers, int tp, int pp, int gpus, int batch, double achieved) {
        StepSpec spec = narayanan(heads, hidden, layers, tp, pp, gpus, batch);
        StepResult r = StepModel.compute(spec);
        assertEquals(achieved, r.hfu() * 312, 0.10 * achieved);
    }

    static StepSpec narayanan(int heads, int hidden, int layers, int tp, int pp, int gpus, int batch) {
        TransformerShape shape = TransformerShape.gpt("gpt-" + hidden, layers, hidden, heads, 51_200);
        GpuSpec a100 = GpuSpec.a10080gb();
        ParallelLayout lay = ParallelLayout.of(gpus, null, tp, pp, 8, 300, 3, 200, 10);
        StepSpec spec = new StepSpec(shape, shape.paramCount(), 2048, 1, batch / lay.dp(), a100,
                GemmModel.measuredCeiling(a100), "test", lay, ZeroStage.STAGE_0, Recompute.FULL, 0, 1);
        return spec.withOptions(spec.options().withGradientAccumulationFusion(false));
    }
}
