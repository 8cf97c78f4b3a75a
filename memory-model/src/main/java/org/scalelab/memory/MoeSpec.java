package org.scalelab.memory;

import org.scalelab.common.InvalidParameterException;

/**
 * The mixture-of-experts keys as the command line and the parameter files give them ({@code experts},
 * {@code experts_per_token}, {@code shared_experts}, {@code expert_ffn_hidden}, {@code moe_layer_freq},
 * {@code first_dense_layers}, {@code capacity_factor}); null means "not given". Given keys override a
 * preset's {@link MoeShape} field by field; on a dense shape, {@code experts} makes it a
 * mixture-of-experts shape and the other keys default to {@link #DEFAULT_EXPERTS_PER_TOKEN} experts per
 * token, no shared expert, experts as wide as the shape's MLP, every block routed and dropless routing.
 * Messages name the file keys.
 *
 * @param experts          routed experts per MoE block E
 * @param expertsPerToken  experts each token is routed to k
 * @param sharedExperts    experts every token passes through
 * @param expertFfnHidden  MLP width of one expert
 * @param moeLayerFreq     every how many blocks an MoE block appears
 * @param firstDenseLayers leading blocks that stay dense
 * @param capacityFactor   expert capacity over the even share (0 = dropless)
 */
public record MoeSpec(Integer experts, Integer expertsPerToken, Integer sharedExperts, Integer expertFfnHidden,
                      Integer moeLayerFreq, Integer firstDenseLayers, Double capacityFactor) {

    /**
     * Experts per token unless given: 2, Megatron-LM's default ({@code --moe-router-topk}) and the top-2
     * routing of GShard (Lepikhin et al. 2021, Section 2.2) and Mixtral (Jiang et al. 2024, Section 2).
     */
    public static final int DEFAULT_EXPERTS_PER_TOKEN = 2;

    /** Whether any key is given. */
    public boolean given() {
        return experts != null || expertsPerToken != null || sharedExperts != null || expertFfnHidden != null
                || moeLayerFreq != null || firstDenseLayers != null || capacityFactor != null;
    }

    /**
     * {@code base} with the given keys applied: the preset's experts overridden field by field, or a dense
     * shape made a mixture-of-experts one (which needs {@code experts}). No key given: {@code base} itself.
     *
     * @throws InvalidParameterException naming the key: a key without a shape, MoE keys on a dense shape
     *                                   without {@code experts}, or a value out of {@link MoeShape}'s range
     */
    public TransformerShape apply(TransformerShape base) {
        if (!given()) {
            return base;
        }
        if (base == null) {
            throw new InvalidParameterException(firstKey(), "needs a shape: give model, or layers/hidden/heads", firstValue());
        }
        MoeShape m = base.moe();
        if (m == null && experts == null) {
            throw new InvalidParameterException("experts", "is required to make the dense " + base.key()
                    + " a mixture-of-experts model (" + firstKey() + " was given)", "missing");
        }
        int e = experts != null ? experts : m.experts();
        int k = expertsPerToken != null ? expertsPerToken : m != null ? m.expertsPerToken() : Math.min(DEFAULT_EXPERTS_PER_TOKEN, e);
        if (expertsPerToken == null && m != null && experts != null && experts >= 1 && k > experts) {
            // the k in the way is the preset's, which the user did not type: name the key they did
            throw new InvalidParameterException("experts", "must be >= the experts_per_token of " + base.key() + " (" + k
                    + "); give experts_per_token too", experts);
        }
        int shared = sharedExperts != null ? sharedExperts : m != null ? m.sharedExperts() : 0;
        int width = expertFfnHidden != null ? expertFfnHidden : m != null ? m.expertFfnHidden() : base.ffnHidden();
        int freq = moeLayerFreq != null ? moeLayerFreq : m != null ? m.moeLayerFreq() : 1;
        int dense = firstDenseLayers != null ? firstDenseLayers : m != null ? m.firstDenseLayers() : 0;
        double cf = capacityFactor != null ? capacityFactor : m != null ? m.capacityFactor() : 0;
        return base.withMoe(new MoeShape(e, k, shared, width, freq, dense, cf));
    }

    private String firstKey() {
        return experts != null ? "experts" : expertsPerToken != null ? "experts_per_token" : sharedExperts != null ? "shared_experts"
                : expertFfnHidden != null ? "expert_ffn_hidden" : moeLayerFreq != null ? "moe_layer_freq"
                : firstDenseLayers != null ? "first_dense_layers" : "capacity_factor";
    }

    private Object firstValue() {
        return experts != null ? experts : expertsPerToken != null ? expertsPerToken : sharedExperts != null ? sharedExperts
                : expertFfnHidden != null ? expertFfnHidden : moeLayerFreq != null ? moeLayerFreq
                : firstDenseLayers != null ? firstDenseLayers : capacityFactor;
    }
}
