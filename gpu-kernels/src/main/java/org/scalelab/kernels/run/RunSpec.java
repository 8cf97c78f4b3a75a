package org.scalelab.kernels.run;

import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.SgemmKernel;

/**
 * What {@link SgemmRunner} measures.
 *
 * @param sizes      matrix sides n (each >= 1)
 * @param kernels    kernels to run (each runs on the devices of its family)
 * @param devices    device kinds to use
 * @param repeats    timed runs per measurement; the best is kept (>= 1)
 * @param warmups    untimed runs first, so the JIT and the OpenCL compiler are warm (>= 2)
 * @param seed       seed of the input matrices
 * @param maxSlowN   largest n for kernels without data reuse on CPU devices (naive ijk, the
 *                   stream and multipass kernels on CPUs); larger sizes are skipped and reported
 * @param autotune   search tunings for the register-blocked kernel per OpenCL device (and cache them)
 */
public record RunSpec(
        List<Integer> sizes,
        List<SgemmKernel> kernels,
        List<DeviceKind> devices,
        int repeats,
        int warmups,
        long seed,
        int maxSlowN,
        boolean autotune) {

    /** Largest matrix side: 16384 (a 1 GiB float matrix, three of them on the device). */
    public static final int MAX_SIZE = 16384;
    /**
     * Largest {@code max_slow_n}: 2048. A kernel without data reuse runs at well under a GFLOP/s
     * on a CPU, so one n = 2048 product (1.7·10¹⁰ FLOP) already takes tens of seconds.
     */
    public static final int MAX_SLOW_N = 2048;
    /**
     * Most floating-point work per kernel and device: 2·10¹⁴ FLOP over all sizes and runs
     * (Σ 2n³ × (warmups + repeats)), about half an hour at 100 GFLOP/s; a request beyond it
     * would run for hours without telling.
     */
    public static final double MAX_FLOP_PER_KERNEL = 2e14;

    public RunSpec {
        Check.nonEmpty("sizes", sizes);
        sizes.forEach(n -> Check.inRange("sizes", Check.present("sizes", n), 1, MAX_SIZE));
        Check.nonEmpty("kernels", kernels);
        Check.nonEmpty("devices", devices);
        Check.inRange("repeats", repeats, 1, 1000);
        Check.inRange("warmups", warmups, 2, 1000);
        Check.inRange("max_slow_n", maxSlowN, 1, MAX_SLOW_N);
        double flop = 0;
        for (int n : sizes) {
            flop += 2.0 * n * n * n * (warmups + repeats);
        }
        if (flop > MAX_FLOP_PER_KERNEL) {
            throw new org.scalelab.common.InvalidParameterException("repeats", String.format(java.util.Locale.ROOT,
                    "with these sizes and %d warm-ups, %d repeats cost %.2g FLOP per kernel and device, at most %s",
                    warmups, repeats, flop, org.scalelab.common.Check.format(MAX_FLOP_PER_KERNEL)), repeats);
        }
        sizes = List.copyOf(sizes);
        kernels = List.copyOf(kernels);
        devices = List.copyOf(devices);
    }
}
