package org.scalelab.kernels;

/**
 * One timed kernel run: the row of {@code scalelab kernels run --format json} and of the cuBLAS
 * script ({@code gpu-kernels/scripts/cublas_sgemm.py}).
 *
 * @param kernel               kernel name ({@link SgemmKernel#key()}, or {@code cublas-sgemm})
 * @param device               the device kind asked for ({@link DeviceKind#key()})
 * @param deviceName           the device's own name (OpenCL device name, CPU model)
 * @param n                    matrix side; A, B and C are {@code n x n} floats
 * @param secondsCompute       best of the timed runs, kernel only, seconds
 * @param secondsWithTransfers best of the timed runs including host-device copies, seconds
 * @param gflops               {@code 2 n^3 / secondsCompute / 1e9}, GFLOP/s
 * @param gflopsWithTransfers  {@code 2 n^3 / secondsWithTransfers / 1e9}, GFLOP/s
 * @param maxRelError          max over checked entries of {@code |C - C_ref| / (|A||B|)_ij}, dimensionless
 * @param ranOn                what executed: {@code opencl:<platform>:<device>}, {@code java-thread-pool},
 *                             {@code java} or {@code native-blas}
 */
public record Measurement(
        String kernel,
        String device,
        String deviceName,
        int n,
        double secondsCompute,
        double secondsWithTransfers,
        double gflops,
        double gflopsWithTransfers,
        double maxRelError,
        String ranOn) {

    /** Builds a measurement from times, deriving the GFLOP/s with {@link Flops#gflops}. */
    public static Measurement of(String kernel, String device, String deviceName, int n,
                                 double secondsCompute, double secondsWithTransfers,
                                 double maxRelError, String ranOn) {
        return new Measurement(kernel, device, deviceName, n, secondsCompute, secondsWithTransfers,
                Flops.gflops(n, secondsCompute), Flops.gflops(n, secondsWithTransfers), maxRelError, ranOn);
    }
}
