package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * Eager (no {@code torch.compile}) single-GPU PyTorch steps of GPT-2 small against the step times
 * Karpathy printed while building it up in "Let's reproduce GPT-2 (124M)" (Karpathy 2024, video
 * chapters and its companion repository karpathy/build-nanogpt): one A100 80 GB SXM, GPT-2 124M
 * (12 layers, h = 768, 12 heads, tied embeddings, biases, tanh-GELU 4h MLP, no dropout), 16 × 1024
 * tokens per step, {@code torch.autocast(bfloat16)} over fp32 parameters.
 */
class EagerPyTorchStepTest {

    private static final GpuSpec A100 = GpuSpec.a10080gb();

    private static StepSpec gpt2Small(int vocab, boolean flash, Recipe recipe) {
        TransformerShape s = new TransformerShape("gpt2", 12, 768, 12, 12, vocab, 3072, false, true, true, 1024);
        ParallelLayout lay = ParallelLayout.of(1, null, 1, 1, 8, 300, 3, 200, 10);
        StepSpec spec = new StepSpec(s, s.paramCount(), 1024, 16, 1, A100, GemmModel.measuredCeiling(A100), "test", lay,
                ZeroStage.STAGE_0, Recompute.NONE, 0, 1);
        return spec.withOptions(spec.options().withRecipe(recipe).withFlashAttention(flash).withDropout(false));
    }

    /**
     * The eager bf16-autocast step with the block's own attention (QKᵀ, scaling, causal
     * {@code masked_fill}, softmax, attention over V; vocabulary 50,257): 300 ms (chapter "float16,
     * gradient scalers, bfloat16, 300ms"). The model runs the scaling and the mask as kernels of
     * their own and the softmax in fp32 with autocast's casts, forward and backward: 196 ms. Without
     * those kernels it gave 125 ms (−58 %). What it still leaves out: that step's optimizer was
     * {@code torch.optim.AdamW} without {@code fused=True} (the video fuses it later), and kernels
     * that reach less than the measured streaming bandwidth. So the model must stay below 300 ms and
     * within 40 % of it.
     * Source: Karpathy 2024, "Let's reproduce GPT-2 (124M)", chapter "float16, gradient scalers, bfloat16, 300ms"
     */
    @Test
    void eagerAutocastStepWithUnfusedAttention() {
        double seconds = StepModel.compute(gpt2Small(50_257, false, Recipe.TORCH_AMP_BF16)).stepSeconds();
        assertTrue(seconds < 0.300, "an eager step cannot be faster than the published one here: " + seconds);
        assertEquals(0.300, seconds, 0.40 * 0.300);
    }

    /**
     * A bound, not an equality: {@code torch.compile} of the same step with flash attention
     * ({@code scaled_dot_product_attention(is_causal=True)}), the vocabulary padded to 50,304 and
     * fused AdamW ran in 90 ms (chapter "batch size schedule, weight decay, FusedAdamW, 90ms").
     * Compilation only fuses kernels and removes bytes, so the eager step of that configuration,
     * which the model describes, cannot be faster. The model gives 99 ms.
     * Source: Karpathy 2024, "Let's reproduce GPT-2 (124M)", chapter "batch size schedule, weight decay, FusedAdamW, 90ms"
     */
    @Test
    void eagerFlashStepIsNotFasterThanTheCompiledOne() {
        double seconds = StepModel.compute(gpt2Small(50_304, true, Recipe.TORCH_AMP_BF16)).stepSeconds();
        assertTrue(seconds >= 0.090, "eager faster than torch.compile of the same step: " + seconds);
    }

    @Test
    void eagerAttentionKernelsPerScore() {
        StepSpec amp = gpt2Small(50_304, false, Recipe.TORCH_AMP_BF16);
        StepSpec megatron = amp.withOptions(amp.options().withRecipe(Recipe.MEGATRON_BF16));
        StepSpec pure = amp.withOptions(amp.options().withRecipe(Recipe.BF16_PURE));
        double scores = 16 * 12 * 1024.0 * 1024 * 12; // micro-batch x heads x s x s x layers
        // Scaling and masking: read 2, write 2, twice, forward and backward.
        assertEquals(16 * scores, op(amp, "attention_scale_and_mask").bytes(), 1e-9 * scores);
        assertEquals(16 * scores, op(pure, "attention_scale_and_mask").bytes(), 1e-9 * scores);
        assertFalse(opsOf(megatron).containsKey("attention_scale_and_mask"));
        // Softmax under autocast: 20 B forward (casts in and out, fp32 softmax) + 24 B backward;
        // in bf16 without autocast 4 + 6 B, as Megatron-LM's.
        assertEquals(44 * scores, op(amp, "softmax").bytes(), 1e-9 * scores);
        assertEquals(10 * scores, op(pure, "softmax").bytes(), 1e-9 * scores);
        assertEquals(10 * scores, op(megatron, "softmax").bytes(), 1e-9 * scores);
        // Flash attention runs none of these kernels.
        StepSpec flash = gpt2Small(50_304, true, Recipe.TORCH_AMP_BF16);
        assertFalse(opsOf(flash).containsKey("attention_scale_and_mask"));
        assertFalse(opsOf(flash).containsKey("softmax"));
    }

    private static StepOp op(StepSpec spec, String name) {
        StepOp o = opsOf(spec).get(name);
        assertTrue(o != null, name);
        return o;
    }

    private static Map<String, StepOp> opsOf(StepSpec spec) {
        return StepModel.compute(spec).ops().stream().collect(Collectors.toMap(StepOp::name, Function.identity()));
    }
}
