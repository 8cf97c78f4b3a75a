package org.scalelab.cluster.params;

import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * A {@code kind: cluster} parameter file: an abstract what-if job ({@code what_if}), one collective
 * ({@code collective}, alone: {@code cluster collective}'s question), one training step (model,
 * training and cluster without {@code days}, {@code failures} and {@code checkpoint}: {@code cluster
 * step}'s question), or a full scenario (model, training, cluster, failures, checkpoint, recovery). Keys are snake_case record components; units
 * are in the names. Missing optional keys get the defaults below. Each block is its own record in
 * this package, named after its key ({@link WhatIf}, {@link Model}, {@link Training}, {@link Cluster},
 * {@link Failures}, {@link Checkpoint}, {@link Recovery}, {@link Published}, {@link Collective}).
 *
 * @param days              wall-clock days simulated (required, except for a collective or a step)
 * @param replications      Monte-Carlo replications by default (demo size; default 100)
 * @param fullReplications  replications with {@code --full} (default 1000)
 * @param intervalFactors   checkpoint intervals swept for the ETTR chart, as multiples of Daly's
 *                          interval (default 0.25, 0.5, 1, 2, 4)
 * @param clusterSizes      GPU counts for the ETTR-vs-cluster-size chart (default: 1/16, 1/4, 1×
 *                          the configured count; failure rates scale with the GPU count)
 * @param published         published figures shown beside ours (optional)
 * @param collective        one collective on its own network, the file's only block (see {@link Collective})
 */
public record ClusterParameters(Double days, Integer replications, Integer fullReplications, WhatIf whatIf, Model model,
        Training training, Cluster cluster, Failures failures, Checkpoint checkpoint, Recovery recovery,
        List<Double> intervalFactors, List<Integer> clusterSizes, Published published, Collective collective) {

    /** Smallest and largest multiple of Daly's interval in the interval sweep. */
    public static final double MIN_INTERVAL_FACTOR = 0.01;
    public static final double MAX_INTERVAL_FACTOR = 100;

    public ClusterParameters {
        if (collective != null) {
            onlyBlock("collective", "a collective file answers one collective's time and bandwidths; put the run in its own"
                    + " file", days, replications,
                    fullReplications, whatIf, model, training, cluster, failures, checkpoint, recovery, intervalFactors,
                    clusterSizes, published);
        } else if (isStep(days, whatIf, model, failures, checkpoint)) {
            onlyBlock("a step file (model, training and cluster without days)", "it answers one step's time; add days, failures"
                    + " and checkpoint to make it a run", null, replications, fullReplications, null, null, null, null,
                    null, null, recovery, intervalFactors, clusterSizes, published);
            Check.present("training", training);
            Check.present("cluster", cluster);
        } else {
            Check.inHalfOpen("days", Check.present("days", days), 0, org.scalelab.cluster.sim.JobModel.MAX_DAYS);
        }
        replications = replications == null ? 100 : replications;
        Check.inRange("replications", replications, 1, org.scalelab.cluster.sim.MonteCarlo.MAX_REPLICATIONS);
        fullReplications = fullReplications == null ? 1000 : fullReplications;
        Check.inRange("full_replications", fullReplications, 1, org.scalelab.cluster.sim.MonteCarlo.MAX_REPLICATIONS);
        intervalFactors = intervalFactors == null ? List.of(0.25, 0.5, 1.0, 2.0, 4.0) : List.copyOf(intervalFactors);
        for (int i = 0; i < intervalFactors.size(); i++) {
            // Multiples of Daly's interval: far outside [0.01, 100] the interval is shorter than a
            // checkpoint or longer than the run, and the sweep says nothing.
            Check.inRange("interval_factors[" + i + "]", Check.present("interval_factors[" + i + "]", intervalFactors.get(i)),
                    MIN_INTERVAL_FACTOR, MAX_INTERVAL_FACTOR);
        }
        clusterSizes = clusterSizes == null ? List.of() : List.copyOf(clusterSizes);
        for (int i = 0; i < clusterSizes.size(); i++) {
            Check.inRange("cluster_sizes[" + i + "]", clusterSizes.get(i), 1, org.scalelab.cluster.collective.Network.MAX_RANKS);
        }
        if (published != null && published.hasNoFigure()) {
            throw new InvalidParameterException("published", "must give at least one figure (interruptions, unexpected, planned, "
                    + "ettr_at_least, step_seconds or mfu) beside its source", "only source");
        }
        if (collective == null && whatIf == null && !isStep(days, whatIf, model, failures, checkpoint)) {
            if (model == null) {
                throw new InvalidParameterException("model", "is required (or describe an abstract job under what_if, or one"
                        + " collective under collective)", "missing");
            }
            Check.present("training", training);
            Check.present("cluster", cluster);
            Check.present("failures", failures);
            Check.present("checkpoint", checkpoint);
            recovery = recovery == null ? new Recovery(null, null, null, null, null, null) : recovery;
        } else if (whatIf != null && collective == null && (model != null || cluster != null)) {
            throw new InvalidParameterException("what_if", "cannot be combined with model and cluster", "both given");
        }
    }

    /** Whether this file describes the abstract what-if job. */
    public boolean isWhatIf() {
        return whatIf != null;
    }

    /** Whether this file asks about one collective ({@code collective:}, the file's only block). */
    public boolean isCollective() {
        return collective != null;
    }

    /** Whether this file asks about one training step (model, training and cluster, no days, failures or checkpoint). */
    public boolean isStep() {
        return collective == null && isStep(days, whatIf, model, failures, checkpoint);
    }

    private static boolean isStep(Double days, WhatIf whatIf, Model model, Failures failures, Checkpoint checkpoint) {
        return days == null && whatIf == null && model != null && failures == null && checkpoint == null;
    }

    /**
     * A collective or step file answers one question: a key of the run (days, replications, the
     * scenario's blocks, what_if) beside it would be silently unused, so it is rejected by name.
     */
    private static void onlyBlock(String file, String why, Object... others) {
        String[] keys = {"days", "replications", "full_replications", "what_if", "model", "training", "cluster", "failures",
            "checkpoint", "recovery", "interval_factors", "cluster_sizes", "published"};
        for (int i = 0; i < keys.length; i++) {
            if (others[i] != null) {
                throw new InvalidParameterException(keys[i], "cannot be combined with " + file + " (" + why + ")", "given");
            }
        }
    }
}
