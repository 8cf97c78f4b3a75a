package org.scalelab.reports.memory;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.MeasuredComparison;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scalelab memory}: per-GPU training memory of one setup (when given options), with the
 * {@code deepspeed} and {@code max-model} subcommands.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Per-GPU training memory under ZeRO stages 0-3 with tensor, pipeline and sequence parallelism "
                + "(model states: Rajbhandari et al. 2019; activations: Korthikanti et al. 2022).",
        subcommands = {DeepSpeedCommand.class, MaxModelCommand.class},
        footer = {"", "Examples:", "  scalelab memory --params 7.5e9 --dp 64 --zero 3 --gpu-memory-gb 32 --format json",
            "  scalelab memory --model llama2-70b --dp 32 --tp 8 --pp 4 --zero 1 --seq 4096 --recompute selective --sequence-parallel --gpu h100-sxm"})
public final class MemoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    SetupOptions options;

    @Option(names = {"--measured-file", "--measured"}, paramLabel = "FILE.json",
            description = "JSON file of measured per-GPU bytes {\"peak_bytes\": N, \"steady_bytes\": N} (e.g. torch.cuda.max_memory_allocated()"
                    + " and the allocation after an optimizer step; steady_bytes optional) to print beside the prediction with the"
                    + " relative error. --measured is the same option. Default: none.")
    Path measured;

    @Override
    public Integer call() {
        if (!options.anyModel()) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 0;
        }
        TrainingSetup setup = options.setup(spec.commandLine().getErr());
        GpuSpec gpu = options.gpu();
        MemoryBreakdown m = MemoryModel.estimate(setup);
        MeasuredComparison comparison = null;
        if (measured != null) {
            MeasuredFile file = MeasuredFile.read("--measured-file", measured);
            comparison = MeasuredComparison.of(m, file.peakBytes(), file.steadyBytes());
        }
        Provenance provenance = options.provenance(spec);
        Output.print(spec.commandLine().getOut(), output.format, MemoryResult.of(setup, m, gpu, options.host(), comparison),
                provenance);
        return 0;
    }
}
