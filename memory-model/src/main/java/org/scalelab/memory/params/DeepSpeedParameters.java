package org.scalelab.memory.params;

import org.scalelab.common.Check;
import org.scalelab.memory.DeepSpeedEstimator;
import org.scalelab.memory.TrainingSetup;

/**
 * The {@code deepspeed:} block of a {@code kind: memory} file: the inputs of DeepSpeed's
 * {@code estimate_zero2_model_states_mem_needs_all_cold} and
 * {@code estimate_zero3_model_states_mem_needs_all_cold} that the rest of the file does not give, with
 * the defaults of {@code scalelab memory deepspeed} (DeepSpeed's own). The total parameter count is
 * the file's {@code params}, else its shape's. {@code gpus_per_node} here is DeepSpeed's
 * {@code num_gpus_per_node}, default 1 as in DeepSpeed; the file's top-level {@code gpus_per_node}
 * (default 8, the GPUs sharing a node's host memory under offload) does not change it.
 *
 * @param largestLayerParams parameters of the largest layer ({@code largest_layer_params}, ZeRO-3; default:
 *                           the shape's largest module, else 0)
 * @param gpusPerNode        GPUs per node ({@code num_gpus_per_node}; default 1)
 * @param nodes              nodes ({@code num_nodes}; default 1)
 * @param legacy             the pre-2024 ZeRO-2 formula (4P + 16P/g GPU bytes) of DeepSpeed's docs (default false)
 * @param bufferFactor       {@code additional_buffer_factor} on CPU bytes (default 1.5)
 */
public record DeepSpeedParameters(Double largestLayerParams, Long gpusPerNode, Long nodes, Boolean legacy, Double bufferFactor) {

    /** Applies DeepSpeed's defaults and validates every key. */
    public DeepSpeedParameters {
        // the estimator's own bounds, checked here so that a bad value names its key in the block
        if (largestLayerParams != null) {
            Check.inRange("largest_layer_params", Check.integral("largest_layer_params", largestLayerParams), 0, TrainingSetup.MAX_PARAMS);
        }
        gpusPerNode = gpusPerNode == null ? 1L : Check.inRange("gpus_per_node", gpusPerNode, 1, TrainingSetup.MAX_GPUS);
        nodes = nodes == null ? 1L : Check.inRange("nodes", nodes, 1, TrainingSetup.MAX_GPUS / gpusPerNode);
        legacy = legacy != null && legacy;
        bufferFactor = bufferFactor == null ? DeepSpeedEstimator.DEFAULT_BUFFER_FACTOR
                : Check.inHalfOpen("buffer_factor", bufferFactor, 0, DeepSpeedEstimator.MAX_BUFFER_FACTOR);
    }
}
