package org.scalelab.cluster.step;

import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;

/**
 * The HBM bandwidth the step's memory-bound kernels run at (norms, activation functions, residual
 * adds, dropout, casts, the loss, the optimizer update, and the memory bound of skinny matrix
 * multiplies), and where it comes from. No kernel streams at the data-sheet rate: by default it is
 * the best measured rate of a streaming kernel over large buffers, as a fraction of the data sheet,
 * times the GPU's data-sheet bandwidth. One fraction per architecture, since each is measured on one
 * part only:
 * <ul>
 *   <li>Ampere (A100 40 GB and 80 GB): BabelStream 5.0 (CUDA) Copy on an NVIDIA A100-SXM4-80GB
 *       (Tursa), 1,709,360.800 MB/s over three 268.4 MB arrays, of the 2,039 GB/s data sheet:
 *       0.8383;</li>
 *   <li>Hopper (H100 SXM and PCIe, H800, H200): FlashMLA's dense decoding kernel, "up to 3000 GB/s
 *       in memory-bound configuration ... on H800 SXM5", of the 3.35 TB/s data sheet: 0.8955.</li>
 * </ul>
 * Source: ukri-bench/benchmark-BabelStream README, "Example performance data" (Tursa, A100-SXM4-80GB)
 * Source: deepseek-ai/FlashMLA README, "Performance" (H800 SXM5, CUDA 12.8)
 *
 * @param bytesPerSecond bandwidth memory-bound kernels reach, bytes/s (&gt; 0)
 * @param source         where it comes from: a measurement, or "given"
 */
public record HbmBandwidth(double bytesPerSecond, String source) {

    /** BabelStream Copy on an A100-SXM4-80GB, GB/s (ukri-bench/benchmark-BabelStream README, Tursa). */
    public static final double A100_COPY_GB_PER_S = 1_709.360800;
    /** The A100 80 GB SXM data-sheet HBM2e bandwidth that copy ran against, GB/s. */
    public static final double A100_80GB_DATA_SHEET_GB_PER_S = 2_039;
    /** FlashMLA dense decoding, memory-bound, on an H800 SXM5, GB/s (deepseek-ai/FlashMLA README). */
    public static final double H800_FLASHMLA_GB_PER_S = 3_000;
    /** The H800 SXM5 data-sheet HBM3 bandwidth that kernel ran against, GB/s. */
    public static final double H800_DATA_SHEET_GB_PER_S = 3_350;
    /** The largest bandwidth accepted, GB/s: a petabyte/s per GPU. */
    public static final double MAX_GB_PER_S = 1e6;

    /**
     * @throws org.scalelab.common.InvalidParameterException naming {@code hbm_gb_per_s} unless the
     *         bandwidth is in (0, 10⁶] GB/s
     */
    public HbmBandwidth {
        Check.inHalfOpen("hbm_gb_per_s", bytesPerSecond / 1e9, 0, MAX_GB_PER_S);
        source = source == null ? "" : source;
    }

    /** The bandwidth in GB/s (10⁹ bytes/s), as reports print it. */
    public double gbPerS() {
        return bytesPerSecond / 1e9;
    }

    /** Seconds to move {@code bytes} at this bandwidth. */
    public double seconds(double bytes) {
        return bytes / bytesPerSecond;
    }

    /**
     * Achieved / data-sheet bandwidth of a streaming kernel on the GPU's architecture: 1,709.3608 /
     * 2,039 on Ampere (BabelStream Copy, A100-SXM4-80GB), 3,000 / 3,350 on Hopper (FlashMLA, H800
     * SXM5). A custom GPU keeps its preset's fraction. In (0, 1].
     * Source: ukri-bench/benchmark-BabelStream README; deepseek-ai/FlashMLA README
     */
    public static double measuredFraction(GpuSpec gpu) {
        return ampere(gpu) ? A100_COPY_GB_PER_S / A100_80GB_DATA_SHEET_GB_PER_S
                : H800_FLASHMLA_GB_PER_S / H800_DATA_SHEET_GB_PER_S;
    }

    /** The measured default for {@code gpu}: its data-sheet bandwidth × {@link #measuredFraction}, with its source. */
    public static HbmBandwidth measured(GpuSpec gpu) {
        return new HbmBandwidth(measuredFraction(gpu) * gpu.hbmBandwidthBytesPerSecond(), measuredSource(gpu));
    }

    /**
     * The bandwidth a run uses, the one rule {@code cluster step}, {@code kind: cluster} and
     * {@code plan} share: the given GB/s with {@code givenSource} ("given" when null), else
     * {@link #measured}.
     *
     * @param givenGbPerS the bandwidth the user gave ({@code --hbm-gb-per-s}, {@code hbm_gb_per_s}), GB/s, or null
     * @throws org.scalelab.common.InvalidParameterException naming {@code hbm_gb_per_s} for a given
     *         value outside (0, 10⁶]
     */
    public static HbmBandwidth of(GpuSpec gpu, Double givenGbPerS, String givenSource) {
        if (givenGbPerS == null) {
            return measured(gpu);
        }
        Check.inHalfOpen("hbm_gb_per_s", givenGbPerS, 0, MAX_GB_PER_S);
        return new HbmBandwidth(givenGbPerS * 1e9, givenSource == null ? "given" : givenSource);
    }

    /** Where {@link #measured} comes from, printed with the result. */
    public static String measuredSource(GpuSpec gpu) {
        String fraction = String.format(Locale.ROOT, "%.1f %% of the %,.0f GB/s data sheet", 100 * measuredFraction(gpu),
                gpu.hbmBandwidthBytesPerSecond() / 1e9);
        if (ampere(gpu)) {
            String note = gpu.key().toLowerCase(Locale.ROOT).startsWith("a100-80gb") ? "" : " (A100 80 GB fraction; this GPU not measured there)";
            return "measured streaming bandwidth, " + fraction + ": BabelStream Copy 1,709.4 GB/s on an A100-SXM4-80GB"
                    + note + ", ukri-bench/benchmark-BabelStream README";
        }
        String n = gpu.key().toLowerCase(Locale.ROOT);
        String note = n.startsWith("h800") ? "" : " (H800 SXM5 fraction; this GPU not measured there)";
        return "measured memory-bound kernel bandwidth, " + fraction + ": FlashMLA decoding up to 3000 GB/s on an H800 SXM5"
                + note + ", deepseek-ai/FlashMLA README";
    }

    private static boolean ampere(GpuSpec gpu) {
        return gpu.key().toLowerCase(Locale.ROOT).startsWith("a100");
    }
}
