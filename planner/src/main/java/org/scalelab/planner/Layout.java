package org.scalelab.planner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import org.scalelab.memory.Recompute;

/**
 * One parallel layout of the search, with the batch it implies.
 *
 * <p>For a mixture-of-experts model the GPUs are TP × PP × EP × DP: {@code dp} counts the replicas
 * of each expert shard and the dense layers are data-parallel over EP × DP (the convention of
 * DeepSeek-AI 2024, arXiv:2412.19437, Section 3.2.1: PP 16 × EP 64 × DP 2 on 2,048 GPUs).
 *
 * @param dp             data-parallel degree, ⌊G/(tp·pp·ep)⌋ lowered to whole nodes (for a
 *                       mixture-of-experts model: the replicas of each expert shard)
 * @param tp             tensor-parallel degree (divides heads, KV heads and the GPUs per node)
 * @param pp             pipeline-parallel degree (⌈L/pp⌉ layers on the busiest stage)
 * @param ep             expert-parallel degree (divides the routed experts E); null for a dense
 *                       model, and then absent from the JSON
 * @param zero           ZeRO stage 0-3
 * @param microBatch     sequences per micro-batch (a power of two dividing the per-replica batch)
 * @param recompute      activation recomputation: none, selective or full
 * @param virtualStages  interleaved model chunks per pipeline stage (1 = plain 1F1B)
 * @param idleGpus       GPUs of the allocation the layout leaves idle
 * @param gradAccum      micro-batches per replica per optimizer step
 */
public record Layout(int dp, int tp, int pp, @JsonInclude(JsonInclude.Include.NON_NULL) Integer ep, int zero,
        int microBatch, String recompute, int virtualStages, int idleGpus, int gradAccum) {

    /** A dense model's layout with the recomputation given as a policy. */
    public Layout(int dp, int tp, int pp, int zero, int microBatch, Recompute recompute, int virtualStages, int idleGpus,
            int gradAccum) {
        this(dp, tp, pp, null, zero, microBatch, recompute.key(), virtualStages, idleGpus, gradAccum);
    }

    /** A layout with an expert-parallel degree (null: dense) and the recomputation given as a policy. */
    public Layout(int dp, int tp, int pp, Integer ep, int zero, int microBatch, Recompute recompute, int virtualStages,
            int idleGpus, int gradAccum) {
        this(dp, tp, pp, ep, zero, microBatch, recompute.key(), virtualStages, idleGpus, gradAccum);
    }

    /** The expert-parallel degree, 1 for a dense model. */
    public int expertParallel() {
        return ep == null ? 1 : ep;
    }

    /** Data-parallel degree of the dense layers: ep·dp (dp for a dense model). */
    public int denseDp() {
        return expertParallel() * dp;
    }

    /** The same layout with other per-step settings (for the search's neighbours). */
    Layout with(int newZero, int newMicroBatch, Recompute newRecompute, int newGradAccum) {
        return new Layout(dp, tp, pp, ep, newZero, newMicroBatch, newRecompute, virtualStages, idleGpus, newGradAccum);
    }

    /** The recomputation policy. */
    public Recompute policy() {
        return Recompute.valueOf(recompute.toUpperCase(Locale.ROOT));
    }

    /** GPUs the layout uses, dp·tp·pp·ep. */
    public int usedGpus() {
        return dp * tp * pp * expertParallel();
    }

    /** Sequences per optimizer step, ep·dp·micro-batch·grad_accum. */
    public long batchSequences() {
        return (long) denseDp() * microBatch * gradAccum;
    }

    /** A short label such as {@code tp=8 pp=8 dp=192 zero=1 mb=1 recompute=selective v=2} ({@code ep=} for MoE). */
    public String label() {
        return "tp=" + tp + " pp=" + pp + (ep == null ? "" : " ep=" + ep) + " dp=" + dp + " zero=" + zero + " mb=" + microBatch + " recompute="
                + recompute + (virtualStages > 1 ? " v=" + virtualStages : "");
    }
}
