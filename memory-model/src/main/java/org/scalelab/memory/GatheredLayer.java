package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * What ZeRO stage 3 must still hold on the GPU when every parameter partition lives elsewhere:
 * the parameters it gathers for the layer being computed. Even with parameter offload the GPU
 * holds at least DeepSpeed's estimator floor, the 16-bit parameters and 16-bit gradients of the
 * largest layer (4 bytes per parameter of the largest layer); with real settings the prefetch
 * bucket and {@code stage3_max_live_parameters} come on top ({@link CommBuffers}).
 */
public final class GatheredLayer {
    /**
     * Width-to-depth ratio h/L of the shape rule, 128: GPT-3 175B's d_model 12288 over 96 layers
     * (Brown et al. 2020, Table 2.1).
     */
    public static final double ASPECT_RATIO = 128;
    /** Vocabulary of the shape rule: the GPT-2/GPT-3 BPE vocabulary, 50257 (Brown et al. 2020). */
    public static final long RULE_VOCAB = 50257;

    private GatheredLayer() {}

    /**
     * DeepSpeed's ZeRO-3 floor: {@code largest_layer_memory = 4 * largest_layer_params} (16-bit
     * parameters and gradients of the largest layer), divided by the tensor-parallel degree that
     * splits that layer.
     * Source: DeepSpeed {@code estimate_zero3_model_states_mem_needs} (deepspeed/runtime/zero/stage3.py). Bytes.
     *
     * @param largestLayerParams parameters of the largest single module
     * @param tp                 tensor-parallel degree (≥ 1)
     */
    public static double floorBytes(double largestLayerParams, long tp) {
        Check.nonNegative("largest_layer_params", largestLayerParams);
        Check.atLeastOne("tp", tp);
        return 4.0 * largestLayerParams / tp;
    }

    /**
     * The largest layer of a model known only by its parameter count Ψ, by a stated shape rule: a
     * GPT-3-style stack (12h² parameters per layer) with width h = 128 × depth, so Ψ = 12h³/128 and
     * h = (128Ψ/12)^(1/3); the largest module is the larger of the MLP up-projection 4h² + 4h and the
     * embedding table 50257·h. Gives h ≈ 12,300 for Ψ = 175e9 (GPT-3: 12,288). Parameters.
     */
    public static double largestLayerParamsByRule(double paramCount) {
        Check.positive("params", paramCount);
        double h = Math.cbrt(ASPECT_RATIO * paramCount / 12.0);
        return Math.max(4 * h * h + 4 * h, RULE_VOCAB * h);
    }
}
