package org.scalelab.kernels.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.SgemmKernel;

/** Runs that would take hours are refused before they start, naming the field. */
class RunSpecLimitsTest {
    private static RunSpec spec(List<Integer> sizes, int repeats, int maxSlowN) {
        return new RunSpec(sizes, List.of(SgemmKernel.values()), List.of(DeviceKind.JAVA), repeats, 2, 1, maxSlowN, false);
    }

    @Test
    void sizesRepeatsAndSlowKernelLimitsAreBounded() {
        assertEquals("sizes", assertThrows(InvalidParameterException.class, () -> spec(List.of(32768), 1, 512)).field());
        assertEquals("max_slow_n", assertThrows(InvalidParameterException.class, () -> spec(List.of(64), 1, 8192)).field());
        // 16384^3 x 2 x (2 + 100) = 9e14 FLOP: hours on a CPU.
        assertEquals("repeats", assertThrows(InvalidParameterException.class, () -> spec(List.of(16384), 100, 512)).field());
        // The largest size once still runs (9e12 x 3 = 2.6e13 FLOP).
        assertEquals(List.of(16384), spec(List.of(16384), 1, 512).sizes());
    }
}
