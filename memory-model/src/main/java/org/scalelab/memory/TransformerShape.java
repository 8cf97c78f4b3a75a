package org.scalelab.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalelab.common.Check;

/**
 * The shape of a decoder-only transformer, from which its parameter count follows.
 *
 * <p>Two families are covered by the flags: GPT-style (LayerNorm with bias, biased linear layers,
 * a two-matrix GeLU MLP, learned position embeddings, input and output embeddings tied) and
 * Llama-style (RMSNorm, no biases, a three-matrix gated SwiGLU MLP, rotary positions, untied
 * output layer, grouped-query attention with {@code kvHeads < heads}).
 *
 * @param name               preset or user label
 * @param layers             transformer blocks L
 * @param hidden             model width h
 * @param heads              attention heads a (must divide {@code hidden})
 * @param kvHeads            key/value heads (grouped-query attention; equals {@code heads} for MHA; must divide {@code heads})
 * @param vocab              vocabulary size v
 * @param ffnHidden          MLP inner width (4h for GPT)
 * @param gatedMlp           three MLP matrices (SwiGLU) instead of two
 * @param tiedEmbeddings     the output layer reuses the input embedding matrix
 * @param biases             linear layers and norms carry biases (LayerNorm rather than RMSNorm)
 * @param positionEmbeddings rows of a learned position-embedding table (0 for rotary)
 */
public record TransformerShape(String name, int layers, int hidden, int heads, int kvHeads, int vocab,
                               int ffnHidden, boolean gatedMlp, boolean tiedEmbeddings, boolean biases,
                               int positionEmbeddings) {

    /** Most layers: 10⁵, a thousand times the deepest published LLMs (GPT-3: 96, Llama 3 405B: 126). */
    public static final int MAX_LAYERS = 100_000;
    /** Widest hidden size: 2²⁰, about 64 times the widest published (Llama 3 405B: 16,384). */
    public static final int MAX_HIDDEN = 1 << 20;
    /** Largest vocabulary: 2²⁴ tokens, 64 times the largest common ones (about 256 k). */
    public static final int MAX_VOCAB = 1 << 24;
    /** Widest MLP: 2²², four times {@link #MAX_HIDDEN}. */
    public static final int MAX_FFN_HIDDEN = 1 << 22;

    /**
     * Validates sizes and divisibility; the messages name the parameter-file keys. The upper
     * bounds keep every parameter count below 2⁶³ (checked arithmetic reports any overflow).
     */
    public TransformerShape {
        Check.inRange("layers", layers, 1, MAX_LAYERS);
        Check.inRange("hidden", hidden, 1, MAX_HIDDEN);
        Check.inRange("heads", heads, 1, hidden);
        Check.divides("heads", heads, "hidden", hidden);
        Check.inRange("kv_heads", kvHeads, 1, heads);
        Check.divides("kv_heads", kvHeads, "heads", heads);
        Check.inRange("vocab", vocab, 1, MAX_VOCAB);
        Check.inRange("ffn_hidden", ffnHidden, 1, MAX_FFN_HIDDEN);
        Check.inRange("position_embeddings", positionEmbeddings, 0, MAX_VOCAB);
        name = name == null ? "custom" : name;
    }

    /** A GPT-style shape (GeLU MLP of width 4h, biases, tied embeddings, no position table counted). */
    public static TransformerShape gpt(String name, int layers, int hidden, int heads, int vocab) {
        return new TransformerShape(name, layers, hidden, heads, heads, vocab, 4 * hidden, false, true, true, 0);
    }

    /** Width of one attention head, h/a. */
    public int headDim() {
        return hidden / heads;
    }

    /**
     * Parameters of one transformer block: Q and output projections h², K and V projections
     * h·(kv·h/a) each, the MLP (2 or 3)·h·f, two norms, and biases where present.
     * Source: the standard count, e.g. Narayanan et al. 2021 (arXiv:2104.04473) §5.1 gives
     * 12h² + 13h for the GPT block, which this reproduces for kv = a, f = 4h, biases. Unit: parameters.
     */
    public long layerParamCount() {
        long h = hidden;
        long kvDim = (long) kvHeads * headDim();
        long attention = 2 * h * h + 2 * h * kvDim + (biases ? 2 * h + 2 * kvDim : 0);
        long mlp = (gatedMlp ? 3L : 2L) * h * ffnHidden + (biases ? (long) ffnHidden * (gatedMlp ? 2 : 1) + h : 0);
        long norms = 2 * normParams();
        return attention + mlp + norms;
    }

    /** Input embedding (v·h) plus any learned position table; parameters. */
    public long embeddingParamCount() {
        return (long) vocab * hidden + (long) positionEmbeddings * hidden;
    }

    /** Output layer (v·h) when untied, else 0; parameters. */
    public long outputLayerParamCount() {
        return tiedEmbeddings ? 0 : (long) vocab * hidden;
    }

    /**
     * Total parameters: L blocks + embeddings + final norm + untied output layer. Checked against
     * the published counts of the presets (Llama-2 7B: 6,738,415,616). Unit: parameters.
     */
    public long paramCount() {
        return Math.addExact(Math.multiplyExact(layers, layerParamCount()),
                embeddingParamCount() + normParams() + outputLayerParamCount());
    }

    /**
     * The largest single module's own parameters (DeepSpeed's {@code largest_layer_params}: the
     * most parameters any one {@code nn.Module} holds directly): the embedding table or the widest
     * linear layer. Unit: parameters.
     */
    public long largestLayerParamCount() {
        long h = hidden;
        long embedding = (long) vocab * h;
        long mlpMatrix = h * ffnHidden + (biases ? ffnHidden : 0);
        long qkv = h * (h + 2L * kvHeads * headDim());
        return Math.max(embedding, Math.max(mlpMatrix, qkv));
    }

    private long normParams() {
        return biases ? 2L * hidden : hidden;
    }

    /** GPT-3 175B: Brown et al. 2020, Table 2.1 (96 layers, d_model 12288, 96 heads, context 2048); GPT-2 BPE vocabulary 50257. */
    public static TransformerShape gpt3175b() {
        return new TransformerShape("gpt3-175b", 96, 12288, 96, 96, 50257, 4 * 12288, false, true, true, 2048);
    }

    /** Llama-2 7B: Touvron et al. 2023 and its released config (32 layers, 4096, 32 heads, ffn 11008, vocab 32000). */
    public static TransformerShape llama27b() {
        return llama("llama2-7b", 32, 4096, 32, 32, 32000, 11008);
    }

    /** Llama-2 70B: released config (80 layers, 8192, 64 heads, 8 KV heads, ffn 28672, vocab 32000). */
    public static TransformerShape llama270b() {
        return llama("llama2-70b", 80, 8192, 64, 8, 32000, 28672);
    }

    /** Llama-3 8B: Dubey et al. 2024 (Llama 3 herd), Table 3 (32 layers, 4096, 32 heads, 8 KV heads, FFN 14336, vocab 128256). */
    public static TransformerShape llama38b() {
        return llama("llama3-8b", 32, 4096, 32, 8, 128256, 14336);
    }

    /** Llama-3 70B: Dubey et al. 2024, Table 3 (80 layers, 8192, 64 heads, 8 KV heads, FFN 28672, vocab 128256). */
    public static TransformerShape llama370b() {
        return llama("llama3-70b", 80, 8192, 64, 8, 128256, 28672);
    }

    /** Llama-3 405B: Dubey et al. 2024, Table 3 (126 layers, 16384, 128 heads, 8 KV heads, FFN 53248, vocab 128256). */
    public static TransformerShape llama3405b() {
        return llama("llama3-405b", 126, 16384, 128, 8, 128256, 53248);
    }

    private static TransformerShape llama(String name, int layers, int hidden, int heads, int kv, int vocab, int ffn) {
        return new TransformerShape(name, layers, hidden, heads, kv, vocab, ffn, true, false, false, 0);
    }

    private static final Map<String, TransformerShape> PRESETS = presets();

    private static Map<String, TransformerShape> presets() {
        Map<String, TransformerShape> m = new LinkedHashMap<>();
        for (TransformerShape s : List.of(gpt3175b(), llama27b(), llama270b(), llama38b(), llama370b(), llama3405b())) {
            m.put(s.name, s);
        }
        return m;
    }

    /** Preset names in a stable order. */
    public static List<String> presetNames() {
        return List.copyOf(PRESETS.keySet());
    }

    /**
     * The preset of that name (case-insensitive).
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code model} and listing the valid names
     */
    public static TransformerShape preset(String name) {
        String key = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf("model", key, presetNames());
        return PRESETS.get(key);
    }
}
