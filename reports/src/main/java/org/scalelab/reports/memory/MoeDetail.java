package org.scalelab.reports.memory;

import java.util.Locale;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.ModelStates;
import org.scalelab.memory.MoeMemory;

/**
 * The {@code moe_detail} of {@code scalelab memory} for a mixture-of-experts model: the per-GPU totals
 * split into dense and routed-expert parts (every byte here is already in {@code per_gpu_bytes}), and,
 * when the layout does not fit, why.
 *
 * @param ep                        expert-parallel degree
 * @param expertsPerGpu             routed experts of each MoE block on one GPU, E/ep
 * @param denseParams               dense parameters on the GPU before ZeRO (ZeRO shards them over ep·dp)
 * @param expertParams              routed-expert parameters on the GPU before ZeRO (ZeRO shards them over dp)
 * @param routedTokensPerMicroBatch routed token copies the GPU's experts are sized for per block and micro-batch
 * @param denseBytes                dense model states on the GPU
 * @param expertBytes               routed-expert model states on the GPU
 * @param expertActivationsBytes    routed experts' kept tensors (part of per_gpu_bytes.activations)
 * @param routerLogitsBytes         routers' fp32 logits (part of per_gpu_bytes.activations)
 * @param allToAllSendBytes         one MoE block's dispatch send buffer (part of per_gpu_bytes.buffers)
 * @param allToAllReceiveBytes      one MoE block's dispatch receive buffer (part of per_gpu_bytes.buffers)
 * @param doesNotFit                why the layout does not fit, or null when it fits
 */
public record MoeDetail(long ep, long expertsPerGpu, long denseParams, long expertParams, long routedTokensPerMicroBatch,
                        States denseBytes, States expertBytes, long expertActivationsBytes, long routerLogitsBytes,
                        long allToAllSendBytes, long allToAllReceiveBytes, String doesNotFit) {

    /**
     * Model states of one part, bytes.
     *
     * @param parameters      parameters, bytes
     * @param gradients       gradients, bytes
     * @param optimizerStates optimizer states, bytes
     * @param total           their sum, bytes
     */
    public record States(long parameters, long gradients, long optimizerStates, long total) {
        static States of(ModelStates s) {
            long p = Math.round(s.parametersBytes());
            long g = Math.round(s.gradientsBytes());
            long o = Math.round(s.optimizerStatesBytes());
            return new States(p, g, o, p + g + o);
        }
    }

    /** The detail of {@code m} (null for a dense model); {@code fits} and the GPU's memory give the verdict. */
    static MoeDetail of(MemoryBreakdown m, boolean fits, long gpuMemoryBytes) {
        MoeMemory e = m.moe();
        if (e == null) {
            return null;
        }
        return new MoeDetail(e.ep(), e.expertsPerGpu(), Math.round(e.denseParams()), Math.round(e.expertParams()),
                Math.round(e.routedTokensPerMicroBatch()), States.of(e.dense()), States.of(e.expert()),
                Math.round(e.expertActivationsBytes()), Math.round(e.routerLogitsBytes()), Math.round(e.allToAllSendBytes()),
                Math.round(e.allToAllReceiveBytes()), fits ? null : why(m, gpuMemoryBytes));
    }

    /** One sentence: the part that overflows the GPU and what shrinks it. */
    static String why(MemoryBreakdown m, long gpuMemoryBytes) {
        MoeMemory e = m.moe();
        double gpu = gpuMemoryBytes;
        double expert = e.expert().totalBytes();
        String sizes = String.format(Locale.ROOT, "%.1f GB needed on a %.1f GB GPU (expert states %.1f GB, dense states %.1f GB,"
                + " activations %.1f GB of which routed experts %.1f GB)", m.totalBytes() / 1e9, gpu / 1e9, expert / 1e9,
                e.dense().totalBytes() / 1e9, m.activationsBytes() / 1e9, e.expertActivationsBytes() / 1e9);
        if (expert > gpu) {
            boolean moreEp = e.expertsPerGpu() > 1;
            return "the GPU cannot hold its " + e.expertsPerGpu() + (moreEp ? " experts" : " expert") + " per MoE block: " + sizes
                    + (moreEp ? "; raise ep (fewer experts per GPU), or" : "; raise") + " dp with zero >= 1 (expert states shard"
                    + " over dp), or pp";
        }
        if (m.activationsBytes() >= Math.max(expert, e.dense().totalBytes())) {
            return "activations dominate: " + sizes + "; use flash attention, recompute, a smaller micro-batch or more tp/pp";
        }
        return sizes + "; raise ep, dp with a higher zero stage, tp or pp";
    }
}
