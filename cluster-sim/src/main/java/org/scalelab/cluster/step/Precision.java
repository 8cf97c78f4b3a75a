package org.scalelab.cluster.step;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;

/**
 * What the step's memory-bound work reads and writes under a precision recipe (the same names as
 * {@code scalelab memory --recipe}): the width of the residual stream and of the logits the loss
 * reads, the bytes the optimizer moves per parameter, and whether autocast casts the weights.
 *
 * <ul>
 *   <li>{@code megatron-bf16}: bf16 activations and residual stream, bf16 logits upcast inside the
 *       vocabulary-parallel cross entropy; fused Adam reads fp32 main gradient, master weight,
 *       momentum and variance (16 B) and writes master, momentum, variance and the bf16 weight
 *       (14 B): 30 B per parameter (Megatron-LM {@code optimizer.py}, mixed precision with fp32 main
 *       gradients).</li>
 *   <li>{@code megatron-bf16-distopt}: the same bytes on the GPU's 1/dp shard (the distributed
 *       optimizer).</li>
 *   <li>{@code torch-amp-bf16}: fp32 parameters and gradients under {@code torch.autocast(bfloat16)}:
 *       the residual stream and norms stay fp32, the logits are upcast to fp32 for the loss, every
 *       linear weight is cast to bf16 once per forward (read 4 B, write 2 B), and its bf16 gradient
 *       is cast back (read 2 B, write 4 B) and accumulated into the fp32 {@code .grad} (read 8 B,
 *       write 4 B from the second micro-batch on); fused AdamW reads parameter, gradient, momentum
 *       and variance (16 B) and writes parameter, momentum and variance (12 B): 28 B (PyTorch AMP
 *       documentation, "Autocast Op Reference"; {@code torch.optim.AdamW(fused=True)}).</li>
 *   <li>{@code bf16-pure}: everything bf16; Adam reads 8 B and writes 6 B per parameter.</li>
 * </ul>
 * Without a recipe the step model uses {@code megatron-bf16}, the layout of Korthikanti et al. 2022.
 */
public enum Precision {
    MEGATRON_BF16("megatron-bf16", 2, 2, 30, false, false),
    MEGATRON_BF16_DISTOPT("megatron-bf16-distopt", 2, 2, 30, false, true),
    TORCH_AMP_BF16("torch-amp-bf16", 4, 4, 28, true, false),
    BF16_PURE("bf16-pure", 2, 2, 14, false, false);

    private final String label;
    private final double residualBytes;
    private final double logitBytes;
    private final double optimizerBytesPerParam;
    private final boolean autocast;
    private final boolean shardedOptimizer;

    Precision(String label, double residualBytes, double logitBytes, double optimizerBytesPerParam, boolean autocast,
            boolean shardedOptimizer) {
        this.label = label;
        this.residualBytes = residualBytes;
        this.logitBytes = logitBytes;
        this.optimizerBytesPerParam = optimizerBytesPerParam;
        this.autocast = autocast;
        this.shardedOptimizer = shardedOptimizer;
    }

    /** The recipe name. */
    public String label() {
        return label;
    }

    /** Bytes per element of the residual stream and the norms' inputs and outputs. */
    public double residualBytes() {
        return residualBytes;
    }

    /** Bytes per element of the logits the loss reads. */
    public double logitBytes() {
        return logitBytes;
    }

    /** Bytes the optimizer update reads and writes per parameter it owns. */
    public double optimizerBytesPerParam() {
        return optimizerBytesPerParam;
    }

    /** Whether autocast casts the fp32 weights to bf16 every forward. */
    public boolean autocast() {
        return autocast;
    }

    /** Whether the optimizer states are sharded over data parallelism. */
    public boolean shardedOptimizer() {
        return shardedOptimizer;
    }

    /** All names, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Precision::label).toList();
    }

    /** The recipe called {@code name}; an unknown name fails naming {@code field} and listing the valid ones. */
    public static Precision byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst().orElseThrow();
    }
}
