package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

/** How model states split over tensor and pipeline parallelism. */
class ShardingTest {

    @Test
    void rawCountSplitsEvenlyOverModelParallelism() {
        // ZeRO §1: with model parallelism N_m the per-device states shrink by N_m (here t·p = 32).
        TrainingSetup s = TrainingSetup.builder().paramCount(64_000_000_000L).tp(8).pp(4).build();
        assertEquals(2e9, s.shardParams());
        assertEquals(32e9, MemoryModel.estimate(s).totalBytes(), 1);
    }

    @Test
    void shapeUsesTheMostLoadedStageAsMegatronCounts() {
        // Megatron-LM theoretical_memory_usage.py: most loaded shard = (blocks/PP + embedding [+ output if PP = 1]) / TP.
        TransformerShape llama = TransformerShape.llama270b();
        TrainingSetup s = TrainingSetup.builder().shape(llama).tp(8).pp(4).build();
        // Megatron names the first stage; for an untied model the last stage (output layer + final
        // norm) is heavier by the norm's h parameters, and we take the heavier of the two.
        double first = (20.0 * llama.layerParamCount() + llama.embeddingParamCount()) / 8;
        double last = (20.0 * llama.layerParamCount() + llama.outputLayerParamCount() + llama.hidden()) / 8;
        assertEquals(Math.max(first, last), s.shardParams(), 1e-6);
        assertEquals(first, s.shardParams(), first * 1e-5);
        TrainingSetup one = TrainingSetup.builder().shape(llama).tp(8).build();
        assertEquals(llama.paramCount() / 8.0, one.shardParams(), 1e-6);
    }

    @Test
    void layoutIsValidatedAgainstTheShape() {
        TransformerShape llama = TransformerShape.llama27b();
        assertEquals("tp", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(llama).tp(3).build()).field());
        assertEquals("pp", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(llama).pp(33).build()).field());
        assertEquals("offload", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().paramCount(1).offload(Offload.OPTIMIZER_AND_PARAMS).stage(ZeroStage.STAGE_2).build()).field());
        assertEquals("params", assertThrows(InvalidParameterException.class, () -> TrainingSetup.builder().build()).field());
        assertEquals("zero", assertThrows(InvalidParameterException.class, () -> ZeroStage.of(4)).field());
    }

    @Test
    void tensorParallelismKeepsWholeKeyValueHeadsPerRank() {
        // Megatron-LM megatron/core/transformer/attention.py: num_query_groups_per_partition =
        // divide(num_query_groups, world_size), so t must divide the key/value heads as well as the heads.
        // Llama 3 70B: 64 heads, 8 KV heads: t = 8 holds one KV head per rank; t = 16 would hold half of one.
        TransformerShape llama = TransformerShape.llama370b();
        assertTrue(TrainingSetup.splitsHeads(llama, 8));
        assertFalse(TrainingSetup.splitsHeads(llama, 16));
        TrainingSetup.builder().shape(llama).tp(8).build();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(llama).tp(16).build());
        assertEquals("tp", e.field());
        assertTrue(e.getMessage().contains("kv_heads (8)"), e.getMessage());
        // the heads rule itself is unchanged: t = 3 does not divide 64 heads
        assertFalse(TrainingSetup.splitsHeads(llama, 3));
    }

    @Test
    void offloadMovesStatesToCpu() {
        // ZeRO-Offload (Ren et al. 2021 §4): with ZeRO-2 only the fp16 parameters stay on the GPU: 2Ψ.
        TrainingSetup s = TrainingSetup.builder().paramCount(10_000_000_000L).stage(ZeroStage.STAGE_2).dp(1)
                .offload(Offload.OPTIMIZER).build();
        MemoryBreakdown m = MemoryModel.estimate(s);
        assertEquals(20e9, m.totalBytes(), 1);
        assertEquals(140e9, m.cpuBytes(), 1);
    }

    @Test
    void buffersAreTheirOwnLine() {
        // DeepSpeed defaults: stage 1-2 reduce + all-gather buckets of 5e8 fp16 elements = 2e9 bytes.
        TrainingSetup s = TrainingSetup.builder().paramCount(10_000_000_000L).stage(ZeroStage.STAGE_2).dp(8)
                .buffers(CommBuffers.deepSpeedDefaults()).reserveBytes(1e9).build();
        MemoryBreakdown m = MemoryModel.estimate(s);
        assertEquals(2e9, m.buffersBytes(), 1);
        assertEquals(1e9, m.reserveBytes());
        assertEquals(m.modelStatesBytes() + 3e9, m.totalBytes(), 1);
    }
}
