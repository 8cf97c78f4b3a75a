package org.scalelab.cluster.step;

import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;

/**
 * Time of one (batched) BF16 matrix multiply C[M×N] = A[M×K]·B[K×N] on one GPU, from the
 * analytic model of NVIDIA's "Matrix Multiplication Background User's Guide" (Deep Learning
 * Performance documentation, sections "Math and Memory Bounds" and "Dimension Quantization
 * Effects"):
 * <ul>
 *   <li>the product is math-bound or memory-bound, whichever takes longer: 2·M·N·K FLOPs at the
 *       achievable rate, or the 2-byte operands and result (M·K + K·N + M·N elements) over HBM;</li>
 *   <li>cuBLAS splits C into thread-block tiles (256 × 128 for large BF16 problems, the guide's
 *       example) and runs them in waves of one tile per SM; partial tiles (tile quantisation) and a
 *       partial last wave (wave quantisation) are paid in full, so the math rate is the large-GEMM
 *       rate × useful / (waves · SMs · tile area);</li>
 *   <li>a product too small to fill one wave splits its reduction dimension K over several thread
 *       blocks per tile when that is faster, paying a reduction of the fp32 partial tiles (split-K,
 *       NVIDIA CUTLASS documentation, "Efficient GEMM in CUDA", Parallelized Reductions): the
 *       weight-gradient products of narrow models (h × h over many tokens) are the typical case.</li>
 * </ul>
 * The large-GEMM rate is peak × {@code ceiling}, the efficiency a large well-shaped product reaches
 * (the step model's {@code matmul_efficiency}).
 *
 * @param sms            streaming multiprocessors (A100: 108, H100 SXM and H200: 132, H100 PCIe: 114;
 *                       NVIDIA A100 and H100 architecture whitepapers)
 * @param tileM          tile rows (256)
 * @param tileN          tile columns (128)
 * @param peakFlopsPerSecond dense BF16 peak, FLOP/s
 * @param ceiling        achieved / peak of a large, well-shaped product, in (0, 1]
 * @param hbmBytesPerSecond HBM bandwidth the operands stream at, bytes/s (the achievable one, {@link HbmBandwidth})
 */
public record GemmModel(int sms, int tileM, int tileN, double peakFlopsPerSecond, double ceiling,
        double hbmBytesPerSecond) {

    /** Bytes of a BF16 element. */
    private static final double BF16 = 2;

    /** The least share of K one split-K thread block reduces over. */
    private static final int MIN_SPLIT_K = 256;

    public GemmModel {
        Check.atLeastOne("sms", sms);
        Check.atLeastOne("tile_m", tileM);
        Check.atLeastOne("tile_n", tileN);
        Check.positive("peak_flops_per_s", peakFlopsPerSecond);
        Check.inHalfOpen("matmul_efficiency", ceiling, 0, 1);
        Check.positive("hbm_bandwidth_bytes_per_s", hbmBytesPerSecond);
    }

    /**
     * The model for {@code gpu} with 256 × 128 tiles, the given large-GEMM efficiency and the GPU's
     * measured HBM bandwidth ({@link HbmBandwidth#measured}) for the memory bound.
     */
    public static GemmModel of(GpuSpec gpu, double ceiling) {
        return of(gpu, ceiling, GemmPrecision.BF16, HbmBandwidth.measured(gpu));
    }

    /**
     * The model for the linear layers' products in {@code precision}: the FP8 dense peak for
     * {@link GemmPrecision#FP8} (the same tiles and the same large-GEMM efficiency, an assumption:
     * FP8 MAMF is not in the table {@link #measuredCeiling} cites, and reports print
     * {@link GemmPrecision#FP8_EFFICIENCY_LABEL} with the efficiency), the BF16 one otherwise. Operands
     * are still counted at 2 bytes for the memory bound (DeepSeek-V3 keeps its outputs and several
     * inputs in BF16; only skinny products are memory-bound).
     * Source: DeepSeek-AI 2024 (arXiv:2412.19437), Section 3.3.1
     */
    public static GemmModel of(GpuSpec gpu, double ceiling, GemmPrecision precision) {
        return of(gpu, ceiling, precision, HbmBandwidth.measured(gpu));
    }

    /**
     * As {@link #of(GpuSpec, double, GemmPrecision)}, with the memory bound at {@code hbm}: the
     * bandwidth the step's other memory-bound kernels run at, so that one HBM figure times them all.
     */
    public static GemmModel of(GpuSpec gpu, double ceiling, GemmPrecision precision, HbmBandwidth hbm) {
        return new GemmModel(streamingMultiprocessors(gpu), 256, 128, precision.linearPeakFlopsPerSecond(gpu), ceiling,
                hbm.bytesPerSecond());
    }

    /**
     * SMs of a preset (a custom GPU keeps its preset's count): A100 108 (NVIDIA A100 Tensor Core
     * GPU Architecture whitepaper), H100 SXM5 132 and H100 PCIe 114 (NVIDIA H100 Tensor Core GPU
     * Architecture whitepaper), H200 132 (the same GH100 SXM part).
     */
    public static int streamingMultiprocessors(GpuSpec gpu) {
        String n = gpu.key().toLowerCase(Locale.ROOT);
        if (n.startsWith("a100")) {
            return 108;
        }
        if (n.startsWith("h100-pcie")) {
            return 114;
        }
        return 132;
    }

    /**
     * The large-GEMM efficiency measured for the GPU: the best BF16 {@code torch.matmul} rate over
     * a sweep of shapes (MAMF, "maximum achievable matmul FLOPS") over the dense peak, from
     * stas00/ml-engineering, {@code compute/accelerator/README.md}, "Maximum Achievable Matmul
     * FLOPS comparison table" (torch 2.6-2.7, CUDA 12.6): A100 SXM 271.2 of 312 TFLOP/s = 0.869;
     * H100 SXM 794.5 of 989 = 0.803. The H100 PCIe, H200 and H800, not in the table, take the H100 SXM
     * figure (same GH100 chip; not measured).
     */
    public static double measuredCeiling(GpuSpec gpu) {
        return gpu.key().toLowerCase(Locale.ROOT).startsWith("a100") ? 271.2 / 312 : 794.5 / 989;
    }

    /**
     * A large-GEMM efficiency and where it comes from, printed with the result.
     *
     * @param value  achieved / peak of a large, well-shaped product, in (0, 1]
     * @param source a measurement, a paper, or "given"
     */
    public record Ceiling(double value, String source) { }

    /**
     * The matmul efficiency a run uses, the one rule {@code cluster step}, {@code kind: cluster} and
     * {@code plan} share: the given value with {@code givenSource}, else the GPU's
     * {@link #measuredCeiling} (MAMF) with {@link #measuredCeilingSource}.
     *
     * @param given       the efficiency the user gave, or null
     * @param givenSource where {@code given} comes from (may be null); unused when {@code given} is null
     */
    public static Ceiling ceiling(GpuSpec gpu, Double given, String givenSource) {
        return given != null ? new Ceiling(given, givenSource) : new Ceiling(measuredCeiling(gpu), measuredCeilingSource(gpu));
    }

    /** Where {@link #measuredCeiling} comes from, printed with the result. */
    public static String measuredCeilingSource(GpuSpec gpu) {
        boolean a100 = gpu.key().toLowerCase(Locale.ROOT).startsWith("a100");
        String row = a100 ? "A100 SXM 271.2 of 312 TFLOP/s" : "H100 SXM 794.5 of 989 TFLOP/s";
        String n = gpu.key().toLowerCase(Locale.ROOT);
        String note = n.startsWith("h200") || n.startsWith("h100-pcie") || n.startsWith("h800") ? " (H100 SXM figure; this GPU not measured there)" : "";
        return "measured BF16 MAMF, " + row + note + ": stas00/ml-engineering compute/accelerator/README.md;"
                + " smaller shapes lose tile and wave quantisation (NVIDIA Matrix Multiplication Background guide)";
    }

    /**
     * Seconds of {@code batch} independent products of M×K by K×N: max(math time at the quantised
     * rate, operand and result bytes over HBM), split-K where that is faster ({@link #seconds(double,
     * double, double, double, int)}).
     * Source: NVIDIA 2023, Matrix Multiplication Background User's Guide, Chapter 2 (math and memory bounds)
     */
    public double seconds(double m, double n, double k, double batch) {
        double best = seconds(m, n, k, batch, 1);
        for (int split = 2; split <= splitLimit(m, n, k, batch); split++) {
            best = Math.min(best, seconds(m, n, k, batch, split));
        }
        return best;
    }

    /**
     * Seconds with the reduction dimension split over {@code split} thread blocks per output tile
     * (split-K): the math rate counts {@code split} times the tiles in the wave, and each split
     * writes its fp32 partial tile and a reduction reads it back (8 bytes per output element per
     * split over HBM).
     * Source: NVIDIA CUTLASS documentation, "Efficient GEMM in CUDA", Parallelized Reductions (Split K)
     */
    double seconds(double m, double n, double k, double batch, int split) {
        double flops = flops(m, n, k, batch);
        double math = flops / (peakFlopsPerSecond * ceiling * quantisationEfficiency(m, n, batch * split));
        double memory = BF16 * batch * (m * k + k * n + m * n) / hbmBytesPerSecond;
        double reduction = split > 1 ? 8.0 * split * m * n * batch / hbmBytesPerSecond : 0;
        return Math.max(math, memory) + reduction;
    }

    /**
     * The most K-splits worth trying: a product whose tiles leave SMs idle in its only wave can
     * split K until the wave is full, each split keeping at least {@value #MIN_SPLIT_K} of K;
     * a product with a full wave or more is not split.
     */
    int splitLimit(double m, double n, double k, double batch) {
        double tiles = tiles(m, n, batch);
        if (tiles >= sms) {
            return 1;
        }
        return (int) Math.max(1, Math.min(Math.floor(sms / tiles), Math.floor(k / MIN_SPLIT_K)));
    }

    /** 2·M·N·K·batch FLOPs. */
    public static double flops(double m, double n, double k, double batch) {
        return 2.0 * m * n * k * batch;
    }

    /** Bytes the product reads and writes at least: 2·(MK + KN + MN)·batch. */
    public static double bytes(double m, double n, double k, double batch) {
        return BF16 * batch * (m * k + k * n + m * n);
    }

    /**
     * Useful / issued work of the tiling: M·N·batch over waves · SMs · tile area, the tile laid
     * with its long side along the longer of M and N. In (0, 1].
     * Source: NVIDIA 2023, Matrix Multiplication Background User's Guide, §3.1 (tile) and §3.2 (wave quantization)
     */
    public double quantisationEfficiency(double m, double n, double batch) {
        double waves = Math.ceil(tiles(m, n, batch) / sms);
        return m * n * batch / (waves * sms * tileM * tileN);
    }

    /** Thread-block tiles of {@code batch} M×N outputs, each tile laid with its long side along the longer of M and N. */
    private double tiles(double m, double n, double batch) {
        double tm = m >= n ? tileM : tileN;
        double tn = m >= n ? tileN : tileM;
        return Math.ceil(m / tm) * Math.ceil(n / tn) * batch;
    }
}
