package org.scalelab.reports.plan;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalelab.cluster.sim.Recovery;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.Seeds;
import org.scalelab.memory.ShapeSpec;
import org.scalelab.memory.TransformerShape;
import org.scalelab.planner.params.PlanParameters;
import org.scalelab.report.SectionReport;
import org.scalelab.report.cli.OutDirOptions;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.params.OptionsFile;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.Version;
import org.scalelab.reports.options.MoeStepOptions;
import org.scalelab.reports.options.ShapeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scalelab plan}: from a compute budget (or N and D) and a cluster to a layout, a step time,
 * a failure-aware wall time and its cost. The options are the keys of a {@code kind: plan} file in
 * kebab-case: the command writes them as a {@code plan.yaml} file and runs that file, so a file and
 * the command line give the same answer; the page's folder keeps it as {@code parameters.yaml}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One answer from a compute budget to a failure-aware training plan: N and D from a scaling law,"
                + " the fastest layout that fits (memory model, then step model), and the run with failures and"
                + " checkpoints (discrete-event simulation). Writes the plan page to --out (default out/plan).",
                "Without --model or a custom shape, the shape is a preset within 5 %% of N, else a Llama-3-proportioned one."},
        footer = {"", "Examples:",
            "  scalelab plan --params 175e9 --tokens 300e9 --gpus 12288 --gpu a100-80gb --seq 2048",
            "  scalelab plan --params 405e9 --tokens 15.6e12 --gpus 16384 --gpu h100-sxm --seq 8192 --format json",
            "  scalelab plan --compute-flops 3.8e25 --gpus 16384 --gpu h100-sxm",
            "  scalelab plan --model deepseek-v3 --tokens 14.8e12 --gpus 2048 --gpu h800 --gemm-precision fp8 --a2a-overlap 0.95",
            "  scalelab plan --params 70e9 --gpus-range 512:8192 --deadline-days 30 --usd-per-gpu-hour 2"})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    ShapeOptions model;

    @Option(names = "--tokens", paramLabel = "D", description = "Training tokens D (default: C/6N, or the law's for N).")
    Double tokens;
    @Option(names = "--compute-flops", paramLabel = "C", description = "Training FLOPs C; alone, the law chooses N and D. Default: 6ND.")
    Double computeFlops;
    @Option(names = "--law", paramLabel = "LAW", completionCandidates = org.scalelab.reports.scaling.LawNames.class,
            description = "Scaling law that chooses N and D: ${COMPLETION-CANDIDATES}. Default: epoch.")
    String law;
    @Option(names = "--preset", paramLabel = "NAME", description = "Bytes per parameter of each model state for the memory"
            + " check, instead of --recipe (not both): zero-paper, megatron, fp32-adam, bf16-adam, sgd-momentum, adam-8bit; the"
            + " step time still runs megatron-bf16's kernels. Default: none: memory is checked with the recipe the step time"
            + " runs, megatron-bf16 (bf16 parameters, fp32 main gradients reduced in fp32, fp32 master copy and Adam states,"
            + " 18 B/param: Megatron-LM megatron/training/theoretical_memory_usage.py; with --bf16, Megatron-LM arguments.py"
            + " accumulates and all-reduces gradients in fp32).")
    String preset;
    @Option(names = "--reserve-gb", paramLabel = "G", description = "Per-GPU reserve counted against memory, GB. Default: 0.")
    Double reserveGb;
    @Option(names = "--gpu", paramLabel = "NAME", description = "GPU preset: a100-40gb, a100-80gb, h100-sxm, h100-pcie, h800, h200. Default: h100-sxm.")
    String gpu;
    @Option(names = "--gpus", paramLabel = "G", description = "GPUs available. Required, unless --gpus-range is given.")
    Integer gpus;
    @Option(names = "--gpus-range", paramLabel = "A:B", description = "Try A, 2A, 4A, ... B GPUs; the answer is the fastest, or the cheapest that meets --deadline-days. Default: none (one count, --gpus).")
    String gpusRange;
    @Option(names = "--gpus-per-node", paramLabel = "N", description = org.scalelab.reports.cluster.StepCommand.GPUS_PER_NODE_HELP)
    Integer gpusPerNode;
    @Option(names = "--nvlink-gb-per-s", paramLabel = "B", description = "Intra-node bandwidth per GPU, GB/s. "
            + org.scalelab.reports.cluster.StepCommand.NVLINK_DEFAULT)
    Double nvlinkGbPerS;
    @Option(names = "--nvlink-latency-us", paramLabel = "A", description = org.scalelab.reports.cluster.StepCommand.NVLINK_LATENCY_HELP)
    Double nvlinkLatencyUs;
    @Option(names = "--inter-node-gbit-per-s", paramLabel = "R", description = "Inter-node bandwidth per GPU NIC, Gbit/s. "
            + org.scalelab.reports.cluster.StepCommand.NIC_DEFAULT)
    Double interNodeGbitPerS;
    @Option(names = "--inter-node-latency-us", paramLabel = "A2", description = org.scalelab.reports.cluster.StepCommand.INTER_NODE_LATENCY_HELP)
    Double interNodeLatencyUs;
    @Option(names = "--seq", paramLabel = "S", description = "Sequence length, tokens. Default: the preset's own context, else 4096.")
    Integer seq;
    @Option(names = "--global-batch-tokens", paramLabel = "B", description = "Target tokens per step, at least one sequence (--seq); the batch used is rounded to whole"
            + " sequences per data-parallel replica. Default: DeepSeek LLM's law B = 0.2920 C^0.3271.")
    Long globalBatchTokens;
    @Option(names = "--matmul-efficiency", paramLabel = "E", description = "Achieved / peak dense BF16 FLOP/s of a large, well-shaped matmul, in (0, 1]. Default: the GPU's"
                    + " measured MAMF, as cluster step (stas00/ml-engineering: A100 SXM 271.2/312 = 0.869, H100 SXM"
                    + " 794.5/989 = 0.803; H100 PCIe, H200 and H800 take the H100 SXM figure).")
    Double matmulEfficiency;
    @Option(names = "--hbm-gb-per-s", paramLabel = "B",
            description = "HBM bandwidth the memory-bound kernels reach, GB/s (10^9 B/s): norms, activations, residual adds,"
                    + " casts, the loss, the optimizer update and the memory bound of skinny matmuls are timed at it"
                    + " (file key hbm_gb_per_s, as cluster step). " + org.scalelab.reports.cluster.StepCommand.HBM_DEFAULT)
    Double hbmGbPerS;
    @Option(names = "--dp-overlap", paramLabel = "F", description = "Share of DP communication hidden behind backward. Default: 0.")
    Double dpOverlap;
    @Option(names = "--tp", paramLabel = "T", description = "Pin tensor parallelism. Default: searched.")
    Integer tp;
    @Option(names = "--pp", paramLabel = "P", description = "Pin pipeline parallelism. Default: searched.")
    Integer pp;
    @Option(names = "--zero", paramLabel = "Z", description = "Pin the ZeRO stage. Default: searched.")
    Integer zero;
    @Option(names = "--micro-batch", paramLabel = "B", description = "Pin the micro-batch, sequences. Default: searched.")
    Integer microBatch;
    @Option(names = "--dropout", negatable = true,
            description = "Dropout kernels after attention and the MLP and on the attention probabilities (Korthikanti et"
                    + " al. 2022, section 4.1); --no-dropout leaves them out, as Llama-style models train. File key: dropout."
                    + " Default: on.")
    Boolean dropout;
    @Option(names = "--recompute", paramLabel = "none|selective|full", description = "Pin recomputation (what each means: cluster step --help). Default: searched.")
    String recompute;
    @Option(names = "--virtual-stages", paramLabel = "V", description = "Pin interleaved chunks per pipeline stage. Default: searched.")
    Integer virtualStages;
    @Option(names = "--ep", paramLabel = "E", description = "Pin expert parallelism (mixture-of-experts models; must divide the experts). Default: searched.")
    Integer ep;
    @Mixin
    MoeStepOptions moe;
    @Option(names = "--no-failures", description = "Failure-free time only (no discrete-event run).")
    Boolean noFailures;
    @Option(names = "--replications", paramLabel = "N", description = "Monte-Carlo replications. Default: 200.")
    Integer replications;
    @Option(names = "--seed", converter = org.scalelab.report.cli.NumberConverters.Exact.class, paramLabel = "S", description = "Master seed. Default: " + Seeds.DEFAULT + ".")
    Long seed;
    @Option(names = "--checkpoint-interval-seconds", paramLabel = "T", description = "Fixed checkpoint interval instead of Daly's, s. Default: Daly 2006, Eq. 37.")
    Double checkpointIntervalSeconds;
    @Option(names = {"--storage-write-gb-per-s", "--checkpoint-gb-per-s"}, paramLabel = "B",
            description = "Checkpoint storage bandwidth, GB/s, for writing and for reading back after a failure (as"
                    + " kind: cluster's checkpoint.storage_write_gb_per_s). Default: 2000 (assumed). --checkpoint-gb-per-s"
                    + " is an alias.")
    Double storageWriteGbPerS;
    @Option(names = "--distribution", paramLabel = "NAME", description = "Failure inter-arrivals: exponential, weibull. Default: exponential.")
    String distribution;
    @Option(names = "--weibull-shape", paramLabel = "K", description = "Weibull shape. Default: 1.")
    Double weibullShape;
    @Option(names = "--detection-seconds", paramLabel = "S", description = "Failure detection, s. Default: " + Recovery.DEFAULT_DETECTION_SECONDS + " (assumed).")
    Double detectionSeconds;
    @Option(names = "--restart-seconds", paramLabel = "S", description = "Restart, s. Default: " + Recovery.DEFAULT_RESTART_SECONDS + " (assumed).")
    Double restartSeconds;
    @Option(names = "--spare-nodes", paramLabel = "N", description = "Hot-spare nodes. Default: " + Recovery.DEFAULT_SPARE_NODES + " (assumed).")
    Integer spareNodes;
    @Option(names = "--repair-hours", paramLabel = "H", description = "Node repair, h. Default: " + Recovery.DEFAULT_REPAIR_HOURS + " (assumed).")
    Double repairHours;
    @Option(names = "--maintenance-interval-hours", paramLabel = "H", description = "Between planned maintenances of the job, h. Default: Llama 3's 47 planned"
            + " interruptions in 54 days on 16,384 GPUs (Dubey et al. 2024, Table 5) as a rate per GPU: 27.57 h on 16,384 GPUs,"
            + " 7,059 h on 64.")
    Double maintenanceIntervalHours;
    @Option(names = "--maintenance-seconds", paramLabel = "S", description = "One planned maintenance, s. Default: " + Recovery.DEFAULT_MAINTENANCE_SECONDS + " (assumed).")
    Double maintenanceSeconds;
    @Option(names = "--deadline-days", paramLabel = "D", description = "Deadline: whether it is met, or the cheapest GPU count that meets it. Default: none.")
    Double deadlineDays;
    @Option(names = "--usd-per-gpu-hour", paramLabel = "P", description = "Price per GPU-hour, USD (then the cost is reported). Default: none (no cost).")
    Double usdPerGpuHour;
    @Option(names = "--watts-per-gpu", paramLabel = "W", description = "Power per GPU, W (then the energy is reported). Default: none (no energy).")
    Double wattsPerGpu;

    @Mixin
    OutputOptions output;

    @Mixin
    OutDirOptions outDir;

    @Spec
    CommandSpec spec;

    /** The parameter record the options fill (the same one a {@code kind: plan} file fills). */
    PlanParameters parameters() {
        ShapeSpec k = model.shape();
        return new PlanParameters(model.params() == null ? null : model.params().doubleValue(), tokens, computeFlops, law,
                k.model(), k.layers(), k.hidden(), k.heads(), k.kvHeads(), k.ffnHidden(), k.ffnMultiplier(), k.gatedMlp(),
                k.untiedEmbeddings(), k.vocab(), preset, model.recipe(), model.flashAttentionGiven(), dropout, reserveGb, gpu, gpus,
                gpusRange, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs, interNodeGbitPerS, interNodeLatencyUs, seq,
                globalBatchTokens, matmulEfficiency, hbmGbPerS, dpOverlap, tp, pp, zero, microBatch, recompute, virtualStages, noFailures,
                replications, checkpointIntervalSeconds, storageWriteGbPerS, distribution, weibullShape, detectionSeconds,
                restartSeconds, spareNodes, repairHours, maintenanceIntervalHours, maintenanceSeconds, deadlineDays,
                usdPerGpuHour, wattsPerGpu, ep, moe.gemmPrecision(), moe.a2aOverlap(), moe.expertLoadImbalance(), k.moe().experts(),
                k.moe().expertsPerToken(), k.moe().sharedExperts(), k.moe().expertFfnHidden(), k.moe().moeLayerFreq(),
                k.moe().firstDenseLayers(), k.moe().capacityFactor());
    }

    @Override
    public Integer call() throws Exception {
        if (seed != null && seed < 0) {
            throw new InvalidParameterException("seed", "must be an integer >= 0", seed);
        }
        PlanParameters p = parameters();
        long s = seed != null ? seed : Seeds.DEFAULT;
        Path out = outDir.outOr("plan");
        // plan.yaml goes to a temporary folder, not into --out (written into --out first, it made every
        // earlier plan page a folder of other files); the page echoes it as parameters.yaml.
        SectionReport report;
        try {
            report = ReportWriter.writeOptions(new PlanSection(), yaml(p, s), out, ProgressBars.get(), Version.current());
        } catch (InvalidParameterException e) {
            // The user gave options, not plan.yaml: a rejection names the option (--layers), not the
            // generated file's line, so the unlocated rule inside is what the command line reports.
            throw e.getCause() instanceof InvalidParameterException inner && !inner.field().isEmpty() ? inner : e;
        }
        // After the plan, so that a rejection stays the one line on stderr. Without a shape the planner
        // picks a dense one (a preset near N, or Llama-3 proportions).
        TransformerShape shape = p.shape();
        MoeStepOptions.warnWithoutEffect(spec.commandLine().getErr(), StepOptions.withoutEffect(shape != null && shape.isMoe(),
                moe.expertLoadImbalance(), moe.a2aOverlap()), shape != null ? shape.key() : "the planner's dense shape");
        spec.commandLine().getErr().println("scalelab: report: " + out.resolve("index.html").toAbsolutePath());
        spec.commandLine().getErr().flush();
        Provenance provenance = PlanProvenance.of((org.scalelab.planner.Plan) report.result(), Provenance.of(spec),
                checkpointIntervalSeconds);
        Output.print(spec.commandLine().getOut(), output.format, report.result(), provenance);
        return 0;
    }

    /** The options as a {@code kind: plan} file: given keys only, snake_case. */
    static String yaml(PlanParameters p, long seed) throws java.io.IOException {
        return OptionsFile.yaml("Written by scalelab plan from its options; `scalelab run` on this file gives the same plan.",
                "plan", "plan", seed, null, p);
    }
}
