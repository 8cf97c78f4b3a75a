package org.scalelab.cluster.step;

import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.memory.GpuSpec;

/**
 * How the step's kernels are written: the precision recipe, the attention kernel, dropout, causal
 * masking and sequence parallelism. The defaults are Megatron-LM's layout as Korthikanti et al.
 * (2022) describe it: bf16 with fp32 main gradients, attention scores materialised, dropout on,
 * no sequence parallelism; causal masking on, as in every decoder.
 *
 * @param precision           the precision recipe
 * @param flashAttention      a fused attention kernel (FlashAttention-2) instead of QKᵀ, softmax,
 *                            dropout and attention-over-values as separate kernels
 * @param dropout             dropout after attention and MLP (and on the attention probabilities)
 * @param causal              causal masking: flash attention skips the masked half of the scores
 *                            (the unfused kernels compute it and mask it)
 * @param sequenceParallel    norms, dropout and residual adds split over the tensor-parallel ranks
 *                            (Korthikanti et al. 2022, §4.2.2) instead of repeated on each
 * @param attentionEfficiency achieved / peak FLOP/s of the flash-attention kernel, in (0, 1]
 */
public record StepOptions(Precision precision, boolean flashAttention, boolean dropout, boolean causal,
        boolean sequenceParallel, double attentionEfficiency) {

    public StepOptions {
        Check.present("recipe", precision);
        Check.inHalfOpen("attention_efficiency", attentionEfficiency, 0, 1);
    }

    /** The defaults for {@code gpu}. */
    public static StepOptions defaults(GpuSpec gpu) {
        return new StepOptions(Precision.MEGATRON_BF16, false, true, true, false, defaultAttentionEfficiency(gpu));
    }

    /**
     * Achieved / peak of FlashAttention-2 on the GPU: 0.50 on A100, the low end of the 50-73 % Dao
     * reports for it ("FlashAttention-2: Faster Attention with Better Parallelism and Work
     * Partitioning", 2023, abstract; the backward pass is the slower one); 0.35 on Hopper, where
     * FlashAttention-2 reaches only 35 % of peak (Shah et al., "FlashAttention-3", 2024, abstract).
     */
    public static double defaultAttentionEfficiency(GpuSpec gpu) {
        return gpu.name().toLowerCase(Locale.ROOT).startsWith("a100") ? 0.50 : 0.35;
    }

    /** The source printed with {@link #defaultAttentionEfficiency}. */
    public static String attentionEfficiencySource(GpuSpec gpu) {
        return gpu.name().toLowerCase(Locale.ROOT).startsWith("a100")
                ? "FlashAttention-2 on A100: 50-73 % of peak (Dao 2023, abstract); low end taken"
                : "FlashAttention-2 on H100: 35 % of peak (Shah et al. 2024, FlashAttention-3, abstract)";
    }
}
