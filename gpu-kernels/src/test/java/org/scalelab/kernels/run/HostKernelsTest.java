package org.scalelab.kernels.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalelab.kernels.cpu.NativeBlas;
import org.scalelab.kernels.gpu.TuningCache;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.Measurement;
import org.scalelab.kernels.Accuracy;

/** Every Java kernel and the native reference, at sizes that hit every edge case of the blocking. */
class HostKernelsTest {
    static Stream<Arguments> cases() {
        return Stream.of(SgemmKernel.values())
                .filter(k -> k.family() != SgemmKernel.Family.APARAPI)
                .flatMap(k -> Stream.of(1, 7, 64, 100, 131).map(n -> Arguments.of(k, n)));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void matchesTheDoubleReference(SgemmKernel k, int n) {
        if (k == SgemmKernel.NATIVE_BLAS) {
            assumeTrue(NativeBlas.available(), NativeBlas::problem);
        }
        DeviceKind kind = k == SgemmKernel.NATIVE_BLAS ? DeviceKind.NATIVE : DeviceKind.JAVA;
        SgemmRunner runner = new SgemmRunner(Devices.discover(), new TuningCache(java.nio.file.Path.of("unused.json")),
                new ForkJoinPool(2));
        RunResult r = runner.run(new RunSpec(List.of(n), List.of(k), List.of(kind), 1, 2, 7, 2048, false),
                org.scalelab.common.ProgressListener.NONE, s -> { });
        assertEquals(List.of(), r.failures());
        assertEquals(1, r.results().size());
        Measurement m = r.results().get(0);
        assertTrue(m.maxRelError() < Accuracy.bound(n), "error " + m.maxRelError());
        assertEquals(k == SgemmKernel.NATIVE_BLAS ? "native-blas" : "java", m.ranOn());
        assertTrue(m.gflops() > 0);
    }
}
