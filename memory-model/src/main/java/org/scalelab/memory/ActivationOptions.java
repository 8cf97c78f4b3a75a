package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * What a transformer block keeps for its backward pass beyond the shape: dropout (its 1-byte
 * masks and the attention-dropout output), flash attention (no s×s scores stored; the kernel keeps
 * its output and the fp32 log-sum-exp per head and token instead), and the bytes per element of the
 * residual stream and norm inputs (2 for 16-bit activations; 4 when they stay fp32 under
 * {@code torch.autocast}).
 *
 * <p>Without flash attention autograd keeps the softmax output for its backward: 2 bytes per score
 * in 16 bits, but under {@code torch.autocast} the softmax runs in fp32 and the product with V casts
 * its output down, so both the fp32 probabilities (kept by the softmax's backward) and their bf16
 * copy (kept by the matmul's) are live: 6 bytes per score.
 * Source: PyTorch documentation, "Automatic Mixed Precision package - torch.amp", CUDA Ops that can autocast to float32 (softmax)
 * Source: PyTorch 2.x tools/autograd/derivatives.yaml (_softmax saves result; mm/bmm save both inputs)
 *
 * @param dropout        dropout layers are active (masks stored)
 * @param flashAttention attention without stored s×s scores (Dao et al. 2022, FlashAttention)
 * @param residualBytes  bytes per element of the residual stream and norm inputs (2 or 4)
 * @param scoreBytes     bytes kept per attention score without flash attention (2, or 6 under autocast)
 */
public record ActivationOptions(boolean dropout, boolean flashAttention, int residualBytes, int scoreBytes) {

    /** Validates the widths. */
    public ActivationOptions {
        Check.inRange("residual_bytes", residualBytes, 1, 8);
        Check.inRange("score_bytes", scoreBytes, 1, 8);
    }

    /** Options whose stored attention scores are 16-bit (2 bytes each). */
    public ActivationOptions(boolean dropout, boolean flashAttention, int residualBytes) {
        this(dropout, flashAttention, residualBytes, 2);
    }

    /**
     * Korthikanti et al. 2022 §4.1's assumptions: dropout on, attention scores stored, 16-bit
     * activations with 1-byte dropout masks.
     */
    public static ActivationOptions korthikanti() {
        return new ActivationOptions(true, false, 2);
    }

    /** The same options with dropout on or off. */
    public ActivationOptions withDropout(boolean v) {
        return new ActivationOptions(v, flashAttention, residualBytes, scoreBytes);
    }

    /** The same options with flash attention on or off. */
    public ActivationOptions withFlashAttention(boolean v) {
        return new ActivationOptions(dropout, v, residualBytes, scoreBytes);
    }

    /** The same options with another residual-stream width, bytes per element. */
    public ActivationOptions withResidualBytes(int v) {
        return new ActivationOptions(dropout, flashAttention, v, scoreBytes);
    }
}
