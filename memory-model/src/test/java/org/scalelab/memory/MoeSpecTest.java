package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

/** The mixture-of-experts keys applied to presets and custom shapes. */
class MoeSpecTest {
    private static MoeSpec spec(Integer experts, Integer k, Double capacity) {
        return new MoeSpec(experts, k, null, null, null, null, capacity);
    }

    @Test
    void givenKeysOverrideThePresetFieldByField() {
        TransformerShape ds = new ShapeSpec("deepseek-v3", null, null, null, null, null, null, null, null, null,
                spec(null, 4, 1.25)).resolve();
        assertEquals(new MoeShape(256, 4, 1, 2048, 1, 3, 1.25), ds.moe());
        assertEquals(TransformerShape.deepseekV3().paramCount(), ds.paramCount());
    }

    @Test
    void expertsMakeADenseShapeAMixtureWithStatedDefaults() {
        TransformerShape llama = TransformerShape.llama27b();
        TransformerShape moe = spec(8, null, null).apply(llama);
        // top-2 (Megatron-LM's --moe-router-topk default), experts as wide as the MLP, every block, dropless
        assertEquals(new MoeShape(8, 2, 0, 11008, 1, 0, 0), moe.moe());
        assertEquals(llama.paramCount() + 32L * (7 * 3L * 4096 * 11008 + 8L * 4096), moe.paramCount());
        assertSame(llama, spec(null, null, null).apply(llama));
    }

    /** Before: `--model mixtral-8x7b --experts 1` said "experts_per_token: must be in [1, 1], was 2", a k nobody typed. */
    @Test
    void fewerExpertsThanThePresetsTopKNameExperts() {
        TransformerShape mixtral = TransformerShape.byName("mixtral-8x7b");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> spec(1, null, null).apply(mixtral));
        assertEquals("experts: must be >= the experts_per_token of mixtral-8x7b (2); give experts_per_token too, was 1",
                e.getMessage());
        assertEquals(1, spec(1, 1, null).apply(mixtral).moe().experts());
    }

    @Test
    void keysThatCannotApplyNameTheirKey() {
        assertEquals("experts", assertThrows(InvalidParameterException.class,
                () -> spec(null, 2, null).apply(TransformerShape.llama27b())).field());
        assertEquals("experts", assertThrows(InvalidParameterException.class, () -> spec(8, null, null).apply(null)).field());
        assertEquals("experts_per_token", assertThrows(InvalidParameterException.class,
                () -> spec(4, 5, null).apply(TransformerShape.llama27b())).field());
    }
}
