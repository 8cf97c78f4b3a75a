package org.scalelab.memory;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * The keys that name a transformer shape, as the command line and the parameter files give them: a
 * preset ({@code model}) or a custom shape ({@code layers}, {@code hidden}, {@code heads} and the
 * optional keys). This is the one place that turns them into a {@link TransformerShape}, so
 * {@code memory}, {@code cluster step}, {@code plan} and their files read a shape the same way.
 * Null means "not given"; the defaults are the constants below. Messages name the file keys.
 *
 * @param model            shape preset name ({@link TransformerShape#names()})
 * @param layers           custom shape: layers L
 * @param hidden           custom shape: hidden size h
 * @param heads            custom shape: attention heads a (must divide h)
 * @param kvHeads          custom shape: key/value heads (default: heads)
 * @param vocab            custom shape: vocabulary v, tokens (default {@value #DEFAULT_VOCAB})
 * @param ffnHidden        custom shape: MLP inner width (default {@value #DEFAULT_FFN_MULTIPLIER}·h)
 * @param ffnMultiplier    custom shape: MLP inner width as a multiple of h (instead of {@code ffnHidden})
 * @param gatedMlp         custom shape: gated (SwiGLU) MLP, RMSNorm, no biases, as Llama (default false:
 *                         GPT-style two-matrix GeLU MLP with biases)
 * @param untiedEmbeddings custom shape: a separate output layer (default false: tied to the input embedding)
 * @param moe              mixture-of-experts keys, applied to the preset or custom shape (null: none given)
 */
public record ShapeSpec(String model, Integer layers, Integer hidden, Integer heads, Integer kvHeads, Integer vocab,
        Integer ffnHidden, Double ffnMultiplier, Boolean gatedMlp, Boolean untiedEmbeddings, MoeSpec moe) {

    /**
     * Checks each given size against its bound ({@link TransformerShape}'s), also where no shape uses
     * it (a bare parameter count), so that a number past the bound is refused wherever it is written.
     */
    private void checkBounds() {
        if (layers != null) {
            Check.inRange("layers", layers, 1, TransformerShape.MAX_LAYERS);
        }
        if (hidden != null) {
            Check.inRange("hidden", hidden, 1, TransformerShape.MAX_HIDDEN);
        }
        if (heads != null) {
            Check.inRange("heads", heads, 1, TransformerShape.MAX_HIDDEN);
        }
        if (kvHeads != null) {
            Check.inRange("kv_heads", kvHeads, 1, TransformerShape.MAX_HIDDEN);
        }
        if (vocab != null) {
            Check.inRange("vocab", vocab, 1, TransformerShape.MAX_VOCAB);
        }
        if (ffnHidden != null) {
            Check.inRange("ffn_hidden", ffnHidden, 1, TransformerShape.MAX_FFN_HIDDEN);
        }
    }

    /** The keys of a shape without mixture-of-experts keys. */
    public ShapeSpec(String model, Integer layers, Integer hidden, Integer heads, Integer kvHeads, Integer vocab,
                     Integer ffnHidden, Double ffnMultiplier, Boolean gatedMlp, Boolean untiedEmbeddings) {
        this(model, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp, untiedEmbeddings, null);
    }

    /** Vocabulary of a custom shape unless given: GPT-2's BPE (Radford et al. 2019). */
    public static final int DEFAULT_VOCAB = 50257;

    /** MLP inner width of a custom shape unless given, as a multiple of h (Vaswani et al. 2017, Section 3.3). */
    public static final double DEFAULT_FFN_MULTIPLIER = 4.0;

    /** No key given. */
    public static ShapeSpec none() {
        return new ShapeSpec(null, null, null, null, null, null, null, null, null, null);
    }

    /** A preset by name. */
    public static ShapeSpec preset(String model) {
        return new ShapeSpec(model, null, null, null, null, null, null, null, null, null);
    }

    /** Whether any of layers, hidden, heads is given (a custom shape). */
    public boolean custom() {
        return layers != null || hidden != null || heads != null;
    }

    /** Whether a shape is given at all (a preset or a custom shape). */
    public boolean given() {
        return model != null || custom();
    }

    /**
     * The shape, or null when none is given, with the mixture-of-experts keys applied ({@link MoeSpec#apply}).
     *
     * @throws InvalidParameterException naming the key when both a preset and a custom shape (or
     *                                   one of its optional keys) are given, a custom shape lacks layers, hidden or heads, both
     *                                   ffn_hidden and ffn_multiplier are given, a size is out of range,
     *                                   or the mixture-of-experts keys cannot apply
     */
    public TransformerShape resolve() {
        TransformerShape base = resolveDense();
        return moe == null ? base : moe.apply(base);
    }

    /**
     * A custom-shape key needs the custom shape it belongs to: beside a preset, which fixes its whole
     * shape, or with no shape at all, it would be silently dropped (the mixture-of-experts keys, which
     * do override a preset, are {@link MoeSpec}'s).
     */
    private void refuseCustomKeys(String why) {
        Object[][] keys = {{"kv_heads", kvHeads}, {"vocab", vocab}, {"ffn_hidden", ffnHidden},
            {"ffn_multiplier", ffnMultiplier}, {"gated_mlp", gatedMlp}, {"untied_embeddings", untiedEmbeddings}};
        for (Object[] k : keys) {
            if (k[1] != null) {
                throw new InvalidParameterException((String) k[0], "sets a custom shape (layers/hidden/heads); " + why,
                        k[1] instanceof Double d ? Check.format(d) : k[1]);
            }
        }
    }

    private TransformerShape resolveDense() {
        if (model != null && custom()) {
            throw new InvalidParameterException("model", "give either model or layers/hidden/heads, not both", model);
        }
        if (model != null) {
            refuseCustomKeys("the preset " + model + " fixes its own, so leave it out");
            return TransformerShape.byName(model);
        }
        checkBounds();
        if (!custom()) {
            refuseCustomKeys("give layers, hidden and heads with it (or model)");
            return null;
        }
        int l = (int) Check.atLeastOne("layers", Check.present("layers", layers));
        int h = (int) Check.atLeastOne("hidden", Check.present("hidden", hidden));
        int a = (int) Check.atLeastOne("heads", Check.present("heads", heads));
        if (ffnHidden != null && ffnMultiplier != null) {
            throw new InvalidParameterException("ffn_multiplier", "give either ffn_hidden or ffn_multiplier", ffnMultiplier);
        }
        double multiplier = ffnMultiplier == null ? DEFAULT_FFN_MULTIPLIER : Check.positive("ffn_multiplier", ffnMultiplier);
        int f = ffnHidden != null ? ffnHidden : (int) Math.round(h * multiplier);
        boolean gated = Boolean.TRUE.equals(gatedMlp);
        return new TransformerShape("custom", l, h, a, kvHeads == null ? a : kvHeads, vocab == null ? DEFAULT_VOCAB : vocab,
                f, gated, !Boolean.TRUE.equals(untiedEmbeddings), !gated, 0);
    }
}
