package org.scalelab.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scalelab.kernels.Accuracy;
import org.scalelab.kernels.run.Devices;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.Inputs;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.Target;

/** The same kernels in Aparapi's Java thread pool (no OpenCL needed), at a size barriers survive. */
class JavaThreadPoolTest {
    @ParameterizedTest
    @EnumSource(value = SgemmKernel.class, names = {"BROOK_STREAM", "MULTIPASS", "TILED", "REGISTER_BLOCKED"})
    void runsInTheThreadPool(SgemmKernel k) {
        Target jtp = Devices.discover().targets().stream().filter(t -> t.kind() == DeviceKind.JTP).findFirst().orElseThrow();
        int n = 20;
        Inputs in = Inputs.random(n, 5);
        try (AparapiSgemm s = new AparapiSgemm(k, jtp, in.a(), in.b(), n, new Tuning(4, 4, 4, 4, 1, 4))) {
            float[] c = s.multiply();
            assertFalse(s.ranOnOpenCl());
            assertTrue(Accuracy.maxRelError(in.a(), in.b(), c, n, null) < Accuracy.bound(n));
        }
    }
}
