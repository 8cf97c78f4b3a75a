package org.scalelab.cluster.step;

import org.scalelab.memory.TransformerShape;

/**
 * The work of one micro-batch on the busiest pipeline stage of one GPU, op by op: the layer's
 * matrix multiplies at their own shapes ({@link GemmModel}), attention (unfused kernels or
 * FlashAttention-2), the memory-bound kernels as bytes over HBM, the recomputed forward, and the
 * output layer with the loss on the last stage. Shapes per GPU under tensor parallelism t follow
 * Megatron-LM (Shoeybi et al. 2019, §3): Q/K/V and MLP-up split by columns, attention output and
 * MLP-down by rows, the output layer by vocabulary.
 *
 * <p>Bytes per element: 2 for bf16 activations, the recipe's width for the residual stream
 * ({@link org.scalelab.memory.Recipe#residualBytes}), 1 for a dropout mask; the loss upcasts the
 * bf16 logits to fp32. Each kernel reads its inputs and writes its
 * outputs once (what an eager framework does); a backward kernel reads the saved input and the
 * incoming gradient and writes the outgoing gradient.
 */
final class MicroBatchOps {
    private static final double BF16 = 2;
    private static final double MASK = 1;

    private final StepSpec spec;
    private final GemmModel gemm;
    private final double hbm;
    private final double tokens;
    private final double localTokens;
    private final int t;
    private final double h;
    private final double headsPerGpu;
    private final double kvHeadsPerGpu;
    private final double headDim;
    private final double ffnPerGpu;
    private final double r;

    MicroBatchOps(StepSpec spec) {
        this.spec = spec;
        this.gemm = GemmModel.of(spec.gpu(), spec.matmulEfficiency());
        this.hbm = spec.gpu().hbmBandwidthBytesPerSecond();
        TransformerShape s = spec.shape();
        this.t = spec.layout().tp();
        this.tokens = (double) spec.microBatch() * spec.seqLength();
        this.localTokens = spec.options().sequenceParallel() ? tokens / t : tokens;
        this.h = s.hidden();
        this.headsPerGpu = (double) s.heads() / t;
        this.kvHeadsPerGpu = Math.max(1.0, (double) s.kvHeads() / t);
        this.headDim = s.headDim();
        this.ffnPerGpu = (double) s.ffnHidden() / t;
        this.r = spec.options().recipe().residualBytes();
    }

    /** The micro-batch's ops on the busiest stage: layers, plus the output layer and loss (last stage). */
    OpTally build() {
        OpTally layer = new OpTally();
        forward(layer, false);
        backward(layer);
        switch (spec.recompute()) {
            case FULL -> forward(layer, true);
            case SELECTIVE -> {
                if (!spec.options().flashAttention()) {
                    attentionForward(layer, "recompute_attention");
                }
            }
            case NONE -> { }
        }
        OpTally all = new OpTally();
        all.addAll(layer, spec.layersPerStage());
        outputLayerAndLoss(all);
        if (spec.layout().pp() == 1) {
            embedding(all);
        }
        return all;
    }

    private void forward(OpTally out, boolean recompute) {
        String rc = recompute ? "recompute_forward" : null;
        double norms = localTokens * h * (r + r + (spec.options().recipe().cachesAutocastWeights() ? 4 + BF16 : 0));
        mem(out, or(rc, "norm"), 2 * norms);
        matmul(out, or(rc, "qkv_projection"), tokens, (headsPerGpu + 2 * kvHeadsPerGpu) * headDim, h);
        if (!spec.shape().biases()) {
            mem(out, or(rc, "rotary"), 2 * BF16 * tokens * (headsPerGpu + kvHeadsPerGpu) * headDim);
        }
        if (spec.options().flashAttention()) {
            double flops = flashForwardFlops();
            op(out, or(rc, "flash_attention"), flops / (peak() * spec.options().attentionEfficiency()), flops,
                    BF16 * tokens * 2 * (headsPerGpu + kvHeadsPerGpu) * headDim);
        } else {
            attentionForward(out, rc);
        }
        matmul(out, or(rc, "attention_output_projection"), tokens, h, headsPerGpu * headDim);
        hiddenDropoutAndResidual(out, rc, false);
        matmul(out, or(rc, "mlp_up"), tokens, (spec.shape().gatedMlp() ? 2 : 1) * ffnPerGpu, h);
        mem(out, or(rc, "mlp_activation"), BF16 * tokens * ffnPerGpu * (spec.shape().gatedMlp() ? 3 : 2));
        matmul(out, or(rc, "mlp_down"), tokens, h, ffnPerGpu);
        hiddenDropoutAndResidual(out, rc, false);
    }

    private void backward(OpTally out) {
        mem(out, "norm", 2 * localTokens * h * 3 * r);
        matmulBackward(out, "qkv_projection", tokens, (headsPerGpu + 2 * kvHeadsPerGpu) * headDim, h);
        if (!spec.shape().biases()) {
            mem(out, "rotary", 2 * BF16 * tokens * (headsPerGpu + kvHeadsPerGpu) * headDim);
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
            matmul(out, "attention_over_values", s, s, headDim, heads); // dP = dO · Vᵀ
            matmul(out, "attention_over_values", s, headDim, s, heads); // dV = Pᵀ · dO
            if (spec.options().dropout()) {
                mem(out, "attention_dropout", heads * s * s * (BF16 + MASK + BF16));
            }
            mem(out, "softmax", heads * s * s * 3 * BF16);
            matmul(out, "attention_scores", s, headDim, s, heads); // dQ = dS · K
            matmul(out, "attention_scores", s, headDim, s, heads); // dK = dSᵀ · Q
        }
        matmulBackward(out, "attention_output_projection", tokens, h, headsPerGpu * headDim);
        hiddenDropoutAndResidual(out, null, true);
        matmulBackward(out, "mlp_up", tokens, (spec.shape().gatedMlp() ? 2 : 1) * ffnPerGpu, h);
        mem(out, "mlp_activation", BF16 * tokens * ffnPerGpu * (spec.shape().gatedMlp() ? 5 : 3));
        matmulBackward(out, "mlp_down", tokens, h, ffnPerGpu);
        hiddenDropoutAndResidual(out, null, true);
    }

    /** QKᵀ, softmax, dropout on the probabilities and attention over V as separate kernels. */
    private void attentionForward(OpTally out, String rename) {
        double heads = spec.microBatch() * headsPerGpu;
        double s = spec.seqLength();
        matmul(out, or(rename, "attention_scores"), s, s, headDim, heads);
        mem(out, or(rename, "softmax"), heads * s * s * 2 * BF16);
        if (spec.options().dropout()) {
            mem(out, or(rename, "attention_dropout"), heads * s * s * (BF16 + BF16 + MASK));
        }
        matmul(out, or(rename, "attention_over_values"), s, headDim, s, heads);
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
