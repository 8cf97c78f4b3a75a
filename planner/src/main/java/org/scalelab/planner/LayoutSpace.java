package org.scalelab.planner;

import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.TransformerShape;

/**
 * The layouts the planner may choose on G GPUs, before any model is asked:
 * <ul>
 * <li>TP divides the heads, the KV heads ({@link TrainingSetup#splitsHeads}, as Megatron-LM) and the GPUs per node (TP stays inside a node, Narayanan et
 * al. 2021, arXiv:2104.04473, §3.2, Takeaway #1: tensor parallelism up to the GPUs of one server);</li>
 * <li>PP from 1 to L, with ⌈L/PP⌉ layers on the busiest stage;</li>
 * <li>for a mixture-of-experts model, EP divides the routed experts E (each GPU of an expert-parallel
 * group holds E/EP of every MoE block's experts; Lepikhin et al. 2020, GShard, Section 2.2) and
 * EP·TP·PP does not exceed the GPUs; for a dense model EP is 1;</li>
 * <li>DP = ⌊G/(TP·PP·EP)⌋, lowered until the used GPUs fill whole nodes; the rest are idle (the dense
 * layers are data-parallel over EP·DP, DeepSeek-AI 2024, arXiv:2412.19437, Section 3.2.1);</li>
 * <li>the per-replica batch is the target batch over DP in whole sequences (at least one), so the
 * global batch is rounded to a multiple of DP; the micro-batch is a power of two dividing it;</li>
 * <li>interleaving (v chunks per stage) only with PP &gt; 1, v a power of two dividing ⌈L/PP⌉, and the
 * micro-batches a multiple of PP, as the interleaved schedule requires (Narayanan et al. 2021, §2.2.2).</li>
 * </ul>
 */
final class LayoutSpace {
    private LayoutSpace() {}

    /** Tensor-parallel degrees allowed for the shape on nodes of {@code gpusPerNode}, ascending. */
    static List<Integer> tensorDegrees(TransformerShape shape, int gpusPerNode, LayoutPins pins) {
        List<Integer> out = new ArrayList<>();
        for (int t = 1; t <= gpusPerNode; t++) {
            if (TrainingSetup.splitsHeads(shape, t) && gpusPerNode % t == 0 && LayoutPins.allows(pins.tp(), t)) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidParameterException("tp", "must divide the heads (" + shape.heads() + "), the KV heads ("
                    + shape.kvHeads() + ") and gpus_per_node (" + gpusPerNode + ")", pins.tp());
        }
        return out;
    }

    /** Pipeline degrees 1..L (or the pinned one), ascending. */
    static List<Integer> pipelineDegrees(TransformerShape shape, LayoutPins pins) {
        if (pins.pp() != null && pins.pp() > shape.layers()) {
            throw new InvalidParameterException("pp", "must be <= layers (" + shape.layers() + ")", pins.pp());
        }
        List<Integer> out = new ArrayList<>();
        for (int p = 1; p <= shape.layers(); p++) {
            if (LayoutPins.allows(pins.pp(), p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Expert-parallel degrees for the shape on {@code gpus} GPUs, ascending: every divisor of E (or
     * the pinned one) with ep·tp·pp at most the GPUs for the smallest tp·pp; {@code [null]} for a
     * dense model (no expert dimension).
     *
     * @throws InvalidParameterException ({@code ep}) when the pinned EP does not divide E
     */
    static List<Integer> expertDegrees(TransformerShape shape, int gpus, LayoutPins pins) {
        List<Integer> out = new ArrayList<>();
        if (!shape.isMoe()) {
            out.add(null);
            return out;
        }
        int experts = shape.moe().experts();
        if (pins.ep() != null && experts % pins.ep() != 0) {
            throw new InvalidParameterException("ep", "must divide the routed experts (" + experts + ")", pins.ep());
        }
        for (int e = 1; e <= Math.min(experts, gpus); e++) {
            if (experts % e == 0 && LayoutPins.allows(pins.ep(), e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** DP on {@code gpus} for tp·pp, lowered to fill whole nodes; 0 when tp·pp exceeds the GPUs. */
    static int dataParallel(int gpus, int tp, int pp, int gpusPerNode) {
        return dataParallel(gpus, tp, pp, 1, gpusPerNode);
    }

    /** DP on {@code gpus} for tp·pp·ep, lowered to fill whole nodes; 0 when tp·pp·ep exceeds the GPUs. */
    static int dataParallel(int gpus, int tp, int pp, int ep, int gpusPerNode) {
        long group = (long) tp * pp * ep;
        int dp = (int) (gpus / group);
        while (dp > 0 && dp * group > gpusPerNode && (dp * group) % gpusPerNode != 0) {
            dp--;
        }
        return dp;
    }

    /** Sequences per replica: the target over DP, rounded, at least one. */
    static int perReplicaSequences(long targetSequences, int dp) {
        return (int) Math.max(1, Math.round((double) targetSequences / dp));
    }

    /** Micro-batches allowed: powers of two dividing the per-replica batch, ascending. */
    static List<Integer> microBatches(int perReplica, LayoutPins pins) {
        List<Integer> out = new ArrayList<>();
        for (int b = 1; b <= perReplica; b *= 2) {
            if (perReplica % b == 0 && LayoutPins.allows(pins.microBatch(), b)) {
                out.add(b);
            }
        }
        return out;
    }

    /** Virtual stages allowed for pp with {@code gradAccum} micro-batches: 1, and powers of two as above. */
    static List<Integer> virtualStages(int layers, int pp, int gradAccum, LayoutPins pins) {
        List<Integer> out = new ArrayList<>();
        if (LayoutPins.allows(pins.virtualStages(), 1)) {
            out.add(1);
        }
        if (pp == 1 || gradAccum % pp != 0) {
            return out;
        }
        int perStage = (layers + pp - 1) / pp;
        for (int v = 2; v <= perStage; v *= 2) {
            if (perStage % v == 0 && LayoutPins.allows(pins.virtualStages(), v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * ZeRO stages allowed, 0-3 or the pinned one; only 0 under Megatron's distributed optimizer,
     * which is already stage 1 (the memory model refuses it with a ZeRO stage).
     */
    static List<Integer> zeroStages(LayoutPins pins, Recipe recipe) {
        if (recipe != null && recipe.shardsOptimizerOverDp()) {
            if (pins.zero() != null && pins.zero() != 0) {
                throw new InvalidParameterException("zero", "must be 0 with recipe " + recipe.key()
                        + " (its distributed optimizer is ZeRO stage 1)", pins.zero());
            }
            return List.of(0);
        }
        return pins.zero() != null ? List.of(pins.zero()) : List.of(0, 1, 2, 3);
    }

    /** Recomputation policies allowed, cheapest in FLOPs first. */
    static List<Recompute> recomputes(LayoutPins pins) {
        return pins.recompute() != null ? List.of(pins.recompute()) : List.of(Recompute.values());
    }
}
