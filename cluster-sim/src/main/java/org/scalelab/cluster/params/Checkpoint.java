package org.scalelab.cluster.params;

import org.scalelab.common.Check;

/** The {@code checkpoint:} block of a {@code kind: cluster} file: checkpoint policy, size and bandwidths. */
public record Checkpoint(String policy, Double intervalSeconds, String bytesPerParam, Double checkpointGb,
        Double storageWriteGbPerS, Double storageReadGbPerS, Boolean twoStage, Double hostCopyGbPerS,
        Boolean inMemoryRecovery) {
    public Checkpoint {
        policy = policy == null ? "daly" : policy;
        if (org.scalelab.cluster.checkpoint.CheckpointPolicy.byName("policy", policy)
                == org.scalelab.cluster.checkpoint.CheckpointPolicy.FIXED) {
            Check.positive("interval_seconds", Check.present("interval_seconds", intervalSeconds));
        } else if (intervalSeconds != null) {
            // young and daly pick the interval: a given one would be ignored without a word.
            throw new org.scalelab.common.InvalidParameterException("interval_seconds", "cannot be combined with policy: "
                    + policy + " (which picks the interval); give policy: fixed, or drop interval_seconds", Check.format(intervalSeconds));
        }
        bytesPerParam = bytesPerParam == null ? "zero-paper" : bytesPerParam;
        Check.positive("storage_write_gb_per_s", Check.present("storage_write_gb_per_s", storageWriteGbPerS));
        storageReadGbPerS = storageReadGbPerS == null ? storageWriteGbPerS : storageReadGbPerS;
        Check.positive("storage_read_gb_per_s", storageReadGbPerS);
        twoStage = twoStage != null && twoStage;
        hostCopyGbPerS = hostCopyGbPerS == null ? 25.0 : hostCopyGbPerS;
        Check.positive("host_copy_gb_per_s", hostCopyGbPerS);
        inMemoryRecovery = inMemoryRecovery != null && inMemoryRecovery;
    }
}
