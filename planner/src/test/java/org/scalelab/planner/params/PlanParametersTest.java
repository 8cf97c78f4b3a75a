package org.scalelab.planner.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.Recipe;
import org.scalelab.planner.PlanSpec;

class PlanParametersTest {

    private static PlanParameters of(Double params, Integer gpus, String range) {
        return new PlanParameters(params, 1e12, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, gpus, range, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void unsetKeysTakeThePlannersDefaults() {
        PlanSpec fromFile = of(7e9, 64, null).toSpec(org.scalelab.common.Seeds.DEFAULT);
        PlanSpec fromBuilder = PlanSpec.builder().params(7_000_000_000L).tokens(1e12).gpus(64).build();
        assertEquals(fromBuilder, fromFile);
    }

    private static PlanParameters precision(String preset, String recipe) {
        return new PlanParameters(7e9, 1e12, null, null, null, null, null, null, null, null, null, null, null, null,
                preset, recipe, null, null, null, null, 64, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void memoryIsCheckedWithTheRecipeTheStepTimesUnlessAPresetOrRecipeIsGiven() {
        PlanSpec byDefault = precision(null, null).toSpec(1);
        assertEquals(StepOptions.DEFAULT_RECIPE, byDefault.recipe());
        // Megatron-LM theoretical_memory_usage.py: "18 bytes per parameter" (bf16 2, fp32 grads 4, fp32 master and Adam 12)
        assertEquals(18.0, byDefault.stateBytes().totalBytes(), 0.0);
        PlanSpec preset = precision("zero-paper", null).toSpec(1);
        assertNull(preset.recipe());
        assertEquals(16.0, preset.stateBytes().totalBytes(), 0.0); // Rajbhandari et al. 2019, §3.1: 2 + 2 + 12
        assertEquals(Recipe.BF16_PURE, precision(null, "bf16-pure").toSpec(1).recipe());
        InvalidParameterException both = assertThrows(InvalidParameterException.class,
                () -> precision("zero-paper", "megatron-bf16").toSpec(1));
        assertEquals("recipe", both.field());
    }

    @Test
    void aRangeIsFromColonTo() {
        PlanSpec s = of(7e9, null, "1024:32768").toSpec(1);
        assertEquals(1024, s.gpusRangeFrom());
        assertEquals(32768, s.gpus());
        assertNull(of(7e9, 8, null).toSpec(1).gpusRangeFrom());
        assertEquals("gpus_range", assertThrows(InvalidParameterException.class, () -> of(7e9, null, "1024").toSpec(1)).field());
        assertEquals("gpus_range", assertThrows(InvalidParameterException.class, () -> of(7e9, 8, "8:16")).field());
        assertEquals("gpus", assertThrows(InvalidParameterException.class, () -> of(7e9, null, null)).field());
    }

    @Test
    void paramsMustBeWhole() {
        assertEquals("params", assertThrows(InvalidParameterException.class, () -> of(7.5, 8, null)).field());
    }

    @Test
    void theExpertKeysReachTheSpec() {
        PlanParameters p = new PlanParameters(null, 14.8e12, null, null, "deepseek-v3", null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, "h800", 2048, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, 64, "fp8", 0.95, 1.2, null, null, null, null, null, null, null);
        PlanSpec s = p.toSpec(1);
        assertEquals(64, s.pins().ep());
        assertEquals("fp8", s.gemmPrecision());
        assertEquals(0.95, s.a2aOverlap());
        assertEquals(1.2, s.expertLoadImbalance());
        PlanSpec defaults = of(7e9, 64, null).toSpec(1);
        assertEquals("bf16", defaults.gemmPrecision());
        assertEquals(0.0, defaults.a2aOverlap());
        assertEquals(1.0, defaults.expertLoadImbalance());
    }
}
