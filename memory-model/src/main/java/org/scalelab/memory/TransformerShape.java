package org.scalelab.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * The shape of a decoder-only transformer, from which its parameter count follows.
 *
 * <p>Two families are covered by the flags: GPT-style (LayerNorm with bias, biased linear layers,
 * a two-matrix GeLU MLP, learned position embeddings, input and output embeddings tied) and
 * Llama-style (RMSNorm, no biases, a three-matrix gated SwiGLU MLP, rotary positions, untied
 * output layer, grouped-query attention with {@code kvHeads < heads}). Two optional parts make a
 * block of today's sparse models: {@link MoeShape} replaces the MLP of some blocks by routed experts
 * (Mixtral, DeepSeek-V3, Qwen-MoE), and {@link LatentAttention} replaces the Q/K/V/O projections by
 * DeepSeek's low-rank ones. Without them (both null) the shape is dense.
 *
 * @param key                preset name or the user's label ({@code custom} when none; {@link Keyed})
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
 * @param mla                multi-head latent attention projections, or null for standard attention
 * @param moe                the mixture-of-experts blocks, or null for a dense model ({@code ffnHidden}
 *                           is then the MLP width of every block; with MoE, of the dense blocks only)
 */
public record TransformerShape(String key, int layers, int hidden, int heads, int kvHeads, int vocab,
                               int ffnHidden, boolean gatedMlp, boolean tiedEmbeddings, boolean biases,
                               int positionEmbeddings, LatentAttention mla, MoeShape moe) implements Keyed {

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
        if (moe != null && moe.moeLayers(layers) == 0) {
            throw new org.scalelab.common.InvalidParameterException("first_dense_layers",
                    "leaves no mixture-of-experts block among the " + layers + " layers (moe_layer_freq " + moe.moeLayerFreq() + ")",
                    moe.firstDenseLayers());
        }
        key = key == null ? "custom" : key;
    }

    /** A dense shape with standard attention (no latent attention, no experts). */
    public TransformerShape(String name, int layers, int hidden, int heads, int kvHeads, int vocab, int ffnHidden,
                            boolean gatedMlp, boolean tiedEmbeddings, boolean biases, int positionEmbeddings) {
        this(name, layers, hidden, heads, kvHeads, vocab, ffnHidden, gatedMlp, tiedEmbeddings, biases, positionEmbeddings,
                null, null);
    }

    /** The same shape with other mixture-of-experts blocks (null: dense). */
    public TransformerShape withMoe(MoeShape newMoe) {
        return new TransformerShape(key, layers, hidden, heads, kvHeads, vocab, ffnHidden, gatedMlp, tiedEmbeddings, biases,
                positionEmbeddings, mla, newMoe);
    }

    /** Whether some blocks route tokens to experts. */
    public boolean isMoe() {
        return moe != null;
    }

    /** Blocks whose MLP is a mixture of experts (0 for a dense shape). */
    public int moeLayers() {
        return moe == null ? 0 : moe.moeLayers(layers);
    }

    /** Whether block {@code i} (from 0) is a mixture-of-experts block. */
    public boolean isMoeLayer(int i) {
        return moe != null && moe.isMoeLayer(i);
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
     * Parameters of one dense transformer block: Q and output projections h², K and V projections
     * h·(kv·h/a) each, the MLP (2 or 3)·h·f, two norms, and biases where present.
     * Source: the standard count, e.g. Narayanan et al. 2021 (arXiv:2104.04473) §5.1 gives
     * 12h² + 13h for the GPT block, which this reproduces for kv = a, f = 4h, biases. Unit: parameters.
     */
    public long layerParamCount() {
        return attentionParamCount() + mlpParamCount(ffnHidden) + 2 * normParams();
    }

    /**
     * Parameters of one attention sub-block: Q and O projections h², K and V h·(kv·h/a) each, biases
     * where present; or the latent projections of {@link LatentAttention#paramCount}. Unit: parameters.
     */
    public long attentionParamCount() {
        long h = hidden;
        if (mla != null) {
            return mla.paramCount(h, heads);
        }
        long kvDim = (long) kvHeads * headDim();
        return 2 * h * h + 2 * h * kvDim + (biases ? 2 * h + 2 * kvDim : 0);
    }

    /** Parameters of one MLP of inner width {@code width}: (2 or 3)·h·width plus biases where present. */
    private long mlpParamCount(long width) {
        long h = hidden;
        return (gatedMlp ? 3L : 2L) * h * width + (biases ? width * (gatedMlp ? 2 : 1) + h : 0);
    }

    /** Parameters of one expert MLP (width {@code moe.expertFfnHidden}); 0 for a dense shape. */
    public long expertParamCount() {
        return moe == null ? 0 : mlpParamCount(moe.expertFfnHidden());
    }

    /** Parameters of one router, h·E (no bias); 0 for a dense shape. Source: Shazeer et al. 2017, Eq. 3. */
    public long routerParamCount() {
        return moe == null ? 0 : (long) hidden * moe.experts();
    }

    /**
     * Parameters of one mixture-of-experts block: attention, two norms, the router and E + S expert
     * MLPs. Source: Shazeer et al. 2017, Section 2; Dai et al. 2024 (DeepSeekMoE), Section 3.
     * Unit: parameters; 0 for a dense shape.
     */
    public long moeLayerParamCount() {
        if (moe == null) {
            return 0;
        }
        long experts = (long) moe.experts() + moe.sharedExperts();
        return Math.addExact(attentionParamCount() + 2 * normParams() + routerParamCount(),
                Math.multiplyExact(experts, expertParamCount()));
    }

    /** Parameters of block {@code i} (from 0): {@link #moeLayerParamCount()} or {@link #layerParamCount()}. */
    public long layerParamCount(int i) {
        return isMoeLayer(i) ? moeLayerParamCount() : layerParamCount();
    }

    /** Parameters of all routed experts of the model: the part expert parallelism shards. Unit: parameters. */
    public long routedExpertParamCount() {
        return moe == null ? 0 : Math.multiplyExact((long) moeLayers() * moe.experts(), expertParamCount());
    }

    /**
     * Parameters one token passes through: every parameter except the routed experts it is not sent
     * to (of E routed experts per MoE block, k are active). Embeddings are counted, as in the
     * published active counts (DeepSeek-V3's README_WEIGHTS: "including 0.9B for Embedding and 0.9B
     * for the output Head"). Equals {@link #paramCount()} for a dense shape.
     * Source: Jiang et al. 2024 (Mixtral of Experts), Section 2.1 ("active parameters").
     * Unit: parameters.
     */
    public long activeParamCount() {
        if (moe == null) {
            return paramCount();
        }
        long inactive = Math.multiplyExact((long) moeLayers() * (moe.experts() - moe.expertsPerToken()), expertParamCount());
        return paramCount() - inactive;
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
        int moeBlocks = moeLayers();
        long blocks = Math.addExact(Math.multiplyExact(layers - moeBlocks, layerParamCount()),
                Math.multiplyExact(moeBlocks, moeLayerParamCount()));
        return Math.addExact(blocks, embeddingParamCount() + normParams() + outputLayerParamCount());
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
        long expertMatrix = moe == null ? 0 : h * moe.expertFfnHidden();
        return Math.max(Math.max(embedding, expertMatrix), Math.max(mlpMatrix, qkv));
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

    /**
     * Mixtral 8x7B: Jiang et al. 2024 (arXiv:2401.04088), Table 1 (32 layers, dim 4096, 32 heads,
     * 8 KV heads, hidden_dim 14336, vocab 32000, 8 experts, top-2); 46.7B total and 12.9B active
     * parameters (Mistral AI's release note, 2023-12-11).
     */
    public static TransformerShape mixtral8x7b() {
        return new TransformerShape("mixtral-8x7b", 32, 4096, 32, 8, 32000, 14336, true, false, false, 0, null,
                new MoeShape(8, 2, 0, 14336, 1, 0, 0));
    }

    /**
     * DeepSeek-V3 without its multi-token-prediction module: DeepSeek-AI 2024 (arXiv:2412.19437),
     * Section 4.2 (61 layers, hidden 7168, 128 heads, MLA with d_c 512, d'_c 1536, d_h 128,
     * d_h^R 64; 1 shared and 256 routed experts of width 2048, 8 routed per token; the first 3
     * layers dense (width 18432); vocabulary 128K = 129,280 in the released config); 671B total,
     * 37B active parameters (abstract). The router's per-expert bias used for balancing (256 per
     * block) is not counted.
     */
    public static TransformerShape deepseekV3() {
        return new TransformerShape("deepseek-v3", 61, 7168, 128, 128, 129280, 18432, true, false, false, 0,
                new LatentAttention(1536, 512, 128, 64, 128), new MoeShape(256, 8, 1, 2048, 1, 3, 0));
    }

    /**
     * Qwen1.5-MoE-A2.7B: Qwen team 2024 ("Qwen1.5-MoE: Matching 7B Model Performance with 1/3
     * Activated Parameters") and its released config (24 layers, hidden 2048, 16 heads, vocab 151936,
     * 60 experts of width 1408, 4 routed per token, one shared expert of width 5632 entered as 4 of
     * width 1408); 14.3B total, 2.7B active parameters. Its Q/K/V biases (6,144 per block) and the
     * shared expert's gate (2,048 per block) are not counted (0.001 % of the total).
     */
    public static TransformerShape qwen15MoeA27b() {
        return new TransformerShape("qwen1.5-moe-a2.7b", 24, 2048, 16, 16, 151936, 5632, true, false, false, 0, null,
                new MoeShape(60, 4, 4, 1408, 1, 0, 0));
    }

    private static final Map<String, TransformerShape> PRESETS = presets();

    private static Map<String, TransformerShape> presets() {
        Map<String, TransformerShape> m = new LinkedHashMap<>();
        for (TransformerShape s : List.of(gpt3175b(), llama27b(), llama270b(), llama38b(), llama370b(), llama3405b(),
                mixtral8x7b(), deepseekV3(), qwen15MoeA27b())) {
            m.put(s.key, s);
        }
        return m;
    }

    /** Preset names in a stable order. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /**
     * The preset of that name (case-insensitive).
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code model} and listing the valid names
     */
    public static TransformerShape byName(String name) {
        String key = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf("model", key, names());
        return PRESETS.get(key);
    }
}
