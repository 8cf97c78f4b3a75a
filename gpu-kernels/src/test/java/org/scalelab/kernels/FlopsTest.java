package org.scalelab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

class FlopsTest {
    @Test
    void twoNCubedFlops() {
        // Golub and Van Loan, Section 1.1: an m x r by r x n product costs 2mnr flops.
        assertEquals(2e9, Flops.sgemmFlops(1000), 0);
        assertEquals(2.0 * 4096 * 4096 * 4096, Flops.sgemmFlops(4096), 0);
    }

    @Test
    void gflopsFromSeconds() {
        assertEquals(2.0, Flops.gflops(1000, 1.0), 1e-12);
        // Thompson et al. 2002 sized their run at n = 1500: 6.75e9 flops; in 0.5 s that is 13.5 GFLOP/s.
        assertEquals(13.5, Flops.gflops(1500, 0.5), 1e-12);
    }

    @Test
    void rejectsNonPositiveTimes() {
        assertThrows(InvalidParameterException.class, () -> Flops.gflops(10, 0));
        assertThrows(InvalidParameterException.class, () -> Flops.gflops(10, Double.NaN));
        assertThrows(InvalidParameterException.class, () -> Flops.sgemmFlops(0));
    }
}
