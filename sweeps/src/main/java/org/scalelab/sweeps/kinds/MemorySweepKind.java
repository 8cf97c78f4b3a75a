package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.params.MemoryParameters;
import org.scalelab.report.params.ParameterFiles;

/**
 * Sweeps over a {@code kind: memory} file: each point is the file's headline setup through the
 * memory model (deterministic, so one evaluation and a zero-width interval). Sizes in GB (1e9 B).
 */
public final class MemorySweepKind extends BaseSweepKind {
    public MemorySweepKind() {
        super("memory", List.of("total_gb", "parameters_gb", "gradients_gb", "optimizer_states_gb", "activations_gb", "buffers_gb",
                "reserve_gb", "cpu_gb", "gpu_memory_gb", "headroom_gb", "fits"), List.of("total_gb", "headroom_gb", "fits"));
    }

    @Override
    public double check(ObjectNode body) {
        MemoryParameters p = ParameterFiles.bind(body, MemoryParameters.class);
        MemoryModel.estimate(p.setup());
        p.gpuSpec();
        return 0;
    }

    @Override
    Point point() {
        return MemorySweepKind::estimate;
    }

    /** One point: the memory model's breakdown of the setup. */
    private static Function<String, Metrics.Value> estimate(ObjectNode body, int replications, long seed) {
        MemoryParameters p = ParameterFiles.bind(body, MemoryParameters.class);
        MemoryBreakdown m = MemoryModel.estimate(p.setup());
        GpuSpec gpu = p.gpuSpec();
        return name -> Metrics.Value.exact(switch (name) {
            case "total_gb" -> m.totalBytes() / 1e9;
            case "parameters_gb" -> m.parametersBytes() / 1e9;
            case "gradients_gb" -> m.gradientsBytes() / 1e9;
            case "optimizer_states_gb" -> m.optimizerStatesBytes() / 1e9;
            case "activations_gb" -> m.activationsBytes() / 1e9;
            case "buffers_gb" -> m.buffersBytes() / 1e9;
            case "reserve_gb" -> m.reserveBytes() / 1e9;
            case "cpu_gb" -> m.cpuBytes() / 1e9;
            case "gpu_memory_gb" -> gpu.memoryBytes() / 1e9;
            case "headroom_gb" -> (gpu.memoryBytes() - m.totalBytes()) / 1e9;
            case "fits" -> MemorySolver.fits(p.setup(), gpu.memoryBytes(), p.host()) ? 1 : 0; // memory's own test
            default -> throw new IllegalArgumentException(name);
        });
    }
}
