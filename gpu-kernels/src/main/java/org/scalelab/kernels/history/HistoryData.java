package org.scalelab.kernels.history;

import java.util.List;
import org.scalelab.common.GpuSpec;

/**
 * Published matrix-multiply data points of the GPGPU era, each with its source and whether it
 * could be verified (copied from the project's reference notes, which list the sources; the
 * repository must not read them at run time).
 */
public final class HistoryData {
    private HistoryData() {}

    /**
     * A data point.
     *
     * @param year     year of publication
     * @param what     what was measured
     * @param n        matrix side, or 0 when not stated
     * @param gflops   GFLOP/s, or NaN when the source gives only a ratio
     * @param speedup  GPU over CPU, or NaN when not stated
     * @param sourced  true when the number was read in the cited source
     * @param source   the citation (or "unsourced")
     */
    public record Point(int year, String what, int n, double gflops, double speedup, boolean sourced, String source) { }

    /** 2 n^3 flops in {@code seconds}, as GFLOP/s. */
    public static double gflops(int n, double seconds) {
        return 2.0 * n * n * (double) n / seconds / 1e9;
    }

    public static final String THOMPSON = "Thompson, Hahn and Oskin, \"Using modern graphics architectures for general-purpose computing\","
            + " MICRO-35, 2002 (quoted: \"For a 1500x1500 matrix, the GPU outperforms the CPU by a factor of 3.2\")";
    public static final String FATAHALIAN = "Fatahalian, Sugerman and Hanrahan, \"Understanding the Efficiency of GPU Algorithms for"
            + " Matrix-Matrix Multiplication\", Graphics Hardware 2004, pp. 133-137 (abstract and Fig. 1 caption)";
    public static final String BUCK = "Buck et al., \"Brook for GPUs: Stream Computing on Graphics Hardware\", ACM TOG 23(3), SIGGRAPH 2004"
            + " (benchmarks SAXPY, SGEMV, segmentation, FFT, ray tracing; no matrix multiply)";
    public static final String LARSEN = "Larsen and McAllister, \"Fast matrix multiplies using graphics hardware\", SC2001"
            + " (outer-product formulation, multitexturing/blending on a GeForce 3; timings not verified here)";
    public static final String VOLKOV = "Volkov, \"120 GFLOPS in Matrix-Matrix Multiply using DirectX 9.0\", UC Berkeley,"
            + " 2007-01-31 (ATI Radeon X1900 XT; the title's figure)";
    public static final String H100 = "NVIDIA H100 SXM5 FP32 (non-tensor) peak 67 TFLOP/s (NVIDIA H100 datasheet as reproduced by"
            + " hpctech.co.jp; 132 SMs x 128 lanes x 2 x 1.98 GHz = 66.9 TFLOP/s)";

    /** The points; GFLOP/s are NaN where the source gives none. */
    public static List<Point> points() {
        return List.of(
                new Point(2002, "GeForce4 Ti 4600 vs 1.5 GHz Pentium 4", 1500, Double.NaN, 3.2, true, THOMPSON),
                new Point(2004, "GeForceFX 5900 Ultra, GeForce 6800, Radeon 9800XT/X800XT vs 3 GHz Pentium 4: GPUs"
                        + " \"pronouncedly less efficient than current cache-aware CPU approaches\" (per-device GFLOP/s of Fig. 1 not verified)",
                        0, Double.NaN, Double.NaN, true, FATAHALIAN),
                new Point(2007, "ATI Radeon X1900 XT, DirectX 9.0, 4x4 blocking", 0, 120.0, Double.NaN, true, VOLKOV),
                new Point(2004, "GeForce 6800 (GPU, claimed 2.3 s)", 2048, gflops(2048, 2.3), 72 / 2.3, false,
                        "unsourced popular claim (\"72 s vs 2.3 s for 2048 x 2048 on a GeForce 6800\"); no paper found"),
                new Point(2004, "CPU of the same claim (claimed 72 s)", 2048, gflops(2048, 72), Double.NaN, false,
                        "unsourced popular claim; no paper found"));
    }

    /**
     * The FP32 peak of the GPU a shipped result names, GFLOP/s, from the presets' data sheets
     * ({@link GpuSpec#forDeviceName}), or NaN when no preset matches.
     */
    public static double gpuPeakGflops(String deviceName) {
        GpuSpec gpu = GpuSpec.forDeviceName(deviceName);
        return gpu == null ? Double.NaN : gpu.fp32FlopsPerSecond() / 1e9;
    }
}
