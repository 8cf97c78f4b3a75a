package org.scalelab.cluster.failure;

import org.scalelab.common.Check;

/**
 * One failure process of a job: a named cause striking the whole job with mean time between
 * failures {@code mtbfHours}, inter-arrival times from {@code distribution}.
 *
 * @param name              cause, e.g. "Faulty GPU"
 * @param mtbfHours         mean time between failures of this cause for the whole job (hours)
 * @param distribution      inter-arrival distribution
 * @param weibullShape      Weibull shape k (used when the distribution is Weibull; 1 = exponential)
 * @param needsReplacement  whether the failure takes a node out (hardware), so that a spare is
 *                          needed, as opposed to a software fault fixed by a restart
 */
public record FailureCause(String name, double mtbfHours, FailureDistribution distribution, double weibullShape,
        boolean needsReplacement) {

    public FailureCause {
        Check.present("name", name);
        Check.positive("mtbf_hours", mtbfHours);
        Check.present("distribution", distribution);
        Check.positive("weibull_shape", weibullShape);
    }

    /** An exponential cause. */
    public static FailureCause exponential(String name, double mtbfHours, boolean needsReplacement) {
        return new FailureCause(name, mtbfHours, FailureDistribution.EXPONENTIAL, 1.0, needsReplacement);
    }

    /**
     * The job-level MTBF (hours) implied by {@code count} interruptions observed over
     * {@code observedDays} on {@code observedGpus}, for a job on {@code jobGpus}: failures are
     * assumed to scale with the number of GPUs, so MTBF = 24·days/count × observedGpus/jobGpus.
     */
    public static double mtbfHoursFromCount(double count, double observedDays, double observedGpus, double jobGpus) {
        Check.positive("count", count);
        Check.positive("observed_days", observedDays);
        Check.positive("observed_gpus", observedGpus);
        Check.positive("gpus", jobGpus);
        return 24.0 * observedDays / count * observedGpus / jobGpus;
    }

    /** The same cause with another MTBF (hours). */
    public FailureCause withMtbfHours(double hours) {
        return new FailureCause(name, hours, distribution, weibullShape, needsReplacement);
    }
}
