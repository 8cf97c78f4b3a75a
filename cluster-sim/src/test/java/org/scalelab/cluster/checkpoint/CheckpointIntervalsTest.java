package org.scalelab.cluster.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CheckpointIntervalsTest {
    @Test
    void youngIsSqrtTwoDeltaM() {
        // Young 1974: tau = sqrt(2 delta M); delta 5 min, M 24 h -> sqrt(2*300*86400) = 7200 s.
        assertEquals(7200.0, CheckpointIntervals.youngSeconds(300, 86400), 1e-9);
    }

    @Test
    void dalyReproducesHisPublishedExamples() {
        // Daly, FGCS 22 (2006), abstract: delta = 5 min, R = 10 min; M = 24 h -> 117 min,
        // M = 6 h -> 57 min, M = 15 min -> 9.1 min (printed to 3, 2 and 2 significant digits).
        assertEquals(117, CheckpointIntervals.dalySeconds(300, 24 * 3600) / 60, 0.5);
        assertEquals(57, CheckpointIntervals.dalySeconds(300, 6 * 3600) / 60, 0.5);
        assertEquals(9.1, CheckpointIntervals.dalySeconds(300, 15 * 60) / 60, 0.05);
        // delta >= 2M: tau = M (Eq. 37, second branch).
        assertEquals(100, CheckpointIntervals.dalySeconds(300, 100), 0);
    }

    @Test
    void dalysEstimateIsNearTheExactOptimumOfHisCompleteModel() {
        // The higher-order estimate approximates the argmax of the complete model (research
        // brief section 7: within 0.03 min at Daly's examples).
        for (double m : new double[] {24 * 3600, 6 * 3600, 15 * 60}) {
            double exact = CheckpointIntervals.exactOptimumSeconds(300, 600, m);
            assertEquals(exact, CheckpointIntervals.dalySeconds(300, m), 0.03 * 60, "M = " + m);
        }
    }

    @Test
    void efficiencyOfTheCompleteModel() {
        // tau = delta = R = 0 limit: no waste. tau = M, delta = R = 0: M / (M (e - 1)) = 1/(e-1).
        assertEquals(1 / (Math.E - 1), CheckpointIntervals.dalyEfficiency(1000, 0, 0, 1000), 1e-12);
        assertEquals(1.0, CheckpointIntervals.dalyEfficiency(1e-6, 0, 0, 1e12), 1e-9);
    }
}
