package org.scalelab.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.common.ProgressListener;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.run.Devices;
import org.scalelab.kernels.run.RunResult;
import org.scalelab.kernels.run.RunSpec;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.run.SgemmRunner;
import org.scalelab.kernels.Target;

/** --autotune on the first OpenCL device: a small search whose winner is cached per device and reused. */
class AutotunerTest {
    @Test
    void autotunesCachesAndReusesPerDevice(@TempDir Path dir) {
        Devices devices = Devices.discover();
        List<Target> cl = devices.targets().stream().filter(t -> t.kind().isOpenCl()).toList();
        if (cl.isEmpty()) {
            if (OpenClKernelsTest.REQUIRED) {
                fail("SCALELAB_REQUIRE_OPENCL=1 but no OpenCL device: " + devices.openClProblem());
            }
            assumeFalse(true, "no OpenCL device");
        }
        TuningCache cache = new TuningCache(dir.resolve("tuning.json"));
        SgemmRunner runner = new SgemmRunner(devices, cache, new ForkJoinPool(2));
        RunSpec spec = new RunSpec(List.of(48), List.of(SgemmKernel.REGISTER_BLOCKED), List.of(cl.get(0).kind()),
                1, 2, 1, 512, true);
        RunResult r = runner.run(spec, ProgressListener.NONE, s -> { });
        assertEquals(List.of(), r.failures());
        TuningCache.Entry e = cache.get(cl.get(0).key());
        assertNotNull(e, "the winner is cached under the device's ran_on label");
        assertTrue(Tunings.candidates(cl.get(0)).contains(e.tuning()));
        assertEquals(e.tuning(), r.tunings().get(cl.get(0).key()));
        assertTrue(r.results().get(0).ranOn().startsWith("opencl:"));
        // without --autotune the cached tuning is used
        RunResult again = runner.run(new RunSpec(List.of(48), List.of(SgemmKernel.REGISTER_BLOCKED), List.of(cl.get(0).kind()),
                1, 2, 1, 512, false), ProgressListener.NONE, s -> { });
        assertEquals(e.tuning(), again.tunings().get(cl.get(0).key()));
        assertFalse(again.results().isEmpty());
        assertTrue(DeviceKind.OPENCL_CPU.isOpenCl());
    }
}
