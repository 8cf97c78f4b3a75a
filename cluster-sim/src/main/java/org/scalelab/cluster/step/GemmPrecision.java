package org.scalelab.cluster.step;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;
import org.scalelab.common.GpuSpec;

/**
 * The number format the linear layers' matrix multiplies run in. {@code bf16}: every product at the
 * GPU's dense BF16 Tensor Core peak. {@code fp8}: the linear layers' forward, activation-gradient and
 * weight-gradient products (Fprop, Dgrad, Wgrad: attention projections, MLPs and experts) run at the
 * dense FP8 peak, while the embedding, the output layer, the routers, the norms and the attention
 * core stay in BF16, as DeepSeek-V3 trained.
 * Source: DeepSeek-AI 2024 (arXiv:2412.19437), Section 3.3.1 (mixed-precision framework, Figure 6)
 */
public enum GemmPrecision implements Keyed {
    /** Every product at the BF16 peak. */
    BF16("bf16"),
    /** Linear layers at the FP8 peak (DeepSeek-V3's recipe); the rest at the BF16 peak. */
    FP8("fp8");

    /**
     * Printed with the matmul efficiency's source wherever the linear layers run in FP8: the step
     * model gives FP8 products the BF16 large-GEMM efficiency ({@link GemmModel#of(GpuSpec, double,
     * GemmPrecision)}), because no measured FP8-versus-BF16 GEMM efficiency with a source is at hand.
     */
    public static final String FP8_EFFICIENCY_LABEL = "FP8 GEMM efficiency assumed (same as BF16): no measured FP8 rate"
            + " with a source, so the FP8 linear layers run at the BF16 efficiency of the FP8 peak";

    private final String key;

    GemmPrecision(String key) {
        this.key = key;
    }

    /** The name used on the command line and in parameter files. */
    public String key() {
        return key;
    }

    /** Valid names, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(GemmPrecision::key).toList();
    }

    /**
     * The precision of that name (case-insensitive).
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code gemm_precision} and listing the valid names
     */
    public static GemmPrecision byName(String name) {
        String k = Check.oneOf("gemm_precision", name == null ? null : name.toLowerCase(Locale.ROOT), names());
        return k.equals("fp8") ? FP8 : BF16;
    }

    /**
     * The matmul efficiency's source as reports print it: {@code source} unchanged for BF16; for FP8
     * followed by {@link #FP8_EFFICIENCY_LABEL}.
     */
    public String efficiencySource(String source) {
        if (this == BF16) {
            return source;
        }
        return source == null || source.isEmpty() ? FP8_EFFICIENCY_LABEL : source + "; " + FP8_EFFICIENCY_LABEL;
    }

    /** The linear layers' dense peak on {@code gpu}, FLOP/s. */
    public double linearPeakFlopsPerSecond(GpuSpec gpu) {
        return this == FP8 ? gpu.fp8DenseFlopsPerSecond() : gpu.bf16DenseFlopsPerSecond();
    }
}
