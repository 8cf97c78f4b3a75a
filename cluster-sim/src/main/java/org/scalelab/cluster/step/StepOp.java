package org.scalelab.cluster.step;

/**
 * One kind of work in the training step, summed over the layers and micro-batches of the busiest
 * pipeline stage of one GPU.
 *
 * @param name     op name, e.g. {@code qkv_projection}, {@code softmax}, {@code optimizer_update}
 * @param kind     which part of the breakdown it belongs to
 * @param seconds  time on the step's critical path (s)
 * @param flops    FLOPs the GPU executes for it (0 for memory-bound work and communication)
 * @param bytes    bytes it moves: through HBM for kernels, over the links for communication
 */
public record StepOp(String name, Kind kind, double seconds, double flops, double bytes) {

    /** The breakdown category of an op. */
    public enum Kind {
        /** Matrix multiplies and attention kernels doing the model's FLOPs. */
        COMPUTE("compute"),
        /** The forward pass repeated by activation recomputation. */
        RECOMPUTE("recompute"),
        /** Element-wise work, norms, the loss, weight casts and the optimizer update: bytes over HBM. */
        MEMORY_BOUND("memory_bound"),
        /** Tensor-parallel, pipeline and data-parallel communication on the critical path. */
        COMMUNICATION("communication"),
        /** The expert-parallel token dispatch and combine (all-to-alls) not hidden behind compute. */
        ALL_TO_ALL("all_to_all"),
        /** Pipeline stages idle while the pipeline fills and drains. */
        BUBBLE("bubble");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The snake_case key used in JSON. */
        public String key() {
            return key;
        }
    }
}
