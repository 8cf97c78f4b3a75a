package org.scalelab.cluster.sim;

/**
 * Where wall-clock time goes. The categories partition the run: their sum equals the wall time
 * (checked at the end of every replication). The first six split the surviving training steps by
 * {@link StepShares}; the timeline draws a working interval with the first.
 */
public enum TimeCategory {
    /**
     * The model's FLOPs inside the surviving steps (reached a durable checkpoint or the end of the
     * run): matrix multiplies and attention of the forward and backward passes.
     */
    PRODUCTIVE_COMPUTE("productive_compute"),
    /** The forward repeated by activation recomputation inside the surviving steps. */
    RECOMPUTE("recompute"),
    /** Memory-bound kernels, the loss and the optimizer update inside the surviving steps. */
    MEMORY_BOUND("memory_bound"),
    /** Exposed communication inside the surviving steps. */
    EXPOSED_COMMUNICATION("exposed_communication"),
    /** The expert-parallel token dispatch and combine not hidden behind compute, inside the surviving steps. */
    ALL_TO_ALL("all_to_all"),
    /** Pipeline fill and drain inside the surviving steps: GPUs idle, not productive. */
    PIPELINE_BUBBLE("pipeline_bubble"),
    /** Training stopped to take a checkpoint. */
    CHECKPOINT("checkpoint"),
    /** Work done since the last durable checkpoint and lost to a failure (plus interrupted checkpoints). */
    LOST("lost"),
    /** A failure not yet detected. */
    DETECTION("detection"),
    /** Restarting and reading the checkpoint back. */
    RESTART("restart"),
    /** Waiting for a spare or a repaired node. */
    WAITING("waiting"),
    /** Planned maintenance. */
    MAINTENANCE("maintenance");

    private final String key;

    TimeCategory(String key) {
        this.key = key;
    }

    /** Whether this category is part of the training steps (counts towards ETTR). */
    public boolean isStep() {
        return ordinal() <= PIPELINE_BUBBLE.ordinal();
    }

    /** The snake_case key used in JSON. */
    public String key() {
        return key;
    }
}
