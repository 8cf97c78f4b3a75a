package org.scalelab.cluster.step;

import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.MoeShape;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * One training step of a transformer under DP × TP × PP × EP (expert parallelism for
 * mixture-of-experts shapes; ep = 1 for dense ones).
 *
 * @param shape                  the transformer (layers, width, heads, vocabulary)
 * @param paramCount             parameters N, all of them (the shape's count unless given; for a
 *                               mixture of experts the total, of which the routed experts are the
 *                               shape's {@code routedExpertParamCount})
 * @param seqLength              tokens per sequence s
 * @param microBatch             sequences per micro-batch b
 * @param microBatches           micro-batches per step per pipeline m (gradient accumulation)
 * @param gpu                    the GPU preset (peak BF16 and FP8 FLOP/s, data-sheet HBM bandwidth)
 * @param matmulEfficiency       achieved / peak FLOP/s of the model's matrix multiplies, in (0, 1]
 * @param matmulEfficiencySource where that efficiency comes from (a measurement, a paper)
 * @param layout                 parallel layout and links
 * @param zero                   ZeRO stage
 * @param recompute              activation recomputation
 * @param dpOverlap              fraction of the data-parallel communication hidden behind the
 *                               backward pass, in [0, 1]
 * @param virtualStages          model chunks per pipeline stage v of the interleaved 1F1B schedule
 *                               (1 = plain 1F1B); the bubble shrinks to (p − 1)/(v·m)
 * @param options                the kernels: precision recipe, flash attention, dropout, causal
 *                               masking, sequence parallelism, GEMM precision, expert load
 *                               imbalance and all-to-all overlap
 * @param hbm                    the HBM bandwidth the memory-bound kernels reach, with its source
 *                               ({@link HbmBandwidth#measured} for the GPU unless given)
 * @throws org.scalelab.common.InvalidParameterException naming the field: {@code ep} when it is
 *         not 1 for a dense shape or does not divide the experts E; {@code gemm_precision} when fp8
 *         is asked of a GPU without FP8 Tensor Cores; {@code expert_load_imbalance} above E/k (the
 *         busiest expert cannot receive more than every token); {@code seq}, {@code micro_batch} and
 *         {@code virtual_stages} beyond the memory model's bounds ({@link TrainingSetup#checkSequences},
 *         {@link TrainingSetup#checkVirtualStages}); {@code params} at or below the parameters that do no
 *         model FLOPs
 */
public record StepSpec(TransformerShape shape, long paramCount, int seqLength, int microBatch, int microBatches,
        GpuSpec gpu, double matmulEfficiency, String matmulEfficiencySource, ParallelLayout layout, ZeroStage zero,
        Recompute recompute, double dpOverlap, int virtualStages, StepOptions options, HbmBandwidth hbm) {

    /** Most micro-batches per step: 2²⁰, thousands of times the pipelines' published schedules. */
    public static final int MAX_GRAD_ACCUM = 1 << 20;

    public StepSpec {
        Check.present("model", shape);
        Check.atLeastOne("params", paramCount);
        TrainingSetup.checkSequences(seqLength, microBatch);
        Check.inRange("grad_accum", microBatches, 1, MAX_GRAD_ACCUM);
        Check.present("gpu", gpu);
        Check.inHalfOpen("matmul_efficiency", matmulEfficiency, 0, 1);
        Check.present("layout", layout);
        Check.present("zero", zero);
        Check.present("recompute", recompute);
        Check.inRange("dp_overlap", dpOverlap, 0, 1);
        Check.atLeastOne("virtual_stages", virtualStages);
        TrainingSetup.checkTensorParallel(shape, layout.tp());
        Check.inRange("pp", layout.pp(), 1, shape.layers());
        TrainingSetup.checkVirtualStages(shape, layout.pp(), virtualStages);
        options = options == null ? StepOptions.defaults(gpu) : options;
        Recipe.checkZeroStage(options.recipe(), zero.number());
        checkExperts(shape, layout, options);
        if (options.gemmPrecision() == GemmPrecision.FP8 && !gpu.hasFp8()) {
            throw new InvalidParameterException("gemm_precision", "fp8 needs FP8 Tensor Cores; " + gpu.key()
                    + " has none (fp8_dense_flops_per_s = 0)", "fp8");
        }
        checkFlopParams(shape, paramCount);
        matmulEfficiencySource = matmulEfficiencySource == null ? "" : matmulEfficiencySource;
        hbm = hbm == null ? HbmBandwidth.measured(gpu) : hbm;
    }

    /**
     * N must leave the model FLOPs positive (so no MFU is ever negative): above the parameters that
     * do none, the embedding lookups (the input table, untied, and any position table) and the
     * routed experts a token is not sent to. A given N below them describes no model of this shape.
     */
    private static void checkFlopParams(TransformerShape shape, long paramCount) {
        long lookups = shape.embeddingParamCount() - (shape.tiedEmbeddings() ? (long) shape.vocab() * shape.hidden() : 0);
        long none = lookups + shape.paramCount() - shape.activeParamCount();
        if (paramCount <= none) {
            throw new InvalidParameterException("params", "must be > " + none + ", the parameters of " + shape.key()
                    + " that do no model FLOPs (embedding lookups, routed experts a token skips)", paramCount);
        }
    }

    private static void checkExperts(TransformerShape shape, ParallelLayout layout, StepOptions options) {
        MoeShape moe = shape.moe();
        if (moe == null) {
            if (layout.ep() != 1) {
                throw new InvalidParameterException("ep", "must be 1 for a dense model (" + shape.key() + " has no experts)",
                        layout.ep());
            }
            return;
        }
        Check.divides("ep", layout.ep(), "experts", moe.experts());
        double most = (double) moe.experts() / moe.expertsPerToken();
        Check.inRange("expert_load_imbalance", options.expertLoadImbalance(), 1, most);
    }

    /** A step at the GPU's measured HBM bandwidth ({@link HbmBandwidth#measured}). */
    public StepSpec(TransformerShape shape, long paramCount, int seqLength, int microBatch, int microBatches,
            GpuSpec gpu, double matmulEfficiency, String matmulEfficiencySource, ParallelLayout layout, ZeroStage zero,
            Recompute recompute, double dpOverlap, int virtualStages, StepOptions options) {
        this(shape, paramCount, seqLength, microBatch, microBatches, gpu, matmulEfficiency, matmulEfficiencySource, layout,
                zero, recompute, dpOverlap, virtualStages, options, null);
    }

    /** A step with the default kernels ({@link StepOptions#defaults}). */
    public StepSpec(TransformerShape shape, long paramCount, int seqLength, int microBatch, int microBatches,
            GpuSpec gpu, double matmulEfficiency, String matmulEfficiencySource, ParallelLayout layout, ZeroStage zero,
            Recompute recompute, double dpOverlap, int virtualStages) {
        this(shape, paramCount, seqLength, microBatch, microBatches, gpu, matmulEfficiency, matmulEfficiencySource, layout,
                zero, recompute, dpOverlap, virtualStages, null, null);
    }

    /** Tokens per step over the whole job: ep · dp · m · b · s (every data-parallel replica of the dense weights). */
    public double tokensPerStep() {
        return (double) layout.denseDp() * microBatches * microBatch * seqLength;
    }

    /**
     * Layers on the busiest pipeline stage, ⌈L/p⌉: stages may be uneven (Llama 3 405B puts its
     * 126 layers on 16 stages), and the step waits for the busiest one.
     */
    public int layersPerStage() {
        return (shape.layers() + layout.pp() - 1) / layout.pp();
    }

    /**
     * Where the matmul efficiency comes from, as reports print it: the given source, and with FP8
     * GEMMs the assumption that they run at the BF16 efficiency ({@link GemmPrecision#efficiencySource}).
     */
    public String matmulEfficiencyLabel() {
        return options.gemmPrecision().efficiencySource(matmulEfficiencySource);
    }

    /**
     * The memory model's setup of this step: the same shape, parameters, layout (dp, tp, pp, ep,
     * virtual stages), ZeRO stage, recomputation, sequence, micro-batch and the kernels' recipe,
     * flash attention, dropout, sequence parallelism and expert load imbalance; nothing offloaded,
     * no reserve or communication buffers counted. A parameter count equal to the shape's is taken
     * from the shape, so the memory model counts the busiest pipeline stage.
     */
    public TrainingSetup memorySetup() {
        return TrainingSetup.builder().shape(shape).paramCount(paramCount == shape.paramCount() ? 0 : paramCount)
                .recipe(options.recipe()).stage(zero).dp(layout.dp()).tp(layout.tp()).pp(layout.pp()).ep(layout.ep())
                .virtualStages(virtualStages).seqLength(seqLength).microBatch(microBatch).recompute(recompute)
                .flashAttention(options.flashAttention()).dropout(options.dropout())
                .sequenceParallel(options.sequenceParallel())
                .expertLoadImbalance(shape.moe() == null ? 1.0 : options.expertLoadImbalance()).build();
    }

    /** The same step on another layout. */
    public StepSpec withLayout(ParallelLayout newLayout) {
        return new StepSpec(shape, paramCount, seqLength, microBatch, microBatches, gpu, matmulEfficiency,
                matmulEfficiencySource, newLayout, zero, recompute, dpOverlap, virtualStages, options, hbm);
    }

    /** The same step with other kernels. */
    public StepSpec withOptions(StepOptions newOptions) {
        return new StepSpec(shape, paramCount, seqLength, microBatch, microBatches, gpu, matmulEfficiency,
                matmulEfficiencySource, layout, zero, recompute, dpOverlap, virtualStages, newOptions, hbm);
    }

    /** The same step at another HBM bandwidth (null: the GPU's measured one). */
    public StepSpec withHbm(HbmBandwidth newHbm) {
        return new StepSpec(shape, paramCount, seqLength, microBatch, microBatches, gpu, matmulEfficiency,
                matmulEfficiencySource, layout, zero, recompute, dpOverlap, virtualStages, options, newHbm);
    }
}
