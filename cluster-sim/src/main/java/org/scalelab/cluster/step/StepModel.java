package org.scalelab.cluster.step;

import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveCost;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.Network;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * An analytical model of one training step under DP × TP × PP × EP, built op by op: every kernel of a
 * micro-batch on the busiest pipeline stage ({@link MicroBatchOps}, with the mixture-of-experts
 * blocks of {@link ExpertOps}), the tensor-parallel all-reduces, expert-parallel all-to-alls and
 * pipeline sends between them, the pipeline bubble, the optimizer update and the exposed
 * data-parallel communication ({@link DataParallelComm}). MFU and HFU come out of the model;
 * they are never inputs. For a mixture of experts they count the active parameters (those a token
 * passes through).
 */
public final class StepModel {
    /** Bytes of a BF16 value. */
    private static final double BF16 = 2;

    private StepModel() {}

    /** Computes the step time, its op-by-op breakdown, MFU and HFU. */
    public static StepResult compute(StepSpec spec) {
        ParallelLayout lay = spec.layout();
        MicroBatchOps ops = new MicroBatchOps(spec);
        OpTally microBatch = ops.build();
        int[] stageLayers = ops.stageLayers();
        addAutocastCasts(spec, microBatch, stageLayers);
        addMainGradientAccumulation(spec, microBatch, stageLayers);
        addTensorParallel(spec, microBatch);
        addPipelineSends(spec, microBatch);
        double stage = microBatch.seconds();

        OpTally step = new OpTally();
        step.addAll(microBatch, spec.microBatches());
        double bubble = pipelineBubbleFraction(lay.pp(), spec.microBatches(), spec.virtualStages())
                * spec.microBatches() * stage;
        step.add("pipeline_bubble", StepOp.Kind.BUBBLE, bubble, 0, 0, 1);
        double optimizerBytes = optimizerBytesPerGpu(spec);
        step.add("optimizer_update", StepOp.Kind.MEMORY_BOUND, spec.hbm().seconds(optimizerBytes),
                0, optimizerBytes, 1);
        DataParallelComm.Traffic dp = DataParallelComm.perStep(spec);
        double exposed = 1 - spec.dpOverlap();
        if (dp.reductionBytes() > 0) {
            step.add("dp_gradient_reduction", StepOp.Kind.COMMUNICATION, dp.reductionSeconds() * exposed, 0,
                    dp.reductionBytes(), 1);
        }
        if (dp.gatherBytes() > 0) {
            step.add("dp_parameter_gathers", StepOp.Kind.COMMUNICATION, dp.gatherSeconds() * exposed, 0, dp.gatherBytes(), 1);
        }

        double[] byKind = new double[StepOp.Kind.values().length];
        for (StepOp op : step.ops()) {
            byKind[op.kind().ordinal()] += op.seconds();
        }
        StepBreakdown b = new StepBreakdown(byKind[StepOp.Kind.COMPUTE.ordinal()], byKind[StepOp.Kind.RECOMPUTE.ordinal()],
                byKind[StepOp.Kind.MEMORY_BOUND.ordinal()], byKind[StepOp.Kind.COMMUNICATION.ordinal()],
                byKind[StepOp.Kind.ALL_TO_ALL.ordinal()], byKind[StepOp.Kind.BUBBLE.ordinal()]);
        double seconds = b.total();
        double tokens = spec.tokensPerStep();
        double perToken = modelFlopsPerToken(spec);
        double modelFlops = perToken * tokens;
        double hardwareFlops = hardwareFlopsPerToken(spec) * tokens;
        double peakAll = lay.gpus() * spec.gpu().bf16DenseFlopsPerSecond();
        return new StepResult(seconds, tokens / seconds, modelFlops / seconds / peakAll, hardwareFlops / seconds / peakAll,
                b, step.ops(), tokens, perToken, modelFlops, hardwareFlops);
    }

    /** MFU of a measured step time: model FLOPs per step / (measured seconds × GPUs × peak). */
    public static double measuredMfu(StepSpec spec, double measuredStepSeconds) {
        return modelFlopsPerToken(spec) * spec.tokensPerStep()
                / (measuredStepSeconds * spec.layout().gpus() * spec.gpu().bf16DenseFlopsPerSecond());
    }

    /**
     * Model FLOPs per token, 6(N − V·h) + 12·L·h·s: the PaLM convention (Chowdhery et al. 2022,
     * arXiv:2204.02311, Appendix B: 6N + 12·L·H·Q·T with the embedding lookup left out of N, as
     * pytorch/torchtitan#280 "exclude embedding in MFU computation" and Megatron-LM's {@code num_floating_point_operations} do). The
     * input embedding (and any learned position table) is a lookup, not a product; the output
     * layer is a product and counts even when tied to the input embedding. Attention is not halved
     * for causal masking, so MFUs compare with published ones. For a mixture of experts N is the
     * active count, 6·N_active (the routed experts a token is not sent to do no work for it); with
     * latent attention the attention term is 6·L·s·a·(d_qk + d_v), which is 12·L·h·s when
     * d_qk = d_v = h/a. FLOPs.
     * Source: Chowdhery et al. 2022, Appendix B
     * Source: Jiang et al. 2024 (Mixtral of Experts), Section 2.1 (active parameters set the compute per token)
     */
    public static double modelFlopsPerToken(StepSpec spec) {
        TransformerShape s = spec.shape();
        double outputLayer = (double) s.vocab() * s.hidden();
        double dense = activeParams(spec) - s.embeddingParamCount() + (s.tiedEmbeddings() ? outputLayer : 0);
        return 6.0 * dense + 12.0 * s.layers() * attentionWidth(s) * spec.seqLength();
    }

    /** Parameters a token passes through: N, less the routed experts it is not sent to. */
    static double activeParams(StepSpec spec) {
        TransformerShape s = spec.shape();
        return s.isMoe() ? (double) spec.paramCount() - (s.paramCount() - s.activeParamCount()) : spec.paramCount();
    }

    /** h for standard attention; a·(d_qk + d_v)/2 for latent attention (the width the 12·L·h·s term needs). */
    private static double attentionWidth(TransformerShape s) {
        if (s.mla() == null) {
            return s.hidden();
        }
        var m = s.mla();
        return s.heads() * (m.qkNopeHeadDim() + m.qkRopeHeadDim() + m.vHeadDim()) / 2.0;
    }

    /** Parameters of everything but the routed experts (all of N for a dense model). */
    static double denseParams(StepSpec spec) {
        return (double) spec.paramCount() - spec.shape().routedExpertParamCount();
    }

    /** Parameters of the routed experts, which expert parallelism shards (0 for a dense model). */
    static double expertParams(StepSpec spec) {
        return spec.shape().routedExpertParamCount();
    }

    /**
     * FLOPs executed per token: model FLOPs plus recomputation (Korthikanti et al., arXiv:2205.05198,
     * §5 and §6.3): full recomputation repeats the transformer layers' forward, 2·N_layers +
     * 4·L·h·s (the output layer is not recomputed); selective repeats the attention core, 4·L·h·s.
     * Eager recipes without dropout do not rerun a dense block's MLP down projection, 2·F·h per dense
     * layer less ({@link MicroBatchOps#recomputeStopsAtMlpActivation}). FLOPs.
     * Source: Korthikanti et al. 2022, §5 and §6.3
     */
    public static double hardwareFlopsPerToken(StepSpec spec) {
        TransformerShape s = spec.shape();
        double attentionForward = 4.0 * s.layers() * attentionWidth(s) * spec.seqLength();
        double layerParams = activeParams(spec) - s.embeddingParamCount() - s.outputLayerParamCount();
        double extra = switch (spec.recompute()) {
            case NONE -> 0;
            case SELECTIVE -> attentionForward;
            case FULL -> 2.0 * layerParams + attentionForward
                    - (MicroBatchOps.recomputeStopsAtMlpActivation(spec) ? 2.0 * (s.layers() - s.moeLayers()) * s.ffnHidden() * s.hidden() : 0);
        };
        return modelFlopsPerToken(spec) + extra;
    }

    /**
     * Bytes the optimizer update moves on one GPU per step: the recipe's bytes per parameter
     * ({@link StepOptions#optimizerBytesPerParam}) × the parameters the GPU updates, N/(t·p),
     * divided by dp when the states are sharded (ZeRO ≥ 1 or the distributed optimizer). With
     * expert parallelism the GPU holds the dense weights over t·p and the routed experts over t·p·ep;
     * sharding splits the dense states over ep·dp and the expert states over dp.
     */
    public static double optimizerBytesPerGpu(StepSpec spec) {
        ParallelLayout lay = spec.layout();
        boolean sharded = spec.zero() != ZeroStage.STAGE_0 || spec.options().recipe().shardsOptimizerOverDp();
        if (spec.shape().isMoe()) {
            double dense = denseParams(spec) / (lay.tp() * lay.pp()) / (sharded ? lay.denseDp() : 1);
            double experts = expertParams(spec) / ((double) lay.tp() * lay.pp() * lay.ep()) / (sharded ? lay.dp() : 1);
            return spec.options().optimizerBytesPerParam() * (dense + experts);
        }
        double shard = (double) spec.paramCount() / (lay.tp() * lay.pp());
        if (sharded) {
            shard /= lay.dp();
        }
        return spec.options().optimizerBytesPerParam() * shard;
    }

    /**
     * Under {@code torch.autocast}, each micro-batch casts the stage's fp32 weights to bf16 (read
     * 4 B, write 2 B per parameter), casts their bf16 gradients back (read 2, write 4) and, from the
     * second micro-batch on, adds them into {@code .grad} (read 8, write 4); a full recomputation
     * casts again.
     */
    private static void addAutocastCasts(StepSpec spec, OpTally microBatch, int[] stageLayers) {
        if (!spec.options().recipe().cachesAutocastWeights()) {
            return;
        }
        double params = stageParams(spec, stageLayers);
        double m = spec.microBatches();
        double perParam = 6 + 6 + 12 * (m - 1) / m + (spec.recompute() == Recompute.FULL ? 6 : 0);
        double bytes = perParam * params;
        microBatch.add("autocast_weight_casts", StepOp.Kind.MEMORY_BOUND, spec.hbm().seconds(bytes),
                0, bytes, 1);
    }

    /**
     * Without gradient-accumulation fusion, each micro-batch adds the bf16 weight gradients into the
     * fp32 main gradients in a separate kernel: read 4 + 2 B, write 4 B per parameter of the stage
     * (Megatron-LM's DDP hook {@code param.main_grad.add_(param.grad.data)}). Recipes without a
     * master copy accumulate into {@code .grad} instead ({@link #addAutocastCasts}).
     */
    private static void addMainGradientAccumulation(StepSpec spec, OpTally microBatch, int[] stageLayers) {
        if (spec.options().gradientAccumulationFusion() || spec.options().recipe().masterBytes() == 0) {
            return;
        }
        double bytes = 10 * stageParams(spec, stageLayers);
        microBatch.add("main_grad_accumulation", StepOp.Kind.MEMORY_BOUND, spec.hbm().seconds(bytes),
                0, bytes, 1);
    }

    /**
     * Parameters of the busiest stage on one GPU: its layers and the output layer, over t; the
     * routed experts of its {dense, MoE} blocks over t·ep.
     */
    private static double stageParams(StepSpec spec, int[] stageLayers) {
        TransformerShape s = spec.shape();
        if (!s.isMoe()) {
            return ((double) s.layerParamCount() * spec.layersPerStage() + (double) s.vocab() * s.hidden()) / spec.layout().tp();
        }
        double routed = (double) s.moe().experts() * s.expertParamCount();
        double moeBlock = s.moeLayerParamCount() - routed + routed / spec.layout().ep();
        return ((double) s.layerParamCount() * stageLayers[0] + moeBlock * stageLayers[1] + (double) s.vocab() * s.hidden())
                / spec.layout().tp();
    }

    /**
     * Tensor-parallel communication of one micro-batch: Megatron-LM's f/g operators all-reduce the
     * layer activations (b·s·h 16-bit values) twice forward and twice backward per layer (Shoeybi
     * et al. 2019, §3, Fig. 4; with sequence parallelism a reduce-scatter and an all-gather of the
     * same cost, Korthikanti et al. 2022, §4.2.2); full recomputation repeats the two forward ones;
     * the vocabulary-parallel output layer all-reduces its input gradient once. Ring all-reduce
     * over NVLink inside the node ({@link CollectiveCost}) at NCCL's NVLink rate, the line rate less
     * its protocol overhead ({@link ParallelLayout#ncclNvlinkGbPerS}).
     * Source: NVIDIA/nccl-tests#212 "H100 all reduce performance is poor" (NCCL's ~20 % protocol overhead on NVLink)
     */
    private static void addTensorParallel(StepSpec spec, OpTally microBatch) {
        ParallelLayout lay = spec.layout();
        if (lay.tp() == 1) {
            return;
        }
        double bytes = BF16 * spec.microBatch() * spec.seqLength() * spec.shape().hidden();
        Network nvlink = Network.uniform(lay.tp(), lay.nvlinkLatencyUs(), lay.ncclNvlinkGbPerS());
        double perAllReduce = CollectiveCost.seconds(CollectiveOp.ALL_REDUCE, CollectiveAlgorithm.RING, nvlink, bytes);
        int perLayer = spec.recompute() == Recompute.FULL ? 6 : 4;
        double count = perLayer * spec.layersPerStage() + 1 + (lay.pp() == 1 ? 1 : 0);
        microBatch.add("tp_all_reduce", StepOp.Kind.COMMUNICATION, perAllReduce * (1 - spec.options().tpOverlap()), 0, bytes,
                count);
    }

    /**
     * Pipeline sends of one micro-batch on a middle stage: the activation in and the gradient out.
     * With the scatter/gather optimisation each of the t tensor-parallel ranks sends b·s·h/t 16-bit
     * values over its own link (the NIC when the job spans nodes: Megatron-LM's rank order puts the
     * pipeline outermost, so consecutive stages are gpus/pp ranks apart; NVLink otherwise) and the
     * receiving ranks rebuild the b·s·h tensor with an all-gather over NVLink (Narayanan et al.
     * 2021, §4.1, Fig. 9b), both at NCCL's NVLink rate ({@link ParallelLayout#ncclNvlinkGbPerS}).
     * Under the interleaved schedule a micro-batch passes each device once per model chunk, so the v
     * chunks send v times as much ("the amount of communication also increases by v"). Like the
     * v = 1 sends, they are charged in full: the model hides no pipeline communication behind compute.
     * Source: Narayanan et al. 2021, §2.2.2 (interleaved schedule: communication × v) and §4.1 (scatter/gather)
     * Source: NVIDIA Megatron-LM megatron/core/parallel_state.py (default rank order "tp-cp-ep-dp-pp")
     */
    private static void addPipelineSends(StepSpec spec, OpTally microBatch) {
        ParallelLayout lay = spec.layout();
        if (lay.pp() == 1) {
            return;
        }
        double tensor = BF16 * spec.microBatch() * spec.seqLength() * spec.shape().hidden();
        double bytes = tensor / lay.tp();
        // Megatron-LM orders ranks tp-cp-ep-dp-pp: pipeline stages are blocks of gpus/pp consecutive ranks,
        // so once the job spans nodes some stage boundary is a node boundary, and every micro-batch crosses it.
        boolean crossesNodes = lay.gpus() > lay.gpusPerNode();
        double seconds = crossesNodes
                ? lay.interNodeLatencyUs() * 1e-6 + bytes / (lay.interNodeGbitPerS() / 8 * 1e9)
                : lay.nvlinkLatencyUs() * 1e-6 + bytes / (lay.ncclNvlinkGbPerS() * 1e9);
        if (lay.tp() > 1) {
            Network nvlink = Network.uniform(lay.tp(), lay.nvlinkLatencyUs(), lay.ncclNvlinkGbPerS());
            seconds += CollectiveCost.seconds(CollectiveOp.ALL_GATHER, CollectiveAlgorithm.RING, nvlink, tensor);
        }
        microBatch.add("pp_send_recv", StepOp.Kind.COMMUNICATION, seconds, 0, bytes, 2.0 * spec.virtualStages());
    }

    /**
     * Pipeline bubble fraction (p − 1)/(v·m): (p − 1)/m for 1F1B (Narayanan et al., SC'21,
     * arXiv:2104.04473, §2.2.1), divided by the v model chunks per device of the interleaved
     * schedule (§2.2.2). Dimensionless, relative to the ideal per-stage time.
     * Source: Narayanan et al. 2021, §2.2.1 and §2.2.2
     */
    public static double pipelineBubbleFraction(int pp, int microBatches, int virtualStages) {
        return (pp - 1.0) / ((double) virtualStages * microBatches);
    }
}
