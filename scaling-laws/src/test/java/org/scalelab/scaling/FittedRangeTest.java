package org.scalelab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FittedRangeTest {

    @Test
    void tinyAndHugeBudgetsAreExtrapolationsNamingTheRange() {
        var tiny = Law.EPOCH.extrapolation(Law.EPOCH.optimum(1e10));
        assertTrue(tiny.isPresent());
        assertTrue(tiny.get().contains("outside the range the law was fitted on (70M to 16B parameters, 5B to 500B tokens;"
                + " Hoffmann et al. 2022, §1)"), tiny.get());
        assertTrue(Law.EPOCH.extrapolation(Law.EPOCH.optimum(1e30)).orElseThrow().contains("parameters"));
    }

    @Test
    void chinchillaScaleRunIsInsideTheRange() {
        // Hoffmann et al. 2022 §3.2: the IsoFLOP budgets reach 3e21 FLOPs; a 1e21 optimum (~3B params) is inside.
        for (Law law : new Law[] {Law.EPOCH, Law.CHINCHILLA, Law.CHINCHILLA_APPROACH1, Law.CHINCHILLA_APPROACH2, Law.LLAMA3}) {
            assertTrue(law.extrapolation(law.optimum(1e21)).isEmpty(), law.key());
        }
        assertTrue(Law.DEEPSEEK.extrapolation(Law.DEEPSEEK.optimum(1e19)).isEmpty());
        assertTrue(Law.KAPLAN.extrapolation(Law.KAPLAN.optimum(1e18)).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Law.class)
    void everyLawWarnsFarOutsideItsRange(Law law) {
        assertTrue(law.extrapolation(law.optimum(1e30)).isPresent(), law.key());
        assertTrue(law.extrapolation(law.optimum(1e9)).isPresent(), law.key());
        assertTrue(law.fittedRange().source().matches(".*(20\\d\\d), §.*"), law.fittedRange().source());
    }

    @Test
    void rangesReadInSiUnits() {
        assertEquals("768", FittedRange.si(768));
        assertEquals("1.5B", FittedRange.si(1.5e9));
        assertEquals("500B", FittedRange.si(5e11));
        assertEquals("22M", FittedRange.si(22e6));
    }
}
