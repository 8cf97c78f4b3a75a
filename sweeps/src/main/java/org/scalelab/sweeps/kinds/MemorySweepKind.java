package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.params.MemoryParameters;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.sweeps.PointModel;
import org.scalelab.sweeps.SweepKind;

/**
 * Sweeps over a {@code kind: memory} file: each point is the file's headline setup through the
 * memory model (deterministic, so one evaluation and a zero-width interval). Sizes in GB (1e9 B).
 */
public final class MemorySweepKind implements SweepKind {
    private static final List<String> METRICS = List.of("total_gb", "parameters_gb", "gradients_gb", "optimizer_states_gb",
            "activations_gb", "buffers_gb", "reserve_gb", "cpu_gb", "gpu_memory_gb", "headroom_gb", "fits");

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public double check(ObjectNode body) {
        MemoryParameters p = ParameterFiles.bind(body, MemoryParameters.class);
        MemoryModel.estimate(p.setup());
        p.gpuSpec();
        return 0;
    }

    @Override
    public int defaultReplications(ObjectNode base) {
        return 1;
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<String> defaultMetrics() {
        return List.of("total_gb", "headroom_gb", "fits");
    }

    @Override
    public PointModel model(int replications, List<String> metrics) {
        return new Model(List.copyOf(metrics));
    }

    /** One point: the memory model's breakdown of the setup. */
    record Model(List<String> metrics) implements PointModel {
        @Override
        public double[] evaluate(String pointJson, long seed) {
            MemoryParameters p = ParameterFiles.bind(Json.object(pointJson), MemoryParameters.class);
            MemoryBreakdown m = MemoryModel.estimate(p.setup());
            GpuSpec gpu = p.gpuSpec();
            return Metrics.pack(metrics, name -> Metrics.Value.exact(switch (name) {
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
                case "fits" -> m.fits(gpu.memoryBytes()) ? 1 : 0;
                default -> throw new IllegalArgumentException(name);
            }));
        }
    }
}
