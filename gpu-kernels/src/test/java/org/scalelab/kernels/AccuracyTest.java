package org.scalelab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccuracyTest {
    @Test
    void boundIsTwoNTimesUnitRoundoff() {
        // Higham 2002, Table 2.1: IEEE single has u = 2^-24 = 5.96e-8 (printed to 3 digits).
        assertEquals(5.96e-8, Accuracy.UNIT_ROUNDOFF_FLOAT, 0.005e-8);
        assertEquals(1024 * 0x1p-23, Accuracy.bound(1024), 0);
        assertEquals(1.2207e-4, Accuracy.bound(1024), 1e-8);
        // the bound covers gamma_n = nu/(1-nu) (Higham Lemma 3.1) while nu <= 1/2
        for (int n : new int[] {1, 100, 1024, 8192, 1 << 20}) {
            assertTrue(Accuracy.gamma(n, Accuracy.UNIT_ROUNDOFF_FLOAT) <= Accuracy.bound(n));
        }
    }

    @Test
    void exactProductHasZeroErrorAndAPerturbationIsSeen() {
        int n = 3;
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] b = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        float[] c = a.clone();
        assertEquals(0, Accuracy.maxRelError(a, b, c, n, null), 0);
        c[4] = 5.5f; // |A||B| at (1,1) is 5, error 0.5
        assertEquals(0.1, Accuracy.maxRelError(a, b, c, n, null), 1e-12);
        assertEquals(0, Accuracy.maxRelError(a, b, c, n, new int[] {0, 2}), 0);
    }

    @Test
    void sampleRowsCoverFirstAndLast() {
        assertEquals(100, Accuracy.sampleRows(100).length);
        int[] rows = Accuracy.sampleRows(2048);
        assertEquals(64, rows.length);
        assertEquals(0, rows[0]);
        assertEquals(2047, rows[63]);
        assertArrayEquals(new int[] {0}, Accuracy.sampleRows(1));
    }
}
