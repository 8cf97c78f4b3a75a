package org.scalelab.cluster.step;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * How a job's GPUs are laid out: data × tensor × pipeline parallel degrees on nodes of
 * {@code gpusPerNode}, with the node's links.
 *
 * @param gpus                     GPUs in the job (= dp × tp × pp)
 * @param dp                       data-parallel degree
 * @param tp                       tensor-parallel degree (inside a node: divides gpus_per_node)
 * @param pp                       pipeline-parallel degree
 * @param gpusPerNode              GPUs per node
 * @param nvlinkGbPerS             intra-node bandwidth per GPU (GB/s, 10⁹ bytes/s)
 * @param nvlinkLatencyUs          intra-node per-message latency (µs)
 * @param interNodeGbitPerS        inter-node line rate per GPU NIC (Gbit/s, 10⁹ bits/s)
 * @param interNodeLatencyUs       inter-node per-message latency (µs)
 */
public record ParallelLayout(int gpus, int dp, int tp, int pp, int gpusPerNode, double nvlinkGbPerS,
        double nvlinkLatencyUs, double interNodeGbitPerS, double interNodeLatencyUs) {

    public ParallelLayout {
        Check.atLeastOne("gpus", gpus);
        Check.atLeastOne("dp", dp);
        Check.atLeastOne("tp", tp);
        Check.atLeastOne("pp", pp);
        Check.atLeastOne("gpus_per_node", gpusPerNode);
        Check.divides("tp", tp, "gpus_per_node", gpusPerNode);
        if ((long) dp * tp * pp != gpus) {
            throw new InvalidParameterException("dp", "dp x tp x pp must equal gpus (" + gpus + "); tp " + tp + ", pp " + pp, dp);
        }
        if (gpus > gpusPerNode && gpus % gpusPerNode != 0) {
            throw new InvalidParameterException("gpus", "must be a multiple of gpus_per_node (" + gpusPerNode + ")", gpus);
        }
        Check.positive("nvlink_gb_per_s", nvlinkGbPerS);
        Check.nonNegative("nvlink_latency_us", nvlinkLatencyUs);
        Check.positive("inter_node_gbit_per_s", interNodeGbitPerS);
        Check.nonNegative("inter_node_latency_us", interNodeLatencyUs);
    }

    /**
     * The layout with dp = gpus / (tp·pp) when {@code dp} is null.
     *
     * @throws InvalidParameterException naming {@code tp} or {@code pp} when they do not divide gpus
     */
    public static ParallelLayout of(int gpus, Integer dp, int tp, int pp, int gpusPerNode, double nvlinkGbPerS,
            double nvlinkLatencyUs, double interNodeGbitPerS, double interNodeLatencyUs) {
        Check.atLeastOne("gpus", gpus);
        Check.atLeastOne("tp", tp);
        Check.atLeastOne("pp", pp);
        Check.divides("tp", tp, "gpus", gpus);
        Check.divides("pp", pp, "gpus / tp", gpus / tp);
        int d = dp != null ? dp : gpus / (tp * pp);
        return new ParallelLayout(gpus, d, tp, pp, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs, interNodeGbitPerS,
                interNodeLatencyUs);
    }

    /** The same layout on another number of GPUs (dp scaled; tp and pp kept). */
    public ParallelLayout withGpus(int newGpus) {
        return of(newGpus, null, tp, pp, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs, interNodeGbitPerS, interNodeLatencyUs);
    }

    /** Nodes in the job. */
    public int nodes() {
        return Math.max(1, gpus / gpusPerNode);
    }
}
