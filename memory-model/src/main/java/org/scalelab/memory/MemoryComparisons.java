package org.scalelab.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * One setup's per-GPU memory across what a memory page compares: the four ZeRO stages, the
 * data-parallel degree, model size by GPU count, the activation tensors op by op and the sequence
 * length. Each method returns rows a chart draws as they are; sizes in bytes. Stages are compared
 * with {@link TrainingSetup#atStage}.
 */
public final class MemoryComparisons {
    private MemoryComparisons() {}

    /**
     * One setup's per-GPU memory at one ZeRO stage and data-parallel degree.
     *
     * @param stage            ZeRO stage
     * @param dp               data-parallel degree N_d
     * @param breakdown        the memory model's components, bytes
     * @param modelStatesBytes parameters, gradients and optimizer states, bytes
     * @param totalBytes       everything on the GPU, bytes
     * @param fits             whether the total fits the GPU's memory
     */
    public record StagePoint(ZeroStage stage, long dp, MemoryBreakdown breakdown, double modelStatesBytes, double totalBytes,
                             boolean fits) { }

    /**
     * Which stages fit one model size on one GPU count.
     *
     * @param paramsB      model size, billions of parameters
     * @param gpus         GPUs
     * @param dp           data-parallel degree gpus/(t·p), at least 1
     * @param fits         whether stage 0, 1, 2, 3 fits (in stage order)
     * @param lowestStage  the lowest stage that fits; 4 when none does
     */
    public record FitCell(double paramsB, long gpus, long dp, List<Boolean> fits, int lowestStage) { }

    /**
     * One tensor one layer keeps under one recomputation policy.
     *
     * @param recompute the policy
     * @param op        the tensor ({@link ActivationOp#name()})
     * @param bytes     bytes per layer per GPU
     */
    public record OpBytes(Recompute recompute, String op, double bytes) { }

    /**
     * Peak activation memory at one sequence length under one policy.
     *
     * @param recompute      the recomputation policy
     * @param flashAttention attention without stored s×s scores
     * @param seqTokens      sequence length, tokens
     * @param bytes          activation bytes per GPU (first pipeline stage)
     */
    public record SeqPoint(Recompute recompute, boolean flashAttention, long seqTokens, double bytes) { }

    /**
     * The setup at each ZeRO stage 0-3 (the ZeRO paper's Figure 1 for this model).
     * Model states per GPU: (2 + 2 + K)Ψ at stage 0, down to (2 + 2 + K)Ψ/N_d at stage 3 (Rajbhandari
     * et al. 2019, Fig. 1).
     *
     * @param gpuMemoryBytes the GPU's memory, bytes (for {@link StagePoint#fits})
     */
    public static List<StagePoint> byStage(TrainingSetup setup, long gpuMemoryBytes) {
        return byStageAndDp(setup, List.of(setup.dp()), gpuMemoryBytes);
    }

    /**
     * The setup at each ZeRO stage and each data-parallel degree, stage by stage (the ZeRO paper's
     * Table 1 for this model).
     *
     * @throws org.scalelab.common.InvalidParameterException naming the field when a degree is out of range
     */
    public static List<StagePoint> byStageAndDp(TrainingSetup setup, List<Long> dps, long gpuMemoryBytes) {
        List<StagePoint> points = new ArrayList<>();
        for (ZeroStage stage : ZeroStage.all()) {
            for (long dp : dps) {
                // Rajbhandari 2019, Table 1
                MemoryBreakdown m = MemoryModel.estimate(setup.toBuilder().dp(dp).build().atStage(stage));
                points.add(new StagePoint(stage, dp, m, m.modelStatesBytes(), m.totalBytes(), m.fits(gpuMemoryBytes)));
            }
        }
        return points;
    }

    /**
     * For each model size and GPU count, which stages fit and the lowest that does (fit is monotone
     * in the stage, so one number shows the boundary of all four). Each size is a dense model
     * without a shape: model states, buffers and reserve only. GPU counts below t·p cannot hold one
     * replica and are left out (when all are, the count t·p alone is used). Rajbhandari et al. 2019,
     * Section 5.4, asks the same question at N_d = 64.
     *
     * @param sizesB    model sizes, billions of parameters
     * @param gpuCounts GPU counts
     */
    public static List<FitCell> lowestFittingStage(TrainingSetup setup, List<Double> sizesB, List<Long> gpuCounts,
                                                   long gpuMemoryBytes) {
        long mp = setup.tp() * setup.pp();
        List<Long> counts = gpuCounts.stream().filter(g -> g >= mp).toList();
        List<Long> usable = counts.isEmpty() ? List.of(mp) : counts;
        List<FitCell> cells = new ArrayList<>();
        for (double size : sizesB) {
            for (long gpus : usable) {
                long dp = Math.max(1, gpus / mp);
                List<Boolean> fits = new ArrayList<>();
                int lowest = 4;
                for (ZeroStage stage : ZeroStage.all()) {
                    TrainingSetup s = setup.toBuilder().shape(null).ep(1).paramCount(Math.round(size * 1e9)).dp(dp).build()
                            .atStage(stage);
                    // Rajbhandari 2019, Section 5.4
                    boolean fit = MemoryModel.estimate(s).fits(gpuMemoryBytes);
                    fits.add(fit);
                    if (fit && lowest == 4) {
                        lowest = stage.number();
                    }
                }
                cells.add(new FitCell(size, gpus, dp, List.copyOf(fits), lowest));
            }
        }
        return cells;
    }

    /**
     * One layer's kept activations op by op for each recomputation policy, in policy order
     * ({@link BlockActivations#perBlock}; with GPT-3's block and no recomputation the ops add up to
     * 34sbh + 5as²b, Korthikanti et al. 2022, Eq. 1).
     *
     * @throws IllegalArgumentException when the setup has no shape
     */
    public static List<OpBytes> activationOps(TrainingSetup setup) {
        TransformerShape shape = requireShape(setup);
        List<OpBytes> rows = new ArrayList<>();
        for (Recompute r : Recompute.values()) {
            // Korthikanti 2022, Eq. 1
            for (ActivationOp op : BlockActivations.perBlock(shape, shape.isMoe(), setup.seqLength(), setup.microBatch(),
                    setup.tp(), setup.sequenceParallel(), r, setup.activationOptions(), setup.routedTokenFactor())) {
                rows.add(new OpBytes(r, op.name(), op.bytes()));
            }
        }
        return rows;
    }

    /**
     * Peak activation memory ({@link MemoryModel#activations}) against the sequence length, for each
     * recomputation policy without FlashAttention, then for no recomputation with it; policy by policy
     * (Korthikanti et al. 2022, Table 2, per layer).
     *
     * @throws IllegalArgumentException when the setup has no shape
     */
    public static List<SeqPoint> activationsBySeq(TrainingSetup setup, List<Long> seqs) {
        requireShape(setup);
        List<SeqPoint> rows = new ArrayList<>();
        for (Recompute r : Recompute.values()) {
            addPolicy(rows, setup.toBuilder().recompute(r).flashAttention(false), seqs, r, false);
        }
        addPolicy(rows, setup.toBuilder().recompute(Recompute.NONE).flashAttention(true), seqs, Recompute.NONE, true);
        return rows;
    }

    private static void addPolicy(List<SeqPoint> rows, TrainingSetup.Builder b, List<Long> seqs, Recompute r, boolean flash) {
        for (long s : seqs) {
            // Korthikanti 2022, Table 2
            rows.add(new SeqPoint(r, flash, s, MemoryModel.activations(b.seqLength(s).build())));
        }
    }

    private static TransformerShape requireShape(TrainingSetup setup) {
        if (setup.shape() == null) {
            throw new IllegalArgumentException("activations need a transformer shape; this setup has none");
        }
        return setup.shape();
    }
}
