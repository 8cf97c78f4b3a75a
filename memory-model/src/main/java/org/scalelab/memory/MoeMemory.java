package org.scalelab.memory;

/**
 * The mixture-of-experts part of a per-GPU breakdown: the model states split into dense states
 * (ZeRO-partitioned over ep·dp) and routed-expert states (over dp), the activations the routed experts
 * and the router keep, and the all-to-all buffers. Every field is already counted in the totals of
 * {@link MemoryBreakdown}: the states in its parameters, gradients and optimizer-state lines, the expert
 * activations and router logits in its activations, the all-to-all buffers in its buffers. Bytes on the
 * most loaded GPU, after offload (offloaded states are 0 here and counted in {@link MemoryBreakdown#cpuBytes()}).
 *
 * @param ep                         expert-parallel degree
 * @param expertsPerGpu              routed experts of each MoE block on one GPU, E/ep
 * @param denseParams                dense parameters on the GPU before ZeRO ({@link StageParams})
 * @param expertParams               routed-expert parameters on the GPU before ZeRO
 * @param dense                      dense model states, bytes
 * @param expert                     routed-expert model states, bytes
 * @param expertActivationsBytes     routed experts' kept tensors over the MoE blocks in flight ({@link ExpertActivations#routedBytes}), bytes
 * @param routerLogitsBytes          the routers' fp32 logits over the MoE blocks in flight, bytes
 * @param allToAllSendBytes          one MoE block's dispatch send buffer ({@link ExpertActivations#allToAllSendBytes}), bytes
 * @param allToAllReceiveBytes       one MoE block's dispatch receive buffer, bytes
 * @param routedTokensPerMicroBatch  routed token copies one GPU's experts are sized for per block and micro-batch, tokens
 */
public record MoeMemory(long ep, long expertsPerGpu, double denseParams, double expertParams, ModelStates dense,
                        ModelStates expert, double expertActivationsBytes, double routerLogitsBytes, double allToAllSendBytes,
                        double allToAllReceiveBytes, double routedTokensPerMicroBatch) {

    /** The all-to-all buffers together, bytes. */
    public double allToAllBytes() {
        return allToAllSendBytes + allToAllReceiveBytes;
    }
}
