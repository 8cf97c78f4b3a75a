package org.scalelab.memory;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * Everything that decides per-GPU training memory: the model (a parameter count and/or a shape),
 * the state accounting, ZeRO stage, the 3D-parallel layout, the activation settings, offload, and
 * the reserve and buffers that are reported as their own lines. Build with {@link #builder()}.
 *
 * @param paramCount        Ψ, parameters (from {@code shape} when not given)
 * @param paramsFromShape   Ψ was derived from {@code shape}: model states then use the most loaded pipeline stage
 * @param shape             transformer shape for activations (null: activations are 0)
 * @param bytesPerParam     bytes per parameter of each model state
 * @param stage             ZeRO stage
 * @param dp                data-parallel degree N_d
 * @param tp                tensor-parallel degree t (must divide heads)
 * @param pp                pipeline-parallel degree p
 * @param ep                expert-parallel degree: each mixture-of-experts block's E routed experts are split
 *                          over ep GPUs (E/ep each); the GPUs are dp·tp·pp·ep, {@code dp} counting the replicas
 *                          of each expert shard and the dense layers being data-parallel over ep·dp
 *                          (Megatron-LM's expert-data-parallel group; Rajbhandari et al. 2022, DeepSpeed-MoE,
 *                          Section 5); 1 for a dense model
 * @param virtualStages     interleaved model chunks per pipeline stage m (1 = plain 1F1B)
 * @param seqLength         sequence length s, tokens
 * @param microBatch        micro-batch b, sequences
 * @param recompute         activation recomputation policy
 * @param flashAttention    attention without stored s×s scores
 * @param dropout           dropout layers active (Korthikanti's default; masks stored)
 * @param sequenceParallel  Megatron sequence parallelism (Korthikanti §4.2.2)
 * @param logitsBytes       bytes per logit kept for the loss (4 = fp32, Korthikanti §4.3)
 * @param offload           what lives in CPU memory
 * @param reserveBytes      CUDA context and allocator reserve, bytes
 * @param buffers           communication buffers, or null when not counted
 * @param recipe            precision recipe, or null to use {@code bytesPerParam} and {@code logitsBytes} as given
 * @param expertLoadImbalance the busiest expert's token share over the mean (≥ 1; 1 = even routing), used for
 *                          dropless routing ({@link MoeShape#capacityFactor()} = 0)
 */
public record TrainingSetup(long paramCount, boolean paramsFromShape, TransformerShape shape, BytesPerParam bytesPerParam,
                            ZeroStage stage, long dp, long tp, long pp, long ep, long virtualStages, long seqLength, long microBatch,
                            Recompute recompute, boolean flashAttention, boolean dropout, boolean sequenceParallel,
                            double logitsBytes, Offload offload, double reserveBytes, CommBuffers buffers, Recipe recipe,
                            double expertLoadImbalance) {

    /** Most parameters: 10¹⁵, a thousand times the largest published dense models (about 10¹²). */
    public static final long MAX_PARAMS = 1_000_000_000_000_000L;
    /** Most GPUs in one job (dp·tp·pp·ep): 2²⁴, a hundred times the largest clusters announced (about 10⁵). */
    public static final long MAX_GPUS = 1 << 24;
    /** Longest sequence: 2²⁴ tokens, above the longest published contexts (about 10⁷). */
    public static final long MAX_SEQ = 1 << 24;
    /** Largest micro-batch: 2²⁰ sequences. */
    public static final long MAX_MICRO_BATCH = 1 << 20;
    /** Largest reserve: 10¹⁵ bytes (a petabyte), far above any GPU's memory. */
    public static final double MAX_RESERVE_BYTES = 1e15;
    /**
     * Largest GPU or host memory a question may give, GB: 10⁶ GB (1 PB), past any device or node
     * (an H200 has 141 GB, a DGX H100 node 2 TB); beyond it bytes no longer count exactly in a long.
     */
    public static final double MAX_MEMORY_GB = 1e6;
    /** Largest expert load imbalance: 2¹⁶ (the busiest expert can take at most E/k times the mean). */
    public static final double MAX_LOAD_IMBALANCE = MoeShape.MAX_EXPERTS;

    /**
     * Validates the layout against the shape; messages name the parameter-file keys. The upper
     * bounds keep every byte count finite and far below 2⁶³.
     */
    public TrainingSetup {
        Check.inRange("params", paramCount, 1, MAX_PARAMS);
        Check.present("preset", bytesPerParam);
        Check.present("zero", stage);
        Check.inRange("dp", dp, 1, MAX_GPUS);
        Check.inRange("tp", tp, 1, MAX_GPUS);
        Check.inRange("pp", pp, 1, MAX_GPUS);
        Check.inRange("ep", ep, 1, MAX_GPUS);
        if ((double) dp * tp * pp * ep > MAX_GPUS) {
            throw new InvalidParameterException("dp", "dp x tp x pp x ep must be <= " + MAX_GPUS + " GPUs (tp " + tp + ", pp " + pp
                    + ", ep " + ep + ")", dp);
        }
        Check.inRange("expert_load_imbalance", expertLoadImbalance, 1, MAX_LOAD_IMBALANCE);
        Check.inRange("virtual_stages", virtualStages, 1, MAX_GPUS);
        checkVirtualStages(shape, pp, virtualStages);
        checkSequences(seqLength, microBatch);
        Check.present("recompute", recompute);
        Check.inHalfOpen("logits_bytes", logitsBytes, 0, 8);
        Check.present("offload", offload);
        Check.inRange("reserve_bytes", reserveBytes, 0, MAX_RESERVE_BYTES);
        if (shape != null) {
            checkTensorParallel(shape, tp);
            if (pp > shape.layers()) {
                throw new InvalidParameterException("pp", "must be <= layers (" + shape.layers() + ")", pp);
            }
            checkExperts(shape, ep, expertLoadImbalance);
        }
        if (offload == Offload.OPTIMIZER_AND_PARAMS && stage != ZeroStage.STAGE_3) {
            throw new InvalidParameterException("offload", "parameter offload needs zero = 3", offload.key());
        }
        Recipe.checkZeroStage(recipe, stage.number());
        if (paramsFromShape && shape == null) {
            throw new InvalidParameterException("model", "is required when params come from the shape", "missing");
        }
        if (shape == null && ep > 1) {
            throw new InvalidParameterException("ep", "expert parallelism needs a mixture-of-experts model (give model or experts)", ep);
        }
    }

    /**
     * Whether tensor parallelism of degree {@code tp} splits the shape's attention heads and its
     * key/value heads into whole heads per rank: t divides both. Megatron-LM gives each rank
     * num_attention_heads/t query heads and num_query_groups/t key/value heads and refuses any other t.
     * Source: NVIDIA/Megatron-LM megatron/core/transformer/attention.py, Attention.__init__:
     *         {@code num_query_groups_per_partition = divide(self.config.num_query_groups, world_size)}
     */
    public static boolean splitsHeads(TransformerShape shape, long tp) {
        return tp >= 1 && shape.heads() % tp == 0 && shape.kvHeads() % tp == 0;
    }

    /**
     * Fails unless {@link #splitsHeads}: the message names {@code tp} and {@code heads} or
     * {@code kv_heads} (a rank cannot hold part of a key/value head).
     *
     * @throws InvalidParameterException ({@code tp}) when t does not divide the heads or the key/value heads
     */
    public static void checkTensorParallel(TransformerShape shape, long tp) {
        Check.divides("tp", tp, "heads", shape.heads());
        if (shape.kvHeads() % tp != 0) {
            throw new InvalidParameterException("tp", "must divide kv_heads (" + shape.kvHeads() + "): each tensor-parallel"
                    + " rank holds whole key/value heads (Megatron-LM's divide(num_query_groups, tp))", tp);
        }
    }

    /**
     * The bounds of the sequence length and the micro-batch, shared with the step model
     * ({@code cluster step}, {@code kind: cluster}): seq in [1, {@link #MAX_SEQ}], micro_batch in
     * [1, {@link #MAX_MICRO_BATCH}].
     *
     * @throws InvalidParameterException naming {@code seq} or {@code micro_batch}
     */
    public static void checkSequences(long seqLength, long microBatch) {
        Check.inRange("seq", seqLength, 1, MAX_SEQ);
        Check.inRange("micro_batch", microBatch, 1, MAX_MICRO_BATCH);
    }

    /**
     * The interleaved schedule's rules, shared with the step model: it splits the stages of a
     * pipeline into v model chunks (Narayanan et al. 2021, section 2.2.2), so v > 1 needs pp > 1;
     * and every chunk needs a layer, so v is at most the layers of the busiest stage, ⌈L/pp⌉.
     *
     * @param shape the shape, or null (parameters only: the layer rule is not checked)
     * @throws InvalidParameterException naming {@code virtual_stages}
     */
    public static void checkVirtualStages(TransformerShape shape, long pp, long virtualStages) {
        if (pp == 1 && virtualStages > 1) {
            throw new InvalidParameterException("virtual_stages", "interleaves the stages of a pipeline, so it needs pp > 1"
                    + " (pp is 1)", virtualStages);
        }
        if (shape == null) {
            return;
        }
        long perStage = (shape.layers() + pp - 1) / pp;
        if (virtualStages > perStage) {
            throw new InvalidParameterException("virtual_stages", "must be <= the layers per pipeline stage (" + perStage
                    + "): every model chunk needs a layer", virtualStages);
        }
    }

    /** Expert parallelism needs experts, and splits each block's E experts evenly; the imbalance cannot exceed E/k. */
    private static void checkExperts(TransformerShape shape, long ep, double imbalance) {
        MoeShape moe = shape.moe();
        if (moe == null) {
            if (ep > 1) {
                throw new InvalidParameterException("ep", "expert parallelism needs a mixture-of-experts model; "
                        + shape.key() + " is dense (give experts, or ep = 1)", ep);
            }
            return;
        }
        if (moe.experts() % ep != 0) {
            throw new InvalidParameterException("ep", "must divide experts (" + moe.experts() + "): each GPU holds E/ep whole experts", ep);
        }
        double most = (double) moe.experts() / moe.expertsPerToken();
        if (imbalance > most) {
            throw new InvalidParameterException("expert_load_imbalance", "must be <= experts / experts_per_token (" + Check.format(most)
                    + "): the busiest expert sees each token at most once", imbalance);
        }
    }

    /** Bytes per parameter of each model state: the recipe's when given, else {@link #bytesPerParam}. */
    public BytesPerParam stateBytes() {
        return recipe == null ? bytesPerParam : recipe.bytesPerParam();
    }

    /** The ZeRO stage the states are partitioned with: stage 1 under Megatron's distributed optimizer, else {@link #stage}. */
    public ZeroStage effectiveStage() {
        return recipe != null && recipe.shardsOptimizerOverDp() ? ZeroStage.STAGE_1 : stage;
    }

    /** Bytes per logit live at the end of the forward: the recipe's when given, else {@link #logitsBytes}. */
    public double forwardLogitsBytes() {
        return recipe == null ? logitsBytes : recipe.logitsForwardBytes();
    }

    /** Dropout, flash attention and residual width (16-bit without a recipe) for {@link BlockActivations}. */
    public ActivationOptions activationOptions() {
        return recipe == null ? new ActivationOptions(dropout, flashAttention, 2) : recipe.activationOptions(dropout, flashAttention);
    }

    /**
     * Parameters of the largest single module: the shape's ({@link TransformerShape#largestLayerParamCount()}),
     * or by {@link GatheredLayer#largestLayerParamsByRule} when only a parameter count is given.
     */
    public double largestLayerParams() {
        return shape != null ? shape.largestLayerParamCount() : GatheredLayer.largestLayerParamsByRule(paramCount);
    }

    /** GPUs in the job: dp·tp·pp·ep. */
    public long gpus() {
        return dp * tp * pp * ep;
    }

    /**
     * This setup, after checking that it uses {@code gpus} GPUs (when given).
     *
     * @param gpus GPUs in the job, or null for no check
     * @throws InvalidParameterException naming {@code gpus} when dp·tp·pp·ep differs
     */
    public TrainingSetup checkGpus(Long gpus) {
        if (gpus != null && gpus != gpus()) {
            throw new InvalidParameterException("gpus", "must equal tp x pp x ep x dp = " + tp + " x " + pp + " x " + ep + " x " + dp
                    + " = " + gpus(), gpus);
        }
        return this;
    }

    /**
     * Data-parallel degree of the dense states (attention, norms, embeddings, router, shared experts):
     * ep·dp, every GPU of an expert-parallel group holding the same dense layers (Megatron-LM's data-parallel
     * group; Rajbhandari et al. 2022, DeepSpeed-MoE, Section 5). Equals dp without expert parallelism.
     */
    public long denseDp() {
        return dp * ep;
    }

    /**
     * Tokens each routed expert's buffers are sized for, over the even share k·T/E: the capacity factor
     * when tokens are dropped (the expert's buffer holds C = capacity_factor·k·T/E tokens; Fedus et al. 2022,
     * Eq. 3), the load imbalance when dropless (the busiest expert's share over the mean). 0 for a dense shape.
     */
    public double routedTokenFactor() {
        if (shape == null || shape.moe() == null) {
            return 0;
        }
        return shape.moe().dropless() ? expertLoadImbalance : shape.moe().capacityFactor();
    }

    /**
     * Parameters held by the most loaded GPU before ZeRO partitioning: dense plus routed-expert
     * parameters of {@link #stageParams()}. For a dense model, Ψ/(t·p) given a raw count (the ZeRO
     * paper's Ψ/N_m), or the heavier pipeline stage divided by t when derived from a shape.
     */
    public double shardParams() {
        StageParams s = stageParams();
        return s.denseParams() + s.expertParams();
    }

    /**
     * Parameters one token passes through ({@link TransformerShape#activeParamCount()}): the shape's when Ψ
     * comes from it; a given Ψ scaled by the shape's active share; Ψ itself without a mixture-of-experts shape.
     */
    public long activeParamCount() {
        if (shape == null || !shape.isMoe()) {
            return paramCount;
        }
        return paramsFromShape ? shape.activeParamCount()
                : Math.round((double) paramCount * shape.activeParamCount() / shape.paramCount());
    }

    /** The most loaded GPU's dense and routed-expert parameters before ZeRO; see {@link StageParams#of}. */
    public StageParams stageParams() {
        return StageParams.of(this);
    }

    /**
     * This setup at another ZeRO stage. Parameter offload (ZeRO-Infinity's, {@link Offload#OPTIMIZER_AND_PARAMS})
     * exists only at stage 3, so at a lower stage the setup keeps optimizer offload instead: how the
     * memory page, {@code memory max-model} and the stage tables compare stages (Rajbhandari et al. 2021,
     * ZeRO-Infinity, Section 5).
     */
    public TrainingSetup atStage(ZeroStage newStage) {
        Offload o = offload == Offload.OPTIMIZER_AND_PARAMS && newStage != ZeroStage.STAGE_3 ? Offload.OPTIMIZER : offload;
        return toBuilder().stage(newStage).offload(o).build();
    }

    /** A builder preset to this setup, to change a few fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.paramCount = paramsFromShape ? 0 : paramCount;
        b.shape = shape;
        b.bytesPerParam = bytesPerParam;
        b.stage = stage;
        b.dp = dp;
        b.tp = tp;
        b.pp = pp;
        b.ep = ep;
        b.expertLoadImbalance = expertLoadImbalance;
        b.virtualStages = virtualStages;
        b.seqLength = seqLength;
        b.microBatch = microBatch;
        b.recompute = recompute;
        b.flashAttention = flashAttention;
        b.dropout = dropout;
        b.recipe = recipe;
        b.sequenceParallel = sequenceParallel;
        b.logitsBytes = logitsBytes;
        b.offload = offload;
        b.reserveBytes = reserveBytes;
        b.buffers = buffers;
        return b;
    }

    /** A builder with the paper's defaults: zero-paper bytes, stage 0, no parallelism (ep 1, even expert load), s = 2048, b = 1, no recompute, dropout on, fp32 logits, no offload, reserve 0, buffers off, no recipe. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TrainingSetup}; a parameter count of 0 means "derive it from the shape". */
    public static final class Builder {
        private long paramCount;
        private TransformerShape shape;
        private BytesPerParam bytesPerParam = BytesPerParam.zeroPaper();
        private ZeroStage stage = ZeroStage.STAGE_0;
        private long dp = 1;
        private long tp = 1;
        private long pp = 1;
        private long ep = 1;
        private double expertLoadImbalance = 1;
        private long virtualStages = 1;
        private long seqLength = 2048;
        private long microBatch = 1;
        private Recompute recompute = Recompute.NONE;
        private boolean flashAttention;
        private boolean dropout = true;
        private Recipe recipe;
        private boolean sequenceParallel;
        private double logitsBytes = 4;
        private Offload offload = Offload.NONE;
        private double reserveBytes;
        private CommBuffers buffers;

        private Builder() {}

        public Builder paramCount(long v) { paramCount = v; return this; }
        public Builder shape(TransformerShape v) { shape = v; return this; }
        public Builder bytesPerParam(BytesPerParam v) { bytesPerParam = v; return this; }
        public Builder stage(ZeroStage v) { stage = v; return this; }
        public Builder dp(long v) { dp = v; return this; }
        public Builder tp(long v) { tp = v; return this; }
        public Builder pp(long v) { pp = v; return this; }
        public Builder ep(long v) { ep = v; return this; }
        public Builder expertLoadImbalance(double v) { expertLoadImbalance = v; return this; }
        public Builder virtualStages(long v) { virtualStages = v; return this; }
        public Builder seqLength(long v) { seqLength = v; return this; }
        public Builder microBatch(long v) { microBatch = v; return this; }
        public Builder recompute(Recompute v) { recompute = v; return this; }
        public Builder flashAttention(boolean v) { flashAttention = v; return this; }
        public Builder dropout(boolean v) { dropout = v; return this; }
        public Builder recipe(Recipe v) { recipe = v; return this; }
        public Builder sequenceParallel(boolean v) { sequenceParallel = v; return this; }
        public Builder logitsBytes(double v) { logitsBytes = v; return this; }
        public Builder offload(Offload v) { offload = v; return this; }
        public Builder reserveBytes(double v) { reserveBytes = v; return this; }
        public Builder buffers(CommBuffers v) { buffers = v; return this; }

        /**
         * The validated setup.
         *
         * @throws InvalidParameterException naming the offending field
         */
        public TrainingSetup build() {
            boolean fromShape = paramCount == 0 && shape != null;
            if (paramCount == 0 && shape == null) {
                throw new InvalidParameterException("params", "is required (give params or a model shape)", "missing");
            }
            long params = fromShape ? shape.paramCount() : paramCount;
            return new TrainingSetup(params, fromShape, shape, bytesPerParam, stage, dp, tp, pp, ep, virtualStages, seqLength,
                    microBatch, recompute, flashAttention, dropout, sequenceParallel, logitsBytes, offload, reserveBytes, buffers,
                    recipe, expertLoadImbalance);
        }
    }
}
