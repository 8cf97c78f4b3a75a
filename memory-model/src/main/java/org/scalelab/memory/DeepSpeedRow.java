package org.scalelab.memory;

import org.scalelab.common.Units;

/**
 * One line of DeepSpeed's {@code estimate_zero{2,3}_model_states_mem_needs_all_cold} printout.
 *
 * @param offloadOptimizer {@code offload_optimizer=cpu}
 * @param offloadParams    {@code offload_param=cpu} (ZeRO-3 only; false for ZeRO-2)
 * @param zeroInit         model built under {@code zero.Init} (ZeRO-3 only; false for ZeRO-2)
 * @param gpuBytes         per-GPU bytes, as the estimator's {@code int(...)} returns them
 * @param cpuBytes         per-CPU (per node) bytes, as the estimator's {@code int(...)} returns them
 */
public record DeepSpeedRow(boolean offloadOptimizer, boolean offloadParams, boolean zeroInit, long gpuBytes, long cpuBytes) {

    /** GPU bytes in GiB, the unit DeepSpeed prints (labelled "GB"). */
    public double gpuGib() {
        return gpuBytes / Units.BYTES_PER_GIB;
    }

    /** CPU bytes in GiB, the unit DeepSpeed prints (labelled "GB"). */
    public double cpuGib() {
        return cpuBytes / Units.BYTES_PER_GIB;
    }
}
