package org.scalelab.memory;

/**
 * Per-GPU training memory: ZeRO model states (Rajbhandari et al. 2019) + activations (Korthikanti
 * et al. 2022) + offload, buffers and reserve as separate lines; for mixture-of-experts models the
 * dense and routed-expert states are partitioned over their own data-parallel groups and the routed
 * experts' tensors and all-to-all buffers are counted ({@link MoeMemory}).
 */
public final class MemoryModel {
    private MemoryModel() {}

    /**
     * Predicts the memory of the most loaded GPU.
     * Model states: {@link ModelStates#perGpu} on {@link TrainingSetup#stageParams()} (ZeRO §5, units bytes):
     * the dense parameters partitioned over ep·dp, the routed-expert parameters over dp (Rajbhandari et al.
     * 2022, DeepSpeed-MoE, Section 5: expert parameters are data-parallel over the replicas of each expert
     * shard only); a dense model has only the first.
     * ZeRO-3: plus the gathered largest layer, {@link GatheredLayer#floorBytes} (DeepSpeed's estimator
     * floor), whenever parameters live elsewhere and the model is more than the ZeRO paper's model-state
     * count: parameters offloaded, or partitioned (N_d > 1) with a shape or buffers given (the paper's
     * Tables 1-2 count model states only; with N_d = 1 nothing is partitioned, so nothing is gathered).
     * Offload: the optimizer states, and from ZeRO-2 the gradient partition, move to CPU
     * (ZeRO-Offload, Ren et al. 2021 §4.1); parameter offload moves the ZeRO-3 parameter partition too.
     * Activations: {@link Activations#peakBytes} when a shape is given, else 0.
     * Buffers: {@link CommBuffers#bytes} when counted, plus one MoE block's all-to-all send and receive
     * buffers ({@link ExpertActivations}). Reserve: as given. All bytes.
     */
    public static MemoryBreakdown estimate(TrainingSetup setup) {
        StageParams shard = setup.stageParams();
        ModelStates dense = ModelStates.perGpu(shard.denseParams(), setup.stateBytes(), setup.effectiveStage(), setup.denseDp());
        ModelStates expert = ModelStates.perGpu(shard.expertParams(), setup.stateBytes(), setup.effectiveStage(), setup.dp());
        ModelStates denseOnGpu = onGpu(dense, setup);
        ModelStates expertOnGpu = onGpu(expert, setup);
        double params = denseOnGpu.parametersBytes() + expertOnGpu.parametersBytes();
        double grads = denseOnGpu.gradientsBytes() + expertOnGpu.gradientsBytes();
        double opt = denseOnGpu.optimizerStatesBytes() + expertOnGpu.optimizerStatesBytes();
        double cpu = offloaded(dense, denseOnGpu) + offloaded(expert, expertOnGpu);
        double activations = setup.shape() == null ? 0 : activations(setup);
        double shardParams = shard.denseParams() + shard.expertParams();
        double buffers = setup.buffers() == null ? 0 : setup.buffers().bytes(setup.effectiveStage(), shardParams);
        double gathered = countsGatheredLayer(setup) ? GatheredLayer.floorBytes(setup.largestLayerParams(), setup.tp()) : 0;
        MoeMemory moe = null;
        if (setup.shape() != null && setup.shape().isMoe()) {
            moe = moeDetail(setup, shard, denseOnGpu, expertOnGpu);
            buffers += moe.allToAllBytes();
        }
        return new MemoryBreakdown(params, grads, opt, gathered, activations, buffers, setup.reserveBytes(), cpu, moe);
    }

    /** The states left on the GPU after offload (ZeRO-Offload, Ren et al. 2021 §4.1). */
    private static ModelStates onGpu(ModelStates states, TrainingSetup setup) {
        double params = states.parametersBytes();
        double grads = states.gradientsBytes();
        double opt = states.optimizerStatesBytes();
        if (setup.offload() != Offload.NONE) {
            opt = 0;
            if (setup.effectiveStage().partitionsGradients()) {
                grads = 0;
            }
        }
        if (setup.offload() == Offload.OPTIMIZER_AND_PARAMS) {
            params = 0;
        }
        return new ModelStates(params, grads, opt);
    }

    /** What offload moved to CPU memory: each state that is no longer on the GPU. */
    private static double offloaded(ModelStates all, ModelStates onGpu) {
        return (onGpu.optimizerStatesBytes() == 0 ? all.optimizerStatesBytes() : 0)
                + (onGpu.gradientsBytes() == 0 ? all.gradientsBytes() : 0)
                + (onGpu.parametersBytes() == 0 ? all.parametersBytes() : 0);
    }

    private static MoeMemory moeDetail(TrainingSetup s, StageParams shard, ModelStates dense, ModelStates expert) {
        TransformerShape shape = s.shape();
        double f = s.routedTokenFactor();
        long perStage = (shape.layers() + s.pp() - 1) / s.pp();
        int first = Activations.heaviestWindow(shape, s.seqLength(), s.microBatch(), s.tp(), s.pp(), s.sequenceParallel(),
                s.recompute(), s.activationOptions(), f);
        int moeBlocks = 0;
        for (int i = first; i < first + perStage; i++) {
            moeBlocks += shape.isMoeLayer(i) ? 1 : 0;
        }
        double inFlight = s.recompute() == Recompute.FULL ? 0
                : moeBlocks * s.pp() * Activations.firstStageMultiplier(s.pp(), s.virtualStages());
        double routed = inFlight * ExpertActivations.routedBytes(shape, s.seqLength(), s.microBatch(), s.tp(), f);
        double router = inFlight * ExpertActivations.routerLogitsBytes(shape, s.seqLength(), s.microBatch(), s.tp(),
                s.sequenceParallel());
        double send = ExpertActivations.allToAllSendBytes(shape, s.seqLength(), s.microBatch(), s.tp(), s.sequenceParallel(), s.ep());
        double receive = ExpertActivations.allToAllReceiveBytes(shape, s.seqLength(), s.microBatch(), s.tp(), s.sequenceParallel(),
                s.ep(), f);
        return new MoeMemory(s.ep(), shape.moe().experts() / s.ep(), shard.denseParams(), shard.expertParams(), dense, expert,
                routed, router, send, receive, ExpertActivations.routedTokens(shape, s.seqLength(), s.microBatch(), f));
    }

    private static boolean countsGatheredLayer(TrainingSetup s) {
        if (!s.stage().partitionsParameters()) {
            return false;
        }
        return s.offload() == Offload.OPTIMIZER_AND_PARAMS || s.denseDp() > 1 && (s.shape() != null || s.buffers() != null);
    }

    /** Peak activation bytes of the setup's shape (see {@link Activations#peakBytes}). */
    public static double activations(TrainingSetup s) {
        return Activations.peakBytes(s.shape(), s.seqLength(), s.microBatch(), s.tp(), s.pp(), s.virtualStages(),
                s.sequenceParallel(), s.recompute(), s.activationOptions(), s.forwardLogitsBytes(), s.routedTokenFactor());
    }
}
