package org.scalelab.reports.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.Locale;
import org.scalelab.cluster.step.GemmModel;
import org.scalelab.cluster.step.HbmBandwidth;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.cluster.step.StepBreakdown;
import org.scalelab.cluster.step.StepModel;
import org.scalelab.cluster.step.StepOp;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.cluster.step.StepResult;
import org.scalelab.cluster.step.StepSpec;
import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.ShapeSpec;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.reports.options.MoeStepOptions;
import org.scalelab.reports.options.ShapeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab cluster step}: the modelled training step, its breakdown and MFU. */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = {"Time of one training step under DP x TP x PP x EP, op by op (matmuls at their shapes' efficiency,"
                + " attention, memory-bound kernels as bytes over the HBM bandwidth a streaming kernel measurably reaches (not the"
                + " data sheet; --hbm-gb-per-s), recomputation, optimizer, TP/PP/DP communication, pipeline"
                + " bubble), with the MFU and HFU it implies (outputs, never inputs).",
                "Mixture-of-experts models (mixtral-8x7b, deepseek-v3, qwen1.5-moe-a2.7b): the router, the routed experts at"
                + " their own shapes on the busiest GPU of the expert-parallel group (--expert-load-imbalance), shared"
                + " experts, and the token dispatch and combine as two all-to-alls forward and two backward per MoE block"
                + " (all_to_all_seconds; NVLink inside a node, the NICs across nodes). MFU counts active parameters.",
                "Two FLOP conventions: MFU counts model FLOPs, 6(N - V*h) + 12*L*h*s per token (PaLM Appendix B; the"
                + " embedding lookup left out as in pytorch/torchtitan#280 \"exclude embedding in MFU computation\" and"
                + " Megatron-LM's num_floating_point_operations; attention not halved for causal masking, so it compares with"
                + " published MFUs, although NVIDIA/Megatron-LM#831 \"[BUG] Modify FLOPs in MFU calculation for casual mask"
                + " when using FlashAttention.\" asks to halve it). HFU adds the recomputed"
                + " forward (Korthikanti et al. 2022). The time model instead uses the FLOPs the kernels execute (flash"
                + " attention skips the masked half under --causal).",
                "Give --measured-step-seconds to get the MFU of a measured step (measured_mfu) and the model's relative error.",
                "The memory model is asked about the same recipe, layout and options (memory_fits, memory_needed_bytes, as the"
                + " memory command reports them); a layout that does not fit gets a note: its step time and MFU describe a step"
                + " that cannot run."},
        footer = {"", "Example:", "  scalelab cluster step --model gpt3-175b --seq 2048 --micro-batch 1 --grad-accum 32"
                + " --gpu a100-80gb --gpus 12288 --tp 8 --pp 8 --format json"})
public final class StepCommand implements Callable<Integer> {
    @Mixin
    ShapeOptions model;

    @Option(names = "--seq", required = true, paramLabel = "S", description = "Sequence length, tokens. Required.")
    int seq;

    @Option(names = "--micro-batch", required = true, paramLabel = "B", description = "Sequences per micro-batch. Required.")
    int microBatch;

    @Option(names = "--grad-accum", defaultValue = "1", paramLabel = "K",
            description = "Micro-batches per step per pipeline (gradient accumulation). Default: ${DEFAULT-VALUE}.")
    int gradAccum;

    @Option(names = "--gpu", defaultValue = "h100-sxm", paramLabel = "NAME",
            description = "GPU preset (a100-40gb, a100-80gb, h100-sxm, h100-pcie, h800, h200). Default: ${DEFAULT-VALUE}.")
    String gpu;

    @Option(names = {"--peak-tflop-per-s", "--peak-tflops"}, paramLabel = "F",
            description = "Custom GPU: dense BF16 peak in TFLOP/s (10^12 FLOP/s), replacing the preset's (file key"
                    + " cluster.peak_tflop_per_s). --peak-tflops is the older name, kept as an alias. Default: the --gpu preset's.")
    Double peakTflopPerS;

    @Option(names = "--hbm-gb-per-s", paramLabel = "B",
            description = "HBM bandwidth the memory-bound kernels reach, GB/s (10^9 B/s): norms, activations, residual adds,"
                    + " casts, the loss, the optimizer update and the memory bound of skinny matmuls are timed at it"
                    + " (file key cluster.hbm_gb_per_s). " + HBM_DEFAULT)
    Double hbmGbPerS;

    /** The help of {@code --hbm-gb-per-s}'s default, shared by every command that times a step. */
    public static final String HBM_DEFAULT = "Default: the GPU's data-sheet bandwidth times a measured streaming fraction,"
            + " not the data sheet: Ampere 0.838 (BabelStream Copy 1,709.4 of 2,039 GB/s on an A100-SXM4-80GB,"
            + " ukri-bench/benchmark-BabelStream), Hopper 0.896 (FlashMLA decoding up to 3,000 of 3,350 GB/s on an H800 SXM5,"
            + " deepseek-ai/FlashMLA): a100-80gb 1,709, a100-40gb 1,304, h100-sxm and h800 3,000, h100-pcie 1,791,"
            + " h200 4,299 GB/s.";

    @Option(names = "--gpus", required = true, paramLabel = "G", description = "GPUs in the job. Required.")
    int gpus;

    @Option(names = "--dp", paramLabel = "D", description = "Data-parallel degree, GPUs (default: gpus / (tp x pp x ep));"
            + " tp x pp x ep x dp must equal --gpus. With --ep, the replicas of each expert shard; the dense weights are"
            + " data-parallel over ep x dp.")
    Integer dp;

    @Option(names = "--ep", defaultValue = "1", paramLabel = "E",
            description = "Expert-parallel degree: the routed experts of each MoE block spread over ep GPUs (E/ep each); must"
                    + " divide the experts E and gpus / (tp x pp); 1 for dense models. GPUs = tp x pp x ep x dp"
                    + " (GShard, Lepikhin et al. 2020). Default: ${DEFAULT-VALUE}.")
    int ep;

    @Mixin
    MoeStepOptions moe;

    @Option(names = "--tp", defaultValue = "1", paramLabel = "T", description = "Tensor-parallel degree t (must divide heads and kv heads: whole"
            + " key/value heads per rank, as Megatron-LM). Default: ${DEFAULT-VALUE}.")
    int tp;

    @Option(names = "--pp", defaultValue = "1", paramLabel = "P", description = "Pipeline-parallel degree. Default: ${DEFAULT-VALUE}.")
    int pp;

    @Option(names = "--zero", defaultValue = "0", paramLabel = "Z", description = "ZeRO stage 0-3. Default: ${DEFAULT-VALUE}.")
    int zero;

    @Option(names = "--recompute", defaultValue = "none", paramLabel = "none|selective|full",
            description = "Activation recomputation: selective reruns the attention core (Korthikanti et al. 2022); full"
                    + " reruns each block's forward in the backward: the whole block under the megatron-* recipes (Megatron-LM's"
                    + " checkpoint), while under torch-amp-bf16 and bf16-pure (torch.utils.checkpoint, use_reentrant=False, which"
                    + " stops once the tensors the backward saved are rebuilt; PyTorch documentation) a dense block stops after"
                    + " the MLP activation when --no-dropout is given (dropout is on by default). Default: ${DEFAULT-VALUE}.")
    String recompute;

    @Option(names = "--matmul-efficiency", paramLabel = "E",
            description = "Achieved / peak dense BF16 FLOP/s of a large, well-shaped matmul, in (0, 1]; smaller shapes lose"
                    + " tile and wave quantisation (NVIDIA Matrix Multiplication Background guide). Default: the GPU's measured"
                    + " MAMF (stas00/ml-engineering: A100 SXM 271.2/312 = 0.869, H100 SXM 794.5/989 = 0.803; H100 PCIe and"
                    + " H200 take the H100 SXM figure).")
    Double matmulEfficiency;

    @Option(names = "--matmul-efficiency-from", paramLabel = "FILE",
            description = "Take the matmul efficiency from a 'scalelab kernels run --format json' result: best GFLOP/s of"
                    + " the rows measured on a GPU over the GPU's FP32 peak (instead of --matmul-efficiency and"
                    + " --matmul-efficiency-source; the result's machine and date are printed as its source). Default: none.")
    java.nio.file.Path matmulEfficiencyFrom;

    @Option(names = "--matmul-kernel", paramLabel = "NAME", description = "With --matmul-efficiency-from: only rows of this"
            + " kernel (a kernel name of that result). Default: the fastest row of any kernel.")
    String matmulKernel;

    @Option(names = "--matmul-efficiency-source", paramLabel = "TEXT",
            description = "Where --matmul-efficiency comes from (printed with the result); only together with --matmul-efficiency, and"
                    + " never with --matmul-efficiency-from (the file is its own source). Default: none.")
    String matmulEfficiencySource;

    @Option(names = "--dp-overlap", defaultValue = "0", paramLabel = "F",
            description = "Fraction of data-parallel communication hidden behind backward, in [0, 1]. Default: ${DEFAULT-VALUE}.")
    double dpOverlap;

    @Option(names = "--dropout", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Dropout kernels after attention and the MLP and on the attention probabilities (Korthikanti et"
                    + " al. 2022, section 4.1); --no-dropout leaves them out. Default: on.")
    boolean dropout;

    @Option(names = "--causal", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Causal masking: flash attention runs half the score FLOPs, skipping the blocks above the"
                    + " diagonal (Dao 2023, FlashAttention-2, Section 3.1); --no-causal for encoders. Default: on (decoder models).")
    boolean causal;

    @Option(names = "--sequence-parallel",
            description = "Norms, dropout and residual adds split over the TP ranks (Korthikanti et al. 2022, section 4.2.2)."
                    + " Default: off.")
    boolean sequenceParallel;

    @Option(names = "--attention-efficiency", paramLabel = "E",
            description = "Achieved / peak FLOP/s of the flash-attention kernel, in (0, 1]. Default: 0.50 on A100 (FlashAttention-2"
                    + " reaches 50-73 %%, Dao 2023), 0.35 on Hopper (35 %%, Shah et al. 2024, FlashAttention-3).")
    Double attentionEfficiency;

    @Option(names = "--tp-overlap", defaultValue = "0", paramLabel = "F",
            description = "Fraction of tensor-parallel communication hidden behind the matmuls it feeds (MegaScale, NSDI 2024,"
                    + " section 3.2), in [0, 1]. Default: ${DEFAULT-VALUE}.")
    double tpOverlap;

    @Option(names = "--gradient-accumulation-fusion", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "The weight-gradient matmul accumulates into the fp32 main gradient (Megatron-LM's default);"
                    + " --no-gradient-accumulation-fusion adds each micro-batch's gradient in a separate kernel"
                    + " (10 bytes per parameter). Default: on.")
    boolean gradientAccumulationFusion;

    @Option(names = "--virtual-stages", defaultValue = "1", paramLabel = "V",
            description = "Model chunks per pipeline stage (interleaved 1F1B, Narayanan et al. 2021 section 2.2.2: bubble"
                    + " (p-1)/(v m), pipeline sends v times as many). Default: ${DEFAULT-VALUE}.")
    int virtualStages;

    @Option(names = "--gpus-per-node", defaultValue = "" + ParallelLayout.DEFAULT_GPUS_PER_NODE, paramLabel = "N", description = GPUS_PER_NODE_HELP)
    int gpusPerNode;

    /** The help of {@code --gpus-per-node}, shared by every command that lays out a job (step, plan). */
    public static final String GPUS_PER_NODE_HELP = "GPUs per node. Default: " + ParallelLayout.DEFAULT_GPUS_PER_NODE
            + " (assumed: an HGX/DGX node of 8 GPUs).";
    /** The help of {@code --nvlink-latency-us}, shared by step and plan (collective's {@code --latency-us} names it). */
    public static final String NVLINK_LATENCY_HELP = "NVLink latency per message, microseconds. Default: "
            + ParallelLayout.DEFAULT_NVLINK_LATENCY_US + " (assumed).";
    /** The help of {@code --inter-node-latency-us}, shared by step, plan and collective. */
    public static final String INTER_NODE_LATENCY_HELP = "Inter-node latency per message, microseconds. Default: "
            + ParallelLayout.DEFAULT_INTER_NODE_LATENCY_US + " (assumed).";

    /** The help of {@code --nvlink-gb-per-s}'s default, shared by every command that lays out a job. */
    public static final String NVLINK_DEFAULT = "Default: the --gpu preset's, per direction (data sheets: A100 300"
            + " (600 GB/s bidirectional), H100 SXM and H200 450 (900), H800 200 (400); H100 PCIe 64, PCIe Gen5 x16,"
            + " since without NVSwitch its NVLink bridge joins only a pair of GPUs). The line rate: the step's"
            + " collectives and pipeline sends on NVLink run at 370/450 of it, NCCL's rate after its protocol overhead"
            + " (NVIDIA/nccl-tests#212 \"H100 all reduce performance is poor\").";
    /** The help of {@code --inter-node-gbit-per-s}'s default, shared by every command that lays out a job. */
    public static final String NIC_DEFAULT = "Default: the --gpu preset's DGX NIC (DGX A100: 8 x 200 Gbit/s HDR, so 200;"
            + " DGX H100/H200: 8 x 400 Gbit/s NDR, so 400; H800 400 (DeepSeek-V3: 50 GB/s InfiniBand per GPU);"
            + " H100 PCIe 400, assumed).";

    @Option(names = "--nvlink-gb-per-s", paramLabel = "B",
            description = "Intra-node (NVLink) bandwidth per GPU, GB/s. " + NVLINK_DEFAULT)
    Double nvlinkGbPerS;

    @Option(names = "--nvlink-latency-us", defaultValue = "" + ParallelLayout.DEFAULT_NVLINK_LATENCY_US, paramLabel = "A",
            description = NVLINK_LATENCY_HELP)
    double nvlinkLatencyUs;

    @Option(names = "--inter-node-gbit-per-s", paramLabel = "R",
            description = "Inter-node line rate per GPU NIC, Gbit/s. " + NIC_DEFAULT)
    Double interNodeGbitPerS;

    @Option(names = "--inter-node-latency-us", defaultValue = "" + ParallelLayout.DEFAULT_INTER_NODE_LATENCY_US, paramLabel = "A2",
            description = INTER_NODE_LATENCY_HELP)
    double interNodeLatencyUs;

    @Option(names = "--measured-step-seconds", paramLabel = "X",
            description = "A measured step time, seconds (> 0): the output then carries its MFU (measured_mfu, the"
                    + " model-FLOPs convention above, over measured seconds x GPUs x BF16 peak) and the model's relative"
                    + " error. Default: none.")
    Double measuredStepSeconds;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write this step's page into DIR: the page the run command makes of the same kind: cluster"
                    + " file (model, training and cluster without days; echoed there as parameters.yaml), with the step"
                    + " drawn op by op (chart and its data), the op table, result.json and index.html; the folder is"
                    + " replaced whole. Default: none (print only).")
    java.nio.file.Path out;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /**
     * The result printed by the command.
     *
     * @param modelFlopsPerToken 6(N - V h) + 12 L h s, FLOPs
     * @param measuredMfu        model FLOPs per step / (measured seconds x GPUs x peak), or null
     * @param relativeError      (model − measured) / measured, or null without a measurement
     * @param allToAllSeconds    the expert-parallel all-to-all per step not hidden behind compute
     *                           (the breakdown's all_to_all), seconds
     * @param ops                the step op by op on the busiest stage of one GPU
     * @param params             all parameters N
     * @param activeParams       parameters a token passes through (N for a dense model), which MFU counts
     * @param hbmGbPerS          HBM bandwidth the memory-bound kernels were timed at, GB/s
     * @param hbmGbPerSSource    where it comes from: a measurement, or "given"
     * @param memoryFits         whether the memory model ({@link MemorySolver#fits}) fits this step's setup
     *                           ({@link StepSpec#memorySetup}: same recipe, layout and options) in the GPU
     * @param memoryNeededBytes  per-GPU bytes that setup needs ({@link MemorySolver#neededBytes})
     * @param gpuMemoryBytes     the GPU's memory as the driver reports it, bytes
     * @param note               why the step time describes a step that cannot run, when it does not fit; else absent
     */
    public record Result(double stepSeconds, double allToAllSeconds, double tokensPerSecond, double modelFlopsPerToken,
            double mfu, double hfu, Double measuredStepSeconds, Double measuredMfu, Double relativeError,
            StepBreakdown breakdown, List<StepOp> ops, long params, long activeParams, double tokensPerStep, int dp, int tp,
            int pp, int ep, String gpu, String recipe, boolean flashAttention, boolean dropout, boolean causal,
            boolean sequenceParallel, double matmulEfficiency, String matmulEfficiencySource, double hbmGbPerS,
            @JsonProperty("hbm_gb_per_s_source") String hbmGbPerSSource, double attentionEfficiency,
            String gemmPrecision, double expertLoadImbalance, double a2aOverlap, boolean memoryFits, long memoryNeededBytes,
            long gpuMemoryBytes, @JsonInclude(JsonInclude.Include.NON_NULL) String note) { }

    /** Where {@code memory_fits} and {@code memory_needed_bytes} come from, for tables and pages. */
    static final String MEMORY_SOURCE = "computed: memory model, the step's recipe and layout (ZeRO model states,"
            + " Rajbhandari et al. 2019, Section 5; activations, Korthikanti et al. 2022; step peak)";

    @Override
    public Integer call() throws java.io.IOException {
        // Named as the options are, before the network record checks them under its own names.
        double maxGb = org.scalelab.cluster.collective.Network.MAX_BANDWIDTH_GB_PER_S;
        double maxUs = org.scalelab.cluster.collective.Network.MAX_LATENCY_US;
        GpuSpec preset = GpuSpec.byName(gpu);
        double nvlink = nvlinkGbPerS != null ? nvlinkGbPerS : preset.nvlinkGbPerS();
        double nic = interNodeGbitPerS != null ? interNodeGbitPerS : preset.interNodeGbitPerS();
        Check.inHalfOpen("nvlink_gb_per_s", nvlink, 0, maxGb);
        Check.inRange("nvlink_latency_us", nvlinkLatencyUs, 0, maxUs);
        Check.inHalfOpen("inter_node_gbit_per_s", nic, 0, 8 * maxGb);
        Check.inRange("inter_node_latency_us", interNodeLatencyUs, 0, maxUs);
        TransformerShape shape = shape(model.shape());
        ParallelLayout layout = ParallelLayout.of(gpus, dp, tp, pp, ep, gpusPerNode, nvlink, nvlinkLatencyUs,
                nic, interNodeLatencyUs);
        GpuSpec g = customGpu(preset, peakTflopPerS);
        HbmBandwidth hbm = HbmBandwidth.of(g, hbmGbPerS, "given");
        GemmModel.Ceiling chosen = KernelsEfficiency.choose(g, matmulEfficiency, matmulEfficiencySource,
                matmulEfficiencyFrom, matmulKernel, "given");
        double efficiency = chosen.value();
        String source = chosen.source();
        StepOptions options = StepOptions.of(g, model.recipe(), model.flashAttention(), dropout, causal, sequenceParallel,
                attentionEfficiency, tpOverlap, gradientAccumulationFusion)
                .withMoe(moe.gemmPrecision(), moe.expertLoadImbalance(), moe.a2aOverlap());
        StepSpec s = new StepSpec(shape, model.params() != null ? model.params() : shape.paramCount(), seq, microBatch, gradAccum,
                g, efficiency, source, layout, ZeroStage.of(zero), Recompute.byName(recompute), dpOverlap, virtualStages,
                options, hbm);
        StepResult r = StepModel.compute(s);
        if (measuredStepSeconds != null) {
            Check.positive("measured_step_seconds", measuredStepSeconds);
        }
        // After every check, so that a rejection stays the one line on stderr.
        MoeStepOptions.warnWithoutEffect(spec.commandLine().getErr(), options.withoutEffectOn(shape), shape.key());
        Provenance provenance = Provenance.of(spec).unit("breakdown", "_seconds");
        provenance.put("memory_fits", MEMORY_SOURCE);
        provenance.put("memory_needed_bytes", MEMORY_SOURCE);
        provenance.put("gpu_memory_bytes", Provenance.preset(g.key() + " data sheet, as the driver reports it"));
        provenance.defaulted("recipe", options.recipe().key());
        if (!provenance.given("attention_efficiency")) {
            provenance.put("attention_efficiency", Provenance.assumed(ATTENTION_DEFAULT));
        }
        if (out != null) {
            // The page runs the same options as a file (its matmul efficiency then comes from "parameter file").
            java.nio.file.Path dir = org.scalelab.report.cli.OutDirOptions.of(out).outOr("cluster-step");
            org.scalelab.report.ReportWriter.writeOptions(new ClusterSection(), yaml(), dir,
                    org.scalelab.report.cli.ProgressBars.get(), org.scalelab.reports.Version.current());
            spec.commandLine().getErr().println("scalelab: report: " + dir.resolve("index.html").toAbsolutePath());
            spec.commandLine().getErr().flush();
        }
        Output.print(spec.commandLine().getOut(), output.format, result(s, r, measuredStepSeconds), provenance);
        return 0;
    }

    /**
     * The options as a {@code kind: cluster} step file: the {@code model}, {@code training} and
     * {@code cluster} blocks, snake_case, without {@code days} (validated when read back).
     */
    String yaml() throws java.io.IOException {
        ShapeSpec k = model.shape();
        org.scalelab.memory.MoeSpec m = k.moe();
        var blocks = new java.util.LinkedHashMap<String, Object>();
        blocks.put("model", new org.scalelab.cluster.params.Model(k.model(), k.layers(), k.hidden(), k.heads(), k.vocab(),
                model.params(), k.kvHeads(), k.ffnHidden(), k.ffnMultiplier(), k.gatedMlp(), k.untiedEmbeddings(),
                m.experts(), m.expertsPerToken(), m.sharedExperts(), m.expertFfnHidden(), m.moeLayerFreq(),
                m.firstDenseLayers(), m.capacityFactor()));
        blocks.put("training", new org.scalelab.cluster.params.Training(seq, microBatch, gradAccum, zero, recompute, dpOverlap,
                matmulEfficiency, matmulEfficiencySource, virtualStages, model.recipe(), model.flashAttentionGiven(), dropout,
                causal, sequenceParallel, attentionEfficiency, tpOverlap, gradientAccumulationFusion, moe.gemmPrecision(),
                moe.expertLoadImbalance(), moe.a2aOverlap(),
                matmulEfficiencyFrom == null ? null : matmulEfficiencyFrom.toAbsolutePath().toString(), matmulKernel,
                measuredStepSeconds));
        // A job smaller than a node fills part of one: the file states the GPUs it has.
        blocks.put("cluster", new org.scalelab.cluster.params.Cluster(gpu, gpus, Math.min(gpusPerNode, gpus), tp, pp, nvlinkGbPerS,
                nvlinkLatencyUs, interNodeGbitPerS, interNodeLatencyUs, peakTflopPerS, hbmGbPerS, null, null, ep, dp, null));
        return org.scalelab.report.params.OptionsFile.yaml("Written by scalelab cluster step from its options; `scalelab run`"
                + " on this file gives the same page.", "cluster", k.model() != null ? k.model() : "custom shape", null, null, blocks);
    }

    /** Where the default attention efficiency comes from. */
    static final String ATTENTION_DEFAULT =
            "default: 0.50 on A100 (FlashAttention-2, Dao 2023), 0.35 on Hopper (FlashAttention-3, Shah et al. 2024)";

    /**
     * What {@code cluster step} prints for a step: the model's answer for {@code s}, and with a measured
     * step time (seconds, checked &gt; 0 by the caller; null for none) its MFU and the model's relative error.
     */
    static Result result(StepSpec s, StepResult r, Double measuredStepSeconds) {
        Double error = null;
        Double measuredMfu = null;
        if (measuredStepSeconds != null) {
            error = (r.stepSeconds() - measuredStepSeconds) / measuredStepSeconds;
            measuredMfu = StepModel.measuredMfu(s, measuredStepSeconds);
        }
        TransformerShape shape = s.shape();
        StepOptions options = s.options();
        ParallelLayout layout = s.layout();
        long active = s.paramCount() - (shape.paramCount() - shape.activeParamCount());
        // the memory model asked of the same setup, so a step time for a layout that cannot run says so
        TrainingSetup memory = s.memorySetup();
        long gpuBytes = s.gpu().memoryBytes();
        double needed = MemorySolver.neededBytes(memory);
        boolean fits = needed <= gpuBytes; // MemorySolver.fits's test, without estimating twice
        String note = fits ? null : String.format(Locale.ROOT, "this layout does not fit in memory: the memory model needs"
                + " %.2f GB per GPU of the %s's %.2f GB (same recipe, layout and options); the step time and MFU are those of"
                + " a step that cannot run (use more GPUs, a higher ZeRO stage, recomputation or a smaller micro-batch)",
                needed / 1e9, s.gpu().key(), gpuBytes / 1e9);
        return new Result(r.stepSeconds(), r.breakdown().allToAll(), r.tokensPerSecond(), r.modelFlopsPerToken(), r.mfu(),
                r.hfu(), measuredStepSeconds, measuredMfu, error, r.breakdown(), r.ops(), s.paramCount(), active,
                r.tokensPerStep(), layout.dp(), layout.tp(), layout.pp(), layout.ep(), s.gpu().key(), options.recipe().key(),
                options.flashAttention(), options.dropout(), options.causal(), options.sequenceParallel(),
                s.matmulEfficiency(), s.matmulEfficiencyLabel(), s.hbm().gbPerS(), s.hbm().source(),
                options.attentionEfficiency(), options.gemmPrecision().key(),
                options.expertLoadImbalance(), options.a2aOverlap(), fits, Math.round(needed), gpuBytes, note);
    }

    /**
     * The preset with its dense BF16 peak replaced where given (a custom GPU). The HBM bandwidth
     * given by {@code --hbm-gb-per-s} is not a custom GPU: it replaces the achievable bandwidth the
     * step runs at ({@link HbmBandwidth#of}), and the data sheet stays the preset's.
     */
    static GpuSpec customGpu(GpuSpec preset, Double peakTflopPerS) {
        if (peakTflopPerS == null) {
            return preset;
        }
        double peak = Check.inHalfOpen("peak_tflop_per_s", peakTflopPerS, 0, 1e6) * 1e12;
        return preset.withRates(preset.key() + "-custom", peak, preset.hbmBandwidthBytesPerSecond());
    }

    /** The shape from a preset name or from the custom-shape options; one is required here. */
    static TransformerShape shape(ShapeSpec keys) {
        if (!keys.given()) {
            throw new InvalidParameterException("give --model NAME or all of --layers, --hidden and --heads");
        }
        return keys.resolve();
    }
}
