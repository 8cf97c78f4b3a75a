package org.scalelab.planner;

import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.cluster.step.StepModel;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.cluster.step.StepResult;
import org.scalelab.cluster.step.StepSpec;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.ZeroStage;

/**
 * The planner's only bridge to the memory and step models: a layout in, the memory model's
 * breakdown ({@link MemoryModel#estimate}) or the step model's result ({@link StepModel#compute})
 * out. Sequence parallelism is on whenever TP &gt; 1 (Korthikanti et al. 2022, §4.2.2, as Megatron-LM
 * runs TP) in both models; the step model's kernels follow the plan's recipe (Megatron-LM's bf16 when
 * none is given), its flash-attention setting and its GEMM precision; the memory model counts the shape's
 * busiest pipeline stage (ceil(L/pp) blocks and the embedding or output layer) unless the user gave a
 * parameter count that differs from the shape's, which is then split evenly; for a mixture-of-experts model
 * the step also takes the plan's EP, expert load imbalance and all-to-all overlap; nothing is offloaded.
 */
final class LayoutScorer {
    private final PlanSpec spec;
    private final Allocation allocation;
    private final TrainingSetup.Builder setup;

    LayoutScorer(PlanSpec spec, Allocation allocation) {
        this.spec = spec;
        this.allocation = allocation;
        this.setup = TrainingSetup.builder().shape(allocation.shape())
                .paramCount(allocation.params() != allocation.shape().paramCount() ? allocation.params() : 0)
                .bytesPerParam(spec.bytesPerParam()).recipe(spec.recipe()).seqLength(allocation.seq())
                .flashAttention(spec.flashAttention()).dropout(spec.dropout()).reserveBytes(spec.reserveBytes())
                .expertLoadImbalance(allocation.isMoe() ? spec.expertLoadImbalance() : 1.0);
    }

    /** The memory of the most loaded GPU under {@code l}. */
    MemoryBreakdown memory(Layout l) {
        return MemoryModel.estimate(setup(l));
    }

    /**
     * The GPU memory the most loaded GPU needs under {@code l}, bytes: {@link MemorySolver#neededBytes},
     * the same test {@code scalelab memory} applies (with a recipe, the step's peak counts too).
     */
    double neededBytes(Layout l) {
        return MemorySolver.neededBytes(setup(l));
    }

    /** {@link #neededBytes(Layout)} given {@code m}, the layout's {@link #memory}, so it is not estimated again. */
    double neededBytes(Layout l, MemoryBreakdown m) {
        return MemorySolver.neededBytes(setup(l), m);
    }

    private TrainingSetup setup(Layout l) {
        return setup.stage(ZeroStage.of(l.zero())).dp(l.dp()).ep(l.expertParallel()).tp(l.tp()).pp(l.pp())
                .virtualStages(l.virtualStages()).microBatch(l.microBatch()).recompute(l.policy())
                .sequenceParallel(l.tp() > 1).build();
    }

    /** The GPU's memory as the driver reports it, bytes. */
    long available() {
        return spec.gpu().memoryBytes();
    }

    /** Whether {@code neededBytes} fits the GPU's memory. */
    boolean fits(double neededBytes) {
        return neededBytes <= spec.gpu().memoryBytes();
    }

    /** The step under {@code l}. */
    StepResult step(Layout l) {
        ParallelLayout layout = new ParallelLayout(l.usedGpus(), l.dp(), l.tp(), l.pp(), l.expertParallel(),
                spec.gpusPerNode(), spec.nvlinkGbPerS(), spec.nvlinkLatencyUs(), spec.interNodeGbitPerS(),
                spec.interNodeLatencyUs());
        StepOptions options = StepOptions.defaults(spec.gpu()).withFlashAttention(spec.flashAttention())
                .withDropout(spec.dropout())
                .withSequenceParallel(l.tp() > 1);
        if (allocation.isMoe()) {
            options = options.withMoe(spec.gemmPrecision(), spec.expertLoadImbalance(), spec.a2aOverlap());
        } else if (!spec.gemmPrecision().equals("bf16")) {
            options = options.withMoe(spec.gemmPrecision(), null, null);
        }
        if (spec.recipe() != null) {
            options = options.withRecipe(spec.recipe());
        }
        StepSpec s = new StepSpec(allocation.shape(), allocation.params(), allocation.seq(), l.microBatch(), l.gradAccum(),
                spec.gpu(), spec.matmulEfficiency(), spec.matmulEfficiencySource(), layout, ZeroStage.of(l.zero()),
                l.policy(), spec.dpOverlap(), l.virtualStages(), options, spec.hbm());
        return StepModel.compute(s);
    }

    /** The scored candidate (memory, step, failure-free training time). */
    Candidate candidate(Layout l, MemoryBreakdown m, double neededBytes) {
        StepResult step = step(l);
        long steps = (long) Math.ceil(allocation.tokens() / step.tokensPerStep());
        return new Candidate(l, m, neededBytes, step, steps, steps * step.stepSeconds(), fits(neededBytes), null);
    }
}
