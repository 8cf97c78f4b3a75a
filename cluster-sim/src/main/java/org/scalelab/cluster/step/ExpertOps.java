package org.scalelab.cluster.step;

import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveCost;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.Network;
import org.scalelab.memory.MoeShape;
import org.scalelab.memory.TransformerShape;

/**
 * The mixture-of-experts part of one block for one micro-batch on the busiest GPU of an
 * expert-parallel group: the router, the token dispatch, the shared experts, the routed experts at
 * their own (smaller) shapes, and the combine.
 *
 * <p>Each of the ep GPUs of the group brings T = b·s tokens (T/t per rank with sequence
 * parallelism), so the group routes ep·T tokens to E experts, k each. The busiest expert receives
 * {@link MoeShape#busiestExpertTokens} of them (k·ep·T/E times the load imbalance, capped by the
 * capacity factor), and the busiest GPU holds E/ep experts loaded like it: its experts run as one
 * grouped product of E/ep matrices of that many rows. At a load imbalance of 1 the GPU processes
 * k·T token-expert pairs, as many as it sends.
 * Source: Shazeer et al. 2017, Section 2 (router and experts); Lepikhin et al. 2020 (GShard), Section 2.2
 * (dispatch and combine as all-to-alls over the expert-parallel group); Dai et al. 2024 (DeepSeekMoE),
 * Section 3 (shared experts).
 *
 * <p>Token dispatch and combine: two all-to-alls in the forward (the tokens out to the experts and
 * the expert outputs back) and two in the backward (their gradients), each moving the k·T routed
 * token copies of h values per GPU ({@link CollectiveCost}'s pairwise all-to-all over NVLink when
 * tp·ep fits in a node, over the NICs otherwise); full recomputation repeats the forward two. With
 * FP8 GEMMs the dispatch of the activations and of the activation gradients before the down
 * projections carries 1-byte values, the combines stay BF16 (DeepSeek-AI 2024, Section 3.3.4). The
 * busiest GPU receives the most: the volume is scaled by its load. A fraction {@code a2a_overlap}
 * is hidden behind compute.
 * Source: DeepSeek-AI 2024 (arXiv:2412.19437), Section 3.3.4 (FP8 dispatch, BF16 combine)
 */
final class ExpertOps {
    private static final double BF16 = 2;
    private static final double FP8 = 1;
    static final String ALL_TO_ALL = "all_to_all";

    private final StepSpec spec;
    private final GemmModel gemm;
    private final GemmModel linear;
    private final double hbm;
    private final MoeShape moe;
    private final double tokens;
    private final double h;
    private final double widthPerGpu;
    private final double upFactor;
    private final double expertsPerGpu;
    private final double rowsPerExpert;
    private final double sharedWidthPerGpu;
    private final double dispatchSeconds;
    private final double combineSeconds;
    private final double[] a2aBytes = new double[2];

    ExpertOps(StepSpec spec, GemmModel gemm, GemmModel linear) {
        this.spec = spec;
        this.gemm = gemm;
        this.linear = linear;
        this.hbm = spec.hbm().bytesPerSecond();
        TransformerShape s = spec.shape();
        this.moe = s.moe();
        ParallelLayout lay = spec.layout();
        int t = lay.tp();
        this.tokens = (double) spec.microBatch() * spec.seqLength();
        this.h = s.hidden();
        this.widthPerGpu = (double) moe.expertFfnHidden() / t;
        this.upFactor = s.gatedMlp() ? 2 : 1;
        this.expertsPerGpu = (double) moe.experts() / lay.ep();
        double imbalance = spec.options().expertLoadImbalance();
        this.rowsPerExpert = moe.busiestExpertTokens(lay.ep() * tokens, imbalance);
        this.sharedWidthPerGpu = (double) moe.sharedExperts() * moe.expertFfnHidden() / t;
        double localTokens = spec.options().sequenceParallel() ? tokens / t : tokens;
        // Routed token copies the busiest GPU receives (k·T when balanced), scaled to the tokens it sends.
        double copies = moe.busiestExpertTokens(lay.ep() * localTokens, imbalance) * expertsPerGpu;
        boolean fp8 = spec.options().gemmPrecision() == GemmPrecision.FP8;
        a2aBytes[0] = copies * h * (fp8 ? FP8 : BF16);
        a2aBytes[1] = copies * h * BF16;
        Network net = network(lay);
        double exposed = 1 - spec.options().a2aOverlap();
        this.dispatchSeconds = exposed * CollectiveCost.seconds(CollectiveOp.ALL_TO_ALL, CollectiveAlgorithm.PAIRWISE, net,
                a2aBytes[0]);
        this.combineSeconds = exposed * CollectiveCost.seconds(CollectiveOp.ALL_TO_ALL, CollectiveAlgorithm.PAIRWISE, net,
                a2aBytes[1]);
    }

    /**
     * The EP group's links: ep ranks, tp·ep of them per node at most, each with its own NVLink port
     * and NIC (rail-optimised, one NIC per GPU).
     */
    static Network network(ParallelLayout lay) {
        int local = gcd(lay.ep(), lay.epRanksPerNode());
        return new Network(lay.ep(), local, lay.nvlinkLatencyUs(), lay.ncclNvlinkGbPerS(), lay.interNodeLatencyUs(),
                lay.interNodeGbitPerS() / 8.0, local);
    }

    /** Seconds of one micro-batch's all-to-alls in one MoE block (exposed part), forward and backward. */
    double allToAllSecondsPerBlock() {
        return 2 * (dispatchSeconds + combineSeconds);
    }

    /** The block's forward: router, dispatch, shared and routed experts, combine. */
    void forward(OpTally out, String rename) {
        matmul(out, gemm, or(rename, "router"), tokens, moe.experts(), h, 1);
        // Read the bf16 logits, write fp32 probabilities and the top-k indices.
        mem(out, or(rename, "router_softmax_topk"), tokens * moe.experts() * (BF16 + 4));
        // Copy each token k times into expert order, and back, weighting and summing the k outputs.
        mem(out, or(rename, "moe_permute"), tokens * h * BF16 * (1 + moe.expertsPerToken()));
        a2a(out, dispatchSeconds, a2aBytes[0]);
        if (moe.sharedExperts() > 0) {
            matmul(out, linear, or(rename, "shared_expert_up"), tokens, upFactor * sharedWidthPerGpu, h, 1);
            mem(out, or(rename, "shared_expert_activation"), BF16 * tokens * sharedWidthPerGpu * (upFactor + 1));
            matmul(out, linear, or(rename, "shared_expert_down"), tokens, h, sharedWidthPerGpu, 1);
        }
        matmul(out, linear, or(rename, "expert_up"), rowsPerExpert, upFactor * widthPerGpu, h, expertsPerGpu);
        mem(out, or(rename, "expert_activation"), BF16 * rowsPerExpert * expertsPerGpu * widthPerGpu * (upFactor + 1));
        matmul(out, linear, or(rename, "expert_down"), rowsPerExpert, h, widthPerGpu, expertsPerGpu);
        a2a(out, combineSeconds, a2aBytes[1]);
        mem(out, or(rename, "moe_unpermute"), tokens * h * BF16 * (1 + moe.expertsPerToken()));
    }

    /** The block's backward, in reverse order; each product's two backward products. */
    void backward(OpTally out) {
        mem(out, "moe_unpermute", tokens * h * BF16 * (1 + moe.expertsPerToken()));
        a2a(out, dispatchSeconds, a2aBytes[0]);
        matmulBackward(out, linear, "expert_down", rowsPerExpert, h, widthPerGpu, expertsPerGpu);
        mem(out, "expert_activation", BF16 * rowsPerExpert * expertsPerGpu * widthPerGpu * (2 * upFactor + 1));
        matmulBackward(out, linear, "expert_up", rowsPerExpert, upFactor * widthPerGpu, h, expertsPerGpu);
        a2a(out, combineSeconds, a2aBytes[1]);
        if (moe.sharedExperts() > 0) {
            matmulBackward(out, linear, "shared_expert_down", tokens, h, sharedWidthPerGpu, 1);
            mem(out, "shared_expert_activation", BF16 * tokens * sharedWidthPerGpu * (2 * upFactor + 1));
            matmulBackward(out, linear, "shared_expert_up", tokens, upFactor * sharedWidthPerGpu, h, 1);
        }
        mem(out, "moe_permute", tokens * h * BF16 * (1 + moe.expertsPerToken()));
        mem(out, "router_softmax_topk", tokens * moe.experts() * (4 + 4 + BF16));
        matmulBackward(out, gemm, "router", tokens, moe.experts(), h, 1);
    }

    private void a2a(OpTally out, double seconds, double bytes) {
        if (spec.layout().ep() > 1) {
            out.add(ALL_TO_ALL, StepOp.Kind.ALL_TO_ALL, seconds, 0, bytes, 1);
        }
    }

    private static void matmul(OpTally out, GemmModel g, String name, double m, double n, double k, double batch) {
        StepOp.Kind kind = name.startsWith("recompute") ? StepOp.Kind.RECOMPUTE : StepOp.Kind.COMPUTE;
        out.add(name, kind, g.seconds(m, n, k, batch), GemmModel.flops(m, n, k, batch), GemmModel.bytes(m, n, k, batch), 1);
    }

    /** dX = dY·Wᵀ and dW = Xᵀ·dY of Y[M×N] = X[M×K]·W[K×N], each of the {@code batch} experts. */
    private static void matmulBackward(OpTally out, GemmModel g, String name, double m, double n, double k, double batch) {
        matmul(out, g, name, m, k, n, batch);
        matmul(out, g, name, k, n, m, batch);
    }

    private void mem(OpTally out, String name, double bytes) {
        StepOp.Kind kind = name.startsWith("recompute") ? StepOp.Kind.RECOMPUTE : StepOp.Kind.MEMORY_BOUND;
        out.add(name, kind, bytes / hbm, 0, bytes, 1);
    }

    private static String or(String rename, String name) {
        return rename != null ? rename : name;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
