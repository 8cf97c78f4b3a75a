package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

class RecipeTest {

    @Test
    void megatronIsEighteenBytesPerParameterAndSixPlusTwelveOverDpDistributed() {
        // Megatron-LM theoretical_memory_usage.py: 18 bytes/param, "6 + 12/DP" with the distributed optimizer. Exact.
        assertEquals(18.0, Recipe.MEGATRON_BF16.bytesPerParam().totalBytes());
        TrainingSetup distopt = TrainingSetup.builder().paramCount(1_000_000_000L).recipe(Recipe.MEGATRON_BF16_DISTOPT)
                .dp(8).build();
        assertEquals((6 + 12.0 / 8) * 1e9, MemoryModel.estimate(distopt).modelStatesBytes(), 1.0);
    }

    @Test
    void torchAmpKeepsFp32ParametersAndGradientsAndNoMasterCopy() {
        assertEquals(16.0, Recipe.TORCH_AMP_BF16.bytesPerParam().totalBytes());
        assertEquals(0.0, Recipe.TORCH_AMP_BF16.masterBytes());
        assertTrue(Recipe.TORCH_AMP_BF16.cachesAutocastWeights());
        assertEquals(4, Recipe.TORCH_AMP_BF16.residualBytes());
        assertEquals(8.0, Recipe.BF16_PURE.bytesPerParam().totalBytes());
    }

    @Test
    void distributedOptimizerIsRefusedWithZero() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> TrainingSetup.builder()
                .paramCount(1000).recipe(Recipe.MEGATRON_BF16_DISTOPT).stage(ZeroStage.STAGE_1).build());
        assertTrue(e.getMessage().startsWith("recipe"), e.getMessage());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Recipe.byName("fp8"));
        assertTrue(e.getMessage().contains("torch-amp-bf16"), e.getMessage());
        assertEquals(Recipe.BF16_PURE, Recipe.byName("BF16-pure"));
    }
}
