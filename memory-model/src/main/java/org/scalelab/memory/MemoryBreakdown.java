package org.scalelab.memory;

/**
 * Predicted memory of the most loaded GPU, one line per component, and what offload puts in CPU memory.
 *
 * @param parametersBytes      parameters on the GPU, bytes
 * @param gradientsBytes       gradients on the GPU, bytes
 * @param optimizerStatesBytes optimizer states on the GPU, bytes
 * @param gatheredBytes        ZeRO-3 parameters gathered for compute (largest layer's 16-bit parameters and gradients), bytes
 * @param activationsBytes     activations at the peak (first pipeline stage), bytes
 * @param buffersBytes         communication buffers (0 when not counted), bytes
 * @param reserveBytes         CUDA context / allocator reserve, bytes
 * @param cpuBytes             model states offloaded to CPU memory per GPU, bytes
 * @param moe                  the mixture-of-experts split of these totals, or null for a dense model
 */
public record MemoryBreakdown(double parametersBytes, double gradientsBytes, double optimizerStatesBytes,
                              double gatheredBytes, double activationsBytes, double buffersBytes, double reserveBytes, double cpuBytes,
                              MoeMemory moe) {

    /** A dense model's breakdown (no mixture-of-experts split). */
    public MemoryBreakdown(double parametersBytes, double gradientsBytes, double optimizerStatesBytes, double gatheredBytes,
                           double activationsBytes, double buffersBytes, double reserveBytes, double cpuBytes) {
        this(parametersBytes, gradientsBytes, optimizerStatesBytes, gatheredBytes, activationsBytes, buffersBytes, reserveBytes,
                cpuBytes, null);
    }

    /** Every line is a finite, non-negative byte count (inputs are bounded; this guards the arithmetic). */
    public MemoryBreakdown {
        double[] lines = {parametersBytes, gradientsBytes, optimizerStatesBytes, gatheredBytes, activationsBytes, buffersBytes,
            reserveBytes, cpuBytes};
        for (double b : lines) {
            if (!(b >= 0) || Double.isInfinite(b)) {
                throw new ArithmeticException("per-GPU memory arithmetic gave " + b + " bytes");
            }
        }
    }

    /** Model states on the GPU (parameters + gradients + optimizer states), bytes. */
    public double modelStatesBytes() {
        return parametersBytes + gradientsBytes + optimizerStatesBytes;
    }

    /** Everything on the GPU, bytes. */
    public double totalBytes() {
        return modelStatesBytes() + gatheredBytes + activationsBytes + buffersBytes + reserveBytes;
    }

    /** Whether the total fits in {@code gpuMemoryBytes}. */
    public boolean fits(long gpuMemoryBytes) {
        return totalBytes() <= gpuMemoryBytes;
    }
}
