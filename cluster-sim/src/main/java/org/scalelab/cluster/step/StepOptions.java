package org.scalelab.cluster.step;

import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;

/**
 * How the step's kernels are written: the precision recipe, the attention kernel, dropout, causal
 * masking and sequence parallelism. The defaults are Megatron-LM's layout as Korthikanti et al.
 * (2022) describe it: bf16 with fp32 main gradients, attention scores materialised, dropout on,
 * no sequence parallelism; causal masking on, as in every decoder.
 *
 * @param recipe              the precision recipe (Megatron-LM's {@code megatron-bf16} unless given)
 * @param flashAttention      a fused attention kernel (FlashAttention-2) instead of QKᵀ, softmax,
 *                            dropout and attention-over-values as separate kernels
 * @param dropout             dropout after attention and MLP (and on the attention probabilities)
 * @param causal              causal masking: flash attention skips the masked half of the scores
 *                            (the unfused kernels compute it and mask it)
 * @param sequenceParallel    norms, dropout and residual adds split over the tensor-parallel ranks
 *                            (Korthikanti et al. 2022, §4.2.2) instead of repeated on each
 * @param attentionEfficiency achieved / peak FLOP/s of the flash-attention kernel, in (0, 1]
 * @param tpOverlap           fraction of the tensor-parallel communication hidden behind the
 *                            matrix multiplies it feeds (MegaScale §3.2 fuses them), in [0, 1]
 * @param gradientAccumulationFusion the weight-gradient product accumulates straight into the fp32
 *                            main gradient (Megatron-LM's default, {@code --no-gradient-accumulation-fusion}
 *                            turns it off); without it each micro-batch adds its bf16 weight
 *                            gradient into the fp32 main gradient in a separate kernel (read 4 + 2 B,
 *                            write 4 B per parameter), as Megatron-LM's 2021 DDP hook
 *                            ({@code main_grad.add_(grad)}) did
 * @param gemmPrecision       the linear layers' number format ({@link GemmPrecision}; bf16 unless given)
 * @param expertLoadImbalance the busiest expert's tokens over the mean, ≥ 1 (1: perfectly balanced
 *                            routing); ignored for dense models
 * @param a2aOverlap          fraction of the expert-parallel all-to-all hidden behind compute, in
 *                            [0, 1]; 0 by default, because hiding it needs a schedule built for it
 *                            (DeepSeek-V3's DualPipe, DeepSeek-AI 2024, Section 3.2.1)
 */
public record StepOptions(Recipe recipe, boolean flashAttention, boolean dropout, boolean causal,
        boolean sequenceParallel, double attentionEfficiency, double tpOverlap, boolean gradientAccumulationFusion,
        GemmPrecision gemmPrecision, double expertLoadImbalance, double a2aOverlap) {

    /**
     * The precision recipe the step time runs unless given: Megatron-LM's bf16 mixed precision (bf16
     * parameters, fp32 main gradients reduced in fp32, fp32 master copy and Adam states, 18 bytes/param;
     * {@link Recipe#MEGATRON_BF16} cites Megatron-LM's {@code theoretical_memory_usage.py}). The planner
     * checks memory with the same recipe unless given another or a bytes-per-parameter preset.
     */
    public static final Recipe DEFAULT_RECIPE = Recipe.MEGATRON_BF16;
    /** The linear layers' number format unless given: bf16, Megatron-LM's mixed precision (Korthikanti et al. 2022). */
    public static final String DEFAULT_GEMM_PRECISION = "bf16";
    /** The busiest expert's tokens over the mean unless given: 1, perfectly balanced routing. */
    public static final double DEFAULT_EXPERT_LOAD_IMBALANCE = 1.0;
    /**
     * Fraction of the expert all-to-all hidden behind compute unless given: 0, since hiding it needs a
     * schedule built for it (DeepSeek-V3's DualPipe, DeepSeek-AI 2024, arXiv:2412.19437, Section 3.2.1).
     */
    public static final double DEFAULT_A2A_OVERLAP = 0.0;

    public StepOptions {
        Check.present("recipe", recipe);
        Check.inRange("tp_overlap", tpOverlap, 0, 1);
        Check.inHalfOpen("attention_efficiency", attentionEfficiency, 0, 1);
        Check.present("gemm_precision", gemmPrecision);
        Check.inRange("expert_load_imbalance", expertLoadImbalance, 1, org.scalelab.memory.MoeShape.MAX_EXPERTS);
        Check.inRange("a2a_overlap", a2aOverlap, 0, 1);
    }

    /** Options with bf16 GEMMs, balanced routing and no all-to-all overlap. */
    public StepOptions(Recipe recipe, boolean flashAttention, boolean dropout, boolean causal, boolean sequenceParallel,
            double attentionEfficiency, double tpOverlap, boolean gradientAccumulationFusion) {
        this(recipe, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap,
                gradientAccumulationFusion, GemmPrecision.byName(DEFAULT_GEMM_PRECISION), DEFAULT_EXPERT_LOAD_IMBALANCE,
                DEFAULT_A2A_OVERLAP);
    }

    /** The defaults for {@code gpu}. */
    public static StepOptions defaults(GpuSpec gpu) {
        return new StepOptions(DEFAULT_RECIPE, false, true, true, false, defaultAttentionEfficiency(gpu), 0, true);
    }

    /**
     * The options with each given value replacing the default (null keeps it), as the command line
     * and parameter files pass them. Field names are the parameter-file keys.
     *
     * @throws org.scalelab.common.InvalidParameterException naming the key of a bad value
     */
    public static StepOptions of(GpuSpec gpu, String recipe, Boolean flashAttention, Boolean dropout, Boolean causal,
            Boolean sequenceParallel, Double attentionEfficiency, Double tpOverlap, Boolean gradientAccumulationFusion) {
        StepOptions d = defaults(gpu);
        return new StepOptions(recipe == null ? d.recipe : Recipe.byName(recipe),
                flashAttention == null ? d.flashAttention : flashAttention, dropout == null ? d.dropout : dropout,
                causal == null ? d.causal : causal, sequenceParallel == null ? d.sequenceParallel : sequenceParallel,
                attentionEfficiency == null ? d.attentionEfficiency : attentionEfficiency,
                tpOverlap == null ? d.tpOverlap : tpOverlap,
                gradientAccumulationFusion == null ? d.gradientAccumulationFusion : gradientAccumulationFusion);
    }

    /**
     * The same options with each given mixture-of-experts setting replacing this one (null keeps it),
     * as the command line and parameter files pass them.
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code gemm_precision},
     *         {@code expert_load_imbalance} or {@code a2a_overlap}
     */
    public StepOptions withMoe(String precision, Double loadImbalance, Double overlap) {
        return new StepOptions(recipe, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap,
                gradientAccumulationFusion, precision == null ? gemmPrecision : GemmPrecision.byName(precision),
                loadImbalance == null ? expertLoadImbalance : loadImbalance, overlap == null ? a2aOverlap : overlap);
    }

    /**
     * The mixture-of-experts settings that differ from their defaults although {@code shape} has no
     * experts, so they change nothing: {@code expert_load_imbalance} and {@code a2a_overlap} by key,
     * with their values, in that order; empty for a mixture-of-experts shape. ({@code gemm_precision}
     * applies to dense models too.) The caller warns, naming options or file keys.
     */
    public java.util.Map<String, Double> withoutEffectOn(org.scalelab.memory.TransformerShape shape) {
        return withoutEffect(shape.isMoe(), expertLoadImbalance, a2aOverlap);
    }

    /** As {@link #withoutEffectOn}, for a model that has experts ({@code moe}) or not. */
    public static java.util.Map<String, Double> withoutEffect(boolean moe, double expertLoadImbalance, double a2aOverlap) {
        java.util.Map<String, Double> unused = new java.util.LinkedHashMap<>();
        if (moe) {
            return unused;
        }
        if (expertLoadImbalance != DEFAULT_EXPERT_LOAD_IMBALANCE) {
            unused.put("expert_load_imbalance", expertLoadImbalance);
        }
        if (a2aOverlap != DEFAULT_A2A_OVERLAP) {
            unused.put("a2a_overlap", a2aOverlap);
        }
        return unused;
    }

    /** The same options with another recipe. */
    public StepOptions withRecipe(Recipe r) {
        return new StepOptions(r, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap, gradientAccumulationFusion,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with flash attention on or off. */
    public StepOptions withFlashAttention(boolean v) {
        return new StepOptions(recipe, v, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap, gradientAccumulationFusion,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with dropout on or off. */
    public StepOptions withDropout(boolean v) {
        return new StepOptions(recipe, flashAttention, v, causal, sequenceParallel, attentionEfficiency, tpOverlap, gradientAccumulationFusion,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with causal masking on or off. */
    public StepOptions withCausal(boolean v) {
        return new StepOptions(recipe, flashAttention, dropout, v, sequenceParallel, attentionEfficiency, tpOverlap, gradientAccumulationFusion,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with sequence parallelism on or off. */
    public StepOptions withSequenceParallel(boolean v) {
        return new StepOptions(recipe, flashAttention, dropout, causal, v, attentionEfficiency, tpOverlap, gradientAccumulationFusion,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with another flash-attention efficiency. */
    public StepOptions withAttentionEfficiency(double v) {
        return new StepOptions(recipe, flashAttention, dropout, causal, sequenceParallel, v, tpOverlap, gradientAccumulationFusion,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with another tensor-parallel overlap. */
    public StepOptions withTpOverlap(double v) {
        return new StepOptions(recipe, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, v, gradientAccumulationFusion,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with gradient-accumulation fusion on or off. */
    public StepOptions withGradientAccumulationFusion(boolean v) {
        return new StepOptions(recipe, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap, v,
                gemmPrecision, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with the linear layers' GEMMs in another precision. */
    public StepOptions withGemmPrecision(GemmPrecision p) {
        return new StepOptions(recipe, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap,
                gradientAccumulationFusion, p, expertLoadImbalance, a2aOverlap);
    }

    /** The same options with another expert load imbalance (the busiest expert's share over the mean). */
    public StepOptions withExpertLoadImbalance(double v) {
        return new StepOptions(recipe, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap,
                gradientAccumulationFusion, gemmPrecision, v, a2aOverlap);
    }

    /** The same options with another fraction of the all-to-all hidden behind compute. */
    public StepOptions withA2aOverlap(double v) {
        return new StepOptions(recipe, flashAttention, dropout, causal, sequenceParallel, attentionEfficiency, tpOverlap,
                gradientAccumulationFusion, gemmPrecision, expertLoadImbalance, v);
    }

    /**
     * Bytes the Adam update reads and writes per parameter it owns: it reads the gradient, the
     * moments and the master copy (the parameter itself when there is none) and writes the moments,
     * the master copy and the working parameter. megatron-bf16: 16 + 14 = 30; torch-amp-bf16:
     * 16 + 12 = 28; bf16-pure: 8 + 6 = 14.
     */
    public double optimizerBytesPerParam() {
        Recipe r = recipe;
        double read = r.gradientBytes() + r.momentBytes() + (r.masterBytes() > 0 ? r.masterBytes() : r.parameterBytes());
        double write = r.momentBytes() + r.masterBytes() + r.parameterBytes();
        return read + write;
    }

    /**
     * Achieved / peak of FlashAttention-2 on the GPU: 0.50 on A100, the low end of the 50-73 % Dao
     * reports for it ("FlashAttention-2: Faster Attention with Better Parallelism and Work
     * Partitioning", 2023, abstract; the backward pass is the slower one); 0.35 on Hopper, where
     * FlashAttention-2 reaches only 35 % of peak (Shah et al., "FlashAttention-3", 2024, abstract).
     */
    public static double defaultAttentionEfficiency(GpuSpec gpu) {
        return gpu.key().toLowerCase(Locale.ROOT).startsWith("a100") ? 0.50 : 0.35;
    }

    /** The source printed with {@link #defaultAttentionEfficiency}. */
    public static String attentionEfficiencySource(GpuSpec gpu) {
        return gpu.key().toLowerCase(Locale.ROOT).startsWith("a100")
                ? "FlashAttention-2 on A100: 50-73 % of peak (Dao 2023, abstract); low end taken"
                : "FlashAttention-2 on H100: 35 % of peak (Shah et al. 2024, FlashAttention-3, abstract)";
    }
}
