package org.scalelab.cluster.checkpoint;

import org.scalelab.common.Check;

/**
 * How a job checkpoints. Single-stage: training stops while the checkpoint is written to storage,
 * δ = bytes / write bandwidth. Two-stage (MegaScale, NSDI'24 §4; Gemini, SOSP'23): training stops
 * only while each GPU copies its shard to host memory, δ = (bytes / gpus) / host-copy bandwidth,
 * and the host writes to storage in the background; the checkpoint is durable when that write
 * ends, or at once when the host copies are replicated in peers' memory (Gemini). Recovery reads
 * the checkpoint back from storage, or from host memory with in-memory recovery.
 *
 * @param policy              how the interval is chosen
 * @param intervalSeconds     the interval for {@link CheckpointPolicy#FIXED} (s), else null
 * @param checkpointBytes     bytes of one full checkpoint
 * @param storageWriteGbPerS  aggregate storage write bandwidth available to the job (GB/s)
 * @param storageReadGbPerS   aggregate storage read bandwidth available to the job (GB/s)
 * @param twoStage            snapshot to host memory, persist asynchronously
 * @param hostCopyGbPerS      GPU-to-host copy bandwidth per GPU (GB/s), for two-stage snapshots
 * @param inMemoryRecovery    snapshots in host memory survive failures (replicated to peers)
 */
public record CheckpointPlan(CheckpointPolicy policy, Double intervalSeconds, double checkpointBytes,
        double storageWriteGbPerS, double storageReadGbPerS, boolean twoStage, double hostCopyGbPerS,
        boolean inMemoryRecovery) {

    public CheckpointPlan {
        Check.present("policy", policy);
        if (policy == CheckpointPolicy.FIXED) {
            Check.positive("interval_seconds", Check.present("interval_seconds", intervalSeconds));
        }
        Check.positive("checkpoint_bytes", checkpointBytes);
        Check.positive("storage_write_gb_per_s", storageWriteGbPerS);
        Check.positive("storage_read_gb_per_s", storageReadGbPerS);
        Check.positive("host_copy_gb_per_s", hostCopyGbPerS);
    }

    /** Time training stops per checkpoint (s). */
    public double stallSeconds(int gpus) {
        return twoStage ? checkpointBytes / gpus / (hostCopyGbPerS * 1e9) : persistWriteSeconds();
    }

    /** Background persistence after a two-stage snapshot (s); 0 for single-stage. */
    public double persistSeconds() {
        return twoStage ? persistWriteSeconds() : 0;
    }

    /** Time to read the checkpoint back on restart (s). */
    public double recoveryReadSeconds(int gpus) {
        if (twoStage && inMemoryRecovery) {
            return checkpointBytes / gpus / (hostCopyGbPerS * 1e9);
        }
        return checkpointBytes / (storageReadGbPerS * 1e9);
    }

    private double persistWriteSeconds() {
        return checkpointBytes / (storageWriteGbPerS * 1e9);
    }
}
