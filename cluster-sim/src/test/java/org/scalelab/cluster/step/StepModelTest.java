package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

class StepModelTest {
    static StepSpec megascale(Recompute recompute, double overlap) {
        // MegaScale (Jiang et al., NSDI'24) Table 2 setting: GPT-3 175B, 12,288 GPUs, TP 8, PP 8,
        // global batch 6144 sequences of 2048 tokens -> 32 micro-batches of 1 per DP replica.
        TransformerShape s = TransformerShape.gpt3175b();
        ParallelLayout lay = ParallelLayout.of(12_288, null, 8, 8, 8, 300, 2, 200, 5);
        return new StepSpec(s, s.paramCount(), 2048, 1, 32, GpuSpec.a10080gb(), 0.8, "test", lay, ZeroStage.STAGE_1,
                recompute, overlap, 1);
    }

    @Test
    void sixNMfuOfMegaScalesMeasuredIteration() {
        // Research brief, section 1 [D]: 6N-only MFU at 12,288 GPUs with 6.34 s iterations and a
        // 312 TFLOP/s peak is 54.4 %: 6 * 175e9 * 6144 * 2048 / (6.34 * 12288 * 312e12).
        StepSpec spec = megascale(Recompute.NONE, 0);
        assertEquals(6144 * 2048.0, spec.tokensPerStep(), 0);
        double mfu6n = 6 * 175e9 * spec.tokensPerStep() / (6.34 * 12_288 * 312e12);
        assertEquals(0.544, mfu6n, 0.0005);
    }

    @Test
    void modelFlopsLeaveTheEmbeddingLookupOut() {
        // PaLM Appendix B with the lookup left out of N (pytorch/torchtitan#280 "exclude embedding in MFU computation", Megatron-LM
        // num_floating_point_operations): Llama 3 8B at s = 8192 is 6(N - V h) + 12 L h s
        // = 57.91 GFLOP per token; counting the input embedding as compute gave 61.07.
        TransformerShape llama = TransformerShape.llama38b();
        ParallelLayout lay = ParallelLayout.of(8, null, 1, 1, 8, 450, 3, 400, 10);
        StepSpec spec = new StepSpec(llama, llama.paramCount(), 8192, 1, 1, GpuSpec.h100Sxm(), 0.8, "test", lay,
                ZeroStage.STAGE_0, Recompute.NONE, 0, 1);
        assertEquals(57.91e9, StepModel.modelFlopsPerToken(spec), 0.005e9);
        // GPT-3 175B ties its output layer to the input embedding: the product still counts, the
        // lookup (and the learned position table) does not.
        StepSpec gpt = megascale(Recompute.NONE, 0);
        TransformerShape g = gpt.shape();
        double expected = 6.0 * (gpt.paramCount() - g.embeddingParamCount() + (double) g.vocab() * g.hidden())
                + 12.0 * 96 * 12288 * 2048;
        assertEquals(expected, StepModel.modelFlopsPerToken(gpt), 1);
        // Full recomputation adds the layers' forward pass: 2 N_layers + 4 L h s (Korthikanti et
        // al. 2022, section 5); the output layer is not recomputed.
        double layers = 96.0 * g.layerParamCount() + 2 * 12288;
        assertEquals(expected + 2.0 * layers + 4.0 * 96 * 12288 * 2048,
                StepModel.hardwareFlopsPerToken(megascale(Recompute.FULL, 0)), 1);
    }

    @Test
    void measuredMfuDividesTheModelFlopsByTheMeasuredTime() {
        // MFU of a measured step: model FLOPs per step over (measured seconds x GPUs x peak), PaLM
        // Appendix B; MegaScale's 6.34 s on 12,288 A100s with our model-FLOPs count (GPT-3 175B,
        // 6144 x 2048 tokens).
        StepSpec spec = megascale(Recompute.NONE, 0);
        double mfu = StepModel.measuredMfu(spec, 6.34);
        assertEquals(StepModel.modelFlopsPerToken(spec) * 6144 * 2048 / (6.34 * 12_288 * 312e12), mfu, 1e-12);
        assertEquals(0.552, mfu, 0.02); // MegaScale prints 55.2 % with its own count
    }

    @Test
    void bubbleIsPMinusOneOverM() {
        // Narayanan et al. 2021, section 2.2.1: (p - 1)/m.
        assertEquals(7.0 / 32, StepModel.pipelineBubbleFraction(8, 32, 1), 0);
        assertEquals(0.0, StepModel.pipelineBubbleFraction(1, 4, 1), 0);
        // Interleaved schedule, section 2.2.2: (p - 1)/(v m).
        assertEquals(7.0 / 64, StepModel.pipelineBubbleFraction(8, 32, 2), 0);
    }

    /** GPT-3 175B on 96 A100s as (t, p) = (8, 12), the setting of Narayanan et al. 2021, Figure 12. */
    static StepSpec gpt3On96Gpus(int microBatches, int virtualStages) {
        TransformerShape s = TransformerShape.gpt3175b();
        ParallelLayout lay = ParallelLayout.of(96, null, 8, 12, 8, 300, 2, 200, 5);
        return new StepSpec(s, s.paramCount(), 2048, 1, microBatches, GpuSpec.a10080gb(), 0.8, "test", lay,
                ZeroStage.STAGE_1, Recompute.FULL, 0, virtualStages);
    }

    private static double seconds(StepResult r, String op) {
        return r.ops().stream().filter(o -> o.name().equals(op)).mapToDouble(StepOp::seconds).sum();
    }

    private static double bytes(StepResult r, String op) {
        return r.ops().stream().filter(o -> o.name().equals(op)).mapToDouble(StepOp::bytes).sum();
    }

    @Test
    void interleavingMultipliesThePipelineSendsByV() {
        // Narayanan et al. 2021, section 2.2.2: with v model chunks per device the bubble shrinks by
        // v, but "the amount of communication also increases by v": a micro-batch passes each device
        // once per chunk. The sends stay fully exposed, as with v = 1.
        int m = 24;
        int p = 12;
        StepResult one = StepModel.compute(gpt3On96Gpus(m, 1));
        double sends = seconds(one, "pp_send_recv");
        assertTrue(sends > 0);
        double stage = seconds(one, "pipeline_bubble") / (p - 1); // (p - 1)/m of m micro-batches
        for (int v : new int[] {2, 4}) {
            StepResult r = StepModel.compute(gpt3On96Gpus(m, v));
            assertEquals(v * sends, seconds(r, "pp_send_recv"), 1e-12 * v * sends);
            assertEquals(v * bytes(one, "pp_send_recv"), bytes(r, "pp_send_recv"), 1e-9 * v * bytes(one, "pp_send_recv"));
            // Every other op of a micro-batch is unchanged; the bubble is (p - 1)/(v m) of the
            // m micro-batches, each now carrying its v-fold sends.
            double stageV = stage + (v - 1) * sends / m;
            double expected = one.stepSeconds() - seconds(one, "pipeline_bubble") + (v - 1) * sends
                    + (p - 1.0) / v * stageV;
            assertEquals(expected, r.stepSeconds(), 1e-12 * expected);
        }
    }

    @Test
    void theInterleavedScheduleGainsLessAsTheBatchGrows() {
        // Narayanan et al. 2021, section 5.4 (Figure 12: GPT-3 175B on 96 GPUs, (t, p) = (8, 12)):
        // the interleaved schedule is faster, and "this gap closes as the batch size increases":
        // the default schedule's bubble shrinks, and "the interleaved schedule features more
        // communication per sample".
        double previous = Double.MAX_VALUE;
        for (int m : new int[] {12, 24, 48, 96}) {
            double gain = StepModel.compute(gpt3On96Gpus(m, 1)).stepSeconds()
                    / StepModel.compute(gpt3On96Gpus(m, 2)).stepSeconds() - 1;
            assertTrue(gain > 0 && gain < previous, "m " + m + ": gain " + gain + " after " + previous);
            previous = gain;
        }
    }

    @Test
    void mfuIsAnOutputConsistentWithTheStepTime() {
        StepResult r = StepModel.compute(megascale(Recompute.NONE, 0.5));
        assertEquals(r.modelFlopsPerStep() / (r.stepSeconds() * 12_288 * 312e12), r.mfu(), 1e-12);
        assertEquals(r.hardwareFlopsPerStep() / (r.stepSeconds() * 12_288 * 312e12), r.hfu(), 1e-12);
        assertEquals(r.ops().stream().mapToDouble(StepOp::seconds).sum(), r.stepSeconds(), 1e-9 * r.stepSeconds());
        assertEquals(r.breakdown().total(), r.stepSeconds(), 1e-12);
        assertTrue(r.mfu() > 0.3 && r.mfu() < 0.8, "mfu " + r.mfu());
        // More overlap, less exposed DP time; recomputation costs time.
        assertTrue(StepModel.compute(megascale(Recompute.NONE, 1.0)).stepSeconds() < r.stepSeconds());
        assertTrue(StepModel.compute(megascale(Recompute.FULL, 0.5)).stepSeconds() > r.stepSeconds());
    }

    @Test
    void badLayoutsNameTheField() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParallelLayout.of(64, null, 3, 1, 8, 300, 2, 200, 5));
        assertEquals("tp", e.field());
        e = assertThrows(InvalidParameterException.class, () -> ParallelLayout.of(0, null, 1, 1, 8, 300, 2, 200, 5));
        assertEquals("gpus", e.field());
        e = assertThrows(InvalidParameterException.class, () -> ParallelLayout.of(64, 4, 8, 1, 8, 300, 2, 200, 5));
        assertEquals("dp", e.field());
    }

    /** The bounds memory and plan apply to the same settings (TrainingSetup), one line naming the key. */
    @Test
    void theStepRejectsWhatTheMemoryModelRejects() {
        TransformerShape s = TransformerShape.gpt3175b();
        ParallelLayout lay = ParallelLayout.of(64, null, 8, 8, 1, 8, 450, 3, 400, 10);
        // 96 layers over pp 8: 12 per stage, so 13 interleaved chunks leave one without a layer.
        InvalidParameterException v = assertThrows(InvalidParameterException.class, () -> new StepSpec(s, s.paramCount(),
                2048, 1, 8, GpuSpec.a10080gb(), 0.8, "test", lay, ZeroStage.STAGE_1, Recompute.NONE, 0, 13));
        assertEquals("virtual_stages: must be <= the layers per pipeline stage (12): every model chunk needs a layer, was 13",
                v.getMessage());
        new StepSpec(s, s.paramCount(), 2048, 1, 8, GpuSpec.a10080gb(), 0.8, "test", lay, ZeroStage.STAGE_1, Recompute.NONE,
                0, 12);
        InvalidParameterException seq = assertThrows(InvalidParameterException.class, () -> new StepSpec(s, s.paramCount(),
                Integer.MAX_VALUE, 1, 8, GpuSpec.a10080gb(), 0.8, "test", lay, ZeroStage.STAGE_1, Recompute.NONE, 0, 1));
        assertEquals("seq: must be in [1, 16777216], was 2147483647", seq.getMessage());
        InvalidParameterException mb = assertThrows(InvalidParameterException.class, () -> new StepSpec(s, s.paramCount(),
                2048, 1 << 21, 8, GpuSpec.a10080gb(), 0.8, "test", lay, ZeroStage.STAGE_1, Recompute.NONE, 0, 1));
        assertEquals("micro_batch", mb.field());
    }

    /**
     * Two combinations `memory` refused and `cluster step` ran: interleaving without a pipeline, and
     * Megatron's distributed optimizer (already ZeRO-1) under a ZeRO stage.
     */
    @Test
    void theStepRefusesInterleavingWithoutAPipelineAndTheDistributedOptimizerUnderZero() {
        TransformerShape s = TransformerShape.llama38b();
        ParallelLayout lay = ParallelLayout.of(8, null, 1, 1, 1, 8, 450, 3, 400, 10);
        InvalidParameterException v = assertThrows(InvalidParameterException.class, () -> new StepSpec(s, s.paramCount(),
                8192, 1, 1, GpuSpec.h100Sxm(), 0.8, "test", lay, ZeroStage.STAGE_0, Recompute.NONE, 0, 2));
        assertEquals("virtual_stages: interleaves the stages of a pipeline, so it needs pp > 1 (pp is 1), was 2", v.getMessage());
        StepOptions distopt = StepOptions.defaults(GpuSpec.h100Sxm()).withRecipe(Recipe.MEGATRON_BF16_DISTOPT);
        InvalidParameterException z = assertThrows(InvalidParameterException.class, () -> new StepSpec(s, s.paramCount(),
                8192, 1, 1, GpuSpec.h100Sxm(), 0.8, "test", lay, ZeroStage.STAGE_1, Recompute.NONE, 0, 1, distopt));
        assertEquals("recipe", z.field());
        new StepSpec(s, s.paramCount(), 8192, 1, 1, GpuSpec.h100Sxm(), 0.8, "test", lay, ZeroStage.STAGE_0, Recompute.NONE, 0, 1,
                distopt);
    }

    /** More GPUs than a collective can span name gpus, not the collective's internal ranks. */
    @Test
    void aHugeJobNamesGpus() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParallelLayout.of(1_000_000_000, null, 1, 1, 8, 450, 3, 400, 10));
        assertEquals("gpus: must be in [1, 1048576], was 1000000000", e.getMessage());
    }

    /** An MFU is never negative: N at or below the parameters that do no model FLOPs is rejected. */
    @Test
    void aParamCountBelowTheEmbeddingIsRejectedSoNoMfuIsNegative() {
        TransformerShape s = TransformerShape.llama38b();
        ParallelLayout lay = ParallelLayout.of(8, null, 1, 1, 1, 8, 450, 3, 400, 10);
        long lookups = s.embeddingParamCount();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new StepSpec(s, lookups, 8192, 1,
                1, GpuSpec.h100Sxm(), 0.8, "test", lay, ZeroStage.STAGE_1, Recompute.NONE, 0, 1));
        assertEquals("params", e.field());
        for (long n : new long[] {lookups + 1, lookups + 1_000_000, s.paramCount()}) {
            StepResult r = StepModel.compute(new StepSpec(s, n, 8192, 1, 1, GpuSpec.h100Sxm(), 0.8, "test", lay,
                    ZeroStage.STAGE_1, Recompute.NONE, 0, 1));
            assertTrue(r.mfu() > 0 && r.modelFlopsPerToken() > 0, n + ": " + r.mfu());
        }
    }
}
