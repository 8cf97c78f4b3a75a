package org.scalelab.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The tensors one pre-norm transformer block keeps for its backward pass, op by op, following
 * Korthikanti et al. 2022 (arXiv:2205.05198) §4.1, generalised to the block's real widths:
 * grouped-query attention (K and V of width h·kv/a), an MLP of inner width F, plain (two matrices,
 * the activation's input and output kept) or gated (SwiGLU: the fused gate-and-up output of width
 * 2F and the product are kept, as Megatron-LM's fused {@code bias_swiglu} does), dropout on or off,
 * attention with stored s×s scores or flash attention. Names: s sequence, b micro-batch, h hidden,
 * a heads, t tensor-parallel degree; 16-bit matmul inputs, 1-byte dropout masks, norm inputs of
 * {@link ActivationOptions#residualBytes()} bytes. Norm statistics (mean, reciprocal standard
 * deviation: a few bytes per token) are left out, as Korthikanti §4.1 does.
 *
 * <p>With GPT-3's block (F = 4h, kv = a, dropout, scores stored) the ops sum to
 * Korthikanti 2022, Eq. 1, 34sbh + 5as²b; with sequence parallelism and selective recomputation to
 * Megatron-LM's {@code theoretical_memory_usage.py} form sbh(18 + 4F/h)/t.
 */
public final class BlockActivations {
    private BlockActivations() {}

    /**
     * The kept tensors of one dense layer (or, in a mixture-of-experts shape, of a dense block) on one
     * tensor-parallel rank; see {@link #perBlock}.
     */
    public static List<ActivationOp> perLayer(TransformerShape shape, long s, long b, long t, boolean sequenceParallel,
                                              Recompute recompute, ActivationOptions o) {
        return perBlock(shape, false, s, b, t, sequenceParallel, recompute, o, 0);
    }

    /**
     * The kept tensors of one layer on one tensor-parallel rank.
     * Korthikanti 2022, Section 4.1 (attention 11sbh + 5as²b, MLP 19sbh, norms 4sbh);
     * Korthikanti 2022, Section 4.2.2 (with sequence parallelism the norm, dropout and block-input
     * tensors are divided by t as well); Table 2 (full recomputation keeps the layer input, 2sbh).
     * Selective recomputation drops the attention core (scores, or the flash kernel's own output
     * and log-sum-exp); Q, K and V stay as the checkpoint's inputs.
     *
     * <p>With latent attention (DeepSeek-AI 2024, DeepSeek-V2, Section 2.1.2, Eqs. 9-19) the same ops
     * take MLA's real widths: queries and keys a·(d_h + d_h^R) (the shared rotary key broadcast to every
     * head), values, the attention output and the output projection's input a·d_v; the compressed query
     * (d'_c) and key/value (d_c) latents are kept too, with their norms' inputs, on every tensor-parallel rank
     * (the down-projections are not split). An approximation: the rotary key before broadcasting (d_h^R
     * per token) and the rotary-embedding copies are left out, as Korthikanti leaves rotary out.
     * A mixture-of-experts block replaces the MLP's tensors by {@link ExpertActivations#mlpOps}.
     *
     * @param shape            block shape (hidden, heads, kv heads, FFN width, gated MLP, norm type, MLA, experts)
     * @param moeBlock         the block routes its tokens to experts (needs {@code shape.moe()})
     * @param s                sequence length, tokens
     * @param b                micro-batch, sequences
     * @param t                tensor-parallel degree
     * @param sequenceParallel Megatron sequence parallelism
     * @param recompute        recomputation policy
     * @param o                dropout, flash attention, residual width
     * @param routedTokenFactor capacity factor or load imbalance of the routed experts ({@link TrainingSetup#routedTokenFactor()})
     * @return the kept tensors, bytes per layer per GPU each
     */
    public static List<ActivationOp> perBlock(TransformerShape shape, boolean moeBlock, long s, long b, long t,
                                              boolean sequenceParallel, Recompute recompute, ActivationOptions o,
                                              double routedTokenFactor) {
        double sb = (double) s * b;
        double h = shape.hidden();
        double sbh = sb * h;
        double sp = sequenceParallel ? t : 1;
        int r = o.residualBytes();
        String norm = shape.biases() ? "layernorm" : "rmsnorm";
        List<ActivationOp> ops = new ArrayList<>();
        if (recompute == Recompute.FULL) {
            ops.add(new ActivationOp("layer input (checkpoint)", r * sbh));
            return ops;
        }
        double heads = shape.heads();
        LatentAttention mla = shape.mla();
        double kvWidth = h * shape.kvHeads() / shape.heads();
        double qWidth = mla == null ? h : heads * (mla.qkNopeHeadDim() + mla.qkRopeHeadDim());
        double kWidth = mla == null ? kvWidth : qWidth;
        double vWidth = mla == null ? kvWidth : heads * mla.vHeadDim();
        double outWidth = mla == null ? h : vWidth;
        ops.add(new ActivationOp(norm + " 1 input", r * sbh / sp));
        ops.add(new ActivationOp("qkv input", 2 * sbh / sp));
        if (mla != null) {
            if (mla.qLoraRank() > 0) {
                ops.add(new ActivationOp("query latent norm input", r * sb * mla.qLoraRank()));
                ops.add(new ActivationOp("query latent", 2 * sb * mla.qLoraRank()));
            }
            ops.add(new ActivationOp("key/value latent norm input", r * sb * mla.kvLoraRank()));
            ops.add(new ActivationOp("key/value latent", 2 * sb * mla.kvLoraRank()));
        }
        ops.add(new ActivationOp("query", 2 * sb * qWidth / t));
        ops.add(new ActivationOp("key", 2 * sb * kWidth / t));
        ops.add(new ActivationOp("value", 2 * sb * vWidth / t));
        if (recompute == Recompute.NONE) {
            if (o.flashAttention()) {
                ops.add(new ActivationOp("flash attention output", 2 * sb * outWidth / t));
                ops.add(new ActivationOp("flash attention log-sum-exp (fp32)", 4 * heads * sb / t));
            } else {
                if (o.scoreBytes() > 2) {
                    ops.add(new ActivationOp("attention scores (fp32 softmax output)", 4 * heads * s * sb / t));
                    ops.add(new ActivationOp("attention scores (bf16 copy for the product with V)",
                            (o.scoreBytes() - 4) * heads * s * sb / t));
                } else {
                    ops.add(new ActivationOp("attention scores (softmax output)", o.scoreBytes() * heads * s * sb / t));
                }
                if (o.dropout()) {
                    ops.add(new ActivationOp("attention dropout mask", heads * s * sb / t));
                    ops.add(new ActivationOp("attention dropout output", 2 * heads * s * sb / t));
                }
            }
        }
        ops.add(new ActivationOp("attention projection input", 2 * sb * outWidth / t));
        if (o.dropout()) {
            ops.add(new ActivationOp("attention residual dropout mask", sbh / sp));
        }
        ops.add(new ActivationOp(norm + " 2 input", r * sbh / sp));
        ops.add(new ActivationOp("mlp input", 2 * sbh / sp));
        if (moeBlock) {
            ops.addAll(ExpertActivations.mlpOps(shape, s, b, t, sequenceParallel, routedTokenFactor));
        } else {
            double sbf = sb * shape.ffnHidden();
            if (shape.gatedMlp()) {
                ops.add(new ActivationOp("fc1 output (gate and up)", 4 * sbf / t));
                ops.add(new ActivationOp("fc2 input (gated product)", 2 * sbf / t));
            } else {
                ops.add(new ActivationOp("fc1 output (activation input)", 2 * sbf / t));
                ops.add(new ActivationOp("fc2 input (activation output)", 2 * sbf / t));
            }
        }
        if (o.dropout()) {
            ops.add(new ActivationOp("mlp residual dropout mask", sbh / sp));
        }
        return ops;
    }

    /** Sum of {@link #perBlock}, bytes per layer per GPU. */
    public static double perBlockBytes(TransformerShape shape, boolean moeBlock, long s, long b, long t, boolean sequenceParallel,
                                       Recompute recompute, ActivationOptions o, double routedTokenFactor) {
        return perBlock(shape, moeBlock, s, b, t, sequenceParallel, recompute, o, routedTokenFactor).stream()
                .mapToDouble(ActivationOp::bytes).sum();
    }

    /** Sum of {@link #perLayer}, bytes per layer per GPU. */
    public static double perLayerBytes(TransformerShape shape, long s, long b, long t, boolean sequenceParallel,
                                       Recompute recompute, ActivationOptions o) {
        return perLayer(shape, s, b, t, sequenceParallel, recompute, o).stream().mapToDouble(ActivationOp::bytes).sum();
    }

    /**
     * Bytes the backward pass of one layer re-creates under recomputation and holds while that
     * layer's backward runs: the layer's kept tensors without recomputation minus those with it
     * (0 for {@link Recompute#NONE}). Bytes per GPU.
     */
    public static double recomputedLayerBytes(TransformerShape shape, long s, long b, long t, boolean sequenceParallel,
                                              Recompute recompute, ActivationOptions o) {
        if (recompute == Recompute.NONE) {
            return 0;
        }
        double all = perLayerBytes(shape, s, b, t, sequenceParallel, Recompute.NONE, o);
        return all - (recompute == Recompute.FULL ? 0 : perLayerBytes(shape, s, b, t, sequenceParallel, recompute, o));
    }
}
