package org.scalelab.kernels;

import java.util.List;
import org.scalelab.common.Check;

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

    public RunSpec {
        Check.nonEmpty("sizes", sizes);
        sizes.forEach(n -> Check.inRange("sizes", n, 1, 16384));
        Check.nonEmpty("kernels", kernels);
        Check.nonEmpty("devices", devices);
        Check.inRange("repeats", repeats, 1, 1000);
        Check.inRange("warmups", warmups, 2, 1000);
        Check.atLeastOne("max_slow_n", maxSlowN);
        sizes = List.copyOf(sizes);
        kernels = List.copyOf(kernels);
        devices = List.copyOf(devices);
    }
}
