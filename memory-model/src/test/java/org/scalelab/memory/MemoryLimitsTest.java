package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

/** Inputs far outside any meaningful range are rejected with their bounds; results never overflow. */
class MemoryLimitsTest {

    @Test
    void hugeMicroBatchAndSequenceAreRejectedNotOverflowed() {
        // memory --params 7.5e9 --dp 64 --zero 3 --model llama2-70b --micro-batch 1e12 --seq 1e9
        TrainingSetup.Builder b = TrainingSetup.builder().paramCount(7_500_000_000L).dp(64).stage(ZeroStage.STAGE_3)
                .shape(TransformerShape.llama270b());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> b.microBatch(1_000_000_000_000L).seqLength(4096).build());
        assertEquals("micro_batch", e.field());
        e = assertThrows(InvalidParameterException.class, () -> b.microBatch(1).seqLength(1_000_000_000L).build());
        assertEquals("seq", e.field());
    }

    @Test
    void theLargestAllowedSetupGivesFinitePositiveBytes() {
        TransformerShape widest = new TransformerShape("widest", TransformerShape.MAX_LAYERS, TransformerShape.MAX_HIDDEN,
                1, 1, TransformerShape.MAX_VOCAB, TransformerShape.MAX_FFN_HIDDEN, true, false, true, 0);
        // Every shape bound at its maximum: 1.76e18 parameters, counted exactly, then refused.
        assertEquals(1_759_255_571_394_985_984L, widest.paramCount());
        assertEquals("params", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(widest).build()).field());
        TransformerShape wide = new TransformerShape("wide", 50, TransformerShape.MAX_HIDDEN, 1,
                1, TransformerShape.MAX_VOCAB, TransformerShape.MAX_FFN_HIDDEN, true, false, true, 0);
        TrainingSetup s = TrainingSetup.builder().shape(wide).seqLength(TrainingSetup.MAX_SEQ)
                .microBatch(TrainingSetup.MAX_MICRO_BATCH).build();
        double total = MemoryModel.estimate(s).totalBytes();
        assertTrue(total > 0 && Double.isFinite(total), Double.toString(total));
        assertTrue(wide.paramCount() > 0);
    }

    @Test
    void jointlyImpossibleLayoutsAreRejected() {
        TrainingSetup.Builder b = TrainingSetup.builder().shape(TransformerShape.llama27b());
        // 32 layers cannot hold 4 stages x 1000 virtual stages.
        assertEquals("virtual_stages", assertThrows(InvalidParameterException.class,
                () -> b.pp(4).virtualStages(1000).build()).field());
        // Interleaving splits pipeline stages: with pp 1 there is none to split (before: accepted, even without a shape).
        assertEquals("virtual_stages", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().shape(TransformerShape.llama27b()).pp(1).virtualStages(2).build()).field());
        assertEquals("virtual_stages", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().paramCount(7_000_000_000L).pp(1).virtualStages(2).build()).field());
        assertEquals("dp", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().paramCount(1000).dp(1L << 24).tp(1L << 24).build()).field());
        assertEquals("params", assertThrows(InvalidParameterException.class,
                () -> TrainingSetup.builder().paramCount(Long.MAX_VALUE).build()).field());
        assertEquals("vocab", assertThrows(InvalidParameterException.class,
                () -> TransformerShape.gpt("v", 2, 64, 2, -1)).field());
    }
}
