package org.scalelab.reports.memory;

import java.util.OptionalLong;
import org.scalelab.memory.GpuSpec;
import org.scalelab.memory.MeasuredComparison;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.TrainingSetup;

/**
 * What {@code scalelab memory} prints: per-GPU bytes by component (integers), the GPU's memory,
 * whether it fits, CPU bytes under offload, and the solvers' answers for this setup.
 *
 * @param perGpuBytes     per-GPU bytes by component
 * @param gpuMemoryBytes  the GPU's memory as the driver reports it, bytes
 * @param fits            total ≤ GPU memory
 * @param cpuBytes        model states offloaded to CPU per GPU, bytes
 * @param paramCount      Ψ, parameters
 * @param zero            ZeRO stage
 * @param gpus            dp·tp·pp
 * @param preset          bytes-per-parameter preset
 * @param gpu             GPU preset name (or "custom")
 * @param maxMicroBatch   largest micro-batch that fits (null without a shape or when none fits), sequences
 * @param minDp           smallest data-parallel degree that fits (null if none up to 2^24)
 * @param minGpus         minDp·tp·pp (null if none)
 * @param measured        prediction beside measurement (null without --measured)
 */
public record MemoryResult(PerGpuBytes perGpuBytes, long gpuMemoryBytes, boolean fits, long cpuBytes, long paramCount,
                           int zero, long gpus, String preset, String gpu, Long maxMicroBatch, Long minDp, Long minGpus,
                           Measured measured) {

    /** Per-GPU bytes, rounded to whole bytes; {@code total} is the sum of the rounded lines. */
    public record PerGpuBytes(long parameters, long gradients, long optimizerStates, long activations, long buffers,
                              long reserve, long total) {
        static PerGpuBytes of(MemoryBreakdown m) {
            long p = Math.round(m.parametersBytes());
            long g = Math.round(m.gradientsBytes());
            long o = Math.round(m.optimizerStatesBytes());
            long a = Math.round(m.activationsBytes());
            long b = Math.round(m.buffersBytes());
            long r = Math.round(m.reserveBytes());
            return new PerGpuBytes(p, g, o, a, b, r, p + g + o + a + b + r);
        }
    }

    /** Prediction vs measurement; relative errors are (predicted − measured)/measured. */
    public record Measured(long peakBytes, long predictedPeakBytes, double peakRelativeError, Long steadyBytes,
                           long predictedSteadyBytes, Double steadyRelativeError) {
        static Measured of(MeasuredComparison c) {
            boolean steady = !Double.isNaN(c.measuredSteadyBytes());
            return new Measured(Math.round(c.measuredPeakBytes()), Math.round(c.predictedPeakBytes()), c.peakRelativeError(),
                    steady ? Math.round(c.measuredSteadyBytes()) : null, Math.round(c.predictedSteadyBytes()),
                    steady ? c.steadyRelativeError() : null);
        }
    }

    /** Computes the result for a setup on a GPU, with an optional measurement. */
    static MemoryResult of(TrainingSetup setup, MemoryBreakdown m, GpuSpec gpu, MeasuredComparison measured) {
        PerGpuBytes bytes = PerGpuBytes.of(m);
        Long maxMicro = setup.shape() == null ? null : boxed(MemorySolver.maxMicroBatch(setup, gpu.memoryBytes()));
        Long minDp = boxed(MemorySolver.minDataParallel(setup, gpu.memoryBytes()));
        return new MemoryResult(bytes, gpu.memoryBytes(), bytes.total() <= gpu.memoryBytes(), Math.round(m.cpuBytes()),
                setup.paramCount(), setup.stage().number(), setup.gpus(), setup.bytesPerParam().name(), gpu.name(),
                maxMicro, minDp, minDp == null ? null : minDp * setup.tp() * setup.pp(),
                measured == null ? null : Measured.of(measured));
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
