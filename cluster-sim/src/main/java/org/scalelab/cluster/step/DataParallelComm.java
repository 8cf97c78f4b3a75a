package org.scalelab.cluster.step;

import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveCost;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.Network;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.ZeroStage;

/**
 * The data-parallel communication of one training step on one GPU, before overlap: the gradient
 * reduction and the parameter all-gathers, each message Ψ = N/(tp·pp) values (for a mixture of
 * experts, the dense weights over ep·dp ranks plus the routed experts over dp).
 *
 * <p>What each ZeRO stage sends per step, with K micro-batches per step per pipeline (gradient
 * accumulation), g the recipe's gradient bytes and p its parameter bytes per value:
 * <ul>
 *   <li>stage 0 (DDP, Megatron-LM's DDP): one all-reduce of gΨ bytes at the accumulation boundary;</li>
 *   <li>stage 1 and Megatron-LM's distributed optimizer: one reduce-scatter of gΨ and one all-gather
 *       of the updated pΨ parameters per step;</li>
 *   <li>stage 2: a reduce-scatter of gΨ after every backward, K per step, and one all-gather of pΨ;</li>
 *   <li>stage 3: per micro-batch a reduce-scatter of gΨ and two all-gathers of pΨ (before the forward
 *       and before the backward), K times each per step, and no gather after the update.</li>
 * </ul>
 * With K = 1 these are the ZeRO paper's 2Ψ (stages 0-2) and 3Ψ (stage 3) per iteration.
 * The DP group spans nodes (one GPU per node per group when tp·pp fills the node), so the rings run
 * over the GPUs' NICs, hierarchically when several group members share a node.
 * Source: Rajbhandari et al. 2020 (ZeRO, arXiv:1910.02054), Section 7.2
 * Source: deepspeedai/DeepSpeed#2252 "Why Stage2 need communicate gradients every steps, even if grad_accumulation_steps > 1?"
 * Source: PyTorch documentation, torch.distributed.fsdp.ShardingStrategy.FULL_SHARD (all-gather before forward and backward)
 * Source: Megatron Core developer guide, "Distributed Optimizer" (reduce-scatter of the main gradients, all-gather of the parameters)
 */
public final class DataParallelComm {

    private DataParallelComm() {}

    /**
     * One step's data-parallel traffic of one GPU, before overlap.
     *
     * @param reductionSeconds gradient all-reduces or reduce-scatters, seconds
     * @param reductionBytes   their message bytes summed over the step (nccl-tests' size S per collective)
     * @param gatherSeconds    parameter all-gathers, seconds
     * @param gatherBytes      their message bytes summed over the step
     */
    public record Traffic(double reductionSeconds, double reductionBytes, double gatherSeconds, double gatherBytes) {
        static final Traffic NONE = new Traffic(0, 0, 0, 0);

        Traffic plus(Traffic o) {
            return new Traffic(reductionSeconds + o.reductionSeconds, reductionBytes + o.reductionBytes,
                    gatherSeconds + o.gatherSeconds, gatherBytes + o.gatherBytes);
        }
    }

    /** The step's data-parallel traffic: the dense weights' group, and for a mixture of experts the experts' group too. */
    public static Traffic perStep(StepSpec spec) {
        ParallelLayout lay = spec.layout();
        if (spec.shape().isMoe()) {
            Traffic dense = group(spec, StepModel.denseParams(spec) / (lay.tp() * lay.pp()), lay.denseDp(),
                    Math.max(1, lay.gpusPerNode() / (lay.tp() * lay.pp())));
            Traffic experts = group(spec, StepModel.expertParams(spec) / ((double) lay.tp() * lay.pp() * lay.ep()),
                    lay.dp(), Math.max(1, lay.gpusPerNode() / (lay.tp() * lay.pp() * lay.ep())));
            return dense.plus(experts);
        }
        return group(spec, (double) spec.paramCount() / (lay.tp() * lay.pp()), lay.dp(),
                Math.max(1, lay.gpusPerNode() / (lay.tp() * lay.pp())));
    }

    /**
     * Gradient reductions per step: K (the micro-batches per step per pipeline) under ZeRO-2 and
     * ZeRO-3, which keep only their partition of the gradients and so reduce after every backward
     * ("we cannot wait till grad accumulation boundary for reduction"); 1 otherwise, since DDP and
     * Megatron-LM skip the reduction until the last micro-batch.
     * Source: deepspeedai/DeepSpeed#2252 "Why Stage2 need communicate gradients every steps, even if grad_accumulation_steps > 1?"
     */
    public static int reductionsPerStep(StepSpec spec) {
        return spec.zero() == ZeroStage.STAGE_2 || spec.zero() == ZeroStage.STAGE_3 ? spec.microBatches() : 1;
    }

    /**
     * Parameter all-gathers per step: 2K under ZeRO-3 (before each micro-batch's forward and
     * backward); 1 when the optimizer states are sharded (ZeRO-1, ZeRO-2, the distributed
     * optimizer), to gather the updated parameters; 0 for plain data parallelism.
     * Source: Rajbhandari et al. 2020 (ZeRO, arXiv:1910.02054), Section 7.2.2 (parameters gathered in forward and backward)
     * Source: PyTorch documentation, torch.distributed.fsdp.ShardingStrategy.FULL_SHARD
     */
    public static int gathersPerStep(StepSpec spec) {
        if (spec.zero() == ZeroStage.STAGE_3) {
            return 2 * spec.microBatches();
        }
        return shardsOptimizer(spec) ? 1 : 0;
    }

    /**
     * Bytes per value of the gradient reduction: the recipe's gradient bytes. Megatron-LM reduces
     * bf16 models' gradients in fp32 (4 B), PyTorch AMP's {@code .grad} is fp32 (4 B), pure bf16
     * moves 2 B.
     * Source: NVIDIA Megatron-LM megatron/training/arguments.py ("bfloat16 requires gradient accumulation and all-reduce to be done in fp32")
     * Source: PyTorch documentation, "Automatic Mixed Precision package - torch.amp" (autocast keeps the parameters, so their gradients, in fp32)
     */
    public static double reductionBytesPerValue(Recipe recipe) {
        return recipe.gradientBytes();
    }

    /**
     * Bytes per value of the parameter all-gathers: the recipe's working-parameter bytes (bf16 for
     * Megatron-LM, whose distributed optimizer gathers bf16 parameters; fp32 under PyTorch AMP, where
     * FSDP without a bf16 {@code param_dtype} gathers the fp32 parameters).
     * Source: Megatron Core developer guide, "Distributed Optimizer" (all-gather of the bf16 parameters)
     * Source: PyTorch documentation, torch.distributed.fsdp.MixedPrecision (param_dtype: the dtype parameters are gathered in)
     */
    public static double gatherBytesPerValue(Recipe recipe) {
        return recipe.parameterBytes();
    }

    private static boolean shardsOptimizer(StepSpec spec) {
        return spec.zero() != ZeroStage.STAGE_0 || spec.options().recipe().shardsOptimizerOverDp();
    }

    /**
     * The collectives of one data-parallel group: {@code params} per GPU over {@code ranks} ranks,
     * {@code perNode} of them sharing a node.
     */
    private static Traffic group(StepSpec spec, double params, int ranks, int perNode) {
        ParallelLayout lay = spec.layout();
        if (ranks == 1 || params == 0) {
            return Traffic.NONE;
        }
        int local = Math.min(perNode, ranks);
        if (ranks % local != 0) {
            local = 1;
        }
        Network net = new Network(ranks, local, lay.nvlinkLatencyUs(), lay.ncclNvlinkGbPerS(), lay.interNodeLatencyUs(),
                lay.interNodeGbitPerS() / 8.0, local);
        CollectiveAlgorithm alg = net.localRanks() > 1 && net.nodes() > 1 ? CollectiveAlgorithm.HIERARCHICAL
                : CollectiveAlgorithm.RING;
        Recipe recipe = spec.options().recipe();
        double gradient = reductionBytesPerValue(recipe) * params;
        double parameters = gatherBytesPerValue(recipe) * params;
        int gathers = gathersPerStep(spec);
        if (gathers == 0) {
            return new Traffic(CollectiveCost.seconds(CollectiveOp.ALL_REDUCE, alg, net, gradient), gradient, 0, 0);
        }
        int reductions = reductionsPerStep(spec);
        double reduceScatter = CollectiveCost.seconds(CollectiveOp.REDUCE_SCATTER, alg, net, gradient);
        double allGather = CollectiveCost.seconds(CollectiveOp.ALL_GATHER, alg, net, parameters);
        return new Traffic(reductions * reduceScatter, reductions * gradient, gathers * allGather, gathers * parameters);
    }
}
