package org.scalelab.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.aparapi.Kernel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalelab.kernels.Accuracy;
import org.scalelab.kernels.run.Devices;
import org.scalelab.kernels.ExecutionMismatchException;
import org.scalelab.kernels.Inputs;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.Target;

/**
 * Every Aparapi kernel on every OpenCL device found (PoCL on CI), asserting it really ran on
 * OpenCL and matches the reference. With {@code SCALELAB_REQUIRE_OPENCL=1} (set by CI) a missing
 * OpenCL device fails these tests instead of skipping them.
 */
class OpenClKernelsTest {
    static final boolean REQUIRED = "1".equals(System.getenv("SCALELAB_REQUIRE_OPENCL"));
    static Devices devices;

    @BeforeAll
    static void probe() {
        devices = Devices.discover();
    }

    static List<Target> openCl() {
        return Devices.discover().targets().stream().filter(t -> t.kind().isOpenCl()).toList();
    }

    static Stream<Arguments> cases() {
        List<Target> targets = openCl();
        if (targets.isEmpty()) {
            return Stream.of(Arguments.of(null, SgemmKernel.BROOK_STREAM, 0));
        }
        return targets.stream().flatMap(t -> Stream.of(SgemmKernel.values())
                .filter(k -> k.family() == SgemmKernel.Family.APARAPI)
                .flatMap(k -> Stream.of(1, 64, 100).map(n -> Arguments.of(t, k, n))));
    }

    private static void requireOpenCl(Target t) {
        if (t == null) {
            String why = "no OpenCL device: " + devices.openClProblem();
            if (REQUIRED) {
                fail("SCALELAB_REQUIRE_OPENCL=1 but " + why);
            }
            assumeFalse(true, why);
        }
    }

    @ParameterizedTest(name = "{1} on {0} n={2}")
    @MethodSource("cases")
    void runsOnOpenClAndMatchesTheReference(Target t, SgemmKernel k, int n) {
        requireOpenCl(t);
        Inputs in = Inputs.random(n, 11);
        try (AparapiSgemm s = new AparapiSgemm(k, t, in.a(), in.b(), n, Tunings.defaultFor(t))) {
            float[] c = s.multiply(); // throws ExecutionMismatchException unless it ran on t
            assertTrue(s.ranOnOpenCl());
            double err = Accuracy.maxRelError(in.a(), in.b(), c, n, null);
            assertTrue(err < Accuracy.bound(n), k + " error " + err);
            assertTrue(s.lastComputeSeconds() > 0 && s.lastTotalSeconds() >= s.lastComputeSeconds());
        }
    }

    /** The 8 x 8-per-work-item variant, with padding, at sizes that leave partial tiles. */
    @ParameterizedTest(name = "8x8 register blocks n={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 100, 130})
    void eightByEightRegisterBlocksMatchTheReference(int n) {
        List<Target> targets = openCl();
        requireOpenCl(targets.isEmpty() ? null : targets.get(0));
        Inputs in = Inputs.random(n, 13);
        try (AparapiSgemm s = new AparapiSgemm(SgemmKernel.REGISTER_BLOCKED, targets.get(0), in.a(), in.b(), n,
                new Tuning(16, 8, 4, 8, 1, 8))) {
            float[] c = s.multiply();
            assertTrue(s.ranOnOpenCl());
            assertTrue(Accuracy.maxRelError(in.a(), in.b(), c, n, null) < Accuracy.bound(n));
        }
    }

    /** A kernel Aparapi cannot translate (it calls into java.util) falls back to Java: we must notice. */
    @Test
    void aSilentFallbackIsDetected() {
        List<Target> targets = openCl();
        requireOpenCl(targets.isEmpty() ? null : targets.get(0));
        float[] out = new float[64];
        Kernel untranslatable = new Kernel() {
            @Override
            public void run() {
                out[getGlobalId()] = (float) java.util.Objects.hash(getGlobalId());
            }
        };
        try {
            assertThrows(ExecutionMismatchException.class,
                    () -> AparapiSgemm.executeOn(untranslatable, targets.get(0), targets.get(0).opencl().createRange(64)));
            assertFalse(untranslatable.isRunningCL());
        } finally {
            untranslatable.dispose();
        }
    }

    @Test
    void defaultTuningFitsTheDevice() {
        for (Target t : openCl()) {
            Tuning d = Tunings.defaultFor(t);
            assertTrue(d.blockedWorkGroupItems() <= Math.min(256, t.opencl().getMaxWorkGroupSize()));
            assertTrue(d.blockedLocalBytes() <= t.opencl().getLocalMemSize());
            assertFalse(Tunings.candidates(t).isEmpty());
            assertEquals(0, Tunings.candidates(t).stream()
                    .filter(c -> c.blockedLocalBytes() > t.opencl().getLocalMemSize()).count());
        }
    }
}
