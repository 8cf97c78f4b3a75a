package org.scalelab.kernels.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoryDataTest {
    @Test
    void unsourcedClaimIsArithmeticallyRight() {
        // "72 s vs 2.3 s for 2048 x 2048": 2 * 2048^3 / 2.3 s = 7.47 GFLOP/s; / 72 s = 0.239 GFLOP/s
        assertEquals(7.47, HistoryData.gflops(2048, 2.3), 0.005);
        assertEquals(0.239, HistoryData.gflops(2048, 72), 0.0005);
        // Thompson et al. 2002 printed a 3.2x speed-up at n = 1500
        HistoryData.Point thompson = HistoryData.points().get(0);
        assertEquals(3.2, thompson.speedup(), 0);
        assertEquals(1500, thompson.n());
    }

    @Test
    void shippedGpuPeaksComeFromThePresetsDataSheets() {
        // NVIDIA H100 datasheet: FP32 67 TFLOP/s; 132 SMs x 128 lanes x 2 flop x 1.98 GHz = 66.9 agrees to 0.2 %
        assertEquals(67_000, HistoryData.gpuPeakGflops("NVIDIA H100 80GB HBM3"), 0.5);
        assertEquals(132 * 128 * 2 * 1.98, HistoryData.gpuPeakGflops("NVIDIA H100 80GB HBM3"), 100);
        assertEquals(67_000, HistoryData.gpuPeakGflops("NVIDIA H200"), 0.5);
        assertTrue(Double.isNaN(HistoryData.gpuPeakGflops("Some CPU")));
    }
}
