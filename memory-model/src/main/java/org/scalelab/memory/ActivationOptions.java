package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * What a transformer block keeps for its backward pass beyond the shape: dropout (its 1-byte
 * masks and the attention-dropout output), flash attention (no s×s scores stored; the kernel keeps
 * its output and the fp32 log-sum-exp per head and token instead), and the bytes per element of the
 * residual stream and norm inputs (2 for 16-bit activations; 4 when they stay fp32 under
 * {@code torch.autocast}).
 *
 * @param dropout        dropout layers are active (masks stored)
 * @param flashAttention attention without stored s×s scores (Dao et al. 2022, FlashAttention)
 * @param residualBytes  bytes per element of the residual stream and norm inputs (2 or 4)
 */
public record ActivationOptions(boolean dropout, boolean flashAttention, int residualBytes) {

    /** Validates the residual width. */
    public ActivationOptions {
        Check.inRange("residual_bytes", residualBytes, 1, 8);
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
        return new ActivationOptions(v, flashAttention, residualBytes);
    }

    /** The same options with flash attention on or off. */
    public ActivationOptions withFlashAttention(boolean v) {
        return new ActivationOptions(dropout, v, residualBytes);
    }

    /** The same options with another residual-stream width, bytes per element. */
    public ActivationOptions withResidualBytes(int v) {
        return new ActivationOptions(dropout, flashAttention, v);
    }
}
