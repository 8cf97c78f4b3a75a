package org.scalelab.cluster.params;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.MoeSpec;
import org.scalelab.memory.ShapeSpec;
import org.scalelab.memory.TransformerShape;

/**
 * The {@code model:} block of a {@code kind: cluster} file: the transformer, a preset ({@code preset},
 * the option {@code --model}) or a custom shape, and the mixture-of-experts keys, read by
 * {@link ShapeSpec} as {@code cluster step}, {@code memory} and {@code plan} read them (same names,
 * defaults and rules).
 *
 * @param preset           shape preset name ({@link TransformerShape#names()})
 * @param layers           custom shape: layers L
 * @param hidden           custom shape: hidden size h
 * @param heads            custom shape: attention heads a
 * @param vocab            custom shape: vocabulary, tokens (default {@value ShapeSpec#DEFAULT_VOCAB})
 * @param params           parameter count N (default: the shape's own count)
 * @param kvHeads          custom shape: key/value heads (default heads)
 * @param ffnHidden        custom shape: MLP width (default 4·hidden)
 * @param ffnMultiplier    custom shape: MLP width as a multiple of hidden (instead of ffn_hidden)
 * @param gatedMlp         custom shape: gated SwiGLU MLP, RMSNorm, no biases (default false)
 * @param untiedEmbeddings custom shape: a separate output layer (default false)
 * @param experts          routed experts per MoE block (overrides a preset's; makes a dense shape MoE)
 * @param expertsPerToken  experts per token k (default the preset's, else 2)
 * @param sharedExperts    shared experts (default the preset's, else 0)
 * @param expertFfnHidden  one expert's MLP width (default the preset's, else the shape's MLP width)
 * @param moeLayerFreq     every how many blocks an MoE block appears (default the preset's, else 1)
 * @param firstDenseLayers leading dense blocks (default the preset's, else 0)
 * @param capacityFactor   expert capacity over the even share, 0 = dropless (default the preset's, else 0)
 */
public record Model(String preset, Integer layers, Integer hidden, Integer heads, Integer vocab, Long params,
        Integer kvHeads, Integer ffnHidden, Double ffnMultiplier, Boolean gatedMlp, Boolean untiedEmbeddings,
        Integer experts, Integer expertsPerToken, Integer sharedExperts, Integer expertFfnHidden, Integer moeLayerFreq,
        Integer firstDenseLayers, Double capacityFactor) {
    public Model {
        if (preset == null && layers == null && hidden == null && heads == null) {
            throw new InvalidParameterException("preset", "is required (or layers, hidden and heads)", "missing");
        }
        if (params != null) {
            Check.inRange("params", params, 1, org.scalelab.memory.TrainingSetup.MAX_PARAMS);
        }
        resolved(new ShapeSpec(preset, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp,
                untiedEmbeddings, new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq,
                        firstDenseLayers, capacityFactor)));
    }

    /** The shape keys as {@link ShapeSpec} reads them (its {@code model} is this block's {@code preset}). */
    public ShapeSpec shapeSpec() {
        return new ShapeSpec(preset, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp,
                untiedEmbeddings, new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq,
                        firstDenseLayers, capacityFactor));
    }

    /**
     * The shape: the preset or the custom shape with the mixture-of-experts keys applied.
     *
     * @throws InvalidParameterException naming the key, {@code preset} where {@link ShapeSpec} says {@code model}
     */
    public TransformerShape shape() {
        return resolved(shapeSpec());
    }

    private static TransformerShape resolved(ShapeSpec spec) {
        try {
            return spec.resolve();
        } catch (InvalidParameterException e) {
            if (!e.field().equals("model")) {
                throw e;
            }
            // ShapeSpec names the preset as the option does (--model); this block's key is preset.
            throw new InvalidParameterException("preset", e.rule().replace("either model or", "either preset or"), e.value(),
                    e.hint());
        }
    }
}
