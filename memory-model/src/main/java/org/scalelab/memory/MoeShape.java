package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * The mixture-of-experts part of a decoder: which blocks replace their MLP by routed experts, how
 * many experts there are, how many each token is sent to, and how tokens that overflow an expert are
 * treated.
 *
 * <p>A block {@code i} (counted from 0) is a mixture-of-experts block when {@code i >= firstDenseLayers}
 * and {@code i % moeLayerFreq == 0}: the rule of DeepSeek-AI's released modelling code
 * ({@code first_k_dense_replace}, {@code moe_layer_freq}), which with {@code firstDenseLayers = 0}
 * is also Megatron-LM's {@code --moe-layer-freq N} (every N-th layer, the first included). Each such
 * block holds a router (an h × E matrix without bias), E routed experts and S shared experts, every
 * expert an MLP of width {@code expertFfnHidden} of the shape's kind (gated or not). A shared expert of
 * another width is entered as the equal-parameter count of experts of this width (Qwen1.5-MoE's one
 * shared expert of width 5,632 is four of width 1,408).
 * Source: Shazeer et al. 2017, Section 2 (sparsely-gated MoE layer); Fedus et al. 2022 (Switch
 * Transformer), Section 2.1 (capacity factor); Dai et al. 2024 (DeepSeekMoE), Section 3 (shared experts).
 *
 * @param experts          routed experts per MoE block, E (at least 1)
 * @param expertsPerToken  experts each token is routed to, k (1 to E)
 * @param sharedExperts    experts every token passes through, S (0 or more)
 * @param expertFfnHidden  MLP width of one expert
 * @param moeLayerFreq     every how many blocks an MoE block appears (1 = every block)
 * @param firstDenseLayers leading blocks that stay dense
 * @param capacityFactor   tokens an expert accepts over its even share k·T/E (Fedus et al. 2022,
 *                         Eq. 3); tokens beyond are dropped. 0 means dropless (every routed token is
 *                         processed; the busiest expert's load is then set by the load imbalance)
 */
public record MoeShape(int experts, int expertsPerToken, int sharedExperts, int expertFfnHidden, int moeLayerFreq,
                       int firstDenseLayers, double capacityFactor) {

    /** Most routed experts per block: 2¹⁶, far above the largest published (DeepSeek-V3: 256). */
    public static final int MAX_EXPERTS = 1 << 16;
    /** Largest capacity factor: 1,000 (published runs use 1 to 2). */
    public static final double MAX_CAPACITY_FACTOR = 1000;

    /** Validates every field; messages name the parameter-file keys. */
    public MoeShape {
        Check.inRange("experts", experts, 1, MAX_EXPERTS);
        Check.inRange("experts_per_token", expertsPerToken, 1, experts);
        Check.inRange("shared_experts", sharedExperts, 0, MAX_EXPERTS);
        Check.inRange("expert_ffn_hidden", expertFfnHidden, 1, TransformerShape.MAX_FFN_HIDDEN);
        Check.inRange("moe_layer_freq", moeLayerFreq, 1, TransformerShape.MAX_LAYERS);
        Check.inRange("first_dense_layers", firstDenseLayers, 0, TransformerShape.MAX_LAYERS);
        Check.inRange("capacity_factor", capacityFactor, 0, MAX_CAPACITY_FACTOR);
    }

    /** Whether tokens are never dropped ({@code capacityFactor == 0}). */
    public boolean dropless() {
        return capacityFactor == 0;
    }

    /** Whether block {@code i} (from 0) is a mixture-of-experts block. */
    public boolean isMoeLayer(int i) {
        return i >= firstDenseLayers && i % moeLayerFreq == 0;
    }

    /** Number of MoE blocks among the first {@code layers} blocks. */
    public int moeLayers(int layers) {
        int n = 0;
        for (int i = 0; i < layers; i++) {
            n += isMoeLayer(i) ? 1 : 0;
        }
        return n;
    }

    /**
     * Tokens the busiest expert processes in one MoE block for {@code tokens} tokens entering it:
     * k·T/E times the load imbalance (the busiest expert's share over the mean, ≥ 1), capped at the
     * capacity C = capacityFactor·k·T/E when tokens are dropped.
     * Source: Fedus et al. 2022, Eq. 3 (expert capacity = capacity factor × tokens per batch / experts, with k = 1).
     *
     * @param tokens    tokens entering the block (≥ 0)
     * @param imbalance the busiest expert's share over the mean (≥ 1)
     * @return tokens, not rounded
     */
    public double busiestExpertTokens(double tokens, double imbalance) {
        double mean = tokens * expertsPerToken / experts;
        double load = mean * imbalance;
        return dropless() ? load : Math.min(load, capacityFactor * mean);
    }
}
