package org.scalelab.memory;

import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * DeepSpeed's model-state memory estimators, reproduced operation for operation (including Python's
 * {@code int()} truncation) from {@code deepspeed/runtime/zero/stage_1_and_2.py}
 * ({@code estimate_zero2_model_states_mem_needs}) and {@code stage3.py}
 * ({@code estimate_zero3_model_states_mem_needs}), deepspeedai/DeepSpeed @ edaa722, and the pre-2024
 * ZeRO-2 formula (2021-06-23 until deepspeedai/DeepSpeed#5099
 * "estimate_zero2_model_states_mem_needs: fixing memory estiamtion", 2024-06-04) whose printouts are in
 * {@code docs/code-docs/source/memory.rst}. Model states only: no activations, no buffers. Bytes.
 */
public final class DeepSpeedEstimator {
    /** DeepSpeed's default {@code additional_buffer_factor}. */
    public static final double DEFAULT_BUFFER_FACTOR = 1.5;

    private DeepSpeedEstimator() {}

    /**
     * {@code estimate_zero2_model_states_mem_needs}. With {@code cpuOffload}: GPU 2P, CPU
     * P·max(4g, 16)·abf. Without: GPU 2P + int(18P/g) (current; "2 = params_16bit; 18 = 2 grads16 +
     * 4 grads32 + 4 params32 + 8 m,v") or 4P + int(16P/g) ({@code legacy}), CPU P·4·n·abf.
     * g = nodes·gpusPerNode, n = gpusPerNode, abf = buffer factor. Bytes.
     */
    public static DeepSpeedRow zero2(long totalParams, long gpusPerNode, long nodes, boolean cpuOffload,
                                     double bufferFactor, boolean legacy) {
        validate(totalParams, gpusPerNode, nodes, bufferFactor);
        long totalGpus = nodes * gpusPerNode;
        double cpuMem;
        long gpuMem;
        if (cpuOffload) {
            gpuMem = 2 * totalParams;
            cpuMem = (double) totalParams * Math.max(4 * totalGpus, 16) * bufferFactor;
        } else {
            gpuMem = legacy
                    ? 4 * totalParams + (long) ((double) (16 * totalParams) / totalGpus)
                    : 2 * totalParams + (long) ((double) (18 * totalParams) / totalGpus);
            cpuMem = (double) totalParams * 4 * gpusPerNode * bufferFactor;
        }
        return new DeepSpeedRow(cpuOffload, false, false, gpuMem, (long) cpuMem);
    }

    /**
     * {@code estimate_zero3_model_states_mem_needs}, with the largest layer's 4L bytes (gathered fp16
     * parameters and gradients) on the GPU in every case and f = 1/nodes:
     * <ul>
     * <li>optimizer and params offloaded: GPU 4L; CPU P·18·f·abf ({@code zeroInit}) else P·max(4n, 18f)·abf;</li>
     * <li>optimizer offloaded: GPU 4L + int(2P/g); CPU P·16·f·abf, else P·max(4n, 16f)·abf;</li>
     * <li>no offload: GPU 4L + int(18P/g); CPU L·4·n·abf ({@code zeroInit}) else P·4·n·abf.</li>
     * </ul>
     * Bytes.
     */
    public static DeepSpeedRow zero3(long totalParams, long largestLayerParams, long gpusPerNode, long nodes,
                                     boolean cpuOffload, boolean cpuOffloadParams, boolean zeroInit, double bufferFactor) {
        validate(totalParams, gpusPerNode, nodes, bufferFactor);
        Check.inRange("largest_layer_params", largestLayerParams, 0, TrainingSetup.MAX_PARAMS);
        if (largestLayerParams > totalParams) {
            // a layer is part of the model: a larger one would price a gathered layer the model cannot hold
            throw new org.scalelab.common.InvalidParameterException("largest_layer_params", "must be <= params ("
                    + Check.format(totalParams) + "): the largest layer is part of the model", Check.format(largestLayerParams));
        }
        long totalGpus = nodes * gpusPerNode;
        double gpusFactor = 1.0 / nodes;
        long largestLayerMemory = 4 * largestLayerParams;
        long gpuMem;
        double cpuMem;
        if (cpuOffload) {
            if (cpuOffloadParams) {
                gpuMem = largestLayerMemory;
                cpuMem = zeroInit
                        ? (double) totalParams * 18 * gpusFactor * bufferFactor
                        : totalParams * Math.max(4.0 * gpusPerNode, 18 * gpusFactor) * bufferFactor;
            } else {
                gpuMem = largestLayerMemory + (long) ((double) (2 * totalParams) / totalGpus);
                cpuMem = zeroInit
                        ? (double) totalParams * 16 * gpusFactor * bufferFactor
                        : totalParams * Math.max(4.0 * gpusPerNode, 16 * gpusFactor) * bufferFactor;
            }
        } else {
            gpuMem = largestLayerMemory + (long) ((double) (18 * totalParams) / totalGpus);
            cpuMem = zeroInit
                    ? (double) largestLayerParams * 4 * gpusPerNode * bufferFactor
                    : (double) totalParams * 4 * gpusPerNode * bufferFactor;
        }
        return new DeepSpeedRow(cpuOffload, cpuOffload && cpuOffloadParams, zeroInit, gpuMem, (long) cpuMem);
    }

    /**
     * Every row {@code estimate_zero2_model_states_mem_needs_all_cold} prints, in its order:
     * {@code offload_optimizer=cpu}, then {@code none}.
     */
    public static List<DeepSpeedRow> zero2AllCold(long totalParams, long gpusPerNode, long nodes, double bufferFactor,
                                                  boolean legacy) {
        return List.of(zero2(totalParams, gpusPerNode, nodes, true, bufferFactor, legacy),
                zero2(totalParams, gpusPerNode, nodes, false, bufferFactor, legacy));
    }

    /**
     * Every row {@code estimate_zero3_model_states_mem_needs_all_cold} prints, in its order: offload
     * optimizer ∈ {true, false} × offload params ∈ {true, false} (params only with optimizer) ×
     * zero_init ∈ {true, false}: six rows.
     */
    public static List<DeepSpeedRow> zero3AllCold(long totalParams, long largestLayerParams, long gpusPerNode, long nodes,
                                                  double bufferFactor) {
        List<DeepSpeedRow> rows = new ArrayList<>();
        for (boolean offload : new boolean[] {true, false}) {
            for (boolean offloadParams : new boolean[] {true, false}) {
                if (!offload && offloadParams) {
                    continue;
                }
                for (boolean zeroInit : new boolean[] {true, false}) {
                    rows.add(zero3(totalParams, largestLayerParams, gpusPerNode, nodes, offload, offloadParams, zeroInit,
                            bufferFactor));
                }
            }
        }
        return List.copyOf(rows);
    }

    /** Largest {@code additional_buffer_factor}: 100, far above DeepSpeed's 1.5. */
    public static final double MAX_BUFFER_FACTOR = 100;

    /**
     * The inputs, bounded as everywhere else (parameters ≤ 10¹⁵, GPUs ≤ 2²⁴) and so that no figure
     * exceeds 2⁶³ bytes: the largest, the CPU bytes P·max(4g, 18)·abf, is computed here in doubles.
     */
    private static void validate(long totalParams, long gpusPerNode, long nodes, double bufferFactor) {
        Check.inRange("params", totalParams, 1, TrainingSetup.MAX_PARAMS);
        Check.inRange("gpus_per_node", gpusPerNode, 1, TrainingSetup.MAX_GPUS);
        Check.inRange("nodes", nodes, 1, TrainingSetup.MAX_GPUS / gpusPerNode);
        Check.inHalfOpen("buffer_factor", bufferFactor, 0, MAX_BUFFER_FACTOR);
        double largest = (double) totalParams * Math.max(4.0 * nodes * gpusPerNode, 18) * bufferFactor;
        if (!(largest < 0x1p63)) {
            throw new InvalidParameterException("params", String.format(java.util.Locale.ROOT, "with %d GPUs and buffer factor %s"
                    + " DeepSpeed's CPU estimate would exceed 2^63 bytes", nodes * gpusPerNode, Check.format(bufferFactor)),
                    Check.format(totalParams));
        }
    }
}
