package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;

/** The one rule for the matmul efficiency a run uses: the given value, else the GPU's measured MAMF. */
class GemmCeilingTest {
    @Test
    void withoutAGivenValueTheGpusMeasuredMamfAndItsSource() {
        // stas00/ml-engineering, compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS
        // comparison table": A100 SXM 271.2 of 312 TFLOP/s, H100 SXM 794.5 of 989 (printed to 0.1 TFLOP/s).
        GemmModel.Ceiling a100 = GemmModel.ceiling(GpuSpec.a10080gb(), null, "ignored");
        assertEquals(271.2 / 312, a100.value(), 0.05 / 312);
        assertTrue(a100.source().contains("A100 SXM 271.2 of 312 TFLOP/s"), a100.source());
        GemmModel.Ceiling h200 = GemmModel.ceiling(GpuSpec.h200(), null, null);
        assertEquals(794.5 / 989, h200.value(), 0.05 / 989);
        assertTrue(h200.source().contains("H100 SXM figure; this GPU not measured there"), h200.source());
    }

    @Test
    void aGivenValueKeepsItsOwnSource() {
        assertEquals(new GemmModel.Ceiling(0.7, "given"), GemmModel.ceiling(GpuSpec.h100Sxm(), 0.7, "given"));
        assertEquals(new GemmModel.Ceiling(0.7, null), GemmModel.ceiling(GpuSpec.h100Sxm(), 0.7, null));
    }
}
