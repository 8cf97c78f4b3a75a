package org.scalelab.planner;

import org.scalelab.cluster.failure.FailureDistribution;
import org.scalelab.cluster.sim.Recovery;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.cluster.step.GemmModel;
import org.scalelab.cluster.step.HbmBandwidth;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Seeds;
import org.scalelab.memory.BytesPerParam;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.TransformerShape;
import org.scalelab.scaling.Law;

/**
 * Everything a plan is computed from. The command line ({@code scalelab plan}) and a {@code kind:
 * plan} parameter file both fill this record through {@link Builder}, so they share names and
 * defaults. Unset optional values are null; {@link Allocator} and {@link LayoutSearch} decide them.
 *
 * @param params                     N, parameters (null: from the shape or the law)
 * @param tokens                     D, training tokens (null: from compute_flops or the law)
 * @param computeFlops               C, training FLOPs (null: 6ND)
 * @param law                        the scaling law that fills what N, D and C leave open
 * @param shape                      the transformer shape (null: {@link ShapeChooser} picks one near N)
 * @param flashAttention             attention keeps no s×s scores (memory model)
 * @param dropout                    dropout kernels and masks after attention and the MLP (memory and step);
 *                                   default true
 * @param bytesPerParam              bytes per parameter of each model state (memory, checkpoint size), used
 *                                   only without a recipe
 * @param recipe                     the precision recipe of the memory check (null: {@code bytesPerParam} as
 *                                   given); it sets the state bytes and the logits, and Megatron's distributed
 *                                   optimizer is ZeRO 1. Default {@link StepOptions#DEFAULT_RECIPE}, the recipe
 *                                   the step time runs, so that memory and time describe the same training
 * @param reserveBytes               per-GPU reserve counted against memory, bytes
 * @param gpu                        the GPU model
 * @param gpus                       GPUs available (the top of the range with a range)
 * @param gpusRangeFrom              the smallest GPU count of a sweep, or null for one count
 * @param gpusPerNode                GPUs per node (TP stays inside a node)
 * @param nvlinkGbPerS               intra-node bandwidth per GPU, GB/s (default: the GPU preset's)
 * @param nvlinkLatencyUs            intra-node latency, µs
 * @param interNodeGbitPerS          inter-node bandwidth per GPU NIC, Gbit/s (default: the GPU preset's)
 * @param interNodeLatencyUs         inter-node latency, µs
 * @param seq                        sequence length, tokens (null: the preset's own context, else 4096)
 * @param globalBatchTokens          tokens per optimizer step (null: DeepSeek's batch law)
 * @param matmulEfficiency           achieved/peak FLOP/s of the matrix multiplies, (0, 1]
 * @param matmulEfficiencySource     where that efficiency comes from
 * @param dpOverlap                  share of data-parallel communication hidden behind backward, [0, 1]
 * @param pins                       dimensions of the layout search fixed by the user
 * @param noFailures                 failure-free time only (no discrete-event run)
 * @param replications               Monte-Carlo replications of the run
 * @param seed                       master seed of the replications
 * @param checkpointIntervalSeconds  a fixed checkpoint interval (null: Daly's optimum), s
 * @param storageWriteGbPerS           storage bandwidth for writing and reading checkpoints, GB/s
 * @param distribution               failure inter-arrival distribution
 * @param weibullShape               Weibull shape k (used with the Weibull distribution)
 * @param recovery                   detection, restart, spares, repair and maintenance
 * @param deadlineDays               a deadline for the wall time (null: none), days
 * @param usdPerGpuHour              price per GPU-hour (null: no cost), USD
 * @param wattsPerGpu                power per GPU (null: no energy), W
 * @param gemmPrecision              precision of the matrix multiplies, {@code bf16} or {@code fp8} (FP8
 *                                   GEMMs run at the GPU's FP8 peak, as DeepSeek-V3 trained); default bf16
 * @param a2aOverlap                 share of the mixture-of-experts all-to-all hidden behind compute,
 *                                   [0, 1]; default 0 (overlap needs a schedule such as DeepSeek's DualPipe)
 * @param expertLoadImbalance        the busiest expert's tokens over the mean, ≥ 1; default 1 (balanced)
 * @param hbm                        HBM bandwidth of the memory-bound kernels, with its source (default
 *                                   {@link HbmBandwidth#measured}, the rule {@code cluster step} uses)
 */
public record PlanSpec(Long params, Double tokens, Double computeFlops, Law law, TransformerShape shape,
        boolean flashAttention, boolean dropout, BytesPerParam bytesPerParam, Recipe recipe, double reserveBytes, GpuSpec gpu, int gpus,
        Integer gpusRangeFrom, int gpusPerNode, double nvlinkGbPerS, double nvlinkLatencyUs, double interNodeGbitPerS,
        double interNodeLatencyUs, Integer seq, Long globalBatchTokens, double matmulEfficiency,
        String matmulEfficiencySource, double dpOverlap, LayoutPins pins, boolean noFailures, int replications,
        long seed, Double checkpointIntervalSeconds, double storageWriteGbPerS, FailureDistribution distribution,
        double weibullShape, Recovery recovery, Double deadlineDays, Double usdPerGpuHour, Double wattsPerGpu,
        String gemmPrecision, double a2aOverlap, double expertLoadImbalance, HbmBandwidth hbm) {

    /** Precisions of the matrix multiplies, as {@code cluster step} names them. */
    public static final java.util.List<String> GEMM_PRECISIONS = java.util.List.of("bf16", "fp8");

    /** Default sequence length for a shape without its own context, tokens. */
    public static final int DEFAULT_SEQ = 4096;
    /** Default replications of the discrete-event run. */
    public static final int DEFAULT_REPLICATIONS = 200;
    /**
     * Default checkpoint storage bandwidth, GB/s: the 2 TB/s the Llama 3 cluster scenario assumes
     * for Meta's Tectonic (an assumption of our example, not a measured figure).
     */
    public static final double DEFAULT_STORAGE_WRITE_GB_PER_S = 2000;

    /** Validates ranges and the combinations the planner cannot honour. */
    public PlanSpec {
        if (params != null) {
            Check.inRange("params", params, 1, org.scalelab.memory.TrainingSetup.MAX_PARAMS);
        }
        if (tokens != null) {
            Check.positive("tokens", tokens);
        }
        if (computeFlops != null) {
            Check.positive("compute_flops", computeFlops);
        }
        if (computeFlops != null && tokens != null && (params != null || shape != null)) {
            throw new InvalidParameterException("compute_flops",
                    "cannot be given with both tokens and a model size (C = 6ND fixes the third); drop one of the three",
                    Check.format(computeFlops));
        }
        if (params == null && shape == null && computeFlops == null) {
            throw new InvalidParameterException("params",
                    "is required: give params, model (or a shape), or compute_flops for the law to choose", "missing");
        }
        Check.present("law", law);
        Check.present("preset", bytesPerParam);
        Check.nonNegative("reserve_gb", reserveBytes);
        Check.present("gpu", gpu);
        Check.inRange("gpus", gpus, 1, org.scalelab.cluster.collective.Network.MAX_RANKS);
        Check.inRange("gpus_per_node", gpusPerNode, 1, org.scalelab.memory.TrainingSetup.MAX_GPUS);
        if (gpusRangeFrom != null) {
            Check.inRange("gpus_range", gpusRangeFrom, 1, gpus);
        }
        Check.positive("nvlink_gb_per_s", nvlinkGbPerS);
        Check.nonNegative("nvlink_latency_us", nvlinkLatencyUs);
        Check.positive("inter_node_gbit_per_s", interNodeGbitPerS);
        Check.nonNegative("inter_node_latency_us", interNodeLatencyUs);
        if (seq != null) {
            Check.atLeastOne("seq", seq);
        }
        if (globalBatchTokens != null) {
            Check.atLeastOne("global_batch_tokens", globalBatchTokens);
        }
        Check.inHalfOpen("matmul_efficiency", matmulEfficiency, 0, 1);
        Check.inRange("dp_overlap", dpOverlap, 0, 1);
        Check.present("pins", pins);
        Check.atLeastOne("replications", replications);
        if (checkpointIntervalSeconds != null) {
            Check.positive("checkpoint_interval_seconds", checkpointIntervalSeconds);
        }
        Check.positive("storage_write_gb_per_s", storageWriteGbPerS);
        Check.present("distribution", distribution);
        Check.positive("weibull_shape", weibullShape);
        Check.present("recovery", recovery);
        if (deadlineDays != null) {
            Check.positive("deadline_days", deadlineDays);
        }
        if (usdPerGpuHour != null) {
            Check.nonNegative("usd_per_gpu_hour", usdPerGpuHour);
        }
        if (wattsPerGpu != null) {
            Check.nonNegative("watts_per_gpu", wattsPerGpu);
        }
        matmulEfficiencySource = matmulEfficiencySource == null ? "" : matmulEfficiencySource;
        Check.oneOf("gemm_precision", gemmPrecision, GEMM_PRECISIONS);
        if (gemmPrecision.equals("fp8") && !gpu.hasFp8()) {
            throw new InvalidParameterException("gemm_precision", "fp8 needs a GPU with FP8 Tensor Cores; " + gpu.key()
                    + " has none", gemmPrecision);
        }
        Check.inRange("a2a_overlap", a2aOverlap, 0, 1);
        Check.inRange("expert_load_imbalance", expertLoadImbalance, 1, MAX_EXPERT_LOAD_IMBALANCE);
        Check.present("hbm_gb_per_s", hbm);
        if (pins.ep() != null && (shape == null || !shape.isMoe())) {
            throw new InvalidParameterException("ep", "needs a mixture-of-experts model (experts to shard)", pins.ep());
        }
    }

    /** Largest load imbalance accepted: the busiest expert taking 1,000 times its even share. */
    public static final double MAX_EXPERT_LOAD_IMBALANCE = 1000;

    /**
     * The default recovery, {@link Recovery#DEFAULT} as every entry point takes it: the assumptions
     * of the Llama 3 cluster scenario (detection 120 s, restart 600 s, 64 hot-spare nodes, 72 h
     * repair) and the Llama 3 paper's planned interruptions as a per-GPU rate (47 in 54 days on
     * 16,384 GPUs, §3.3.4: one every 27.57 h at that size, rarer on fewer GPUs), half an hour each
     * (assumed).
     */
    public static Recovery defaultRecovery() {
        return Recovery.DEFAULT;
    }

    /** Bytes per parameter of the model states: the recipe's when given, else {@link #bytesPerParam}. */
    public BytesPerParam stateBytes() {
        return recipe == null ? bytesPerParam : recipe.bytesPerParam();
    }

    /**
     * Where the matmul efficiency comes from, as the plan page prints it: the given source, and with
     * FP8 GEMMs the assumption that they run at the BF16 efficiency
     * ({@link org.scalelab.cluster.step.GemmPrecision#efficiencySource}).
     */
    public String matmulEfficiencyLabel() {
        return org.scalelab.cluster.step.GemmPrecision.byName(gemmPrecision).efficiencySource(matmulEfficiencySource);
    }

    /**
     * The matmul efficiency as one clause of a sentence, three digits and where it comes from:
     * "0.869 of peak (measured BF16 MAMF, A100 SXM 271.2 of 312 TFLOP/s: stas00/ml-engineering)",
     * "0.800 of peak (given)". A published measurement is called measured, a given value given,
     * never both.
     */
    public String matmulEfficiencyClause() {
        String src = matmulEfficiencySource;
        String basis;
        if (src.isEmpty()) {
            basis = "assumed";
        } else if (src.startsWith("measured")) {
            // up to the tracker reference: the shape caveat after it is the label's, for the notes
            int semicolon = src.indexOf(';');
            basis = semicolon < 0 ? src : src.substring(0, semicolon);
            basis = basis.replace(" compute/accelerator/README.md", "");
        } else {
            basis = src;
        }
        return String.format(java.util.Locale.ROOT, "%.3f of peak (%s)", matmulEfficiency, basis);
    }

    /** The same plan on another GPU count, one count (no range). */
    public PlanSpec withGpus(int newGpus) {
        return toBuilder().gpus(newGpus).gpusRangeFrom(null).build();
    }

    /** The same plan with other recovery settings. */
    public PlanSpec withRecovery(Recovery r) {
        return toBuilder().recovery(r).build();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.params = params; b.tokens = tokens; b.computeFlops = computeFlops; b.law = law; b.shape = shape;
        b.flashAttention = flashAttention; b.dropout = dropout; b.bytesPerParam = bytesPerParam; b.recipe = recipe; b.reserveBytes = reserveBytes;
        b.gpu = gpu; b.gpus = gpus; b.gpusRangeFrom = gpusRangeFrom; b.gpusPerNode = gpusPerNode;
        b.nvlinkGbPerS = nvlinkGbPerS; b.nvlinkLatencyUs = nvlinkLatencyUs; b.interNodeGbitPerS = interNodeGbitPerS;
        b.interNodeLatencyUs = interNodeLatencyUs; b.seq = seq; b.globalBatchTokens = globalBatchTokens;
        b.matmulEfficiency = matmulEfficiency; b.matmulEfficiencySource = matmulEfficiencySource; b.dpOverlap = dpOverlap;
        b.pins = pins; b.noFailures = noFailures; b.replications = replications; b.seed = seed;
        b.checkpointIntervalSeconds = checkpointIntervalSeconds; b.storageWriteGbPerS = storageWriteGbPerS;
        b.distribution = distribution; b.weibullShape = weibullShape; b.recovery = recovery;
        b.deadlineDays = deadlineDays; b.usdPerGpuHour = usdPerGpuHour; b.wattsPerGpu = wattsPerGpu;
        b.gemmPrecision = gemmPrecision; b.a2aOverlap = a2aOverlap; b.expertLoadImbalance = expertLoadImbalance;
        b.hbmGbPerS = hbm.equals(HbmBandwidth.measured(gpu)) ? null : hbm.gbPerS(); // a given one stays given
        return b;
    }

    /** A builder with every default set; only a model size or a budget, and the GPUs, are needed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PlanSpec}; the field defaults are the planner's documented defaults. */
    public static final class Builder {
        private Long params;
        private Double tokens;
        private Double computeFlops;
        private Law law = Law.DEFAULT;
        private TransformerShape shape;
        private boolean flashAttention;
        private boolean dropout = true;
        private BytesPerParam bytesPerParam = BytesPerParam.zeroPaper(); // read only when the recipe is cleared
        private Recipe recipe = StepOptions.DEFAULT_RECIPE;
        private double reserveBytes;
        private GpuSpec gpu = GpuSpec.h100Sxm();
        private int gpus;
        private Integer gpusRangeFrom;
        private int gpusPerNode = ParallelLayout.DEFAULT_GPUS_PER_NODE;
        private Double nvlinkGbPerS; // null: the GPU preset's, as cluster step
        private double nvlinkLatencyUs = ParallelLayout.DEFAULT_NVLINK_LATENCY_US;
        private Double interNodeGbitPerS; // null: the GPU preset's NIC
        private double interNodeLatencyUs = ParallelLayout.DEFAULT_INTER_NODE_LATENCY_US;
        private Integer seq;
        private Long globalBatchTokens;
        private Double matmulEfficiency; // null: the GPU's measured MAMF, as cluster step
        private String matmulEfficiencySource;
        private double dpOverlap;
        private LayoutPins pins = LayoutPins.NONE;
        private boolean noFailures;
        private int replications = DEFAULT_REPLICATIONS;
        private long seed = Seeds.DEFAULT;
        private Double checkpointIntervalSeconds;
        private double storageWriteGbPerS = DEFAULT_STORAGE_WRITE_GB_PER_S;
        private FailureDistribution distribution = FailureDistribution.EXPONENTIAL;
        private double weibullShape = 1;
        private Recovery recovery = defaultRecovery();
        private Double deadlineDays;
        private Double usdPerGpuHour;
        private Double wattsPerGpu;
        private String gemmPrecision = StepOptions.DEFAULT_GEMM_PRECISION;
        private double a2aOverlap = StepOptions.DEFAULT_A2A_OVERLAP;
        private double expertLoadImbalance = StepOptions.DEFAULT_EXPERT_LOAD_IMBALANCE;
        private Double hbmGbPerS; // null: the GPU's measured streaming bandwidth, as cluster step

        private Builder() {}

        public Builder params(Long v) { params = v; return this; }
        public Builder tokens(Double v) { tokens = v; return this; }
        public Builder computeFlops(Double v) { computeFlops = v; return this; }
        public Builder law(Law v) { law = v; return this; }
        public Builder shape(TransformerShape v) { shape = v; return this; }
        public Builder flashAttention(boolean v) { flashAttention = v; return this; }
        public Builder dropout(boolean v) { dropout = v; return this; }
        /** A bytes-per-parameter preset for the memory check instead of the recipe (clears the recipe). */
        public Builder bytesPerParam(BytesPerParam v) { bytesPerParam = v; recipe = null; return this; }
        /** The precision recipe of the memory check (default {@link StepOptions#DEFAULT_RECIPE}). */
        public Builder recipe(Recipe v) { recipe = v; return this; }
        public Builder reserveBytes(double v) { reserveBytes = v; return this; }
        public Builder gpu(GpuSpec v) { gpu = v; return this; }
        public Builder gpus(int v) { gpus = v; return this; }
        public Builder gpusRangeFrom(Integer v) { gpusRangeFrom = v; return this; }
        public Builder gpusPerNode(int v) { gpusPerNode = v; return this; }
        public Builder nvlinkGbPerS(Double v) { nvlinkGbPerS = v; return this; }
        public Builder nvlinkLatencyUs(double v) { nvlinkLatencyUs = v; return this; }
        public Builder interNodeGbitPerS(Double v) { interNodeGbitPerS = v; return this; }
        public Builder interNodeLatencyUs(double v) { interNodeLatencyUs = v; return this; }
        public Builder seq(Integer v) { seq = v; return this; }
        public Builder globalBatchTokens(Long v) { globalBatchTokens = v; return this; }
        public Builder matmulEfficiency(Double v) { matmulEfficiency = v; return this; }
        public Builder matmulEfficiencySource(String v) { matmulEfficiencySource = v; return this; }
        public Builder dpOverlap(double v) { dpOverlap = v; return this; }
        public Builder pins(LayoutPins v) { pins = v; return this; }
        public Builder noFailures(boolean v) { noFailures = v; return this; }
        public Builder replications(int v) { replications = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder checkpointIntervalSeconds(Double v) { checkpointIntervalSeconds = v; return this; }
        public Builder storageWriteGbPerS(double v) { storageWriteGbPerS = v; return this; }
        public Builder distribution(FailureDistribution v) { distribution = v; return this; }
        public Builder weibullShape(double v) { weibullShape = v; return this; }
        public Builder recovery(Recovery v) { recovery = v; return this; }
        public Builder deadlineDays(Double v) { deadlineDays = v; return this; }
        public Builder usdPerGpuHour(Double v) { usdPerGpuHour = v; return this; }
        public Builder wattsPerGpu(Double v) { wattsPerGpu = v; return this; }
        public Builder gemmPrecision(String v) { gemmPrecision = v; return this; }
        public Builder a2aOverlap(double v) { a2aOverlap = v; return this; }
        public Builder expertLoadImbalance(double v) { expertLoadImbalance = v; return this; }
        /** HBM bandwidth of the memory-bound kernels, GB/s; null for the GPU's measured one ({@link HbmBandwidth#of}). */
        public Builder hbmGbPerS(Double v) { hbmGbPerS = v; return this; }

        /**
         * The validated spec.
         *
         * @throws InvalidParameterException naming the offending field (snake_case key)
         */
        public PlanSpec build() {
            GemmModel.Ceiling ceiling = GemmModel.ceiling(gpu, matmulEfficiency, matmulEfficiencySource);
            return new PlanSpec(params, tokens, computeFlops, law, shape, flashAttention, dropout, bytesPerParam, recipe, reserveBytes,
                    gpu, gpus, gpusRangeFrom, gpusPerNode, nvlinkGbPerS != null ? nvlinkGbPerS : gpu.nvlinkGbPerS(),
                    nvlinkLatencyUs, interNodeGbitPerS != null ? interNodeGbitPerS : gpu.interNodeGbitPerS(),
                    interNodeLatencyUs, seq, globalBatchTokens, ceiling.value(), ceiling.source(), dpOverlap,
                    pins, noFailures, replications, seed, checkpointIntervalSeconds, storageWriteGbPerS, distribution,
                    weibullShape, recovery, deadlineDays, usdPerGpuHour, wattsPerGpu, gemmPrecision, a2aOverlap,
                    expertLoadImbalance, gpu == null ? null : HbmBandwidth.of(gpu, hbmGbPerS, "given"));
        }
    }
}
