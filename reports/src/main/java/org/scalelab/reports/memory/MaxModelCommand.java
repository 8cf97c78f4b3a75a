package org.scalelab.reports.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.HostMemory;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.ZeroStage;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalelab memory max-model}: the largest trainable parameter count (ZeRO paper, Table 2). */
@Command(name = "max-model", mixinStandardHelpOptions = true,
        description = "Largest parameter count that fits the GPU memory for a ZeRO stage and DP degree "
                + "(model states only unless a shape is given; Rajbhandari et al. 2019, Table 2). With offload the host memory "
                + "per node (--cpu-memory-gb over --gpus-per-node) bounds it too; under ZeRO-3 the GPU keeps the gathered largest layer.",
        footer = {"", "Example:", "  scalelab memory max-model --gpu-memory-gb 32 --dp 64 --zero 3 --format json",
            "  scalelab memory max-model --zero 3 --offload optimizer-and-params --gpu-memory-gb 32"})
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
     * @param byStage         the same answer for every stage, keyed "0".."3", parameters (parameter offload
     *                        applies at stage 3 only; the other stages keep optimizer offload)
     * @param boundBy         what limits the chosen stage's answer: gpu_memory or host_memory
     * @param cpuMemoryBytes  host memory per node, bytes
     * @param gpusPerNode     GPUs sharing it
     * @param largestLayerRule how the gathered layer follows from the parameter count under ZeRO-3 (null when a shape gives it)
     */
    public record Result(long maxParams, int zero, long dp, long tp, long pp, long gpus, long gpuMemoryBytes, String preset,
                         Map<String, Long> byStage, String boundBy, long cpuMemoryBytes, long gpusPerNode,
                         String largestLayerRule) { }

    @Override
    public Integer call() {
        if (options.params() != null) {
            // max-model finds the parameter count; a given one would be silently replaced
            throw new InvalidParameterException("params", "is the answer of max-model, not an input; leave --params out",
                    Check.format(options.params()));
        }
        // Without a shape the solver replaces the parameter count; only the layout matters.
        TrainingSetup setup = options.setup(spec.commandLine().getErr(), options.shape() == null ? Long.valueOf(1L) : null);
        GpuSpec gpu = options.gpu();
        HostMemory host = options.host();
        Map<String, Long> byStage = new LinkedHashMap<>();
        for (ZeroStage stage : ZeroStage.all()) {
            if (setup.recipe() == Recipe.MEGATRON_BF16_DISTOPT && stage != ZeroStage.STAGE_0) {
                continue;
            }
            TrainingSetup s = setup.atStage(stage);
            byStage.put(Integer.toString(stage.number()), MemorySolver.maxParams(s, gpu.memoryBytes(), host).orElse(0));
        }
        long max = byStage.get(Integer.toString(setup.stage().number()));
        long gpuOnly = MemorySolver.maxParams(setup, gpu.memoryBytes()).orElse(0);
        String boundBy = gpuOnly <= max ? "gpu_memory" : "host_memory";
        String rule = setup.shape() == null && setup.stage() == ZeroStage.STAGE_3
                ? "largest layer = max(4h^2 + 4h, 50257 h) with h = (128 params / 12)^(1/3): a GPT-3-style stack of width"
                        + " 128 x depth (Brown et al. 2020, Table 2.1); the GPU holds 4 bytes per parameter of it"
                        + " (DeepSpeed estimate_zero3_model_states_mem_needs)"
                : null;
        Result r = new Result(max, setup.stage().number(), setup.dp(), setup.tp(), setup.pp(), setup.gpus(),
                gpu.memoryBytes(), setup.stateBytes().key(), byStage, boundBy, Math.round(host.bytesPerNode()),
                host.gpusPerNode(), rule);
        Provenance provenance = options.provenance(spec);
        Output.print(spec.commandLine().getOut(), output.format, r, provenance);
        return 0;
    }
}
