package org.scalelab.reports.options;

import java.util.Iterator;
import org.scalelab.memory.MoeSpec;
import org.scalelab.memory.ShapeSpec;
import org.scalelab.memory.TransformerShape;
import picocli.CommandLine.Option;

/**
 * The model options of {@code scalelab memory}, {@code memory max-model}, {@code cluster step} and
 * {@code plan}: the parameter count, the transformer shape (a preset or a custom shape), the
 * precision recipe and the attention kernel. Every field is null when its option is not given; the
 * defaults live once, in {@link ShapeSpec} and in the model each command runs, and the help texts
 * state them. An option added here (with its key in the parameter files) reaches all four commands.
 */
public final class ShapeOptions {
    @Option(names = "--params", paramLabel = "N", description = "Parameter count N (exponent notation fine, 7.5e9)."
            + " Default: the shape's own count. With a shape too, N counts the model states and the shape the rest.")
    Long params;

    @Option(names = "--model", paramLabel = "NAME", completionCandidates = Presets.class,
            description = "Transformer shape preset: ${COMPLETION-CANDIDATES} (instead of --layers/--hidden/--heads). Default: none.")
    String model;

    @Option(names = "--layers", paramLabel = "L", description = "Transformer layers L (custom shape, with --hidden and --heads; a custom shape has no learned"
            + " position table, as with rotary positions). Default: none (--model).")
    Integer layers;

    @Option(names = "--hidden", paramLabel = "H", description = "Hidden size h (custom shape). Default: none (--model).")
    Integer hidden;

    @Option(names = "--heads", paramLabel = "A", description = "Attention heads a (custom shape; must divide hidden). Default: none (--model).")
    Integer heads;

    @Option(names = "--kv-heads", paramLabel = "K", description = "Key/value heads for grouped-query attention (custom shape;"
            + " must divide heads; --tp must divide it). Default: heads.")
    Integer kvHeads;

    @Option(names = "--vocab", paramLabel = "V", description = "Vocabulary size v for a custom shape, tokens. Default: "
            + ShapeSpec.DEFAULT_VOCAB + " (GPT-2 BPE).")
    Integer vocab;

    @Option(names = "--ffn-hidden", paramLabel = "F", description = "MLP inner width for a custom shape. Default: 4·hidden.")
    Integer ffnHidden;

    @Option(names = "--ffn-multiplier", paramLabel = "X", description = "MLP inner width as a multiple of hidden for a custom"
            + " shape (instead of --ffn-hidden). Default: 4.")
    Double ffnMultiplier;

    @Option(names = "--gated-mlp", description = "Custom shape: three-matrix gated (SwiGLU) MLP, RMSNorm and no biases, as Llama."
            + " Default: GPT-style two-matrix GeLU MLP with biases.")
    Boolean gatedMlp;

    @Option(names = "--untied-embeddings", description = "Custom shape: a separate output layer (v·h more parameters)."
            + " Default: tied to the input embedding.")
    Boolean untiedEmbeddings;

    @Option(names = "--experts", paramLabel = "E", description = "Routed experts per mixture-of-experts block E: overrides a"
            + " preset's, or makes a custom or dense shape a mixture of experts (Shazeer et al. 2017). Default: the preset's"
            + " (mixtral-8x7b 8, deepseek-v3 256, qwen1.5-moe-a2.7b 60); none for dense shapes.")
    Integer experts;

    @Option(names = "--experts-per-token", paramLabel = "K", description = "Experts each token is routed to, k (1 to E)."
            + " Default: the preset's, else " + MoeSpec.DEFAULT_EXPERTS_PER_TOKEN + " (Megatron-LM's --moe-router-topk; GShard, Mixtral).")
    Integer expertsPerToken;

    @Option(names = "--shared-experts", paramLabel = "S", description = "Experts every token passes through besides its k routed"
            + " ones (Dai et al. 2024, DeepSeekMoE). Default: the preset's, else 0.")
    Integer sharedExperts;

    @Option(names = "--expert-ffn-hidden", paramLabel = "F", description = "MLP inner width of one expert. Default: the preset's,"
            + " else the shape's MLP width.")
    Integer expertFfnHidden;

    @Option(names = "--moe-layer-freq", paramLabel = "N", description = "Every N-th block (from the first after the dense ones)"
            + " is a mixture-of-experts block (Megatron-LM's --moe-layer-freq). Default: the preset's, else 1 (every block).")
    Integer moeLayerFreq;

    @Option(names = "--first-dense-layers", paramLabel = "N", description = "Leading blocks that keep a dense MLP (DeepSeek's"
            + " first_k_dense_replace; deepseek-v3: 3). Default: the preset's, else 0.")
    Integer firstDenseLayers;

    @Option(names = "--capacity-factor", paramLabel = "C", description = "Tokens an expert accepts over its even share k·T/E,"
            + " the rest dropped (Fedus et al. 2022, Switch Transformer, Eq. 3); 0 = dropless. Default: the preset's, else 0.")
    Double capacityFactor;

    @Option(names = "--recipe", paramLabel = "NAME", description = "Precision recipe: what the framework keeps per parameter"
            + " and per token, and the widths its kernels move (in memory; exclusive with --preset on the commands that have it). "
            + "megatron-bf16: bf16 parameters, fp32 main gradients, fp32 master copy and Adam states, 18 B/param (Megatron-LM"
            + " theoretical_memory_usage.py); "
            + "megatron-bf16-distopt: the same with master copy and Adam states sharded over data parallelism, 6 + 12/DP B/param"
            + " (refused with --zero >= 1, which is the same thing); "
            + "torch-amp-bf16: fp32 parameters and gradients, torch.autocast(bfloat16) with its bf16 weight-cast cache, fused AdamW,"
            + " fp32 residual stream and norm inputs, loss on fp32 logits with their gradient materialised (PyTorch torch.amp"
            + " documentation); "
            + "bf16-pure: bf16 parameters, gradients and AdamW states (PyTorch torch/optim/adamw.py). The two PyTorch recipes"
            + " time eager PyTorch's own kernels too: autograd's dtype casts, the norm weight-gradient kernel, bias-gradient"
            + " sums, the Q/K/V gradient concatenation, the attention layout copy and a multi-pass cross-entropy."
            + " Default: memory: none (the model-state bytes of --preset); cluster step: megatron-bf16's kernels (Korthikanti"
            + " et al. 2022); plan: megatron-bf16 for both its memory check and its step time, unless --preset replaces it in"
            + " the memory check.")
    String recipe;

    @Option(names = "--flash-attention", description = "Fused flash attention (Dao et al. 2022; FlashAttention-2 in the step"
            + " time): no s×s scores kept, only the output and its fp32 log-sum-exp, and no separate QKᵀ, softmax, dropout and"
            + " attention-over-values kernels. Default: off (scores materialised, as Korthikanti et al. 2022).")
    Boolean flashAttention;

    /** The preset names, listed in the help from the one registry of shapes. */
    static final class Presets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TransformerShape.names().iterator();
        }
    }

    /** The parameter count given, or null. */
    public Long params() {
        return params;
    }

    /** The shape keys given (all null when none). */
    public ShapeSpec shape() {
        return new ShapeSpec(model, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp, untiedEmbeddings,
                new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq, firstDenseLayers, capacityFactor));
    }

    /** The recipe name given, or null. */
    public String recipe() {
        return recipe;
    }

    /** Whether --flash-attention was given. */
    public boolean flashAttention() {
        return Boolean.TRUE.equals(flashAttention);
    }

    /** The flag as given: true, or null when left out (a parameter file then leaves the key out too). */
    public Boolean flashAttentionGiven() {
        return flashAttention;
    }

    /** Whether a parameter count or a shape was given. */
    public boolean anyModel() {
        return params != null || shape().given();
    }
}
