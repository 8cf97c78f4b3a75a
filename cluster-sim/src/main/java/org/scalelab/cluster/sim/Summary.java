package org.scalelab.cluster.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Means and 95 % intervals over replications of every metric of a job.
 *
 * @param replications          number of replications
 * @param ettr                  effective training time ratio, long-run: committed work over wall
 *                              time up to the first durable checkpoint after the horizon, summed
 *                              over replications (ratio estimator, delta-method interval)
 * @param wallSeconds           wall time (s)
 * @param trainingSeconds       time in surviving training steps (s)
 * @param productiveSeconds     productive compute only: the model's FLOPs (s)
 * @param secondsByCategory     time per {@link TimeCategory} key (s)
 * @param total                 interruptions of all kinds
 * @param unexpected            unexpected interruptions (failures)
 * @param planned               planned interruptions (maintenances)
 * @param byCause               failures per cause name
 * @param eventsTotal           events processed over all replications
 */
public record Summary(int replications, Estimate ettr, Estimate wallSeconds, Estimate trainingSeconds,
        Estimate productiveSeconds,
        Map<String, Estimate> secondsByCategory, Estimate total, Estimate unexpected, Estimate planned,
        Map<String, Estimate> byCause, long eventsTotal) {

    /** Summarises {@code reps} of {@code job}. */
    public static Summary of(JobModel job, List<Replication> reps) {
        Map<String, Estimate> byCategory = new LinkedHashMap<>();
        for (TimeCategory c : TimeCategory.values()) {
            byCategory.put(c.key(), of(reps, r -> r.seconds()[c.ordinal()]));
        }
        Map<String, Estimate> byCause = new LinkedHashMap<>();
        for (int i = 0; i < job.causes().size(); i++) {
            int cause = i;
            byCause.put(job.causes().get(i).name(), of(reps, r -> r.failures()[cause]));
        }
        long events = reps.stream().mapToLong(Replication::events).sum();
        Estimate ettr = Estimate.ratio(reps.stream().mapToDouble(Replication::committedWorkSeconds).toArray(),
                reps.stream().mapToDouble(Replication::committedWallSeconds).toArray());
        return new Summary(reps.size(), ettr, of(reps, Replication::wallSeconds),
                of(reps, Replication::trainingSeconds), of(reps, Replication::productiveSeconds), byCategory,
                of(reps, r -> r.unexpected() + r.planned()), of(reps, Replication::unexpected),
                of(reps, r -> r.planned()), byCause, events);
    }

    private static Estimate of(List<Replication> reps, ToDoubleFunction<Replication> metric) {
        return Estimate.of(reps.stream().mapToDouble(metric).toArray());
    }
}
