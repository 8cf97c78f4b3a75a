package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

/** The one resolution of shape keys that the command line and every parameter file share. */
class ShapeSpecTest {

    private static ShapeSpec custom(Integer kv, Integer vocab, Integer ffn, Double mult, Boolean gated, Boolean untied) {
        return new ShapeSpec(null, 32, 4096, 32, kv, vocab, ffn, mult, gated, untied);
    }

    @Test
    void nothingGivenIsNoShape() {
        assertFalse(ShapeSpec.none().given());
        assertNull(ShapeSpec.none().resolve());
    }

    @Test
    void aPresetIsThePreset() {
        assertEquals(TransformerShape.llama38b(), ShapeSpec.preset("llama3-8b").resolve());
    }

    @Test
    void aBareCustomShapeIsGptStyleWithTheDefaults() {
        // GPT-style: MLP 4h, vocabulary 50257, tied embeddings, biases (as TransformerShape.gpt).
        assertEquals(TransformerShape.gpt("custom", 32, 4096, 32, ShapeSpec.DEFAULT_VOCAB),
                custom(null, null, null, null, null, null).resolve());
    }

    @Test
    void theOptionalKeysReachTheShape() {
        TransformerShape s = custom(8, 32000, null, 3.5, true, true).resolve();
        assertEquals(8, s.kvHeads());
        assertEquals(32000, s.vocab());
        assertEquals(14336, s.ffnHidden());
        assertTrue(s.gatedMlp());
        assertFalse(s.biases());
        assertFalse(s.tiedEmbeddings());
        assertEquals(11008, custom(null, null, 11008, null, null, null).resolve().ffnHidden());
    }

    @Test
    void aCustomShapeKeyBesideAPresetIsRefusedNotIgnored() {
        // Before: `memory --model llama2-7b --kv-heads -1` (or --vocab, --ffn-hidden, --gated-mlp ...) ran the preset
        // unchanged, the given value silently dropped.
        record Case(String key, ShapeSpec spec, String value) {}
        for (Case c : java.util.List.of(
                new Case("kv_heads", new ShapeSpec("llama2-7b", null, null, null, 3, null, null, null, null, null), "3"),
                new Case("vocab", new ShapeSpec("llama2-7b", null, null, null, null, -1, null, null, null, null), "-1"),
                new Case("ffn_hidden", new ShapeSpec("llama2-7b", null, null, null, null, null, 100, null, null, null), "100"),
                new Case("ffn_multiplier", new ShapeSpec("llama2-7b", null, null, null, null, null, null, 8.0, null, null), "8"),
                new Case("gated_mlp", new ShapeSpec("gpt3-175b", null, null, null, null, null, null, null, true, null), "true"),
                new Case("untied_embeddings", new ShapeSpec("gpt3-175b", null, null, null, null, null, null, null, null, true),
                        "true"))) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> c.spec().resolve(), c.key());
            assertEquals(c.key(), e.field());
            assertTrue(e.getMessage().contains("custom shape") && e.getMessage().endsWith("was " + c.value()), e.getMessage());
        }
        // Without any shape (plan or memory with params only) they were dropped too.
        InvalidParameterException none = assertThrows(InvalidParameterException.class,
                () -> new ShapeSpec(null, null, null, null, 3, null, null, null, null, null).resolve());
        assertEquals("kv_heads: sets a custom shape (layers/hidden/heads); give layers, hidden and heads with it (or model), was 3",
                none.getMessage());
    }

    @Test
    void conflictsAndGapsNameTheKey() {
        assertEquals("model", assertThrows(InvalidParameterException.class,
                () -> new ShapeSpec("llama3-8b", 32, null, null, null, null, null, null, null, null).resolve()).field());
        assertEquals("heads", assertThrows(InvalidParameterException.class,
                () -> new ShapeSpec(null, 32, 4096, null, null, null, null, null, null, null).resolve()).field());
        assertEquals("ffn_multiplier", assertThrows(InvalidParameterException.class,
                () -> custom(null, null, 11008, 4.0, null, null).resolve()).field());
        assertEquals("ffn_multiplier", assertThrows(InvalidParameterException.class,
                () -> custom(null, null, null, Double.NaN, null, null).resolve()).field());
        assertEquals("kv_heads", assertThrows(InvalidParameterException.class,
                () -> custom(5, null, null, null, null, null).resolve()).field());
    }
}
