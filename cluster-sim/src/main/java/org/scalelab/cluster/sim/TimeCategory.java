package org.scalelab.cluster.sim;

/**
 * Where wall-clock time goes. The categories partition the run: their sum equals the wall time
 * (checked at the end of every replication).
 */
public enum TimeCategory {
    /** Compute whose result survived (reached a durable checkpoint or the end of the run). */
    PRODUCTIVE_COMPUTE("productive_compute"),
    /** Exposed communication inside the surviving steps. */
    EXPOSED_COMMUNICATION("exposed_communication"),
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

    /** The snake_case key used in JSON. */
    public String key() {
        return key;
    }
}
