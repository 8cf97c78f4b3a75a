package org.scalelab.planner;

import java.util.Locale;
import org.scalelab.memory.Recompute;

/**
 * One parallel layout of the search, with the batch it implies.
 *
 * @param dp             data-parallel degree, ⌊G/(tp·pp)⌋ lowered to whole nodes
 * @param tp             tensor-parallel degree (divides heads, KV heads and the GPUs per node)
 * @param pp             pipeline-parallel degree (⌈L/pp⌉ layers on the busiest stage)
 * @param zero           ZeRO stage 0-3
 * @param microBatch     sequences per micro-batch (a power of two dividing the per-replica batch)
 * @param recompute      activation recomputation: none, selective or full
 * @param virtualStages  interleaved model chunks per pipeline stage (1 = plain 1F1B)
 * @param idleGpus       GPUs of the allocation the layout leaves idle
 * @param gradAccum      micro-batches per replica per optimizer step
 */
public record Layout(int dp, int tp, int pp, int zero, int microBatch, String recompute, int virtualStages,
        int idleGpus, int gradAccum) {

    /** A layout with the recomputation given as a policy. */
    public Layout(int dp, int tp, int pp, int zero, int microBatch, Recompute recompute, int virtualStages, int idleGpus,
            int gradAccum) {
        this(dp, tp, pp, zero, microBatch, recompute.key(), virtualStages, idleGpus, gradAccum);
    }

    /** The recomputation policy. */
    public Recompute policy() {
        return Recompute.valueOf(recompute.toUpperCase(Locale.ROOT));
    }

    /** GPUs the layout uses, dp·tp·pp. */
    public int usedGpus() {
        return dp * tp * pp;
    }

    /** Sequences per optimizer step, dp·micro-batch·grad_accum. */
    public long batchSequences() {
        return (long) dp * microBatch * gradAccum;
    }

    /** A short label such as {@code tp=8 pp=8 dp=192 zero=1 mb=1 recompute=selective v=2}. */
    public String label() {
        return "tp=" + tp + " pp=" + pp + " dp=" + dp + " zero=" + zero + " mb=" + microBatch + " recompute="
                + recompute + (virtualStages > 1 ? " v=" + virtualStages : "");
    }
}
