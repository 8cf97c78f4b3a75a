package org.scalelab.memory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * A precision recipe: what a training framework really keeps per parameter and per token, as
 * opposed to a bytes-per-parameter preset. Each constant states its bytes per parameter for the
 * working parameters, the gradients, the fp32 master copy and the Adam moments (momentum and
 * variance together), whether the master copy and moments are sharded over data parallelism,
 * whether autocast keeps a 16-bit copy of every weight it casts, the bytes per element of the
 * residual stream and norm inputs, and the bytes per logit live at the end of the forward pass
 * and added by the loss gradient at the start of the backward pass.
 *
 * <p>Without a recipe the memory model keeps its {@link BytesPerParam} accounting unchanged.
 */
public enum Recipe implements Keyed {
    /**
     * Megatron-LM mixed precision: bf16 parameters 2, fp32 main gradients 4, fp32 master copy 4,
     * Adam moments 8 (18 bytes/param). Its vocabulary-parallel cross-entropy keeps the fp32 softmax
     * (4 bytes per logit) and turns it into the gradient in place.
     * Source: NVIDIA Megatron-LM {@code megatron/training/theoretical_memory_usage.py} ("18 bytes per parameter"),
     * {@code megatron/core/tensor_parallel/cross_entropy.py}.
     */
    MEGATRON_BF16("megatron-bf16", 2, 4, 4, 8, false, 0, 2, 4, 0, 0,
            "Megatron-LM theoretical_memory_usage.py (18 bytes/param); the nearest measured row, NVIDIA/Megatron-LM#482"
                    + " \"Analysis Tool\" (a memory-estimation tool: Llama-2 7B, DP 8, PP 2, 69.1 GB measured vs 68.8 GB estimated), does"
                    + " not state whether the distributed optimizer was on"),
    /**
     * As {@link #MEGATRON_BF16} with the distributed optimizer: master copy and Adam moments
     * sharded over the data-parallel group, "6 + 12/DP" bytes/param. This is ZeRO stage 1, so it is
     * refused together with {@code zero} ≥ 1.
     * Source: NVIDIA Megatron-LM {@code megatron/training/theoretical_memory_usage.py} ("6 + 12/DP").
     */
    MEGATRON_BF16_DISTOPT("megatron-bf16-distopt", 2, 4, 4, 8, true, 0, 2, 4, 0, 0,
            "Megatron-LM theoretical_memory_usage.py (6 + 12/DP bytes/param); no published measured peak found"),
    /**
     * PyTorch automatic mixed precision: fp32 parameters 4 and gradients 4, fused AdamW moments 8,
     * no separate master copy. {@code torch.autocast(bfloat16)} caches a bf16 copy (2 bytes) of every
     * weight it casts for the whole forward and backward; the residual stream and norm inputs stay
     * fp32 (4 bytes); the loss runs on fp32 logits: the bf16 logits (2) and fp32 log-probabilities
     * (4) are live at the end of the forward, the fp32 copy of the logits (4) while the log-softmax
     * runs, and the backward materialises the fp32 gradient of the log-probabilities and of the
     * logits (4 + 4). Cast copies are freed when autocast exits unless a layer's autograd node keeps
     * them, so under full recomputation only the output layer's copy outlives the forward.
     * Source: PyTorch documentation, "Automatic Mixed Precision package - torch.amp" (autocast op
     * lists, weight-cast cache), {@code torch.optim.AdamW(fused=True)}.
     */
    TORCH_AMP_BF16("torch-amp-bf16", 4, 4, 0, 8, false, 2, 4, 6, 8, 4,
            "no published measured peak found; PyTorch's own accounting of 10 traced GPT-2-style steps (nanoGPT,"
                    + " 0.16-2.8 B parameters, 8,192-16,384 tokens, with and without full recomputation; fake tensors,"
                    + " PyTorch 2.13.0, by us on 2026-12-01, scripts/trace-pytorch-step.py) is within -0.2 % to +2.6 % of it;"
                    + " single-GPU steps only: other layouts and shapes were not traced"),
    /**
     * Pure bf16 training: bf16 parameters 2, gradients 2 and AdamW moments 4 (PyTorch's AdamW
     * allocates its states with {@code zeros_like(param)}), no master copy; the loss is computed on
     * fp32 logits as in {@link #TORCH_AMP_BF16}.
     * Source: PyTorch {@code torch/optim/adamw.py} state initialisation.
     */
    BF16_PURE("bf16-pure", 2, 2, 0, 4, false, 0, 2, 6, 8, 4,
            "no published measured peak found; PyTorch's own accounting of 2 traced GPT-2-style steps (nanoGPT,"
                    + " 0.16 and 1.4 B parameters; fake tensors, PyTorch 2.13.0, by us on 2026-12-01,"
                    + " scripts/trace-pytorch-step.py) is within -0.1 % to +1.7 % of it; single-GPU steps only: other"
                    + " layouts and shapes were not traced");

    private final String key;
    private final double parameterBytes;
    private final double gradientBytes;
    private final double masterBytes;
    private final double momentBytes;
    private final boolean shardsOptimizerOverDp;
    private final double autocastWeightCacheBytes;
    private final int residualBytes;
    private final double logitsForwardBytes;
    private final double logitsGradientBytes;
    private final double lossTransientBytes;
    private final String validation;

    Recipe(String key, double parameterBytes, double gradientBytes, double masterBytes, double momentBytes,
           boolean shardsOptimizerOverDp, double autocastWeightCacheBytes, int residualBytes,
           double logitsForwardBytes, double logitsGradientBytes, double lossTransientBytes, String validation) {
        this.key = key;
        this.parameterBytes = parameterBytes;
        this.gradientBytes = gradientBytes;
        this.masterBytes = masterBytes;
        this.momentBytes = momentBytes;
        this.shardsOptimizerOverDp = shardsOptimizerOverDp;
        this.autocastWeightCacheBytes = autocastWeightCacheBytes;
        this.residualBytes = residualBytes;
        this.logitsForwardBytes = logitsForwardBytes;
        this.logitsGradientBytes = logitsGradientBytes;
        this.lossTransientBytes = lossTransientBytes;
        this.validation = validation;
    }

    /** The name on the command line and in parameter files, e.g. {@code torch-amp-bf16}. */
    public String key() { return key; }

    /** Working parameter copy, bytes/param. */
    public double parameterBytes() { return parameterBytes; }

    /** Gradients (Megatron's main gradients, PyTorch's {@code .grad}), bytes/param. */
    public double gradientBytes() { return gradientBytes; }

    /** fp32 master copy of the parameters (0 when the working copy is the master), bytes/param. */
    public double masterBytes() { return masterBytes; }

    /** Adam momentum and variance together, bytes/param. */
    public double momentBytes() { return momentBytes; }

    /** Master copy and moments together (the ZeRO paper's K), bytes/param. */
    public double optimizerBytes() { return masterBytes + momentBytes; }

    /** Master copy and moments are sharded over the data-parallel group (Megatron's distributed optimizer). */
    public boolean shardsOptimizerOverDp() { return shardsOptimizerOverDp; }

    /**
     * The one rule between a recipe and a ZeRO stage, for the memory model and the step model alike:
     * a recipe that already shards the optimizer over data parallelism (Megatron's distributed
     * optimizer) is ZeRO stage 1, so it takes stage 0.
     *
     * @param recipe the recipe, or null (none given: any stage)
     * @param stage  the ZeRO stage number
     * @throws org.scalelab.common.InvalidParameterException naming {@code recipe}
     */
    public static void checkZeroStage(Recipe recipe, long stage) {
        if (recipe != null && recipe.shardsOptimizerOverDp() && stage != 0) {
            throw new org.scalelab.common.InvalidParameterException("recipe", recipe.key + " already shards the optimizer"
                    + " over data parallelism (it is ZeRO stage 1); use it with zero = 0", recipe.key);
        }
    }

    /** Whether autocast keeps a 16-bit copy of every weight it casts for the forward and backward. */
    public boolean cachesAutocastWeights() { return autocastWeightCacheBytes > 0; }

    /** Bytes per matmul weight of the autocast cast cache (0 without autocast). */
    public double autocastWeightCacheBytes() { return autocastWeightCacheBytes; }

    /** Bytes per element of the residual stream and the norm inputs (4 when they stay fp32). */
    public int residualBytes() { return residualBytes; }

    /** Whether the loss is computed on fp32 logits (true for every recipe here). */
    public boolean fp32Logits() { return true; }

    /** Bytes per logit live at the end of the forward pass (logits and loss inputs kept for the backward). */
    public double logitsForwardBytes() { return logitsForwardBytes; }

    /** Bytes per logit the loss gradient adds at the start of the backward pass (0 when made in place). */
    public double logitsGradientBytes() { return logitsGradientBytes; }

    /** Bytes per logit briefly live while the loss runs in the forward (the fp32 copy of 16-bit logits). */
    public double lossTransientBytes() { return lossTransientBytes; }

    /**
     * Whether the gradients are freed after each optimizer step, so none exist during the forward
     * pass: PyTorch's {@code optimizer.zero_grad()} sets them to None by default since PyTorch 2.0.
     * Megatron-LM keeps one contiguous main-gradient buffer for the whole run.
     */
    public boolean freesGradientsEachStep() {
        return this == TORCH_AMP_BF16 || this == BF16_PURE;
    }

    /**
     * Whether the step runs PyTorch's eager, unfused kernels (torch-amp-bf16, bf16-pure): the dtype
     * casts autograd inserts where an fp32 tensor meets a bf16 one, the norm's separate weight-gradient
     * kernel, bias-gradient reductions, the concatenation of the Q/K/V gradients and a multi-pass
     * cross-entropy, each a kernel of its own. Megatron-LM fuses or avoids them.
     */
    public boolean eagerKernels() {
        return freesGradientsEachStep();
    }

    /** The published row or document that validates this recipe, or a statement that none exists. */
    public String validation() { return validation; }

    /** Bytes per parameter of the three ZeRO model states (parameters, gradients, master + moments). */
    public BytesPerParam bytesPerParam() {
        return new BytesPerParam(key, parameterBytes, gradientBytes, optimizerBytes());
    }

    /**
     * Activation options of this recipe with the given dropout and attention settings; under
     * autocast the stored attention probabilities are the fp32 softmax output and its bf16 copy
     * (6 bytes per score, {@link ActivationOptions}).
     */
    public ActivationOptions activationOptions(boolean dropout, boolean flashAttention) {
        return new ActivationOptions(dropout, flashAttention, residualBytes, cachesAutocastWeights() ? 6 : 2);
    }

    /** Names in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Recipe::key).toList();
    }

    /**
     * The recipe of that name (case-insensitive).
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code recipe} and listing the valid names
     */
    public static Recipe byName(String name) {
        String k = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf("recipe", k, names());
        return Arrays.stream(values()).filter(r -> r.key.equals(k)).findFirst().orElseThrow();
    }
}
