package org.scalelab.kernels.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scalelab.common.ProgressListener;
import org.scalelab.kernels.gpu.TuningCache;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.SgemmKernel;

/**
 * A long-lived process (a sweep worker, several files in one run) must not grow threads per task:
 * the same small measurement run several times in one JVM returns to the thread count it started at.
 */
class ThreadReleaseTest {

    @Test
    void repeatedRunsReleaseTheirThreads() throws Exception {
        RunSpec spec = new RunSpec(List.of(32), List.of(SgemmKernel.values()), List.of(DeviceKind.values()), 1, 2, 7, 64, false);
        Devices devices = Devices.discover();
        runOnce(devices, spec);
        int start = threads();
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runOnce(devices, spec);
            after.add(threads());
        }
        // A couple of JVM-internal threads (JIT compilers, reference handlers) may come and go.
        assertTrue(after.stream().allMatch(t -> t <= start + 3), "started at " + start + ", after each run " + after
                + "; threads by name: " + names());
    }

    private static void runOnce(Devices devices, RunSpec spec) throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            new SgemmRunner(devices, new TuningCache(Path.of("target", "unused-tunings.json")), pool)
                    .run(spec, ProgressListener.NONE, s -> { });
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static java.util.Map<String, Long> names() {
        return Thread.getAllStackTraces().keySet().stream().collect(java.util.stream.Collectors.groupingBy(
                t -> t.getName().replaceAll("[0-9]+", "#") + (t.isDaemon() ? " (daemon)" : ""), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    private static int threads() throws InterruptedException {
        // Threads that were told to stop take a moment to end.
        int last = -1;
        for (int i = 0; i < 20; i++) {
            int now = ManagementFactory.getThreadMXBean().getThreadCount();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(100);
        }
        return last;
    }
}
