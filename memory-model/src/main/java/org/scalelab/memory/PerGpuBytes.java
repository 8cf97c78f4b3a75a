package org.scalelab.memory;

/**
 * A {@link MemoryBreakdown}'s GPU lines rounded to whole bytes, as the memory command and the
 * planner print them; {@code total} is the sum of the rounded lines, so a printed table adds up.
 *
 * <p>A line beyond {@link Long#MAX_VALUE} bytes (9.2 EB: a 405B model at a 16M-token sequence) is
 * clamped to {@code Long.MAX_VALUE}, and the total saturates there instead of wrapping negative, so a
 * saturated total is never smaller than any GPU's memory and never "fits". {@code saturated} says so
 * beside the numbers (a JSON or CSV reader sees {@code per_gpu_bytes.saturated: true}): the total, and
 * any line at {@code Long.MAX_VALUE}, is then a lower bound, not the value.
 *
 * @param parameters         parameters on the GPU, bytes
 * @param gradients          gradients on the GPU, bytes
 * @param optimizerStates    optimizer states on the GPU, bytes
 * @param gatheredParameters ZeRO-3 parameters gathered for compute, bytes
 * @param activations        activations at the peak, bytes
 * @param buffers            communication buffers, bytes
 * @param reserve            CUDA context / allocator reserve, bytes
 * @param total              the sum of the lines above, bytes; a lower bound when {@code saturated}
 * @param saturated          whether the total reached {@link Long#MAX_VALUE}: the true total is at least
 *                           that, not exactly it
 */
public record PerGpuBytes(long parameters, long gradients, long optimizerStates, long gatheredParameters,
        long activations, long buffers, long reserve, long total, boolean saturated) {

    /**
     * Checks that the flag matches the total.
     *
     * @throws IllegalArgumentException when {@code saturated} disagrees with {@code total == Long.MAX_VALUE}
     */
    public PerGpuBytes {
        if (saturated != (total == Long.MAX_VALUE)) {
            throw new IllegalArgumentException("saturated must be total == Long.MAX_VALUE, was " + saturated + " for total " + total);
        }
    }

    /** The lines and their total; {@code saturated} follows from the total. */
    public PerGpuBytes(long parameters, long gradients, long optimizerStates, long gatheredParameters,
            long activations, long buffers, long reserve, long total) {
        this(parameters, gradients, optimizerStates, gatheredParameters, activations, buffers, reserve, total,
                total == Long.MAX_VALUE);
    }

    /** The lines of {@code m}, each rounded to the nearest byte. */
    public static PerGpuBytes of(MemoryBreakdown m) {
        long p = Math.round(m.parametersBytes());
        long g = Math.round(m.gradientsBytes());
        long o = Math.round(m.optimizerStatesBytes());
        long z = Math.round(m.gatheredBytes());
        long a = Math.round(m.activationsBytes());
        long b = Math.round(m.buffersBytes());
        long r = Math.round(m.reserveBytes());
        long total = 0;
        for (long line : new long[] {p, g, o, z, a, b, r}) {
            total = saturatingAdd(total, line);
        }
        return new PerGpuBytes(p, g, o, z, a, b, r, total);
    }

    /** {@code x + y} for non-negative byte counts, clamped at {@link Long#MAX_VALUE} instead of wrapping. */
    private static long saturatingAdd(long x, long y) {
        long s = x + y;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
