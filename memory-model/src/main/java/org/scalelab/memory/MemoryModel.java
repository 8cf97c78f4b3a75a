package org.scalelab.memory;

/**
 * Per-GPU training memory: ZeRO model states (Rajbhandari et al. 2019) + activations (Korthikanti
 * et al. 2022) + offload, buffers and reserve as separate lines.
 */
public final class MemoryModel {
    private MemoryModel() {}

    /**
     * Predicts the memory of the most loaded GPU.
     * Model states: {@link ModelStates#perGpu} on {@link TrainingSetup#shardParams()} (ZeRO §5, units bytes).
     * ZeRO-3: plus the gathered largest layer, {@link GatheredLayer#floorBytes} (DeepSpeed's estimator
     * floor), whenever parameters live elsewhere and the model is more than the ZeRO paper's model-state
     * count: parameters offloaded, or partitioned (N_d > 1) with a shape or buffers given (the paper's
     * Tables 1-2 count model states only; with N_d = 1 nothing is partitioned, so nothing is gathered).
     * Offload: the optimizer states, and from ZeRO-2 the gradient partition, move to CPU
     * (ZeRO-Offload, Ren et al. 2021 §4.1); parameter offload moves the ZeRO-3 parameter partition too.
     * Activations: {@link Activations#peakBytes} when a shape is given, else 0.
     * Buffers: {@link CommBuffers#bytes} when counted. Reserve: as given. All bytes.
     */
    public static MemoryBreakdown estimate(TrainingSetup setup) {
        double shard = setup.shardParams();
        ModelStates states = ModelStates.perGpu(shard, setup.stateBytes(), setup.effectiveStage(), setup.dp());
        double params = states.parametersBytes();
        double grads = states.gradientsBytes();
        double opt = states.optimizerStatesBytes();
        double cpu = 0;
        if (setup.offload() != Offload.NONE) {
            cpu += opt;
            opt = 0;
            if (setup.effectiveStage().partitionsGradients()) {
                cpu += grads;
                grads = 0;
            }
        }
        if (setup.offload() == Offload.OPTIMIZER_AND_PARAMS) {
            cpu += params;
            params = 0;
        }
        double activations = setup.shape() == null ? 0 : activations(setup);
        double buffers = setup.buffers() == null ? 0 : setup.buffers().bytes(setup.effectiveStage(), shard);
        double gathered = countsGatheredLayer(setup) ? GatheredLayer.floorBytes(setup.largestLayerParams(), setup.tp()) : 0;
        return new MemoryBreakdown(params, grads, opt, gathered, activations, buffers, setup.reserveBytes(), cpu);
    }

    private static boolean countsGatheredLayer(TrainingSetup s) {
        if (!s.stage().partitionsParameters()) {
            return false;
        }
        return s.offload() == Offload.OPTIMIZER_AND_PARAMS || s.dp() > 1 && (s.shape() != null || s.buffers() != null);
    }

    /** Peak activation bytes of the setup's shape (see {@link Activations#peakBytes}). */
    public static double activations(TrainingSetup s) {
        return Activations.peakBytes(s.shape(), s.seqLength(), s.microBatch(), s.tp(), s.pp(), s.interleave(),
                s.sequenceParallel(), s.recompute(), s.activationOptions(), s.forwardLogitsBytes());
    }
}
