package org.scalelab.sweeps;

import java.io.Serializable;
import java.util.List;

/**
 * What one sweep task computes for one point: the base kind's own domain code, run on a Spark
 * executor. Implementations hold only settings (replications, metric names) and are serialized
 * to the executors with the job.
 */
public interface PointModel extends Serializable {
    /** The metric names, in the order of {@link #evaluate}'s results. */
    List<String> metrics();

    /**
     * Computes one point.
     *
     * @param pointJson the point's parameter file body as JSON (the base with the point's values), already validated
     * @param seed      the point's seed ({@link PointSeeds})
     * @return for each metric in order its mean, the low and the high end of its 95 % interval
     *     (3 values per metric; a deterministic metric has low = high = mean)
     */
    double[] evaluate(String pointJson, long seed);
}
