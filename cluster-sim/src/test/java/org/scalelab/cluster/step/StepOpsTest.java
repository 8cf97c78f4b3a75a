package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/** The step's ops: each mechanism shows up where it should, and only there. */
class StepOpsTest {
    private static final GpuSpec H100 = GpuSpec.h100Sxm();

    @Test
    void waveQuantisationFollowsNvidiasGuide() {
        // NVIDIA Matrix Multiplication Background guide, "Wave Quantization": tiles run in waves
        // of one per SM; a last partial wave is paid in full. 108 SMs, 256 x 128 tiles.
        GemmModel g = new GemmModel(108, 256, 128, 312e12, 1.0, 2.039e12);
        assertEquals(1.0, g.quantisationEfficiency(256 * 12, 128 * 9, 1), 1e-12); // 108 tiles: one full wave
        assertEquals(109.0 / 216, g.quantisationEfficiency(256 * 109, 128, 1), 1e-12); // 109 tiles: two waves
        // "Tile Quantization": a 257-row product needs two 256-row tiles.
        assertEquals(257.0 / 512 * 108 / 108, g.quantisationEfficiency(257, 128 * 54, 1), 1e-12);
        // "Math And Memory Bounds": whichever is slower. K = 16 is memory-bound: the 2-byte
        // operands and result over HBM.
        double skinny = g.seconds(8192, 8192, 16, 1);
        assertEquals(2.0 * (8192 * 16 + 16 * 8192 + 8192.0 * 8192) / 2.039e12, skinny, 1e-15);
        // 8192^2 is 2048 tiles: 19 waves of 108, the last one 104/108 full.
        assertEquals(2.0 * 8192 * 8192 * 8192 / 312e12 * (19 * 108) / 2048, g.seconds(8192, 8192, 8192, 1), 1e-12);
    }

    @Test
    void aProductTooSmallForOneWaveSplitsK() {
        // CUTLASS "Efficient GEMM in CUDA", Parallelized Reductions (split-K): a 768 x 768 weight
        // gradient over 16,384 tokens is 18 tiles of 256 x 128 on 132 SMs (one wave, 14 % full);
        // splitting K seven ways fills 126 SMs and pays 8 B per output element per split.
        GemmModel g = new GemmModel(132, 256, 128, 989e12, 0.8, 3.35e12);
        assertEquals(7, g.splitLimit(768, 768, 16_384, 1));
        double flops = 2.0 * 768 * 768 * 16_384;
        double split7 = flops / (989e12 * 0.8 * (768.0 * 768 * 7 / (132 * 256 * 128))) + 8.0 * 7 * 768 * 768 / 3.35e12;
        assertEquals(split7, g.seconds(768, 768, 16_384, 1), 1e-15);
        double unsplit = flops / (989e12 * 0.8 * (768.0 * 768 / (132 * 256 * 128)));
        assertTrue(split7 < unsplit / 4);
        // A product with a full wave is never split.
        assertEquals(1, g.splitLimit(16_384, 2304, 768, 1));
    }

    @Test
    void flashAttentionHalvesItsFlopsUnderCausalMasking() {
        StepSpec flash = llama(Recompute.NONE).withOptions(llama(Recompute.NONE).options().withFlashAttention(true));
        double causal = op(flash, "flash_attention").flops();
        double full = op(flash.withOptions(flash.options().withCausal(false)), "flash_attention").flops();
        assertEquals(0.5, causal / full, 1e-12);
        // FlashAttention-2's backward is 2.5 x its forward (Dao 2023): fwd + bwd = 3.5 x 4 b s^2 h/2.
        double s = 4096;
        assertEquals(3.5 * 4 * s * s * 4096 / 2 * 32, causal, 1e-3 * causal);
        assertFalse(ops(flash).containsKey("softmax"));
        assertTrue(ops(llama(Recompute.NONE)).containsKey("softmax"));
    }

    @Test
    void recomputationRepeatsTheForward() {
        StepResult none = StepModel.compute(llama(Recompute.NONE));
        StepResult full = StepModel.compute(llama(Recompute.FULL));
        StepOp again = ops(llama(Recompute.FULL)).get("recompute_forward");
        assertEquals(StepOp.Kind.RECOMPUTE, again.kind());
        // The layers' forward products, repeated: within the forward's share of the step.
        double forwardFlops = ops(llama(Recompute.NONE)).values().stream()
                .filter(o -> o.kind() == StepOp.Kind.COMPUTE && !o.name().equals("output_layer"))
                .mapToDouble(StepOp::flops).sum() / 3;
        assertEquals(forwardFlops, again.flops(), 0.02 * forwardFlops);
        assertEquals(full.breakdown().recompute(), again.seconds(), 1e-12);
        assertTrue(full.stepSeconds() > none.stepSeconds());
        assertTrue(ops(llama(Recompute.SELECTIVE)).containsKey("recompute_attention"));
    }

    @Test
    void autocastCastsTheWeightsAndKeepsTheResidualInFp32() {
        StepSpec megatron = llama(Recompute.NONE);
        StepSpec amp = megatron.withOptions(megatron.options().withRecipe(Recipe.TORCH_AMP_BF16));
        assertFalse(ops(megatron).containsKey("autocast_weight_casts"));
        StepOp casts = ops(amp).get("autocast_weight_casts");
        // One micro-batch: cast to bf16 (4 + 2 B) and the gradient back (2 + 4 B) per parameter.
        TransformerShape s = megatron.shape();
        double params = (double) s.layerParamCount() * s.layers() + (double) s.vocab() * s.hidden();
        assertEquals(12 * params, casts.bytes(), 1e-6 * casts.bytes());
        assertEquals(2.0, ops(amp).get("residual_add").bytes() / ops(megatron).get("residual_add").bytes(), 0.35);
        // Fused AdamW on fp32 parameters moves 28 B per parameter; Megatron's update 30 B.
        assertEquals(28.0 / 30.0, ops(amp).get("optimizer_update").bytes() / ops(megatron).get("optimizer_update").bytes(), 1e-12);
    }

    @Test
    void eagerPyTorchRunsItsOwnCastsReductionsAndCopies() {
        // GPT-2-style block (biases, LayerNorm, 4h GeLU MLP), 16 x 1024 tokens, h = 768, one GPU.
        TransformerShape s = new TransformerShape("gpt2", 12, 768, 12, 12, 50_304, 3072, false, false, true, 1024);
        ParallelLayout lay = ParallelLayout.of(1, null, 1, 1, 8, 450, 3, 400, 10);
        StepSpec megatron = new StepSpec(s, s.paramCount(), 1024, 16, 1, H100, 0.8, "test", lay, ZeroStage.STAGE_0,
                Recompute.NONE, 0, 1);
        megatron = megatron.withOptions(megatron.options().withFlashAttention(true).withDropout(false));
        StepSpec amp = megatron.withOptions(megatron.options().withRecipe(Recipe.TORCH_AMP_BF16));
        double th = 16 * 1024 * 768.0 * 12; // tokens x hidden x layers
        // Two fp32 -> bf16 residual-gradient casts and two bf16 -> fp32 norm-output gradient casts per
        // block: 4 x 6 B per element; Q/K/V gradients concatenated (read and write 3h at 2 B).
        assertEquals(24 * th, op(amp, "dtype_casts").bytes(), 1e-9 * th);
        assertEquals(12 * th, op(amp, "qkv_split").bytes(), 1e-9 * th);
        // Bias gradients: the output gradients of Q/K/V (3h), the output projection (h), the MLP up
        // (4h) and down (h) projections, summed over the tokens: read 2 B each.
        assertEquals(18 * th, op(amp, "bias_gradients").bytes(), 1e-9 * th);
        // The block's own attention returns a contiguous (b, a, s, d) product: copied to (b, s, a d),
        // read and write 2 B per element. Flash SDPA returns a transposed view of a (b, s, a, d)
        // buffer, so .contiguous() copies nothing there.
        StepSpec ampUnfused = amp.withOptions(amp.options().withFlashAttention(false));
        assertEquals(4 * th, op(ampUnfused, "attention_layout_copy").bytes(), 1e-9 * th);
        assertFalse(ops(amp).containsKey("attention_layout_copy"));
        for (String name : new String[] {"dtype_casts", "qkv_split", "bias_gradients", "attention_layout_copy"}) {
            assertFalse(ops(megatron).containsKey(name), name);
        }
        // Cross-entropy: 40 B per logit eager (32 otherwise).
        assertEquals(40.0 / 32, op(amp, "cross_entropy").bytes() / op(megatron, "cross_entropy").bytes(), 1e-12);
    }

    @Test
    void dropoutOffRemovesItsKernels() {
        StepSpec on = llama(Recompute.NONE);
        StepSpec off = on.withOptions(on.options().withDropout(false));
        assertTrue(ops(on).containsKey("hidden_dropout"));
        assertFalse(ops(off).containsKey("hidden_dropout"));
        assertFalse(ops(off).containsKey("attention_dropout"));
        assertTrue(StepModel.compute(off).stepSeconds() < StepModel.compute(on).stepSeconds());
    }

    @Test
    void thePipelineBubbleIsNotProductiveCompute() {
        TransformerShape s = TransformerShape.gpt3175b();
        ParallelLayout lay = ParallelLayout.of(64, null, 8, 8, 8, 300, 3, 200, 10);
        StepResult r = StepModel.compute(new StepSpec(s, s.paramCount(), 2048, 1, 8, GpuSpec.a10080gb(), 0.8, "", lay,
                ZeroStage.STAGE_1, Recompute.NONE, 0, 1));
        double perStage = r.stepSeconds() - r.breakdown().pipelineBubble() - ops(r).get("optimizer_update").seconds();
        assertEquals(7.0 / 8 * perStage, r.breakdown().pipelineBubble(), 1e-9 * perStage);
        double compute = r.ops().stream().filter(o -> o.kind() == StepOp.Kind.COMPUTE).mapToDouble(StepOp::seconds).sum();
        assertEquals(compute, r.breakdown().productiveCompute(), 1e-12);
    }

    @Test
    void sequenceParallelismSplitsTheNormsAndTpOverlapHidesTheAllReduces() {
        // Korthikanti et al. 2022, section 4.2.2: with sequence parallelism the norms, dropout and
        // residual adds run on s/t of the tokens per TP rank; MegaScale section 3.2 overlaps the
        // TP communication with the matmuls it feeds.
        TransformerShape s = TransformerShape.gpt3175b();
        ParallelLayout lay = ParallelLayout.of(8, null, 8, 1, 8, 300, 3, 200, 10);
        StepSpec base = new StepSpec(s, s.paramCount(), 2048, 1, 1, GpuSpec.a10080gb(), 0.8, "", lay, ZeroStage.STAGE_0,
                Recompute.NONE, 0, 1);
        StepSpec sp = base.withOptions(base.options().withSequenceParallel(true));
        assertEquals(1.0 / 8, ops(sp).get("residual_add").bytes() / ops(base).get("residual_add").bytes(), 1e-12);
        StepSpec hidden = base.withOptions(base.options().withTpOverlap(1));
        assertEquals(0.0, ops(hidden).get("tp_all_reduce").seconds(), 0);
        assertTrue(ops(base).get("tp_all_reduce").seconds() > 0);
    }

    @Test
    void nvlinkCollectivesAndPipelineSendsRunAtNcclsRate() {
        // NVIDIA/nccl-tests#212: "450GB/s is the line rate. With the protocol overhead (~20%) NCCL can
        // get an effective NVLink bandwidth of 370GB/s". An A100's 300 GB/s NVLink gives 246.7 GB/s.
        ParallelLayout one = ParallelLayout.of(8, null, 8, 1, 8, 300, 3, 200, 10);
        assertEquals(300 * 370.0 / 450, one.ncclNvlinkGbPerS(), 1e-9);
        TransformerShape s = TransformerShape.gpt3175b();
        StepSpec spec = new StepSpec(s, s.paramCount(), 2048, 1, 1, GpuSpec.a10080gb(), 0.8, "", one, ZeroStage.STAGE_0,
                Recompute.NONE, 0, 1);
        // Ring all-reduce of b·s·h bf16 values over 8 ranks: 2·7 hops of 3 µs + S/8 at 246.7 GB/s, four per
        // layer and two for the output layer and its input (p = 1), 96 layers.
        double bytes = 2.0 * 2048 * 12288;
        double perAllReduce = 2 * 7 * (3e-6 + bytes / 8 / (300e9 * 370 / 450));
        assertEquals((4 * 96 + 2) * perAllReduce, ops(spec).get("tp_all_reduce").seconds(), 1e-9);
        // Pipeline sends across nodes (tp 8 fills a node): each rank sends S/8 over its own 200 Gbit/s NIC,
        // then the receivers all-gather the S bytes over NVLink (Narayanan et al. 2021, section 4.1),
        // twice per micro-batch (activation in, gradient out).
        ParallelLayout two = ParallelLayout.of(16, null, 8, 2, 8, 300, 3, 200, 10);
        StepSpec piped = new StepSpec(s, s.paramCount(), 2048, 1, 4, GpuSpec.a10080gb(), 0.8, "", two, ZeroStage.STAGE_0,
                Recompute.NONE, 0, 1);
        double send = 10e-6 + bytes / 8 / 25e9;
        double gather = 7 * (3e-6 + bytes / 8 / (300e9 * 370 / 450));
        assertEquals(4 * 2 * (send + gather), ops(piped).get("pp_send_recv").seconds(), 1e-12);
        // Without tensor parallelism a 4-stage pipeline of 32 GPUs still crosses nodes: Megatron-LM's rank
        // order (tp-cp-ep-dp-pp) makes each stage 8 consecutive ranks, a node, so every send leaves it over
        // the NIC, the whole b·s·h tensor with no all-gather.
        ParallelLayout deep = ParallelLayout.of(32, null, 1, 4, 8, 300, 3, 200, 10);
        StepSpec outer = new StepSpec(s, s.paramCount(), 2048, 1, 4, GpuSpec.a10080gb(), 0.8, "", deep, ZeroStage.STAGE_0,
                Recompute.NONE, 0, 2);
        assertEquals(4 * 2 * 2 * (10e-6 + bytes / 25e9), ops(outer).get("pp_send_recv").seconds(), 1e-12);
    }

    private static StepSpec llama(Recompute recompute) {
        TransformerShape s = TransformerShape.llama38b();
        ParallelLayout lay = ParallelLayout.of(1, null, 1, 1, 8, 450, 3, 400, 10);
        return new StepSpec(s, s.paramCount(), 4096, 1, 1, H100, 0.8, "test", lay, ZeroStage.STAGE_0, recompute, 0, 1);
    }

    private static StepOp op(StepSpec spec, String name) {
        return ops(spec).get(name);
    }

    private static Map<String, StepOp> ops(StepSpec spec) {
        return ops(StepModel.compute(spec));
    }

    private static Map<String, StepOp> ops(StepResult r) {
        return r.ops().stream().collect(Collectors.toMap(StepOp::name, Function.identity()));
    }
}
