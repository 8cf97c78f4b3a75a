package org.scalelab.memory;

import java.util.Locale;

/** The point of a training step at which memory is counted. */
public enum StepPhase {
    /** End of the forward pass: every activation kept for the backward is live, the loss inputs too. */
    FORWARD_END,
    /** During the backward pass: the loss gradient, a recomputed layer, gradients accumulating. */
    BACKWARD,
    /** The optimizer update: parameters, gradients and optimizer states, activations freed. */
    OPTIMIZER_STEP;

    /** Name in JSON: {@code forward_end}, {@code backward}, {@code optimizer_step}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
