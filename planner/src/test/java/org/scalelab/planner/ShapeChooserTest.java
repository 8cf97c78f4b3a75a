package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.memory.TransformerShape;

class ShapeChooserTest {

    @Test
    void presetsWithinFivePercentAreTakenAsTheyAre() {
        assertEquals("gpt3-175b", ShapeChooser.closest(175e9).key());
        assertEquals("llama3-405b", ShapeChooser.closest(405e9).key());
        assertEquals("llama3-70b", ShapeChooser.closest(70e9).key());
    }

    @Test
    void theRuleReproducesLlama3Proportions() {
        // Llama 3 Table 3: 70B has FFN 28672 = 3.5 x 8192, 8 KV heads, head width 128, vocabulary 128256.
        TransformerShape s = ShapeChooser.shape(80, 8192);
        TransformerShape llama = TransformerShape.llama370b();
        assertEquals(llama.ffnHidden(), s.ffnHidden());
        assertEquals(llama.heads(), s.heads());
        assertEquals(llama.kvHeads(), s.kvHeads());
        assertEquals(llama.paramCount(), s.paramCount());
    }

    @Test
    void theRulesShapeIsNearTheCountAndWithinItsBounds() {
        // Widths step by 1024, so the counts are 2 % apart only from a few tens of billions up.
        for (double n : new double[] {30e9, 250e9, 1e12}) {
            TransformerShape s = ShapeChooser.byRule(n);
            assertEquals(n, s.paramCount(), 0.02 * n, s.key());
            double aspect = s.hidden() / (double) s.layers();
            assertTrue(aspect >= 96 && aspect <= 160, s.key());
            assertEquals(0, s.hidden() % 1024);
            assertEquals(0, s.heads() % 8);
        }
    }
}
