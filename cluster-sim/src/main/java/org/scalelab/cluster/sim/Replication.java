package org.scalelab.cluster.sim;

/**
 * The outcome of one simulated run.
 *
 * @param seconds       wall time per {@link TimeCategory} (indexed by ordinal), seconds
 * @param failures      unexpected interruptions per cause (indexed like the job's causes)
 * @param planned       planned interruptions (maintenances)
 * @param events        events the engine processed (including cancelled ones it skipped)
 * @param committedWorkSeconds productive time saved by the first durable checkpoint at or after
 *                      the horizon (s); with {@code committedWallSeconds}, the ratio estimator of ETTR
 * @param committedWallSeconds wall time of that checkpoint (s)
 */
public record Replication(double[] seconds, long[] failures, long planned, long events, double committedWorkSeconds,
        double committedWallSeconds) {

    /** Total wall time (s). */
    public double wallSeconds() {
        double s = 0;
        for (double x : seconds) {
            s += x;
        }
        return s;
    }

    /**
     * Time in surviving training steps (productive compute, recomputation, memory-bound work,
     * exposed communication and pipeline bubble together), seconds.
     */
    public double trainingSeconds() {
        double s = 0;
        for (TimeCategory c : TimeCategory.values()) {
            s += c.isStep() ? seconds[c.ordinal()] : 0;
        }
        return s;
    }

    /** Productive compute only: the time the model's FLOPs ran (s). */
    public double productiveSeconds() {
        return seconds[TimeCategory.PRODUCTIVE_COMPUTE.ordinal()];
    }

    /** Effective training time ratio: time in surviving steps / wall. */
    public double ettr() {
        return trainingSeconds() / wallSeconds();
    }

    /** Unexpected interruptions of all causes. */
    public long unexpected() {
        long n = 0;
        for (long f : failures) {
            n += f;
        }
        return n;
    }
}
