package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;

class MemorySolverTest {
    private static final long V100 = 32_000_000_000L;

    @Test
    void minimumGpusForOneTrillionWithStage3() {
        // ZeRO §1/§5.4: 1T parameters need 16 TB of model states, "16GB per GPU" on 1024 GPUs;
        // the exact threshold on 32 GB is 16e12 / 32e9 = 500 data-parallel ranks.
        TrainingSetup s = TrainingSetup.builder().paramCount(1_000_000_000_000L).stage(ZeroStage.STAGE_3).build();
        assertEquals(500, MemorySolver.minDataParallel(s, V100).orElseThrow());
    }

    @Test
    void stageZeroNeverFitsWhenTheReplicaDoesNot() {
        TrainingSetup s = TrainingSetup.builder().paramCount(70_000_000_000L).stage(ZeroStage.STAGE_0).build();
        assertTrue(MemorySolver.minDataParallel(s, GpuSpec.h100Sxm().memoryBytes()).isEmpty());
    }

    @Test
    void maxParamsIsTheExactBoundary() {
        TrainingSetup s = TrainingSetup.builder().paramCount(1).stage(ZeroStage.STAGE_2).dp(64).build();
        long max = MemorySolver.maxParams(s, V100).orElseThrow();
        assertTrue(MemoryModel.estimate(s.toBuilder().paramCount(max).build()).fits(V100));
        assertFalse(MemoryModel.estimate(s.toBuilder().paramCount(max + 1).build()).fits(V100));
        // closed form: 32e9 / (2 + 14/64)
        assertEquals(32e9 / (2 + 14.0 / 64), max, 1.0);
    }

    /**
     * A GPU larger than any model answers the largest model a setup may hold (before: the host-bounded
     * search went past it and `memory max-model --gpu-memory-gb 1e308` failed naming --params, which
     * the user never gave).
     */
    @Test
    void aHugeGpuAnswersTheLargestModelNotAnError() {
        TrainingSetup s = TrainingSetup.builder().paramCount(1).stage(ZeroStage.STAGE_3).dp(64).build();
        HostMemory host = new HostMemory(1e300, 8);
        assertEquals(TrainingSetup.MAX_PARAMS, MemorySolver.maxParams(s, Long.MAX_VALUE, host).orElseThrow());
    }

    @Test
    void maxMicroBatchIsTheExactBoundary() {
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.llama27b()).stage(ZeroStage.STAGE_3).dp(8)
                .seqLength(4096).recompute(Recompute.SELECTIVE).build();
        long gpu = GpuSpec.h100Sxm().memoryBytes();
        long b = MemorySolver.maxMicroBatch(s, gpu).orElseThrow();
        assertTrue(b >= 1);
        assertTrue(MemoryModel.estimate(s.toBuilder().microBatch(b).build()).fits(gpu));
        assertFalse(MemoryModel.estimate(s.toBuilder().microBatch(b + 1).build()).fits(gpu));
    }

    @Test
    void maxMicroBatchEmptyWhenModelStatesAloneDoNotFit() {
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.llama370b()).build();
        assertTrue(MemorySolver.maxMicroBatch(s, GpuSpec.h100Sxm().memoryBytes()).isEmpty());
    }
}
