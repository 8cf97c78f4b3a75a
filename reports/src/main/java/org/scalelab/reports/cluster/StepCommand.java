package org.scalelab.reports.cluster;

import java.util.concurrent.Callable;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.cluster.step.StepBreakdown;
import org.scalelab.cluster.step.StepModel;
import org.scalelab.cluster.step.StepResult;
import org.scalelab.cluster.step.StepSpec;
import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab cluster step}: the modelled training step, its breakdown and MFU. */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = "Time of one training step under DP x TP x PP with its breakdown and the MFU it implies"
                + " (MFU is an output). Give --measured-step-seconds to see the model's relative error.",
        footer = {"", "Example:", "  scalelab cluster step --model gpt3-175b --seq 2048 --micro-batch 1 --grad-accum 32"
                + " --gpu a100-80gb --gpus 12288 --tp 8 --pp 8 --format json"})
public final class StepCommand implements Callable<Integer> {
    @Option(names = "--params", paramLabel = "N", description = "Parameter count (default: the shape's own count).")
    Long params;

    @Option(names = "--model", paramLabel = "NAME", description = "Model preset (memory-model's shapes, e.g. gpt3-175b, llama3-405b).")
    String model;

    @Option(names = "--layers", paramLabel = "L", description = "Transformer layers (with --hidden and --heads instead of --model).")
    Integer layers;

    @Option(names = "--hidden", paramLabel = "H", description = "Model width.")
    Integer hidden;

    @Option(names = "--heads", paramLabel = "A", description = "Attention heads.")
    Integer heads;

    @Option(names = "--vocab", defaultValue = "50257", paramLabel = "V",
            description = "Vocabulary size for a custom shape. Default: ${DEFAULT-VALUE} (GPT-2 BPE).")
    int vocab;

    @Option(names = "--seq", required = true, paramLabel = "S", description = "Sequence length, tokens.")
    int seq;

    @Option(names = "--micro-batch", required = true, paramLabel = "B", description = "Sequences per micro-batch.")
    int microBatch;

    @Option(names = "--grad-accum", defaultValue = "1", paramLabel = "K",
            description = "Micro-batches per step per pipeline (gradient accumulation). Default: ${DEFAULT-VALUE}.")
    int gradAccum;

    @Option(names = "--gpu", defaultValue = "h100-sxm", paramLabel = "NAME",
            description = "GPU preset (a100-40gb, a100-80gb, h100-sxm, h100-pcie, h200). Default: ${DEFAULT-VALUE}.")
    String gpu;

    @Option(names = "--peak-tflops", paramLabel = "F",
            description = "Custom GPU: dense BF16 peak in TFLOP/s (10^12 FLOP/s), replacing the preset's.")
    Double peakTflops;

    @Option(names = "--hbm-gb-per-s", paramLabel = "B",
            description = "Custom GPU: HBM bandwidth in GB/s, replacing the preset's.")
    Double hbmGbPerS;

    @Option(names = "--gpus", required = true, paramLabel = "G", description = "GPUs in the job.")
    int gpus;

    @Option(names = "--dp", paramLabel = "D", description = "Data-parallel degree (default: gpus / (tp x pp)).")
    Integer dp;

    @Option(names = "--tp", defaultValue = "1", paramLabel = "T", description = "Tensor-parallel degree. Default: ${DEFAULT-VALUE}.")
    int tp;

    @Option(names = "--pp", defaultValue = "1", paramLabel = "P", description = "Pipeline-parallel degree. Default: ${DEFAULT-VALUE}.")
    int pp;

    @Option(names = "--zero", defaultValue = "0", paramLabel = "Z", description = "ZeRO stage 0-3. Default: ${DEFAULT-VALUE}.")
    int zero;

    @Option(names = "--recompute", defaultValue = "none", paramLabel = "none|selective|full",
            description = "Activation recomputation. Default: ${DEFAULT-VALUE}.")
    String recompute;

    @Option(names = "--matmul-efficiency", defaultValue = "" + StepSpec.DEFAULT_MATMUL_EFFICIENCY, paramLabel = "E",
            description = "Achieved / peak dense BF16 FLOP/s of the matrix multiplies, in (0, 1]. Default: ${DEFAULT-VALUE}"
                    + " (assumed: ~790-800 of 989.5 TFLOP/s on H100 SXM as quoted in ScaleLab issue 5; measure yours).")
    double matmulEfficiency;

    @Option(names = "--matmul-efficiency-from", paramLabel = "FILE",
            description = "Take the matmul efficiency from a 'scalelab kernels run --format json' result: best GFLOP/s over the"
                    + " GPU's FP32 peak (replaces --matmul-efficiency).")
    java.nio.file.Path matmulEfficiencyFrom;

    @Option(names = "--matmul-kernel", paramLabel = "NAME", description = "With --matmul-efficiency-from: only rows of this kernel.")
    String matmulKernel;

    @Option(names = "--matmul-efficiency-source", paramLabel = "TEXT",
            description = "Where --matmul-efficiency comes from (printed with the result).")
    String matmulEfficiencySource;

    @Option(names = "--dp-overlap", defaultValue = "0", paramLabel = "F",
            description = "Fraction of data-parallel communication hidden behind backward, in [0, 1]. Default: ${DEFAULT-VALUE}.")
    double dpOverlap;

    @Option(names = "--virtual-stages", defaultValue = "1", paramLabel = "V",
            description = "Model chunks per pipeline stage (interleaved 1F1B; bubble (p-1)/(v m)). Default: ${DEFAULT-VALUE}.")
    int virtualStages;

    @Option(names = "--gpus-per-node", defaultValue = "8", paramLabel = "N", description = "GPUs per node. Default: ${DEFAULT-VALUE}.")
    int gpusPerNode;

    @Option(names = "--nvlink-gb-per-s", defaultValue = "450", paramLabel = "B",
            description = "NVLink bandwidth per GPU, GB/s. Default: ${DEFAULT-VALUE} (NVLink 4 per-GPU egress, H100).")
    double nvlinkGbPerS;

    @Option(names = "--nvlink-latency-us", defaultValue = "3", paramLabel = "A",
            description = "NVLink latency per message, microseconds. Default: ${DEFAULT-VALUE} (assumed).")
    double nvlinkLatencyUs;

    @Option(names = "--inter-node-gbit-per-s", defaultValue = "400", paramLabel = "R",
            description = "Inter-node line rate per GPU NIC, Gbit/s. Default: ${DEFAULT-VALUE} (DGX H100: 8 x 400 Gbit/s NDR).")
    double interNodeGbitPerS;

    @Option(names = "--inter-node-latency-us", defaultValue = "10", paramLabel = "A2",
            description = "Inter-node latency per message, microseconds. Default: ${DEFAULT-VALUE} (assumed).")
    double interNodeLatencyUs;

    @Option(names = "--measured-step-seconds", paramLabel = "X",
            description = "A measured step time, seconds: the output then carries the model's relative error.")
    Double measuredStepSeconds;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /**
     * The result printed by the command.
     *
     * @param relativeError (model − measured) / measured, or null without a measurement
     */
    public record Result(double stepSeconds, double tokensPerSecond, double mfu, StepBreakdown breakdown,
            Double measuredStepSeconds, Double relativeError, long params, double tokensPerStep, int dp, int tp, int pp,
            String gpu, double matmulEfficiency, String matmulEfficiencySource) { }

    @Override
    public Integer call() {
        TransformerShape shape = shape(model, layers, hidden, heads, vocab);
        ParallelLayout layout = ParallelLayout.of(gpus, dp, tp, pp, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs,
                interNodeGbitPerS, interNodeLatencyUs);
        GpuSpec g = customGpu(GpuSpec.byName(gpu), peakTflops, hbmGbPerS);
        double efficiency = matmulEfficiency;
        String source = matmulEfficiencySource != null ? matmulEfficiencySource
                : matmulEfficiency == StepSpec.DEFAULT_MATMUL_EFFICIENCY ? StepSpec.DEFAULT_MATMUL_EFFICIENCY_SOURCE : "user input";
        if (matmulEfficiencyFrom != null) {
            KernelsEfficiency.Efficiency e = KernelsEfficiency.read(matmulEfficiencyFrom, matmulKernel, g);
            efficiency = e.value();
            source = e.source();
        }
        StepSpec s = new StepSpec(shape, params != null ? params : shape.paramCount(), seq, microBatch, gradAccum,
                g, efficiency, source, layout, ZeroStage.of(zero), Recompute.byName(recompute), dpOverlap, virtualStages);
        StepResult r = StepModel.compute(s);
        Double error = null;
        if (measuredStepSeconds != null) {
            Check.positive("measured_step_seconds", measuredStepSeconds);
            error = (r.stepSeconds() - measuredStepSeconds) / measuredStepSeconds;
        }
        Output.print(spec.commandLine().getOut(), output.format, new Result(r.stepSeconds(), r.tokensPerSecond(), r.mfu(),
                r.breakdown(), measuredStepSeconds, error, s.paramCount(), r.tokensPerStep(), layout.dp(), tp, pp,
                s.gpu().name(), efficiency, source));
        return 0;
    }

    /** The preset with its peak or HBM bandwidth replaced where given (a custom GPU). */
    static GpuSpec customGpu(GpuSpec preset, Double peakTflops, Double hbmGbPerS) {
        if (peakTflops == null && hbmGbPerS == null) {
            return preset;
        }
        double peak = peakTflops == null ? preset.bf16DenseFlopsPerSecond() : Check.positive("peak_tflops", peakTflops) * 1e12;
        double hbm = hbmGbPerS == null ? preset.hbmBandwidthBytesPerSecond() : Check.positive("hbm_gb_per_s", hbmGbPerS) * 1e9;
        return preset.withRates(preset.name() + "-custom", peak, hbm);
    }

    /** The shape from a preset name or from layers/hidden/heads (GPT-style). */
    static TransformerShape shape(String model, Integer layers, Integer hidden, Integer heads, int vocab) {
        if (model != null) {
            if (layers != null || hidden != null || heads != null) {
                throw new InvalidParameterException("give either --model or --layers/--hidden/--heads, not both");
            }
            return TransformerShape.preset(model);
        }
        if (layers == null || hidden == null || heads == null) {
            throw new InvalidParameterException("give --model NAME or all of --layers, --hidden and --heads");
        }
        return TransformerShape.gpt("custom", layers, hidden, heads, vocab);
    }
}
