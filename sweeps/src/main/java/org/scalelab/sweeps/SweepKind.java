package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A parameter-file kind that a sweep can vary: how a point's body is checked on the driver, which
 * metrics the kind reports, and the task that computes a point on an executor.
 */
public interface SweepKind {
    /** The {@code kind:} of the base file. */
    String kind();

    /**
     * Checks a point's body exactly as a file of this kind is checked (the kind's strict parser),
     * plus anything the kind only finds when it sets up the computation (a layout that does not
     * divide the GPUs), without running it.
     *
     * @return the expected work of one replication of the point, in simulated events (0 for a kind
     *     that simulates nothing, or whose point bounds its own work), for the sweep's work bound
     * @throws org.scalelab.common.InvalidParameterException naming the key path in the body
     */
    double check(ObjectNode body);

    /**
     * Replications per point when the sweep file gives none: the base file's own setting, or 1 for a
     * deterministic kind.
     *
     * @throws org.scalelab.common.InvalidParameterException naming the key path of a bad base
     */
    int defaultReplications(ObjectNode base);

    /** Every metric a point can report, in a fixed order. */
    List<String> metrics();

    /** The metrics reported when the sweep file names none. */
    List<String> defaultMetrics();

    /**
     * The task for each point.
     *
     * @param replications Monte-Carlo replications per point (a deterministic kind ignores it)
     * @param metrics      the metrics to report, a subset of {@link #metrics()}
     */
    PointModel model(int replications, List<String> metrics);
}
