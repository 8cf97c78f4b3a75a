package org.scalelab.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * What the MLP half of a mixture-of-experts block keeps for its backward pass, and the all-to-all
 * buffers that move its tokens, on one GPU. Names: s sequence, b micro-batch, h hidden, t tensor-parallel
 * degree, E routed experts, k experts per token, S shared experts, F one expert's MLP width; 16-bit
 * activations, fp32 router logits.
 *
 * <p>Tokens: every GPU of an expert-parallel group of ep GPUs sends its s·b tokens, k copies each, to the
 * experts; an expert receives k·(ep·s·b)/E tokens on average and its buffers are sized for f times that,
 * f being the capacity factor when tokens are dropped (Fedus et al. 2022, Eq. 3: expert capacity = capacity
 * factor × tokens / experts, times k for top-k routing as in Lepikhin et al. 2021, GShard, Section 2.2) or the
 * load imbalance (the busiest expert's share over the mean) when dropless. A GPU holds E/ep experts, so it
 * processes R = (E/ep)·f·k·ep·s·b/E = f·k·s·b routed tokens, whatever ep is; every local expert is sized
 * as the busiest, an upper bound. Experts are tensor-parallel over the same t as the dense layers
 * (Megatron-Core's default), each tensor-parallel rank seeing all R tokens and 1/t of each expert's width.
 *
 * <p>Our accounting, op by op in the manner of Korthikanti et al. 2022, Section 4.1; the router and the
 * weighted sum of expert outputs follow Shazeer et al. 2017, Eqs. 1 and 3 (y = Σ G(x)_i E_i(x): the
 * gradient of each gate G(x)_i needs the expert output E_i(x), so it is kept).
 */
public final class ExpertActivations {
    private ExpertActivations() {}

    /**
     * Routed token copies one GPU processes in one MoE block for one micro-batch: R = f·k·s·b (see the
     * class comment). Tokens.
     *
     * @param f the routed token factor ({@link TrainingSetup#routedTokenFactor()})
     */
    public static double routedTokens(TransformerShape shape, long s, long b, double f) {
        return f * shape.moe().expertsPerToken() * (double) s * b;
    }

    /**
     * Bytes the routed experts of one MoE block keep on one GPU: R tokens × (dispatched input 2h + fc1
     * output (4F gated, 2F plain)/t + fc2 input 2F/t + expert output 2h). Bytes per layer.
     */
    public static double routedBytes(TransformerShape shape, long s, long b, long t, double f) {
        double r = routedTokens(shape, s, b, f);
        double width = shape.moe().expertFfnHidden();
        double fc1 = (shape.gatedMlp() ? 4.0 : 2.0) * width / t;
        return r * (2.0 * shape.hidden() + fc1 + 2.0 * width / t + 2.0 * shape.hidden());
    }

    /**
     * The router's fp32 logits (their softmax is recomputed from them or kept at the same size):
     * 4 bytes × s·b tokens × E, divided by t with sequence parallelism (the router sees the rank's
     * share of tokens). Shazeer et al. 2017, Eq. 3 (G(x) = Softmax(x·W_g)). Bytes per layer.
     */
    public static double routerLogitsBytes(TransformerShape shape, long s, long b, long t, boolean sequenceParallel) {
        return 4.0 * s * b * shape.moe().experts() / (sequenceParallel ? t : 1);
    }

    /**
     * The MLP-half tensors of one MoE block after its norm and input (which the caller counts as for a
     * dense block): router logits, the shared experts' MLP (a dense MLP of width S·F on every token) and the
     * routed experts' tensors ({@link #routedBytes}, split by name). Bytes per layer per GPU each.
     */
    static List<ActivationOp> mlpOps(TransformerShape shape, long s, long b, long t, boolean sequenceParallel, double f) {
        MoeShape moe = shape.moe();
        List<ActivationOp> ops = new ArrayList<>();
        double sb = (double) s * b;
        ops.add(new ActivationOp("router logits (fp32)", routerLogitsBytes(shape, s, b, t, sequenceParallel)));
        double shared = sb * moe.sharedExperts() * moe.expertFfnHidden();
        if (shared > 0) {
            ops.add(new ActivationOp("shared experts fc1 output", (shape.gatedMlp() ? 4 : 2) * shared / t));
            ops.add(new ActivationOp("shared experts fc2 input", 2 * shared / t));
        }
        double r = routedTokens(shape, s, b, f);
        double width = moe.expertFfnHidden();
        ops.add(new ActivationOp("routed experts input (dispatched tokens)", 2 * r * shape.hidden()));
        ops.add(new ActivationOp("routed experts fc1 output", (shape.gatedMlp() ? 4 : 2) * r * width / t));
        ops.add(new ActivationOp("routed experts fc2 input", 2 * r * width / t));
        ops.add(new ActivationOp("routed experts output (kept for the gate's gradient)", 2 * r * shape.hidden()));
        return ops;
    }

    /**
     * The all-to-all send buffer of one MoE block's dispatch: the GPU's tokens, k copies each, 16-bit:
     * 2·k·s·b·h bytes, divided by t with sequence parallelism; 0 without expert parallelism (ep = 1: no
     * all-to-all). The combine sends the same amount back through buffers of the same size; one layer's
     * buffers are live at a time. Lepikhin et al. 2021 (GShard), Section 2.2 (dispatch and combine
     * as all-to-all). Bytes.
     */
    public static double allToAllSendBytes(TransformerShape shape, long s, long b, long t, boolean sequenceParallel, long ep) {
        if (ep <= 1) {
            return 0;
        }
        return 2.0 * shape.moe().expertsPerToken() * s * b * shape.hidden() / (sequenceParallel ? t : 1);
    }

    /**
     * The all-to-all receive buffer of one MoE block's dispatch: the R routed tokens this GPU's experts
     * are sized for ({@link #routedTokens}), 16-bit, divided by t with sequence parallelism (before the
     * tensor-parallel all-gather); 0 without expert parallelism. Same source as {@link #allToAllSendBytes}. Bytes.
     */
    public static double allToAllReceiveBytes(TransformerShape shape, long s, long b, long t, boolean sequenceParallel, long ep,
                                              double f) {
        if (ep <= 1) {
            return 0;
        }
        return 2.0 * routedTokens(shape, s, b, f) * shape.hidden() / (sequenceParallel ? t : 1);
    }
}
