package org.scalelab.reports.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.ZeroStage;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalelab memory max-model}: the largest trainable parameter count (ZeRO paper, Table 2). */
@Command(name = "max-model", mixinStandardHelpOptions = true,
        description = "Largest parameter count that fits the GPU memory for a ZeRO stage and DP degree "
                + "(model states only unless a shape is given; Rajbhandari et al. 2019, Table 2).",
        footer = {"", "Example:", "  scalelab memory max-model --gpu-memory-gb 32 --dp 64 --zero 3 --format json"})
public final class MaxModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    SetupOptions options;

    /**
     * @param maxParams       largest parameter count for the chosen stage (0 when nothing fits), parameters
     * @param zero            the chosen stage
     * @param dp              data-parallel degree
     * @param tp              tensor-parallel degree
     * @param pp              pipeline-parallel degree
     * @param gpus            dp·tp·pp
     * @param gpuMemoryBytes  GPU memory, bytes
     * @param preset          bytes-per-parameter preset
     * @param byStage         the same answer for every stage, keyed "0".."3", parameters
     */
    public record Result(long maxParams, int zero, long dp, long tp, long pp, long gpus, long gpuMemoryBytes, String preset,
                         Map<String, Long> byStage) { }

    @Override
    public Integer call() {
        if (options.params == null && options.shape() == null) {
            options.params = 1L; // the solver replaces it; only the layout matters
        }
        TrainingSetup setup = options.setup(spec.commandLine().getErr());
        GpuSpec gpu = options.gpu();
        Map<String, Long> byStage = new LinkedHashMap<>();
        for (ZeroStage stage : ZeroStage.all()) {
            OptionalLong max = MemorySolver.maxParams(setup.toBuilder().stage(stage).build(), gpu.memoryBytes());
            byStage.put(Integer.toString(stage.number()), max.orElse(0));
        }
        Result r = new Result(byStage.get(Integer.toString(setup.stage().number())), setup.stage().number(), setup.dp(),
                setup.tp(), setup.pp(), setup.gpus(), gpu.memoryBytes(), setup.bytesPerParam().name(), byStage);
        Output.print(spec.commandLine().getOut(), output.format, r);
        return 0;
    }
}
