package org.scalelab.kernels.params;

import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * A {@code kind: kernels} parameter file.
 *
 * @param runs          groups of measurements on this machine (sizes x kernels x devices)
 * @param fullRuns      groups used instead of {@code runs} with {@code --full} (default: {@code runs})
 * @param maxSlowN      largest n for kernels without data reuse on CPU devices (matrix side; default 512)
 * @param resultFiles   {@code kernels run} / cuBLAS-script JSON files, or folders of them, to chart beside
 *                      this machine's run (e.g. shipped GPU results); relative to this file
 * @param jmhFiles      JMH JSON exports ({@code -rf json}) of the kernels benchmarks to chart; relative to this file
 * @param cpuPeakGflops this CPU's FP32 peak, GFLOP/s, if known (for % of peak); say where it comes from in {@code cpu_peak_source}
 * @param cpuPeakSource where {@code cpu_peak_gflops} comes from
 * @param autotune      search the register-blocked kernel's tuning on each OpenCL device and cache the winner, as
 *                      {@code kernels run --autotune} (default false: cached tunings, else the kernel's default)
 * @param tuningCache   JSON file of tunings per device, relative to this file (default ~/.scalelab/kernels-tuning.json)
 */
public record KernelsParameters(
        List<RunGroup> runs,
        List<RunGroup> fullRuns,
        Integer maxSlowN,
        List<String> resultFiles,
        List<String> jmhFiles,
        Double cpuPeakGflops,
        String cpuPeakSource,
        Boolean autotune,
        String tuningCache) {

    public KernelsParameters {
        runs = runs == null ? List.of() : List.copyOf(runs);
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i) == null) {
                throw new InvalidParameterException("runs[" + i + "]", "is required", "null");
            }
        }
        fullRuns = fullRuns == null ? runs : List.copyOf(fullRuns);
        maxSlowN = maxSlowN == null ? 512 : (int) Check.atLeastOne("max_slow_n", maxSlowN);
        resultFiles = resultFiles == null ? List.of() : List.copyOf(resultFiles);
        jmhFiles = jmhFiles == null ? List.of() : List.copyOf(jmhFiles);
        if (cpuPeakGflops != null) {
            Check.positive("cpu_peak_gflops", cpuPeakGflops);
            Check.present("cpu_peak_source", cpuPeakSource);
        }
        autotune = autotune != null && autotune;
        if (tuningCache != null && tuningCache.isBlank()) {
            throw new InvalidParameterException("tuning_cache", "must name a JSON file", "\"" + tuningCache + "\"");
        }
        if (runs.isEmpty() && resultFiles.isEmpty() && jmhFiles.isEmpty()) {
            throw new InvalidParameterException("runs", "must not be empty when there are no result_files or jmh_files", "[]");
        }
    }

    /**
     * One group of measurements.
     *
     * @param sizes   matrix sides n
     * @param kernels {@code [all]} or kernel names
     * @param devices {@code [all]} or device kinds
     * @param repeats timed runs per measurement (default 3)
     * @param warmups untimed runs before timing, at least 2 (default 2)
     */
    public record RunGroup(List<Integer> sizes, List<String> kernels, List<String> devices, Integer repeats, Integer warmups) {
        public RunGroup {
            Check.nonEmpty("sizes", sizes);
            for (int i = 0; i < sizes.size(); i++) {
                Check.inRange("sizes[" + i + "]", Check.present("sizes[" + i + "]", sizes.get(i)), 1, 8192);
            }
            sizes = List.copyOf(sizes);
            kernels = kernels == null ? List.of("all") : List.copyOf(kernels);
            devices = devices == null ? List.of("all") : List.copyOf(devices);
            KernelSelection.kernels("kernels", kernels);
            KernelSelection.devices("devices", devices);
            repeats = repeats == null ? 3 : (int) Check.inRange("repeats", repeats, 1, 1000); // kernels run's bounds
            warmups = warmups == null ? 2 : (int) Check.inRange("warmups", warmups, 2, 1000);
        }
    }
}
