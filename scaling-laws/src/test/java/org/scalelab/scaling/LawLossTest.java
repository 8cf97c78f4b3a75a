package org.scalelab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which laws predict a loss: the ones {@link Law#hasLoss()} names, and no other. */
class LawLossTest {
    @Test
    void exactlyTheLawsWithALossFormulaAnswerALoss() {
        assertEquals(List.of("epoch", "chinchilla", "chinchilla-tex", "kaplan"), Law.namesWithLoss());
        for (Law law : Law.values()) {
            assertEquals(law.hasLoss(), law.loss(70e9, 1.4e12) != null, law.key());
        }
    }
}
