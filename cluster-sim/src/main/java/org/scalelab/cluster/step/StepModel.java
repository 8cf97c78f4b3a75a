package org.scalelab.cluster.step;

import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveCost;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.Network;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.ZeroStage;

/**
 * An analytical model of one training step under DP × TP × PP. Each term is a static formula
 * with its source; MFU comes out of the model, it is never an input.
 */
public final class StepModel {
    /** Bytes of a BF16 value. */
    private static final double BF16 = 2;

    private StepModel() {}

    /** Computes the step time, its breakdown and the MFU. */
    public static StepResult compute(StepSpec spec) {
        ParallelLayout lay = spec.layout();
        double tokens = spec.tokensPerStep();
        double modelFlops = modelFlopsPerToken(spec) * tokens;
        double hardwareFlops = hardwareFlopsPerToken(spec) * tokens;
        double peak = spec.gpu().bf16DenseFlopsPerSecond();

        // Uneven pipeline stages: the busiest stage holds ceil(L/p) of the L layers.
        double imbalance = (double) spec.layersPerStage() * lay.pp() / spec.shape().layers();
        double matmul = hardwareFlops / lay.gpus() / (peak * spec.matmulEfficiency()) * imbalance;
        double memoryBound = memoryBoundBytesPerGpu(spec) / spec.gpu().hbmBandwidthBytesPerSecond();
        double tp = tensorParallelSeconds(spec);
        double bubble = pipelineBubbleFraction(lay.pp(), spec.microBatches(), spec.virtualStages()) * (matmul + memoryBound + tp);
        double[] dp = dataParallelSeconds(spec);
        double exposed = 1 - spec.dpOverlap();
        StepBreakdown b = new StepBreakdown(matmul, memoryBound, tp, bubble, dp[0] * exposed, dp[1] * exposed);
        double step = b.total();
        double mfu = modelFlops / step / (lay.gpus() * peak);
        return new StepResult(step, tokens / step, mfu, b, tokens, modelFlops, hardwareFlops);
    }

    /**
     * Model FLOPs per token, 6N + 12·L·h·s (Chowdhery et al., PaLM, arXiv:2204.02311, Appendix B:
     * 6N + 12·L·H·Q·T with H·Q = h). FLOPs.
     */
    public static double modelFlopsPerToken(StepSpec spec) {
        return 6.0 * spec.paramCount() + 12.0 * spec.shape().layers() * spec.shape().hidden() * spec.seqLength();
    }

    /**
     * FLOPs executed per token: model FLOPs plus recomputation (Korthikanti et al., "Reducing
     * activation recomputation in large transformer models", arXiv:2205.05198, §5): full
     * recomputation repeats the forward pass, 2N + 4·L·h·s; selective repeats the attention core,
     * 4·L·h·s (QKᵀ and attention over V). FLOPs.
     */
    public static double hardwareFlopsPerToken(StepSpec spec) {
        double attentionForward = 4.0 * spec.shape().layers() * spec.shape().hidden() * spec.seqLength();
        double extra = switch (spec.recompute()) {
            case NONE -> 0;
            case SELECTIVE -> attentionForward;
            case FULL -> 2.0 * spec.paramCount() + attentionForward;
        };
        return modelFlopsPerToken(spec) + extra;
    }

    /**
     * Bytes one GPU moves through HBM per step for what is not a matrix multiply. Our estimate,
     * built from published sizes: each layer's activations are 34·s·b·h bytes in 16-bit
     * (Korthikanti et al. 2022, Eq. 1, with a fused attention that drops the 5·a·s/h term),
     * written and read once forward and once backward (4×), split by TP (sequence parallelism);
     * the loss writes 2-byte logits and reads and writes fp32 softmax and gradient over the
     * vocabulary, 12·V bytes per token, split by TP; the Adam update reads and writes fp32 master
     * weights, momentum and variance and reads the gradient and writes the 16-bit weights,
     * 28 bytes per parameter of the GPU's shard. Bytes.
     */
    public static double memoryBoundBytesPerGpu(StepSpec spec) {
        ParallelLayout lay = spec.layout();
        double tokensPerStage = (double) spec.microBatches() * spec.microBatch() * spec.seqLength();
        double layersPerStage = spec.layersPerStage();
        double activations = 4 * 34.0 * spec.shape().hidden() * layersPerStage * tokensPerStage / lay.tp();
        double loss = 12.0 * spec.shape().vocab() * tokensPerStage / lay.tp();
        double shard = (double) spec.paramCount() / (lay.tp() * lay.pp());
        if (spec.zero() != ZeroStage.STAGE_0) {
            shard /= lay.dp();
        }
        return activations + loss + 28.0 * shard;
    }

    /**
     * Tensor-parallel communication per step (s): Megatron-LM's f/g operators do two all-reduces
     * of the layer activations (b·s·h 16-bit values) forward and two backward per layer (Shoeybi
     * et al. 2019, §3, Fig. 4); full recomputation repeats the two forward ones. Ring all-reduce
     * over NVLink inside the node ({@link CollectiveCost}).
     */
    public static double tensorParallelSeconds(StepSpec spec) {
        ParallelLayout lay = spec.layout();
        if (lay.tp() == 1) {
            return 0;
        }
        double bytes = BF16 * spec.microBatch() * spec.seqLength() * spec.shape().hidden();
        Network nvlink = Network.uniform(lay.tp(), lay.nvlinkLatencyUs(), lay.nvlinkGbPerS());
        double perAllReduce = CollectiveCost.seconds(CollectiveOp.ALL_REDUCE, CollectiveAlgorithm.RING, nvlink, bytes);
        int perLayer = spec.recompute() == Recompute.FULL ? 6 : 4;
        return perAllReduce * perLayer * spec.microBatches() * spec.layersPerStage();
    }

    /**
     * Pipeline bubble fraction (p − 1)/(v·m): (p − 1)/m for 1F1B (Narayanan et al., SC'21,
     * arXiv:2104.04473, §2.2.1), divided by the v model chunks per device of the interleaved
     * schedule (§2.2.2). Dimensionless, relative to the ideal per-stage time.
     */
    public static double pipelineBubbleFraction(int pp, int microBatches, int virtualStages) {
        return (pp - 1.0) / ((double) virtualStages * microBatches);
    }

    /**
     * Data-parallel communication per step before overlap, seconds: {gradient reduction, ZeRO-3
     * parameter gathers}. Gradients are 16-bit, N/(tp·pp) per GPU. Stages 0-2 move 2Ψ per rank
     * (all-reduce, or reduce-scatter then all-gather of the updated parameters); stage 3 adds a
     * second parameter all-gather, 3Ψ in all (Rajbhandari et al., ZeRO, arXiv:1910.02054, §7.2).
     * The DP group spans nodes (one GPU per node per group when tp·pp fills the node), so the ring
     * runs over the GPUs' NICs, hierarchically when several group members share a node.
     */
    public static double[] dataParallelSeconds(StepSpec spec) {
        ParallelLayout lay = spec.layout();
        if (lay.dp() == 1) {
            return new double[] {0, 0};
        }
        double bytes = BF16 * spec.paramCount() / (lay.tp() * lay.pp());
        Network net = dataParallelNetwork(lay);
        CollectiveAlgorithm alg = net.localRanks() > 1 && net.nodes() > 1 ? CollectiveAlgorithm.HIERARCHICAL
                : CollectiveAlgorithm.RING;
        double allReduce = CollectiveCost.seconds(CollectiveOp.ALL_REDUCE, alg, net, bytes);
        if (spec.zero() != ZeroStage.STAGE_3) {
            return new double[] {allReduce, 0};
        }
        double reduceScatter = CollectiveCost.seconds(CollectiveOp.REDUCE_SCATTER, alg, net, bytes);
        double allGather = CollectiveCost.seconds(CollectiveOp.ALL_GATHER, alg, net, bytes);
        // ZeRO-3: gradients reduce-scattered once; parameters gathered forward and backward.
        return new double[] {reduceScatter, 2 * allGather};
    }

    private static Network dataParallelNetwork(ParallelLayout lay) {
        int perNode = Math.max(1, lay.gpusPerNode() / (lay.tp() * lay.pp()));
        int local = Math.min(perNode, lay.dp());
        if (lay.dp() % local != 0) {
            local = 1;
        }
        return new Network(lay.dp(), local, lay.nvlinkLatencyUs(), lay.nvlinkGbPerS(), lay.interNodeLatencyUs(),
                lay.interNodeGbitPerS() / 8.0, local);
    }
}
