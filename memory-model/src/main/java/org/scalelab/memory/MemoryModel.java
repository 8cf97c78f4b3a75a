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
        return new MemoryBreakdown(params, grads, opt, activations, buffers, setup.reserveBytes(), cpu);
    }

    /** Peak activation bytes of the setup's shape (see {@link Activations#peakBytes}). */
    public static double activations(TrainingSetup s) {
        return Activations.peakBytes(s.shape(), s.seqLength(), s.microBatch(), s.tp(), s.pp(), s.interleave(),
                s.sequenceParallel(), s.recompute(), s.activationOptions(), s.forwardLogitsBytes());
    }
}
