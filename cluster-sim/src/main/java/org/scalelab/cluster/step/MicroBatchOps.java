package org.scalelab.cluster.step;

import org.scalelab.memory.LatentAttention;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;

/**
 * The work of one micro-batch on the busiest pipeline stage of one GPU, op by op: the layer's
 * matrix multiplies at their own shapes ({@link GemmModel}), attention (unfused kernels or
 * FlashAttention-2), the memory-bound kernels as bytes over HBM, the recomputed forward, and the
 * output layer with the loss on the last stage. Shapes per GPU under tensor parallelism t follow
 * Megatron-LM (Shoeybi et al. 2019, §3): Q/K/V and MLP-up split by columns, attention output and
 * MLP-down by rows, the output layer by vocabulary. Multi-head latent attention replaces the Q/K/V
 * projection by its down projections (replicated on the tensor-parallel ranks) and up projections
 * (split by heads), with query/key heads of d_h + d_h^R and value heads of d_v (DeepSeek-AI 2024,
 * DeepSeek-V2, §2.1.2, Eqs. 9-19). A mixture-of-experts block replaces the MLP by
 * {@link ExpertOps}; the busiest pipeline stage is the one whose dense and expert blocks take longest.
 * With FP8 GEMMs ({@link GemmPrecision}) the linear layers run at the FP8 peak, the attention core,
 * the routers and the output layer at the BF16 peak.
 *
 * <p>Bytes per element: 2 for bf16 activations, the recipe's width for the residual stream
 * ({@link org.scalelab.memory.Recipe#residualBytes}), 1 for a dropout mask; the loss upcasts the
 * bf16 logits to fp32. Each kernel reads its inputs and writes its
 * outputs once (what an eager framework does); a backward kernel reads the saved input and the
 * incoming gradient and writes the outgoing gradient. Without flash attention an eager recipe also
 * scales and masks the scores in kernels of their own, and under {@code torch.autocast} runs the
 * softmax in fp32 with its casts ({@link #SCALE_AND_MASK_BYTES_PER_SCORE}).
 */
final class MicroBatchOps {
    private static final double BF16 = 2;
    private static final double MASK = 1;

    private final StepSpec spec;
    private final GemmModel gemm;
    private final GemmModel linear;
    private final ExpertOps experts;
    private final double hbm;
    private final double tokens;
    private final double localTokens;
    private final int t;
    private final double h;
    private final double headsPerGpu;
    private final double kvHeadsPerGpu;
    private final double headDim;
    private final double qkDim;
    private final double vDim;
    private final double ropeDim;
    private final double ffnPerGpu;
    private final double r;
    private final boolean eager;
    private final boolean autocast;
    private int[] stageLayers;

    MicroBatchOps(StepSpec spec) {
        this.spec = spec;
        this.gemm = GemmModel.of(spec.gpu(), spec.matmulEfficiency(), GemmPrecision.BF16, spec.hbm());
        GemmPrecision precision = spec.options().gemmPrecision();
        this.linear = precision == GemmPrecision.BF16 ? gemm
                : GemmModel.of(spec.gpu(), spec.matmulEfficiency(), precision, spec.hbm());
        this.hbm = spec.hbm().bytesPerSecond();
        TransformerShape s = spec.shape();
        this.t = spec.layout().tp();
        this.tokens = (double) spec.microBatch() * spec.seqLength();
        this.localTokens = spec.options().sequenceParallel() ? tokens / t : tokens;
        this.h = s.hidden();
        this.headsPerGpu = (double) s.heads() / t;
        LatentAttention mla = s.mla();
        this.kvHeadsPerGpu = mla != null ? headsPerGpu : Math.max(1.0, (double) s.kvHeads() / t);
        this.qkDim = mla != null ? mla.qkNopeHeadDim() + mla.qkRopeHeadDim() : s.headDim();
        this.vDim = mla != null ? mla.vHeadDim() : s.headDim();
        this.headDim = mla != null ? (qkDim + vDim) / 2 : s.headDim();
        this.ropeDim = mla != null ? mla.qkRopeHeadDim() : s.headDim();
        this.experts = s.isMoe() ? new ExpertOps(spec, gemm, linear) : null;
        this.ffnPerGpu = (double) s.ffnHidden() / t;
        this.r = spec.options().recipe().residualBytes();
        this.eager = spec.options().recipe().eagerKernels();
        this.autocast = spec.options().recipe().cachesAutocastWeights();
    }

    /** The micro-batch's ops on the busiest stage: layers, plus the output layer and loss (last stage). */
    OpTally build() {
        OpTally all = new OpTally();
        OpTally layer = layer(false);
        if (experts == null) {
            all.addAll(layer, spec.layersPerStage());
            stageLayers = new int[] {spec.layersPerStage(), 0};
        } else {
            OpTally moeLayer = layer(true);
            stageLayers = busiestStage(layer.seconds(), moeLayer.seconds());
            if (stageLayers[0] > 0) {
                all.addAll(layer, stageLayers[0]);
            }
            all.addAll(moeLayer, stageLayers[1]);
        }
        outputLayerAndLoss(all);
        if (spec.layout().pp() == 1) {
            embedding(all);
        }
        return all;
    }

    /** {dense blocks, mixture-of-experts blocks} of the busiest stage; valid after {@link #build}. */
    int[] stageLayers() {
        return stageLayers.clone();
    }

    private OpTally layer(boolean moe) {
        OpTally layer = new OpTally();
        forward(layer, false, moe);
        backward(layer, moe);
        switch (spec.recompute()) {
            case FULL -> forward(layer, true, moe);
            case SELECTIVE -> {
                if (!spec.options().flashAttention()) {
                    attentionForward(layer, "recompute_attention");
                }
            }
            case NONE -> { }
        }
        return layer;
    }

    /**
     * The stage whose blocks take longest, stages holding ⌈L/p⌉ consecutive blocks each (the last
     * one the rest), as {dense, mixture-of-experts} block counts.
     */
    private int[] busiestStage(double denseSeconds, double moeSeconds) {
        int per = spec.layersPerStage();
        int layers = spec.shape().layers();
        int[] best = {0, 0};
        double bestSeconds = -1;
        for (int first = 0; first < layers; first += per) {
            int moe = 0;
            int last = Math.min(layers, first + per);
            for (int i = first; i < last; i++) {
                moe += spec.shape().isMoeLayer(i) ? 1 : 0;
            }
            int dense = last - first - moe;
            double seconds = dense * denseSeconds + moe * moeSeconds;
            if (seconds > bestSeconds) {
                bestSeconds = seconds;
                best = new int[] {dense, moe};
            }
        }
        return best;
    }

    private void forward(OpTally out, boolean recompute, boolean moe) {
        String rc = recompute ? "recompute_forward" : null;
        double norms = localTokens * h * (r + r + (spec.options().recipe().cachesAutocastWeights() ? 4 + BF16 : 0));
        mem(out, or(rc, "norm"), 2 * norms);
        projections(out, rc, false);
        if (!spec.shape().biases()) {
            mem(out, or(rc, "rotary"), rotaryBytes());
        }
        if (spec.options().flashAttention()) {
            double flops = flashForwardFlops();
            op(out, or(rc, "flash_attention"), flops / (peak() * spec.options().attentionEfficiency()), flops,
                    BF16 * tokens * 2 * (headsPerGpu + kvHeadsPerGpu) * headDim);
        } else {
            attentionForward(out, rc);
        }
        if (eager && !spec.options().flashAttention()) {
            // Eager PyTorch: the block's own attention returns a contiguous (b, a, s, d) product, which
            // it copies back to (b, s, a·d) with .transpose(1, 2).contiguous() before the output
            // projection. Flash SDPA returns a transposed view of a (b, s, a, d) buffer, so there the
            // same call is a no-op and no copy runs.
            // Source: karpathy/nanoGPT model.py, CausalSelfAttention.forward (y.transpose(1, 2).contiguous())
            // Source: PyTorch 2.x aten/src/ATen/native/transformers/cuda/attention.cu, _scaled_dot_product_flash_attention_cuda (attention.view(b, s, a, d).transpose(1, 2))
            mem(out, or(rc, "attention_layout_copy"), 2 * BF16 * tokens * headsPerGpu * vDim);
        }
        linear(out, or(rc, "attention_output_projection"), tokens, h, headsPerGpu * vDim);
        hiddenDropoutAndResidual(out, rc, false);
        if (moe) {
            experts.forward(out, rc);
        } else {
            linear(out, or(rc, "mlp_up"), tokens, (spec.shape().gatedMlp() ? 2 : 1) * ffnPerGpu, h);
            mem(out, or(rc, "mlp_activation"), BF16 * tokens * ffnPerGpu * (spec.shape().gatedMlp() ? 3 : 2));
            if (stopsEarly(recompute)) {
                // Nothing the backward needs comes after the activation: no dropout mask, and the
                // residual add saves nothing.
                return;
            }
            linear(out, or(rc, "mlp_down"), tokens, h, ffnPerGpu);
        }
        hiddenDropoutAndResidual(out, rc, false);
    }

    /**
     * Whether the recomputed forward of a dense block ends at the MLP activation. Eager recipes
     * recompute with {@code torch.utils.checkpoint(use_reentrant=False)}, the variant PyTorch
     * recommends, which stops as soon as every tensor the backward saved is recomputed. Without
     * dropout that is the MLP activation's output: the down projection and the residual add after it
     * are not rerun. With dropout, whose mask is saved, the block is counted whole. Megatron-LM's own
     * checkpoint function reruns the whole block.
     * Source: PyTorch documentation, torch.utils.checkpoint (note on use_reentrant: "Non-reentrant checkpoint stops recomputation as soon as all needed intermediate activations have been recomputed")
     * Source: NVIDIA Megatron-LM megatron/core/tensor_parallel/random.py (CheckpointFunction.backward reruns run_function)
     */
    static boolean recomputeStopsAtMlpActivation(StepSpec spec) {
        return spec.recompute() == Recompute.FULL && spec.options().recipe().eagerKernels() && !spec.options().dropout();
    }

    private boolean stopsEarly(boolean recompute) {
        return recompute && recomputeStopsAtMlpActivation(spec);
    }

    private void backward(OpTally out, boolean moe) {
        mem(out, "norm", 2 * localTokens * h * 3 * r);
        if (eager) {
            eagerBackward(out, moe);
        }
        projections(out, null, true);
        if (!spec.shape().biases()) {
            mem(out, "rotary", rotaryBytes());
        }
        if (spec.options().flashAttention()) {
            // FlashAttention-2's backward runs five products to the forward's two (it recomputes
            // QKᵀ): 2.5 × the forward FLOPs.
            // Source: Dao 2023, §3.1.2 (its benchmark counts bwd = 2.5 fwd)
            double flops = 2.5 * flashForwardFlops();
            op(out, "flash_attention", flops / (peak() * spec.options().attentionEfficiency()), flops,
                    BF16 * tokens * 4 * (headsPerGpu + kvHeadsPerGpu) * headDim);
        } else {
            double heads = spec.microBatch() * headsPerGpu;
            double s = spec.seqLength();
            matmul(out, "attention_over_values", s, s, vDim, heads); // dP = dO · Vᵀ
            matmul(out, "attention_over_values", s, vDim, s, heads); // dV = Pᵀ · dO
            if (spec.options().dropout()) {
                mem(out, "attention_dropout", heads * s * s * (BF16 + MASK + BF16));
            }
            mem(out, "softmax", heads * s * s * softmaxBackwardBytesPerScore());
            if (eager) {
                mem(out, "attention_scale_and_mask", heads * s * s * SCALE_AND_MASK_BYTES_PER_SCORE);
            }
            matmul(out, "attention_scores", s, qkDim, s, heads); // dQ = dS · K
            matmul(out, "attention_scores", s, qkDim, s, heads); // dK = dSᵀ · Q
        }
        linearBackward(out, "attention_output_projection", tokens, h, headsPerGpu * vDim);
        hiddenDropoutAndResidual(out, null, true);
        if (moe) {
            experts.backward(out);
        } else {
            linearBackward(out, "mlp_up", tokens, (spec.shape().gatedMlp() ? 2 : 1) * ffnPerGpu, h);
            mem(out, "mlp_activation", BF16 * tokens * ffnPerGpu * (spec.shape().gatedMlp() ? 5 : 3));
            linearBackward(out, "mlp_down", tokens, h, ffnPerGpu);
        }
        hiddenDropoutAndResidual(out, null, true);
    }

    /**
     * Kernels of a block's backward that only eager PyTorch runs, as bytes over HBM (Megatron-LM
     * fuses or avoids them):
     * <ul>
     *   <li>dtype casts autograd inserts: the fp32 residual gradient cast to each bf16 branch output
     *       (read r, write 2, twice), and the bf16 gradient of each norm output's autocast copy cast
     *       back to fp32 (read 2, write 4, twice);</li>
     *   <li>the norm's weight (and bias) gradient, a second kernel that reads the output gradient
     *       and the input again (2r, twice);</li>
     *   <li>with biases, the bias gradients: a reduction of each linear layer's output gradient
     *       over the tokens (read 2 per element);</li>
     *   <li>the concatenation of the Q, K and V gradients into the fused projection's output
     *       gradient (read and write 2 per element), the backward of splitting that output.</li>
     * </ul>
     * Source: PyTorch 2.x torch/csrc/autograd/engine.cpp, validate_outputs (a gradient is cast to its input's dtype)
     * Source: PyTorch 2.x aten/src/ATen/native/cuda/layer_norm_kernel.cu (GammaBetaBackward, a separate kernel)
     * Source: PyTorch 2.x torch/csrc/autograd/input_metadata.cpp, reduce_grad (sum over broadcast dimensions)
     * Source: PyTorch 2.x tools/autograd/derivatives.yaml, split_with_sizes (backward: cat)
     */
    private void eagerBackward(OpTally out, boolean moe) {
        double residual = localTokens * h;
        double casts = (r > BF16 ? 2 * residual * (r + BF16) : 0)
                + (spec.options().recipe().cachesAutocastWeights() ? 2 * tokens * h * (BF16 + 4) : 0);
        if (casts > 0) {
            mem(out, "dtype_casts", casts);
        }
        mem(out, "norm", 2 * residual * 2 * r);
        double qkv = (headsPerGpu + 2 * kvHeadsPerGpu) * headDim;
        if (spec.shape().biases()) {
            double mlp = moe ? 0 : (spec.shape().gatedMlp() ? 2 : 1) * ffnPerGpu + h;
            mem(out, "bias_gradients", BF16 * tokens * (qkv + h + mlp));
        }
        if (spec.shape().mla() == null) {
            mem(out, "qkv_split", 2 * BF16 * tokens * qkv);
        }
    }

    /**
     * The input projections: Q, K and V as one product, or MLA's down projections (replicated on
     * the tensor-parallel ranks) and up projections (split by heads).
     * Source: DeepSeek-AI 2024 (DeepSeek-V2, arXiv:2405.04434), §2.1.2, Eqs. 9-19
     */
    private void projections(OpTally out, String rc, boolean backward) {
        LatentAttention mla = spec.shape().mla();
        if (mla == null) {
            projection(out, or(rc, "qkv_projection"), (headsPerGpu + 2 * kvHeadsPerGpu) * headDim, h, backward);
            return;
        }
        if (mla.qLoraRank() > 0) {
            projection(out, or(rc, "q_down_projection"), mla.qLoraRank(), h, backward);
            projection(out, or(rc, "q_up_projection"), headsPerGpu * qkDim, mla.qLoraRank(), backward);
        } else {
            projection(out, or(rc, "q_projection"), headsPerGpu * qkDim, h, backward);
        }
        projection(out, or(rc, "kv_down_projection"), mla.kvLoraRank() + ropeDim, h, backward);
        projection(out, or(rc, "kv_up_projection"), headsPerGpu * (mla.qkNopeHeadDim() + vDim), mla.kvLoraRank(), backward);
    }

    private void projection(OpTally out, String name, double n, double k, boolean backward) {
        if (backward) {
            linearBackward(out, name, tokens, n, k);
        } else {
            linear(out, name, tokens, n, k);
        }
    }

    /** Rotary embedding of the queries and keys: read and write; MLA rotates only d_h^R of each head and one shared key. */
    private double rotaryBytes() {
        return spec.shape().mla() == null ? 2 * BF16 * tokens * (headsPerGpu + kvHeadsPerGpu) * headDim
                : 2 * BF16 * tokens * (headsPerGpu + 1) * ropeDim;
    }

    /** QKᵀ, softmax, dropout on the probabilities and attention over V as separate kernels. */
    private void attentionForward(OpTally out, String rename) {
        double heads = spec.microBatch() * headsPerGpu;
        double s = spec.seqLength();
        matmul(out, or(rename, "attention_scores"), s, s, qkDim, heads);
        if (eager) {
            mem(out, or(rename, "attention_scale_and_mask"), heads * s * s * SCALE_AND_MASK_BYTES_PER_SCORE);
        }
        mem(out, or(rename, "softmax"), heads * s * s * softmaxForwardBytesPerScore());
        if (spec.options().dropout()) {
            mem(out, or(rename, "attention_dropout"), heads * s * s * (BF16 + BF16 + MASK));
        }
        matmul(out, or(rename, "attention_over_values"), s, vDim, s, heads);
    }

    /**
     * Bytes per attention score of the two elementwise kernels an eager block runs between QKᵀ and
     * the softmax, the scaling by 1/√d and the causal {@code masked_fill} (read 2, write 2 each, bf16),
     * forward and (as the gradients' scaling and masking) backward. Megatron-LM fuses both into its
     * scale-mask-softmax kernel.
     * Source: karpathy/nanoGPT model.py, CausalSelfAttention.forward (manual path: att = (q @ kᵀ) * (1/√d); att.masked_fill)
     * Source: PyTorch 2.x tools/autograd/derivatives.yaml (mul: grad * other; masked_fill: grad.masked_fill(mask, 0))
     */
    static final double SCALE_AND_MASK_BYTES_PER_SCORE = 2 * (BF16 + BF16);

    /**
     * Bytes per attention score of the forward softmax. Under {@code torch.autocast} the softmax is an
     * op that autocasts to float32: the bf16 scores are cast up (read 2, write 4), the softmax runs
     * in fp32 (read 4, write 4), and the matmul with V, an op that autocasts to bf16, casts the
     * probabilities back down (read 4, write 2): 20 B. Without autocast: read 2, write 2.
     * Source: PyTorch documentation, "Automatic Mixed Precision package - torch.amp", CUDA Ops that can autocast to float32 (softmax) and to float16 (matmul)
     */
    private double softmaxForwardBytesPerScore() {
        return autocast ? (BF16 + 4) + (4 + 4) + (4 + BF16) : 2 * BF16;
    }

    /**
     * Bytes per attention score of the backward softmax. Under autocast, autograd casts the bf16
     * gradient of the probabilities to the fp32 of the softmax output (read 2, write 4), the softmax
     * backward reads that gradient and the fp32 output and writes the fp32 input gradient (12), and
     * the cast back to the bf16 scores (read 4, write 2): 24 B. Without autocast: 3 × 2 B.
     * Source: PyTorch 2.x torch/csrc/autograd/engine.cpp, validate_outputs (a gradient is cast to its input's dtype)
     * Source: PyTorch 2.x tools/autograd/derivatives.yaml (_softmax: _softmax_backward_data(grad, result, dim, self.scalar_type()))
     */
    private double softmaxBackwardBytesPerScore() {
        return autocast ? (BF16 + 4) + (4 + 4 + 4) + (4 + BF16) : 3 * BF16;
    }

    private void hiddenDropoutAndResidual(OpTally out, String rename, boolean backward) {
        if (spec.options().dropout()) {
            mem(out, or(rename, "hidden_dropout"), localTokens * h * (BF16 + BF16 + MASK));
        }
        // Forward: read the residual and the branch output, write the sum. Backward: the branch's
        // gradient is added to the skip connection's.
        mem(out, or(rename, "residual_add"), localTokens * h * (backward ? 3 * r : r + BF16 + r));
    }

    private void outputLayerAndLoss(OpTally out) {
        double v = (double) spec.shape().vocab() / t;

        mem(out, "norm", localTokens * h * (2 * r + 3 * r));
        matmul(out, "output_layer", tokens, v, h);
        matmulBackward(out, "output_layer", tokens, v, h);
        // Forward: upcast the bf16 logits (read 2, write 4), read them, write the exponentials and
        // read them back for the sum. Backward: read the softmax, write the fp32 gradient, cast it
        // to bf16 for the output layer's backward (read 4, write 2).
        mem(out, "cross_entropy", tokens * v * ((BF16 + 4) + (4 + 4 + 4) + (4 + 4) + (4 + BF16)));
        if (eager) {
            // Eager PyTorch also zero-fills nll_loss's fp32 input gradient (write 4) and reads the
            // incoming gradient a second time in the log-softmax backward (read 4).
            // Source: PyTorch 2.x aten/src/ATen/native/cuda/Loss.cu (nll_loss_backward zero-fills grad_input)
            // Source: PyTorch 2.x aten/src/ATen/native/cuda/SoftMax.cu (cunn_SoftMaxBackward: row sum, then output pass)
            mem(out, "cross_entropy", tokens * v * (4 + 4));
        }
    }

    private void embedding(OpTally out) {
        double w = spec.options().recipe().cachesAutocastWeights() ? 4 : BF16;
        // Forward: gather rows, write the input. Backward: scatter-add the gradient into fp32.
        mem(out, "embedding", tokens * h * (w + w + BF16 + 4 + 4));
    }

    private double flashForwardFlops() {
        double full = 4.0 * spec.microBatch() * spec.seqLength() * (double) spec.seqLength() * headsPerGpu * headDim;
        return spec.options().causal() ? full / 2 : full;
    }

    private double peak() {
        return spec.gpu().bf16DenseFlopsPerSecond();
    }

    private void matmul(OpTally out, String name, double m, double n, double k) {
        matmul(out, name, m, n, k, 1);
    }

    private void matmul(OpTally out, String name, double m, double n, double k, double batch) {
        StepOp.Kind kind = name.startsWith("recompute") ? StepOp.Kind.RECOMPUTE : StepOp.Kind.COMPUTE;
        out.add(name, kind, gemm.seconds(m, n, k, batch), GemmModel.flops(m, n, k, batch), GemmModel.bytes(m, n, k, batch), 1);
    }

    /** A linear layer's product, at the GEMM precision's peak. */
    private void linear(OpTally out, String name, double m, double n, double k) {
        StepOp.Kind kind = name.startsWith("recompute") ? StepOp.Kind.RECOMPUTE : StepOp.Kind.COMPUTE;
        out.add(name, kind, linear.seconds(m, n, k, 1), GemmModel.flops(m, n, k, 1), GemmModel.bytes(m, n, k, 1), 1);
    }

    private void linearBackward(OpTally out, String name, double m, double n, double k) {
        linear(out, name, m, k, n);
        linear(out, name, k, n, m);
    }

    /** The two backward products of Y[M×N] = X[M×K]·W[K×N]: dX = dY·Wᵀ and dW = Xᵀ·dY. */
    private void matmulBackward(OpTally out, String name, double m, double n, double k) {
        matmul(out, name, m, k, n);
        matmul(out, name, k, n, m);
    }

    private void mem(OpTally out, String name, double bytes) {
        StepOp.Kind kind = name.startsWith("recompute") ? StepOp.Kind.RECOMPUTE : StepOp.Kind.MEMORY_BOUND;
        out.add(name, kind, bytes / hbm, 0, bytes, 1);
    }

    private void op(OpTally out, String name, double seconds, double flops, double bytes) {
        StepOp.Kind kind = name.startsWith("recompute") ? StepOp.Kind.RECOMPUTE : StepOp.Kind.COMPUTE;
        out.add(name, kind, seconds, flops, bytes, 1);
    }

    private static String or(String rename, String name) {
        return rename != null ? rename : name;
    }
}
