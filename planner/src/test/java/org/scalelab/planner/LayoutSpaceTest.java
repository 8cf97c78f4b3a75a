package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;

class LayoutSpaceTest {

    @Test
    void tensorParallelDividesHeadsKvHeadsAndTheNode() {
        TransformerShape gqa = TransformerShape.llama370b(); // 64 heads, 8 KV heads
        assertEquals(List.of(1, 2, 4, 8), LayoutSpace.tensorDegrees(gqa, 8, LayoutPins.NONE));
        // 32 heads, 4 KV heads: t = 8 would give half a KV head per rank (Megatron-LM refuses it), so the search skips it
        TransformerShape kv4 = new TransformerShape("kv4", 2, 4096, 32, 4, 32000, 14336, true, false, false, 0);
        assertEquals(List.of(1, 2, 4), LayoutSpace.tensorDegrees(kv4, 8, LayoutPins.NONE));
        TransformerShape odd = new TransformerShape("odd", 4, 1536, 12, 12, 1000, 6144, false, true, true, 0);
        assertEquals(List.of(1, 2, 4), LayoutSpace.tensorDegrees(odd, 8, LayoutPins.NONE));
        LayoutPins tp3 = new LayoutPins(3, null, null, null, null, null);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> LayoutSpace.tensorDegrees(odd, 8, tp3));
        assertEquals("tp", e.field());
    }

    @Test
    void dataParallelLeavesIdleGpusAndFillsWholeNodes() {
        assertEquals(292, LayoutSpace.dataParallel(16384, 8, 7, 8)); // 16,352 used, 32 idle
        // tp 4 x pp 3 = 12: floor(16384/12) = 1365 uses 16,380 GPUs, not whole nodes; 1364 uses 16,368.
        assertEquals(1364, LayoutSpace.dataParallel(16384, 4, 3, 8));
        assertEquals(0, LayoutSpace.dataParallel(8, 8, 2, 8));
        assertEquals(1, LayoutSpace.dataParallel(4, 2, 2, 8)); // below a node, any count is fine
    }

    @Test
    void microBatchesArePowersOfTwoDividingTheReplicaBatch() {
        assertEquals(List.of(1, 2, 4, 8), LayoutSpace.microBatches(24, LayoutPins.NONE));
        assertEquals(List.of(1), LayoutSpace.microBatches(5, LayoutPins.NONE));
        assertEquals(32, LayoutSpace.perReplicaSequences(6144, 192)); // MegaScale: 6144 sequences over DP 192
        assertEquals(1, LayoutSpace.perReplicaSequences(10, 1000));
    }

    @Test
    void interleavingNeedsAPipelineAndMicroBatchesInMultiplesOfIt() {
        assertEquals(List.of(1), LayoutSpace.virtualStages(96, 1, 32, LayoutPins.NONE));
        assertEquals(List.of(1, 2, 4), LayoutSpace.virtualStages(96, 8, 32, LayoutPins.NONE)); // 12 layers per stage
        assertEquals(List.of(1), LayoutSpace.virtualStages(96, 8, 12, LayoutPins.NONE));     // 12 micro-batches, pp 8
    }

    @Test
    void pinsNarrowTheSpace() {
        LayoutPins pins = new LayoutPins(null, null, 3, null, Recompute.FULL, null);
        assertEquals(List.of(3), LayoutSpace.zeroStages(pins, null));
        assertEquals(List.of(0), LayoutSpace.zeroStages(LayoutPins.NONE, Recipe.MEGATRON_BF16_DISTOPT));
        assertThrows(InvalidParameterException.class, () -> LayoutSpace.zeroStages(pins, Recipe.MEGATRON_BF16_DISTOPT));
        assertEquals(List.of(Recompute.FULL), LayoutSpace.recomputes(pins));
        assertEquals(List.of(Recompute.NONE, Recompute.SELECTIVE, Recompute.FULL), LayoutSpace.recomputes(LayoutPins.NONE));
    }

    @Test
    void aBatchWithinAQuarterOfTheTargetIsOnTarget() {
        // 100 sequences asked for: 80 to 125 per step (DP x micro-batch x accumulation) count as on target.
        assertEquals(true, LayoutSearch.nearTarget(new Layout(125, 8, 1, 1, 1, Recompute.NONE, 1, 0, 1), 100));
        assertEquals(false, LayoutSearch.nearTarget(new Layout(126, 8, 1, 1, 1, Recompute.NONE, 1, 0, 1), 100));
        assertEquals(true, LayoutSearch.nearTarget(new Layout(20, 8, 1, 1, 2, Recompute.NONE, 1, 0, 2), 100));
        assertEquals(false, LayoutSearch.nearTarget(new Layout(79, 8, 1, 1, 1, Recompute.NONE, 1, 0, 1), 100));
    }
}
